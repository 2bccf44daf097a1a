import CSQLiteConfig
import GRDBSQLite
import GRDB

/// The trigger that skips rows whose identity was erased (`response_not_erased`, `StoreSchema` v2),
/// turned off on the writer connection for a bulk write while no identity is erased.
///
/// SQLite runs a trigger as a sub-program for every row inserted, whatever its `WHEN` clause finds:
/// about 25 ms of the inserting thread at 100,000 rows (`perf`, SQLite's samples). While
/// `erased_identity` is empty the trigger can skip nothing, and the bulk write's transaction holds
/// the store's write lock, so no other process can erase an identity before it commits. So the
/// bulk write turns the connection's triggers off (SQLite's `SQLITE_DBCONFIG_ENABLE_TRIGGER`, no
/// change to the schema or the file) when the table is empty and this trigger is the schema's only
/// one, and on again before anything it does could erase an identity (`enforce`, from
/// `insertErasedIdentity`: a merge copies erasures before rows) and when it ends. SQLite prepares
/// again every statement prepared while the switch was the other way, so no insert runs without
/// the trigger once it is back.
final class ErasedRowsTrigger {
    static let name = "response_not_erased"
    private let connection: SQLiteConnection?
    private(set) var enforced = true

    /// Decides inside the bulk write's transaction, before its first insert.
    init(_ db: Database) throws {
        connection = db.sqliteConnection
        let anyErased = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM erased_identity)") ?? true
        // Another trigger (a later migration's) must keep running: then none is turned off.
        let otherTriggers = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name != ?)",
                                              arguments: [Self.name]) ?? true
        if !anyErased && !otherTriggers, let connection, samla_sqlite_enable_triggers(connection, 0) == SQLITE_OK {
            enforced = samla_sqlite_triggers_enabled(connection) != 0
        }
    }

    /// Turns the connection's triggers on again (before an identity is erased, and at the end).
    func enforce() throws {
        guard !enforced, let connection else { return }
        let code = samla_sqlite_enable_triggers(connection, 1)
        guard code == SQLITE_OK, samla_sqlite_triggers_enabled(connection) == 1 else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code == SQLITE_OK ? SQLITE_ERROR : code),
                                message: "could not turn the store's triggers on again")
        }
        enforced = true
    }
}
