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
        try forEachStoredAnswers(selection, versions: DefinitionVersions()) { answers, _ in try body(answers) }
    }

    /// The same with the definition version each response answered on (its index in `versions`).
    func forEachStoredAnswers(_ selection: Selection, versions: DefinitionVersions,
                              _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        try database.forEachStoredAnswers(selection, versions: versions, body)
    }
}

extension SQLiteStoreDatabase {
    /// The hash column is read only when some stored version lacks a question, and looked up only
    /// when it changes from the row before: responses come in runs of one version.
    func forEachStoredAnswers(_ selection: ResponseStore.Selection, versions: DefinitionVersions,
                              _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        let arguments = selection.sqlFilter.1
        let readsVersions = !versions.isEmpty
        let readsFiles = versions.readsFiles
        var lastHash: [UInt8] = []
        var lastFile: [UInt8]? = []
        var lastVersion = 0
        let columns = readsFiles ? "answers, definition_hash, source_file" : readsVersions ? "answers, definition_hash" : "answers"
        try pool.read { db in
            let statement = try db.makeStatement(sql: selection.inStoredOrder(columns: columns))
            let rows = try Row.fetchCursor(statement, arguments: arguments)
            // The column is read straight from the stepped statement: the row's own accessors
            // would wrap every row's bytes in a `Data`, which costs more than SQLite's work per row.
            let sqliteStatement = statement.sqliteStatement
            while try rows.next() != nil {
                if readsVersions, let hash = sqlite3_column_blob(sqliteStatement, 1) {
                    let hashBytes = UnsafeBufferPointer(start: hash.assumingMemoryBound(to: UInt8.self),
                                                        count: Int(sqlite3_column_bytes(sqliteStatement, 1)))
                    var fileBytes: UnsafeBufferPointer<UInt8>?
                    if readsFiles, let file = sqlite3_column_blob(sqliteStatement, 2) {
                        fileBytes = UnsafeBufferPointer(start: file.assumingMemoryBound(to: UInt8.self),
                                                        count: Int(sqlite3_column_bytes(sqliteStatement, 2)))
                    }
                    let sameFile = fileBytes.map { bytes in lastFile.map { bytes.elementsEqual($0) } ?? false } ?? (lastFile == nil)
                    if !sameFile || !hashBytes.elementsEqual(lastHash) {
                        lastHash = Array(hashBytes)
                        lastFile = fileBytes.map(Array.init)
                        lastVersion = versions.index(ofHash: String(decoding: hashBytes, as: UTF8.self),
                                                     file: fileBytes.map { String(decoding: $0, as: UTF8.self) })
                    }
                }
                // As a blob: SQLite hands over the bytes where they lie, where asking for text
                // would copy each row to add the terminating zero C strings need.
                let blob = sqlite3_column_blob(sqliteStatement, 0)
                let count = Int(sqlite3_column_bytes(sqliteStatement, 0))
                guard let blob else {
                    // An empty answers column is a damaged row: the reader reports it.
                    guard sqlite3_column_type(sqliteStatement, 0) != SQLITE_NULL else {
                        throw StoredDataError(message: "a response without answers")
                    }
                    try body(UnsafeBufferPointer(start: nil, count: 0), lastVersion)
                    continue
                }
                try body(UnsafeBufferPointer(start: blob.assumingMemoryBound(to: UInt8.self), count: count), lastVersion)
            }
        }
    }
}
