import GRDB
import GRDBSQLite

extension ResponseStore {
    /// Streams the answers column of the selected responses as the stored UTF-8 bytes, in stored order.
    ///
    /// The counting path of analysis needs nothing else: skipping ids, dates and metadata, and
    /// handing over bytes SQLite already holds instead of building a `Response` per row, is what
    /// makes a million-response summary take seconds rather than tens of seconds.
    func forEachStoredAnswers(_ selection: Selection,
                              _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let arguments = selection.sqlFilter.1
        try pool.read { db in
            let statement = try db.makeStatement(sql: selection.inStoredOrder(columns: "answers"))
            let rows = try Row.fetchCursor(statement, arguments: arguments)
            // The column is read straight from the stepped statement: the row's own accessors
            // would wrap every row's bytes in a `Data`, which costs more than SQLite's work per row.
            let sqliteStatement = statement.sqliteStatement
            while try rows.next() != nil {
                // As a blob: SQLite hands over the bytes where they lie, where asking for text
                // would copy each row to add the terminating zero C strings need.
                let blob = sqlite3_column_blob(sqliteStatement, 0)
                let count = Int(sqlite3_column_bytes(sqliteStatement, 0))
                guard let blob else {
                    // An empty answers column is a damaged row: the reader reports it.
                    guard sqlite3_column_type(sqliteStatement, 0) != SQLITE_NULL else {
                        throw StoredDataError(message: "a response without answers")
                    }
                    try body(UnsafeBufferPointer(start: nil, count: 0))
                    continue
                }
                try body(UnsafeBufferPointer(start: blob.assumingMemoryBound(to: UInt8.self), count: count))
            }
        }
    }
}
