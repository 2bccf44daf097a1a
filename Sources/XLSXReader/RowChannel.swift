import Foundation

/// Rows handed from the thread that inflates and parses a sheet to the one that asked for them,
/// a few batches at most in flight: the parser waits when the reader is behind, so memory stays
/// bounded however long the sheet.
final class RowChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [[XLSXRow]] = []
    private var finished = false
    private var failure: XLSXError?
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int = 4) {
        self.capacity = capacity
    }

    /// Waits for room; false when the reader has gone and the parser should stop.
    func put(_ batch: [XLSXRow]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    func finish(failure: XLSXError?) {
        condition.lock()
        finished = true
        self.failure = failure
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch; nil at the end; throws the parser's problem once the rows before it are taken.
    func take() throws(XLSXError) -> [XLSXRow]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        if !batches.isEmpty {
            let batch = batches.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    func cancel() {
        condition.lock()
        cancelled = true
        batches = []
        condition.broadcast()
        condition.unlock()
    }
}
