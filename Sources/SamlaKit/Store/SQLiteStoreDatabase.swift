import Foundation
import GRDB
import GRDBSQLite

/// The embedded store: one SQLite file through GRDB's `DatabasePool` (WAL).
///
/// Several processes may write one file at once (two laptops' worth of `samla collect` on a shared
/// disk, an import beside a collection): SQLite's WAL mode and a busy timeout serialise the writers,
/// and every write is one IMMEDIATE transaction.
final class SQLiteStoreDatabase: StoreDatabase {
    let location: String
    let pool: DatabasePool

    /// How long a connection waits for another process's lock (an import's) before it gives up.
    static let busyTimeout: TimeInterval = 60

    /// The page size a new store is made with.
    static let newStorePageSize = 16384

    /// `busyTimeout` is shorter only in tests.
    init(path: String, busyTimeout: TimeInterval = SQLiteStoreDatabase.busyTimeout) throws(StoreError) {
        location = path
        var configuration = Configuration()
        // Another process may hold the write lock for a whole import; wait rather than fail.
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        // A new store gets 16 KiB pages (SQLite's default is 4 KiB). Rows are about a kilobyte
        // (the answers' JSON): an import of 100,000 writes each page once (into a new store,
        // `BulkJournal`) or twice (the WAL, then the checkpoint), and a quarter of the pages is a
        // quarter of the system calls. The pragma only counts before the first table is made (and before WAL mode,
        // which the pool turns on after this hook); an existing store keeps its size.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA page_size = \(Self.newStorePageSize)")
        }
        do {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            // Before the first connection opens: bulk writes then hand SQLite's writes on in large pieces.
            WriteCoalescing.install()
            pool = try Self.retrying(for: busyTimeout) { try DatabasePool(path: path, configuration: configuration) }
            // GRDB's DatabasePool sets synchronous=NORMAL when it turns WAL on, after any
            // prepareDatabase hook; in WAL mode NORMAL can lose the last commits on power loss.
            // The pool has one writer connection, so setting FULL on it covers every write.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            try migrate(waitingUpTo: busyTimeout)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw StoreError.locked(path: path, seconds: Int(busyTimeout))
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Turning WAL on takes a lock SQLite does not wait for: the loser of two processes opening a
    /// new store at the same moment, or a process opening a store while a bulk write runs under the
    /// rollback journal (`BulkJournal`), gets "database is locked" at once, busy timeout or not. It
    /// tries again, briefly and at random moments, for as long as a lock is waited for.
    private static func retrying<T>(for seconds: TimeInterval, whileLocked open: () throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            do {
                return try open()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                guard Date() < deadline else { throw error }
                Thread.sleep(forTimeInterval: Double.random(in: 0.005...0.05))
            }
        }
    }

