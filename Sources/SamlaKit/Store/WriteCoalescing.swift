import CSQLiteWriteCoalescing
import Foundation
import GRDB
import GRDBSQLite

/// SQLite's writes handed to the kernel in aligned 64 KiB pieces while a bulk write runs
/// (`CSQLiteWriteCoalescing`, a VFS shim over the default VFS, through SQLite's public VFS
/// interface).
///
/// SQLite writes each WAL frame as two writes (a 24-byte header, then the page), so with 16 KiB
/// pages every frame is 16,408 bytes at an unaligned offset, and the kernel makes, fills and later
/// frees the page cache a small piece at a time: writing 100 MB that way took 0.38 s on this
/// machine against 0.16 s in aligned 64 KiB pieces, and removing the file 60–70 ms against
/// 25–40 ms. An import in WAL mode (beside another connection to the store; alone, it writes the
/// store file once under the rollback journal, `BulkJournal`, and the shim stays out of it) writes
/// its 100 MB twice (the WAL, then the checkpoint into the store) and removes the WAL after the
/// last row. The shim gathers the WAL's writes during the bulk write and
/// the store file's during its checkpoint, and writes what it gathered before anything could
/// depend on it (a sync, a read of those bytes, a commit frame, the release of the write lock, the
/// checkpoint's end): SQLite's guarantees and syncs are unchanged. `SAMLA_WRITE_COALESCING=off`
/// leaves every write as SQLite makes it.
enum WriteCoalescing {
    static let enabled = ProcessInfo.processInfo.environment["SAMLA_WRITE_COALESCING"] != "off"

    /// Makes the shim the default VFS (once per process), before the store's connections open.
    static func install() {
        guard enabled else { return }
        _ = samla_coalescing_install()
    }

    /// Starts gathering the writes of `db`'s main database, inside its write transaction; false
    /// when the connection's files are not the shim's (opened before it was installed) or it is off.
    static func begin(_ db: Database) -> Bool {
        guard enabled, let connection = db.sqliteConnection else { return false }
        return samla_coalescing_begin(connection) == 1
    }

    /// Writes what is still gathered and stops gathering.
    static func end(_ db: Database) throws {
        guard let connection = db.sqliteConnection else { return }
        let code = samla_coalescing_end(connection)
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "could not write the store's last pages")
        }
    }

    /// Writes handed to the kernel through the shim so far in this process (for tests).
    static var writesHandedOn: Int64 { Int64(samla_coalescing_writes()) }
}
