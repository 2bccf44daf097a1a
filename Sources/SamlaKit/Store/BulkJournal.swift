import Foundation
import GRDB

/// The journal a bulk write (an import, a merge) runs under on a SQLite store.
///
/// In WAL mode a bulk write writes every page twice: into the WAL as its rows go in, then into the
/// store file in the checkpoint after the commit, on the one thread that holds the transaction
/// while nothing else is left to do. Under SQLite's rollback journal the pages go straight into
/// the store file; only pages that were there before and change are first copied into the journal
/// (for an import, the last pages of the table and its indexes: pages past the file's old end need
/// no copy). Into a new store that took the import of 100,000 bench responses from 0.74–0.87 s to
/// 0.60–0.72 s, and of a million from 7.2–9.4 s to 4.8–4.9 s. The transaction is as before, all or
/// nothing: killed, it leaves the journal behind, and the next connection to open the store rolls
/// it back (SQLite's "hot journal").
///
/// Only a store that holds no responses yet is written so. Under the rollback journal no other
/// process can open the store until the bulk write ends (opening turns WAL on, which needs the
/// store to itself; `SQLiteStoreDatabase` retries its opening for as long as a lock is waited
/// for), where in WAL mode it would read the last commit at once: that last commit is worth
/// reading only when it holds responses. And SQLite leaves WAL mode only while no other
/// connection has the store open; when one has (a collector, a server, a reader), the switch
/// fails at once and the bulk write keeps to the WAL. The store is put back in WAL mode after the
/// commit or the rollback. `SAMLA_BULK_JOURNAL=wal` keeps every bulk write in the WAL.
enum BulkJournal: Equatable {
    /// Pages written into the store file, the old contents of changed ones kept in `-journal`.
    case rollback
    /// Pages written into the WAL, copied into the store file after the commit.
    case wal

    static let rollbackAllowed = ProcessInfo.processInfo.environment["SAMLA_BULK_JOURNAL"] != "wal"

    /// Outside any transaction, on the pool's writer: the rollback journal when the store holds no
    /// responses and this is the only connection to it once the pool's idle readers are closed,
    /// else the WAL.
    static func begin(_ db: Database, pool: DatabasePool) -> BulkJournal {
        guard rollbackAllowed,
              (try? Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM response)")) == false else { return .wal }
        // A reader of this process keeps the store open as another process's would.
        pool.invalidateReadOnlyConnections()
        // SQLITE_BUSY, at once and without waiting, when another connection has the store open
        // (and an error inside a transaction, which SQLite will not leave WAL mode in).
        let mode = try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
        return mode == "delete" ? .rollback : .wal
    }

    /// Back to WAL mode after the transaction. That too needs the store to itself: a process that
    /// began opening it meanwhile may take it first, and then turns WAL on itself (as a pool does
    /// on opening), so a switch that fails is tried again for a second and then left to it.
    func end(_ db: Database) {
        guard self == .rollback else { return }
        let deadline = Date().addingTimeInterval(1)
        while true {
            if (try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")) == "wal" || Date() >= deadline { return }
            Thread.sleep(forTimeInterval: 0.005)
        }
    }

    /// The file the bulk write's pages go into as its rows go in, which `WriteBehind` syncs.
    func writtenFile(ofStoreAt location: String) -> String {
        self == .rollback ? location : location + "-wal"
    }

    /// The file the checkpoint after the commit copies the WAL into, synced with it: the store
    /// file in WAL mode; none under the rollback journal, whose commit writes only the store file.
    func checkpointedFile(ofStoreAt location: String) -> String? {
        self == .wal ? location : nil
    }
}