    private func migrate(waitingUpTo busyTimeout: TimeInterval) throws {
        let migrator = StoreSchema.migrator
        // A store a newer Samla has migrated further is left alone: this binary would not know
        // what its later tables and columns mean.
        let applied = try pool.read { db -> [String] in
            guard try db.tableExists("grdb_migrations") else { return [] }
            return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        let unknown = Set(applied).subtracting(migrator.migrations)
        if !unknown.isEmpty {
            throw StoreError.newerSchema(path: location, found: unknown.sorted().joined(separator: ", "),
                                         known: migrator.migrations.last ?? "none")
        }
        let deadline = Date().addingTimeInterval(busyTimeout)
        try Self.retrying(for: busyTimeout) {
            while true {
                do {
                    return try migrator.migrate(pool)
                } catch {
                    // Two processes opening a new store at once race to migrate: the loser's
                    // statement can fail on what the winner just made. When the winner has finished,
                    // the store is as it should be; while it is still at a later migration, the
                    // loser tries again, and the migrator goes on from what is committed.
                    if try pool.read({ try migrator.hasCompletedMigrations($0) }) { return }
                    guard Date() < deadline else { throw error }
                    Thread.sleep(forTimeInterval: Double.random(in: 0.005...0.05))
                }
            }
        }
    }

    func synchronousLevel() throws -> Int {
        try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    // MARK: Writing

    func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try pool.write { db in try body(SQLiteTransaction(db: db)) }
    }

    func bulkWrite(_ body: (any StoreTransaction) throws -> Bool) throws {
        try pool.writeWithoutTransaction { db in
            // Rows of an import arrive in id and identity order (`ResponseIDs`, `RowIdentity`), so
            // every index grows at its end; a cache of this size holds the pages being filled.
            // 4 MB: 16 MB took the same time at 100,000 rows and 13 MB more memory at a million.
            try db.execute(sql: "PRAGMA cache_size = -4096")
            // With foreign keys on, SQLite gives every insert into `response` (a table with a
            // trigger) a statement journal: a copy of each page the insert touches, kept so the one
            // statement can be undone. Past 64 KiB it goes to a temporary file, and at 100,000 rows
            // that was 1.8 GB written to /var/tmp, a third of the import's time. The import's
            // statements are not undone one by one (any error rolls back the whole transaction),
            // so the reference they would check is checked once at the end instead
            // (`DefinitionReferences`). The pragma only takes effect outside a transaction.
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer {
                try? db.execute(sql: "PRAGMA foreign_keys = ON")
                try? db.execute(sql: "PRAGMA cache_size = -2000")
            }
            // The pages written once, into the store file, when it holds no responses and nobody
            // else has it open (`BulkJournal`).
            let journal = BulkJournal.begin(db, pool: pool)
            defer { journal.end(db) }
            let references = DefinitionReferences()
            // The file the pages go into synced as it grows (`WriteBehind`).
            let writeBehind = WriteBehind(path: journal.writtenFile(ofStoreAt: location))
            defer { writeBehind?.stop() }
            var erasedRows: ErasedRowsTrigger?
            defer { try? erasedRows?.enforce() }
            // In WAL mode, the WAL's frames and the checkpoint's pages written in large pieces
            // (`WriteCoalescing`); whatever is still gathered is written before the write lock is
            // released, so ending it after the commit (or the rollback) writes nothing in the usual case.
            var coalescing = false
            defer { if coalescing { try? WriteCoalescing.end(db) } }
            try db.inTransaction(.immediate) {
                coalescing = WriteCoalescing.begin(db)
                // Under the transaction's write lock, and before the insert is prepared.
                let trigger = try ErasedRowsTrigger(db)
                erasedRows = trigger
                let inserter = try SQLiteRowInserter(db)
                guard try body(SQLiteTransaction(db: db, references: references, inserter: inserter, writeBehind: writeBehind,
                                                 erasedRows: trigger)) else { return .rollback }
                try references.check(db)
                try trigger.enforce()
                // The commit (the last pages into the WAL, synced) and the checkpoint after it
                // (the WAL copied into the store file, synced), or under the rollback journal the
                // commit's last pages into the store file, synced as they write.
                writeBehind?.syncContinuously(alsoSyncing: journal.checkpointedFile(ofStoreAt: location))
                return .commit
            }
        }
    }

    // MARK: Reading

    func forEachStoredResponse(_ selection: ResponseStore.Selection, _ body: (EncodedResponse) throws -> Void) throws {
        let arguments = selection.sqlFilter.1
        try pool.read { db in
            let rows = try Row.fetchCursor(db, sql: selection.inStoredOrder(columns: "*"), arguments: arguments)
            while let row = try rows.next() {
                try body(EncodedResponse(
                    id: row["id"], surveyID: row["survey_id"], definitionHash: row["definition_hash"], session: row["session"],
                    sourceKind: row["source_kind"], sourceFile: row["source_file"], sourceRow: row["source_row"],
                    identity: row["identity"], language: row["language"], status: row["status"], startedAt: row["started_at"],
                    submittedAt: row["submitted_at"], storedAt: row["stored_at"], metadata: row["metadata"], answers: row["answers"]))
            }
        }
    }

    /// One statement, each row read from SQLite's own bytes (``StoredResponseReader``).
    func forEachResponse(_ selection: ResponseStore.Selection, reading: ResponseReading,
                         _ body: (Response, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let arguments = selection.sqlFilter.1
        try pool.read { db in
            let statement = try db.makeStatement(sql: selection.inStoredOrder(columns: StoredResponseReader.columns))
            let rows = try Row.fetchCursor(statement, arguments: arguments)
            var reader = StoredResponseReader(statement.sqliteStatement)
            while try rows.next() != nil {
                try body(try reader.response(answers: reading.answers, metadata: reading.metadata), reader.answersBytes())
            }
        }
    }

    func count(_ selection: ResponseStore.Selection) throws -> Int {
        let (filter, arguments) = selection.sqlFilter
        return try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM response WHERE \(filter)", arguments: arguments) ?? 0
        }
    }

    func surveyIDs() throws -> [String] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT survey_id FROM definition UNION SELECT survey_id FROM response ORDER BY 1")
        }
    }

    func completeCounts() throws -> [(id: String, responses: Int)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT survey_id, count(*) AS n FROM response WHERE status = 'complete' GROUP BY survey_id ORDER BY survey_id")
                .map { (id: $0["survey_id"], responses: $0["n"]) }
        }
    }

    func sessions(surveyID: String) throws -> [SessionSummary] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT session, source_kind, count(*) AS n, min(coalesce(submitted_at, stored_at)) AS first,
                       max(coalesce(submitted_at, stored_at)) AS last
                FROM response WHERE survey_id = ? AND status = 'complete'
                GROUP BY session, source_kind ORDER BY first, session
                """, arguments: [surveyID]).map { row in
                SessionSummary(name: row["session"], sourceKind: row["source_kind"], responses: row["n"],
                               first: StoreDates.parse(row["first"]), last: StoreDates.parse(row["last"]))
            }
        }
    }

    func sessionCounts(surveyID: String) throws -> [SessionCounts] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT session, sum(status = 'complete') AS complete, sum(status = 'draft') AS drafts,
                       min(coalesce(submitted_at, started_at, stored_at)) AS first,
                       max(coalesce(submitted_at, started_at, stored_at)) AS last
                FROM response WHERE survey_id = ?
                GROUP BY session ORDER BY first, session
                """, arguments: [surveyID]).map { row in
                SessionCounts(name: row["session"], complete: row["complete"], drafts: row["drafts"],
                              first: StoreDates.parse(row["first"]), last: StoreDates.parse(row["last"]))
            }
        }
    }

    func sourceFiles(surveyID: String) throws -> [SourceFile] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM source_file WHERE survey_id = ? ORDER BY id", arguments: [surveyID]).map { row in
                SourceFile(path: row["path"], sha256: row["sha256"], layout: row["layout"], encoding: row["encoding"],
                           importedAt: StoreDates.parse(row["imported_at"]) ?? Date(timeIntervalSince1970: 0),
                           rowsNew: row["rows_new"], rowsExisting: row["rows_existing"],
                           notAsked: StoredLists.lines(row["not_asked"]))
            }
        }
    }

    func storedDefinitions(surveyID: String) throws -> [StoredDefinition] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM definition WHERE survey_id = ? ORDER BY first_seen, hash", arguments: [surveyID]).map { row in
                StoredDefinition(hash: row["hash"], surveyID: row["survey_id"], source: row["source"], firstSeen: row["first_seen"])
            }
        }
    }

    func erasures(surveyID: String) throws -> [StoredErasure] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM erasure_log WHERE survey_id = ? ORDER BY id", arguments: [surveyID]).map { row in
                let identities = try String.fetchAll(db, sql: "SELECT identity FROM erased_identity WHERE erasure = ? ORDER BY identity",
                                                     arguments: [row["id"] as Int64])
                return StoredErasure(erasedAt: row["erased_at"], surveyID: row["survey_id"], selectorKind: row["selector_kind"],
                                     selector: row["selector"], responses: row["responses"], identities: identities)
            }
        }
    }

    func responseKeys(surveyID: String, session: String?, id: String?) throws -> [(id: String, status: String, identity: String?)] {
        try pool.read { db in
            let rows: [Row]
            if let id {
                rows = try Row.fetchAll(db, sql: "SELECT id, status, identity FROM response WHERE survey_id = ? AND id = ?", arguments: [surveyID, id])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT id, status, identity FROM response WHERE survey_id = ? AND session IS ? ORDER BY seq",
                                        arguments: [surveyID, session])
            }
            return rows.map { (id: $0["id"], status: $0["status"], identity: $0["identity"]) }
        }
    }
}

