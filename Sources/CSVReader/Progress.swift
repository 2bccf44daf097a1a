import Foundation

/// How far reading has come, safe to poll from another thread (for a progress bar) while the
/// reader works. Updated once per chunk, so the lock costs nothing measurable.
public final class CSVProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var _bytesRead: Int64 = 0
    private var _finished = false
    /// Size of the input in bytes, when known (regular files and in-memory input).
    public let totalBytes: Int64?

    init(totalBytes: Int64?) { self.totalBytes = totalBytes }

    /// Raw (undecoded) input bytes read so far.
    public var bytesRead: Int64 { locked { _bytesRead } }
    public var isFinished: Bool { locked { _finished } }

    /// 0...1 when the size is known, nil otherwise.
    public var fraction: Double? {
        guard let total = totalBytes else { return nil }
        if total == 0 { return 1 }
        return min(1, Double(bytesRead) / Double(total))
    }

    func set(bytesRead: Int64) { locked { _bytesRead = bytesRead } }
    func finish() { locked { _finished = true } }

    // NSLocking.withLock is not available on every platform this package targets.
    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
