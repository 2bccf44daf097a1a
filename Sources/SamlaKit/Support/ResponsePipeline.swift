import Foundation

/// Reads and prepares responses on a second thread while the calling thread writes them: an export
/// decodes the store (and guesses languages, codes themes) while libxlsxwriter writes XML, an
/// import parses, decodes and encodes rows while SQLite inserts them. On two cores either then
/// takes about as long as its slower half.
///
/// Items travel in batches through a small bounded buffer, so memory stays flat whatever the
/// store holds. An error on either side stops both: a failing producer is rethrown to the
/// caller, and a failing consumer makes the producer's next hand-off throw.
enum ResponsePipeline {
    static let batchSize = 256
    static let depth = 8

    /// Runs `produce` on a new thread, handing each emitted item to `consume` on this one, in order,
    /// `batchSize` at a time (1 for items that are batches themselves).
    static func run<Item: Sendable>(
        batchSize: Int = batchSize,
        produce: @escaping @Sendable (_ emit: (Item) throws -> Void) throws -> Void,
        consume: (Item) throws -> Void
    ) throws {
        try start(batchSize: batchSize, produce: { outlet in try produce(outlet.emit) })
            .forEach { item in try consume(item) }
    }

    /// Starts `produce` on a new thread and returns at once: the caller may do other work first
    /// (an import opens its store while the first rows are read), then takes the items in order
    /// with `Started.forEach`, or stops the producer with `Started.cancel`. The producer can
    /// see how many batches wait (`Outlet.waiting`), to take on more of the work when this side
    /// is behind.
    static func start<Item: Sendable>(
        batchSize: Int = batchSize,
        produce: @escaping @Sendable (_ outlet: Outlet<Item>) throws -> Void
    ) -> Started<Item> {
        let buffer = BoundedBuffer<Item>(depth: depth)
        let thread = Thread {
            var batch: [Item] = []
            batch.reserveCapacity(batchSize)
            func handOver() throws {
                guard !batch.isEmpty else { return }
                try buffer.put(batch)
                batch.removeAll(keepingCapacity: true)
            }
            do {
                try produce(Outlet(emit: { item in
                    batch.append(item)
                    if batch.count == batchSize { try handOver() }
                }, handOver: handOver, waiting: { buffer.waiting }))
                try handOver()
                buffer.finish(error: nil)
            } catch {
                buffer.finish(error: error)
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
        return Started(buffer: buffer)
    }

    /// What a producer hands its items to.
    struct Outlet<Item> {
        /// Hands over one item.
        let emit: (Item) throws -> Void
        /// Hands over the items emitted since the last batch, however few (an item that is much
        /// work done already, which should not wait for a batch to fill).
        let handOver: () throws -> Void
        /// How many full batches wait for the consumer.
        let waiting: () -> Int
    }

    /// A producer running on its thread, whose items this thread has still to take.
    final class Started<Item: Sendable> {
        private let buffer: BoundedBuffer<Item>

        fileprivate init(buffer: BoundedBuffer<Item>) {
            self.buffer = buffer
        }

        /// Hands each item to `consume` in order, as the only reference to it (a batch the
        /// consumer changes in place is not copied); rethrows the producer's error. An error of
        /// `consume` stops the producer and is rethrown once its thread has ended.
        func forEach(_ consume: (inout Item) throws -> Void) throws {
            do {
                while var batch = try buffer.take() {
                    for index in batch.indices { try consume(&batch[index]) }
                }
            } catch {
                cancel()
                throw error
            }
        }

        /// Stops the producer (its next hand-off throws) and waits until its thread has ended.
        func cancel() {
            buffer.cancel()
            buffer.waitUntilProducerStops()
        }
    }
}

/// The hand-off between the two threads: at most `depth` batches wait at a time.
fileprivate final class BoundedBuffer<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [[Item]] = []
    private let depth: Int
    private var finished = false
    private var cancelled = false
    private var producerError: Error?

    struct Cancelled: Error {}

    init(depth: Int) {
        self.depth = depth
    }

    /// Batches put and not yet taken.
    var waiting: Int {
        condition.lock()
        defer { condition.unlock() }
        return batches.count
    }

    func put(_ batch: [Item]) throws {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= depth && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        batches.append(batch)
        condition.broadcast()
    }

    func finish(error: Error?) {
        condition.lock()
        finished = true
        if !(error is Cancelled) { producerError = error }
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch; nil once the producer is done; throws what the producer threw.
    func take() throws -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        if !batches.isEmpty {
            let batch = batches.removeFirst()
            condition.broadcast()
            return batch
        }
        if let producerError { throw producerError }
        return nil
    }

    func cancel() {
        condition.lock()
        cancelled = true
        batches.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    func waitUntilProducerStops() {
        condition.lock()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