extension ResponseStore.Selection {
    var sqlFilter: (String, StatementArguments) {
        var sql = "survey_id = ?"
        var arguments: StatementArguments = [surveyID]
        if !includeDrafts { sql += " AND status = 'complete'" }
        if !sessions.isEmpty {
            sql += " AND session IN (\(Array(repeating: "?", count: sessions.count).joined(separator: ",")))"
            arguments += StatementArguments(sessions)
        }
        return (sql, arguments)
    }

    /// The query for `columns` of the selected responses in stored order, without their arguments
    /// (those of `sqlFilter`).
    ///
    /// NOT INDEXED: the survey index would find the rows in session order and make SQLite sort
    /// every selected row, answers and all, before handing over the first (1.4 s at a million
    /// responses); the table itself is in stored order already.
    func inStoredOrder(columns: String) -> String {
        "SELECT \(columns) FROM response NOT INDEXED WHERE \(sqlFilter.0) ORDER BY seq"
    }
}

/// The statements of one SQLite write transaction.
struct SQLiteTransaction: StoreTransaction {
    let db: Database
    /// In a bulk write (foreign keys off), the definitions the inserted rows name, checked before commit.
    var references: DefinitionReferences? = nil
    /// In a bulk write, the insert statement bound straight from the rows' bytes.
    var inserter: SQLiteRowInserter? = nil
    /// In a bulk write, told of the rows written, to sync the WAL as it grows.
    var writeBehind: WriteBehind? = nil
    /// In a bulk write, the erased-identity trigger, on again before an identity is erased.
    var erasedRows: ErasedRowsTrigger? = nil

