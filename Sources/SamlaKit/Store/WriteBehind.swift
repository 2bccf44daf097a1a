import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Syncs files to disk on a thread of its own while a long transaction goes on, so that the
/// commit's own syncs find little left to write.
///
/// An import into SQLite writes its pages into the WAL as its page cache fills (about 100 MB at
/// 100,000 responses). The kernel keeps them in memory until the commit's `fdatasync`
/// (synchronous=FULL), which then waits for all of them to reach the disk after the last row,
/// when nothing else can go on. Asked every few thousand rows, this thread syncs what has been
/// written so far, while both import threads keep working. Under the rollback journal
/// (`BulkJournal`) the pages go into the store file instead, and that is the file synced.
///
/// After the last row (`syncContinuously`) it syncs over and over until stopped, the store file
/// too: the commit writes the pages still in SQLite's cache into the WAL and syncs it, and the
/// checkpoint that follows copies the WAL into the store file and syncs that, all on the one
/// thread that holds the transaction. Synced meanwhile, the disk is busy while that thread copies.
/// It changes no guarantee: the commit and the checkpoint still sync everything themselves; the
/// disk only starts sooner.
final class WriteBehind: @unchecked Sendable {
    private let condition = NSCondition()
    private var descriptors: [Int32]
    private var requested = false
    private var continuous = false
    private var stopping = false
    private var finished = false
    private var rounds = 0
    /// Rows written since the last request (counted on the writing thread only).
    private var rowsSinceRequest = 0
    /// Rows between two syncs: about 10 MB of WAL at the bench's kilobyte a row.
    static let rowsPerSync = 10_000
    /// The pause between two syncs in continuous mode, so that a file with nothing new to write
    /// does not keep a core busy.
    static let continuousPause: TimeInterval = 0.002

    /// Nil when the file cannot be opened; then nothing is synced early.
    init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        descriptors = [descriptor]
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

    /// From now until `stop`, syncs over and over, and `path` (when given and it opens) with the first file.
    func syncContinuously(alsoSyncing path: String?) {
        let descriptor = path.map { open($0, O_RDONLY | O_CLOEXEC) } ?? -1
        condition.lock()
        if descriptor >= 0 { descriptors.append(descriptor) }
        continuous = true
        condition.signal()
        condition.unlock()
    }

    /// How many rounds of syncs the thread has made.
    var syncs: Int {
        condition.lock()
        defer { condition.unlock() }
        return rounds
    }

    /// Waits for a sync under way, ends the thread and closes the files.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        while !finished { condition.wait() }
        condition.unlock()
        for descriptor in descriptors { close(descriptor) }
    }

    private func run() {
        condition.lock()
        while true {
            while !requested && !continuous && !stopping { condition.wait() }
            if stopping { break }
            requested = false
            let files = descriptors
            condition.unlock()
            for descriptor in files {
                #if os(Linux)
                _ = fdatasync(descriptor)
                #else
                _ = fsync(descriptor)
                #endif
            }
            condition.lock()
            rounds += 1
            if continuous && !stopping { _ = condition.wait(until: Date(timeIntervalSinceNow: Self.continuousPause)) }
        }
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}
