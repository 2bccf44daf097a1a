import Foundation

/// How far a merge has got: the source being copied and its responses read so far, for the
/// command's progress line (`samla merge` draws it on standard error, as `import` does).
public final class MergeProgress: @unchecked Sendable {
    public struct Snapshot: Sendable, Hashable {
        /// The source store being merged, as shown.
        public var source: String
        /// Its responses (drafts included) read so far, and how many it holds.
        public var done: Int
        public var total: Int
    }

    private let lock = NSLock()
    private var current = Snapshot(source: "", done: 0, total: 0)

    public init() {}

    public var snapshot: Snapshot { lock.withLock { current } }

    func begin(source: String, total: Int) {
        lock.withLock { current = Snapshot(source: source, done: 0, total: total) }
    }

    func advance(to done: Int) {
        lock.withLock { current.done = done }
    }

    /// The line to show: `umea.sqlite: 12,000 of 48,000 responses (25%)`.
    public static func describe(_ snapshot: Snapshot) -> String {
        let percent = snapshot.total > 0 ? min(100, snapshot.done * 100 / snapshot.total) : 0
        return "\(snapshot.source): \(grouped(snapshot.done)) of \(grouped(snapshot.total)) responses (\(percent)%)"
    }

    private static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return out
    }
}