    static let insertResponse = """
        INSERT OR IGNORE INTO response (id, survey_id, definition_hash, session, source_kind, source_file, source_row,
            identity, language, status, started_at, submitted_at, stored_at, metadata, answers)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// `insertResponse` with `rows` rows of values.
    static func insertResponses(_ rows: Int) -> String {
        let values = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        return insertResponse.replacingOccurrences(of: values, with: Array(repeating: values, count: rows).joined(separator: ", "))
    }

    func insert(_ definition: StoredDefinition) throws -> Bool {
        try db.execute(sql: "INSERT OR IGNORE INTO definition (hash, survey_id, source, first_seen) VALUES (?, ?, ?, ?)",
                       arguments: [definition.hash, definition.surveyID, definition.source, definition.firstSeen])
        return db.changesCount > 0
    }

    func insert(_ rows: EncodedRows) throws -> Int {
        guard let inserter else { return try rows.rows.reduce(0) { stored, row in try insert(row) ? stored + 1 : stored } }
        let stored = try inserter.insert(rows, db: db, references: references)
        writeBehind?.wrote(rows: stored)
        return stored
    }

    func insert(_ row: EncodedResponse) throws -> Bool {
        references?.note(row.definitionHash)
        if let inserter { return try inserter.insert(row, db: db) }
        let statement = try db.cachedStatement(sql: Self.insertResponse)
        try statement.execute(arguments: [
            row.id, row.surveyID, row.definitionHash, row.session, row.sourceKind, row.sourceFile, row.sourceRow,
            row.identity, row.language, row.status, row.startedAt, row.submittedAt, row.storedAt, row.metadata, row.answers,
        ])
        return db.changesCount > 0
    }

    func updateDraft(id: String, answers: String, status: String, submittedAt: String?, language: String?) throws {
        try db.execute(sql: "UPDATE response SET answers = ?, status = ?, submitted_at = ?, language = ? WHERE id = ?",
                       arguments: [answers, status, submittedAt, language, id])
    }

    func insert(_ file: SourceFile, surveyID: String) throws {
        try db.execute(sql: """
            INSERT INTO source_file (survey_id, path, sha256, layout, encoding, imported_at, rows_new, rows_existing, not_asked)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [surveyID, file.path, file.sha256, file.layout, file.encoding,
                             StoreDates.format(file.importedAt), file.rowsNew, file.rowsExisting, StoredLists.text(file.notAsked)])
    }

    func sourceFileExists(_ file: SourceFile, surveyID: String) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM source_file WHERE survey_id = ? AND path = ? AND sha256 = ? AND imported_at = ?)
            """, arguments: [surveyID, file.path, file.sha256, StoreDates.format(file.importedAt)]) ?? false
    }

    func deleteResponse(id: String, surveyID: String?, draftsOnly: Bool) throws -> Int {
        var sql = "DELETE FROM response WHERE id = ?"
        var arguments: StatementArguments = [id]
        if let surveyID {
            sql += " AND survey_id = ?"
            arguments += [surveyID]
        }
        if draftsOnly { sql += " AND status = 'draft'" }
        try db.execute(sql: sql, arguments: arguments)
        return db.changesCount
    }

    func deleteResponses(surveyID: String, identity: String) throws -> Int {
        try db.execute(sql: "DELETE FROM response WHERE survey_id = ? AND identity = ?", arguments: [surveyID, identity])
        return db.changesCount
    }

    func erasureID(_ erasure: StoredErasure) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT id FROM erasure_log WHERE erased_at = ? AND survey_id = ? AND selector_kind = ? AND selector = ?
            """, arguments: [erasure.erasedAt, erasure.surveyID, erasure.selectorKind, erasure.selector])
    }

    func insertErasure(_ erasure: StoredErasure) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO erasure_log (erased_at, survey_id, selector_kind, selector, responses) VALUES (?, ?, ?, ?, ?)
            """, arguments: [erasure.erasedAt, erasure.surveyID, erasure.selectorKind, erasure.selector, erasure.responses])
        return db.lastInsertedRowID
    }

    func insertErasedIdentity(surveyID: String, identity: String, erasure: Int64) throws {
        try erasedRows?.enforce()
        try db.execute(sql: "INSERT OR IGNORE INTO erased_identity (survey_id, identity, erasure) VALUES (?, ?, ?)",
                       arguments: [surveyID, identity, erasure])
    }

    func secret() throws -> Data? {
        try Data.fetchOne(db, sql: "SELECT secret FROM store_secret WHERE id = 1")
    }

    func insertSecret(_ secret: Data) throws {
        try db.execute(sql: "INSERT INTO store_secret (id, secret) VALUES (1, ?)", arguments: [secret])
    }
}

/// What `REFERENCES definition(hash)` checks, for a bulk write that runs with foreign keys off:
/// the definition hashes its rows name, each checked once against the `definition` table before
/// the commit. A missing one fails the transaction as the constraint would have.
final class DefinitionReferences {
    private var last: String?
    private var lastBytes: [UInt8] = []
    private var hashes: Set<String> = []

    func note(_ hash: String) {
        // An import's rows all name one definition: compare with the last before hashing.
        guard hash != last else { return }
        last = hash
        lastBytes = Array(hash.utf8)
        hashes.insert(hash)
    }

    /// The same for a hash where it lies in an `EncodedRows` buffer.
    func note(_ base: UnsafeRawPointer, _ span: EncodedRows.Span) {
        guard span.start >= 0 else { return }
        let start = base + span.start
        if span.count > 0, lastBytes.count == span.count, lastBytes.withUnsafeBytes({ memcmp($0.baseAddress!, start, span.count) == 0 }) { return }
        note(String(decoding: UnsafeRawBufferPointer(start: start, count: span.count), as: UTF8.self))
    }

    func check(_ db: Database) throws {
        for hash in hashes.sorted() {
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM definition WHERE hash = ?)", arguments: [hash]) == true else {
                throw DatabaseError(resultCode: .SQLITE_CONSTRAINT_FOREIGNKEY,
                                    message: "FOREIGN KEY constraint failed: no definition \(hash) for the rows written")
            }
        }
    }
}

/// The insert of a bulk write, bound straight from each row's UTF-8 where it lies (`EncodedRows`,
/// `SQLITE_STATIC`): a row costs no copy and no boxing of its fifteen values. At 100,000 rows
/// GRDB's general binding was a fifth of the inserting thread.
///
/// A batch goes in `rowsPerStatement` rows to a statement (`INSERT OR IGNORE … VALUES (…), (…)`),
/// the rest one by one. Each execution of a statement opens a cursor on the table and on each of
/// its three indexes, finds their roots, and closes and resets everything after; with one row a
/// statement that was about 40 % of SQLite's time (100,000 of the bench's rows replayed in C:
/// 0.36 s of CPU one a statement, 0.21–0.22 s with 20 to 100). `OR IGNORE` still judges each row
/// alone, in order (a row whose id or identity is stored, or came earlier in the same statement,
/// is skipped, and the erased-identity trigger's `RAISE(IGNORE)` skips its row only), and
/// `sqlite3_changes` counts the rows one statement stored.
final class SQLiteRowInserter {
    static let rowsPerStatement = 25
    private let statement: Statement
    /// `rowsPerStatement` rows a statement.
    private let manyRows: Statement
    /// A single row's texts (a merge's rows come as Strings), reused.
    private var single = EncodedRows(rowCapacity: 1, byteCapacity: 4096)

    init(_ db: Database) throws {
        statement = try db.makeStatement(sql: SQLiteTransaction.insertResponse)
        manyRows = try db.makeStatement(sql: SQLiteTransaction.insertResponses(Self.rowsPerStatement))
    }

    /// Inserts `row`; false when its id or (survey, identity) is stored, or its identity erased.
    func insert(_ row: EncodedResponse, db: Database) throws -> Bool {
        single.removeAll()
        single.append(row)
        return try insert(single, db: db, references: nil) == 1
    }

    /// Inserts `rows` in order; returns how many were stored. `references` is told each row's
    /// definition, compared as bytes with the row before.
    func insert(_ rows: EncodedRows, db: Database, references: DefinitionReferences?) throws -> Int {
        let connection = db.sqliteConnection
        let width = EncodedRows.columnCount
        let sourceRow = EncodedRows.Column.sourceRow.rawValue
        var stored = 0
        var first = 0
        defer {
            // The texts bound in place must not outlive the buffer they point into.
            sqlite3_clear_bindings(statement.sqliteStatement)
            sqlite3_clear_bindings(manyRows.sqliteStatement)
        }
        while first < rows.count {
            let count = rows.count - first >= Self.rowsPerStatement ? Self.rowsPerStatement : 1
            let sqlite = count == 1 ? statement.sqliteStatement : manyRows.sqliteStatement
            let code: CInt = rows.withRows(first..<first + count) { base, spans in
                for row in 0..<count {
                    references?.note(base, spans[row * width + EncodedRows.Column.definitionHash.rawValue])
                    for index in 0..<width {
                        let span = spans[row * width + index]
                        let parameter = CInt(row * width + index + 1)
                        if index == sourceRow {
                            if let number = rows.sourceRows[first + row] {
                                sqlite3_bind_int64(sqlite, parameter, Int64(number))
                            } else {
                                sqlite3_bind_null(sqlite, parameter)
                            }
                        } else if span.start < 0 {
                            sqlite3_bind_null(sqlite, parameter)
                        } else {
                            sqlite3_bind_text(sqlite, parameter, (base + span.start).assumingMemoryBound(to: CChar.self), CInt(span.count), nil)
                        }
                    }
                }
                let stepped = sqlite3_step(sqlite)
                let reset = sqlite3_reset(sqlite)
                return stepped == SQLITE_DONE ? SQLITE_OK : reset
            }
            guard code == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)),
                                    sql: count == 1 ? SQLiteTransaction.insertResponse : SQLiteTransaction.insertResponses(count))
            }
            stored += Int(sqlite3_changes(connection))
            first += count
        }
        return stored
    }
}
