import Foundation

/// A value worked out on a thread of its own while the caller goes on, for a query the caller
/// needs only later: the Overview's sessions take a full scan of the store, which costs a second
/// at a million responses, and can run on the core the export's writing leaves idle.
final class BackgroundResult<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var outcome: Result<Value, Error>?

    init(_ work: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            let result = Result(catching: work)
            condition.lock()
            outcome = result
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    /// Whether the work has ended (its value would come without waiting).
    var isFinished: Bool {
        condition.lock()
        defer { condition.unlock() }
        return outcome != nil
    }

    /// Waits for the work to end, then returns its value or throws its error.
    func value() throws -> Value {
        condition.lock()
        defer { condition.unlock() }
        while outcome == nil { condition.wait() }
        return try outcome!.get()
    }
}
