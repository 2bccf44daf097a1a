import GRDB
import GRDBSQLite

/// A statement of the call list's scratch file bound and stepped through SQLite's C API: the
/// call list runs three of them per consenting response while it spools, and GRDB's boxed
/// arguments were half of that cost. Texts are copied by SQLite on binding (`SQLITE_TRANSIENT`),
/// so nothing bound outlives its Swift string.
struct RawStatement {
    enum Value {
        case integer(Int64)
        case real(Double)
        case text(String)
        case null
    }

    private let statement: Statement
    private let connection: OpaquePointer?
    private let sql: String
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, _ sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        connection = db.sqliteConnection
        self.sql = sql
    }

    /// Runs the statement with `values`; returns how many rows it changed.
    @discardableResult
    func run(_ values: [Value]) throws -> Int {
        try step(values) { _ in }
        return Int(sqlite3_changes(connection))
    }

    /// The first column of the first row the statement gives, as an integer; nil without a row.
    func integer(_ values: [Value]) throws -> Int64? {
        var found: Int64?
        try step(values) { found = sqlite3_column_int64($0, 0) }
        return found
    }

    private func step(_ values: [Value], row: (OpaquePointer?) -> Void) throws {
        let sqlite = statement.sqliteStatement
        for (offset, value) in values.enumerated() {
            let index = CInt(offset + 1)
            switch value {
            case .integer(let number): sqlite3_bind_int64(sqlite, index, number)
            case .real(let number): sqlite3_bind_double(sqlite, index, number)
            case .null: sqlite3_bind_null(sqlite, index)
            case .text(var text):
                text.withUTF8 { bytes in
                    // An empty buffer may have no address, which SQLite would take for NULL.
                    if let base = bytes.baseAddress {
                        sqlite3_bind_text(sqlite, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self),
                                          CInt(bytes.count), Self.transient)
                    } else {
                        sqlite3_bind_text(sqlite, index, "", 0, Self.transient)
                    }
                }
            }
        }
        var code = sqlite3_step(sqlite)
        if code == SQLITE_ROW {
            row(sqlite)
            code = SQLITE_DONE
        }
        let reset = sqlite3_reset(sqlite)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: reset), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
    }
}
