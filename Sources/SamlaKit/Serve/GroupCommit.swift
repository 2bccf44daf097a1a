import Foundation

/// Batches the store's writes when many answers arrive at once: a writer thread takes every
/// submission that came in while the previous commit ran (and for `window` after the first of
/// a quiet spell), saves them in ONE transaction through `ResponseStore.save(_:definition:)`,
/// and only then answers each submitter, so an answer is durable before anyone hears it was stored.
///
/// One fsync per batch instead of one per answer is what lets hundreds of phones press Send
/// at the same moment.
public final class GroupCommit: @unchecked Sendable {
    /// Whether a saved response was new, or its id was already stored (a retry).
    public enum Outcome: Sendable, Equatable {
        case stored
        case alreadyStored
    }

    public enum Failure: Error, CustomStringConvertible {
        case stopped
        case store(StoreError)
        public var description: String {
            switch self {
            case .stopped: return "the server is stopping; nothing was stored"
            case .store(let error): return error.description
            }
        }
    }

    private struct Pending {
        var response: Response
        var continuation: CheckedContinuation<Outcome, any Error>
    }

    private let store: ResponseStore
    private let survey: Survey
    private let window: TimeInterval
    private let maximumBatch: Int
    private let condition = NSCondition()
    private var pending: [Pending] = []
    private var stopping = false
    private var finished = false
    private var thread: Thread?
    /// Called on the writer thread after each commit with the number of new responses.
    private let onCommit: @Sendable (Int) -> Void
    /// Commits made and responses in them, for the log and the tests.
    public private(set) var commits = 0
    public private(set) var committedResponses = 0

    public init(store: ResponseStore, survey: Survey, window: TimeInterval = 0.002, maximumBatch: Int = 1000,
                onCommit: @escaping @Sendable (Int) -> Void = { _ in }) {
        self.store = store
        self.survey = survey
        self.window = window
        self.maximumBatch = maximumBatch
        self.onCommit = onCommit
        // The writer thread holds the committer until `finish()` ends its loop: an unowned capture
        // trapped when a committer was dropped before its thread first ran (seen in a loaded test run).
        let thread = Thread { self.run() }
        thread.name = "samla-group-commit"
        self.thread = thread
        thread.start()
    }

    /// Saves `response` in the next batch; returns once the batch is committed to disk.
    public func save(_ response: Response) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            defer { condition.unlock() }
            guard !stopping else {
                continuation.resume(throwing: Failure.stopped)
                return
            }
            pending.append(Pending(response: response, continuation: continuation))
            condition.signal()
        }
    }

    /// Refuses new submissions, commits every one already accepted, and waits until the writer is done.
    public func finish() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while pending.isEmpty && !stopping { condition.wait() }
            if pending.isEmpty && stopping {
                finished = true
                thread = nil
                condition.broadcast()
                condition.unlock()
                return
            }
            // The first of a quiet spell waits a moment for the rest of the burst; during a burst
            // the previous commit's time has gathered them already.
            if pending.count == 1 && !stopping && window > 0 {
                _ = condition.wait(until: Date().addingTimeInterval(window))
            }
            let batch = Array(pending.prefix(maximumBatch))
            pending.removeFirst(batch.count)
            condition.unlock()
            commit(batch)
        }
    }

    private func commit(_ batch: [Pending]) {
        do {
            let new = try store.save(batch.map(\.response), definition: survey)
            commits += 1
            committedResponses += new.filter { $0 }.count
            for (item, isNew) in zip(batch, new) {
                item.continuation.resume(returning: isNew ? .stored : .alreadyStored)
            }
            onCommit(new.filter { $0 }.count)
        } catch {
            for item in batch {
                item.continuation.resume(throwing: Failure.store(error))
            }
        }
    }
}
