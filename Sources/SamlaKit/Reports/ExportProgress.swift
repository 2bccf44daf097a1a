import Foundation

/// How far an export has got, read by a progress line on another thread while the export runs.
/// A large workbook takes a minute, most of it in two stretches with nothing else to show: the
/// responses being written, then libxlsxwriter compressing the sheets into the package.
public final class ExportProgress: @unchecked Sendable {
    public enum Stage: Sendable, Hashable {
        case summarizing
        case writing(file: String)
        /// The workbook's sheets being compressed into the file; no count to report.
        case packing(file: String)
    }

    public struct Snapshot: Sendable, Hashable {
        public var stage: Stage
        /// Responses written to the current file so far, and how many there will be.
        public var done: Int
        public var total: Int
        /// When the stage began: the packing stage has no count, only time passing.
        public var since: Date

        /// 0...1 while a file is being written with a known total.
        public var fraction: Double? {
            guard case .writing = stage, total > 0 else { return nil }
            return min(1, Double(done) / Double(total))
        }
    }

    private let lock = NSLock()
    private var current = Snapshot(stage: .summarizing, done: 0, total: 0, since: Date())

    public init() {}

    public var snapshot: Snapshot { locked { current } }

    func begin(_ stage: Stage, total: Int = 0) {
        locked { current = Snapshot(stage: stage, done: 0, total: total, since: Date()) }
    }

    /// Called per response; takes the lock only every 1,024 so it costs nothing measurable.
    func wrote(_ done: Int) {
        guard done & 1023 == 0 else { return }
        locked { current.done = done }
    }

    /// The line a terminal shows for `snapshot`.
    public static func describe(_ snapshot: Snapshot, now: Date = Date()) -> String {
        switch snapshot.stage {
        case .summarizing:
            return "Counting the answers…"
        case .writing(let file):
            guard let fraction = snapshot.fraction else { return "Writing \(file)…" }
            return "Writing \(file): \(Int((fraction * 100).rounded(.down)))% (\(snapshot.done) of \(snapshot.total) responses)"
        case .packing(let file):
            return "Compressing the sheets into \(file)… \(Int(now.timeIntervalSince(snapshot.since))) s"
        }
    }

    // NSLocking.withLock is not available on every platform this package targets.
    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
