import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Syncs a file to disk on a thread of its own while a long transaction goes on, so that the
/// commit's own sync finds little left to write.
///
/// An import into SQLite writes its pages into the WAL as its page cache fills (about 100 MB at
/// 100,000 responses). The kernel keeps them in memory until the commit's `fdatasync`
/// (synchronous=FULL), which then waits for all of them to reach the disk after the last row,
/// when nothing else can go on. Asked every few thousand rows, this thread syncs what has been
/// written so far, while both import threads keep working. It changes no guarantee: the commit
/// still syncs everything; the disk only starts sooner.
final class WriteBehind: @unchecked Sendable {
    private let condition = NSCondition()
    private let descriptor: Int32
    private var requested = false
    private var stopping = false
    private var finished = false
    /// Rows written since the last request (counted on the writing thread only).
    private var rowsSinceRequest = 0
    /// Rows between two syncs: about 10 MB of WAL at the bench's kilobyte a row.
    static let rowsPerSync = 10_000

    /// Nil when the file cannot be opened; then nothing is synced early.
    init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        let thread = Thread { [self] in run() }
        thread.start()
    }

    /// Counts rows written; every `rowsPerSync` asks the thread for a sync and returns at once.
    func wrote(rows: Int) {
        rowsSinceRequest += rows
        guard rowsSinceRequest >= Self.rowsPerSync else { return }
        rowsSinceRequest = 0
        condition.lock()
        requested = true
        condition.signal()
        condition.unlock()
    }

    /// Waits for a sync under way, ends the thread and closes the file.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        while !finished { condition.wait() }
        condition.unlock()
        close(descriptor)
    }

    private func run() {
        condition.lock()
        while true {
            while !requested && !stopping { condition.wait() }
            if stopping { break }
            requested = false
            condition.unlock()
            #if os(Linux)
            _ = fdatasync(descriptor)
            #else
            _ = fsync(descriptor)
            #endif
            condition.lock()
        }
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}
