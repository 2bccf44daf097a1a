import Foundation
import GRDB

/// The durable home of responses: one SQLite file, written in whole responses only.
///
/// Several processes may write one store at once (two laptops' worth of `samla collect` on a shared
/// disk, an import beside a collection): SQLite's WAL mode and a busy timeout serialise the writers,
/// and every write is one IMMEDIATE transaction, so a reader never sees half a response.
public final class ResponseStore: Sendable {
    public let path: String
    let pool: DatabasePool

    /// `--store`, else `$SAMLA_STORE`, else `samla.sqlite` in the current directory.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["SAMLA_STORE"], !path.isEmpty { return path }
        return "samla.sqlite"
    }

    public init(path: String) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        // Another process may hold the write lock for a whole import; wait rather than fail.
        configuration.busyMode = .timeout(60)
        configuration.foreignKeysEnabled = true
        do {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            pool = try Self.retryingWhileLocked { try DatabasePool(path: path, configuration: configuration) }
            // GRDB's DatabasePool sets synchronous=NORMAL when it turns WAL on, after any
            // prepareDatabase hook; in WAL mode NORMAL can lose the last commits on power loss.
            // The pool has one writer connection, so setting FULL on it covers every write.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            try migrate()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Two processes opening a new store at the same moment race to turn WAL on, which takes a
    /// lock SQLite does not wait for: the loser gets "database is locked" at once, busy timeout or
    /// not. It tries again, briefly and at random moments, for up to ten seconds.
    private static func retryingWhileLocked<T>(_ open: () throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(10)
        while true {
            do {
                return try open()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                guard Date() < deadline else { throw error }
                Thread.sleep(forTimeInterval: Double.random(in: 0.005...0.05))
            }
        }
    }

    private func migrate() throws {
        let deadline = Date().addingTimeInterval(10)
        try Self.retryingWhileLocked {
            while true {
                do {
                    return try StoreSchema.migrator.migrate(pool)
                } catch {
                    // Two processes opening a new store at once race to migrate: the loser's
                    // statement can fail on what the winner just made. When the winner has finished,
                    // the store is as it should be; while it is still at a later migration, the
                    // loser tries again, and the migrator goes on from what is committed.
                    if try pool.read({ try StoreSchema.migrator.hasCompletedMigrations($0) }) { return }
                    guard Date() < deadline else { throw error }
                    Thread.sleep(forTimeInterval: Double.random(in: 0.005...0.05))
                }
            }
        }
    }

    /// The `synchronous` setting of the writer connection: 2 means FULL.
    public func synchronousLevel() throws -> Int {
        try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    // MARK: Writing

    /// Saves one response in one transaction: all of it or none of it.
    public func save(_ response: Response, definition survey: Survey) throws(StoreError) {
        try write { writer in
            try writer.register(survey)
            _ = try writer.insert(response)
        }
    }

    /// Saves several responses in one transaction (one commit, one sync to disk), all or none.
    /// Returns, in order, whether each was new: false for an id already stored (a retried
    /// submission), which is left as it was.
    public func save(_ responses: [Response], definition survey: Survey) throws(StoreError) -> [Bool] {
        guard !responses.isEmpty else { return [] }
        let storedAt = Date()
        return try write { writer in
            try writer.register(survey)
            return try responses.map { try writer.insert($0, storedAt: storedAt) }
        }
    }

    /// Runs `body` in one IMMEDIATE transaction; anything thrown rolls back everything it wrote.
    public func write<T>(_ body: (StoreWriter) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.write { db in
                try body(StoreWriter(db: db))
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.writeFailed(path: path, reason: "\(error)")
        }
    }

    /// Deletes one response (a draft that was finished or abandoned).
    public func delete(responseID: UUID) throws(StoreError) {
        try write { writer in
            try writer.db.execute(sql: "DELETE FROM response WHERE id = ?", arguments: [responseID.uuidString])
        }
    }

    /// Deletes a participant's draft (collect's kiosk mode, when they walked away); a response
    /// that is complete is never touched.
    public func discardDraft(responseID: UUID) throws(StoreError) {
        try write { writer in
            try writer.db.execute(sql: "DELETE FROM response WHERE id = ? AND status = 'draft'",
                                  arguments: [UUIDText.format(responseID)])
        }
    }

    // MARK: Reading

    /// Which responses to read.
    public struct Selection: Sendable {
        public var surveyID: String
        /// Any of these sessions; empty means every session.
        public var sessions: [String]
        public var includeDrafts: Bool

        public init(surveyID: String, sessions: [String] = [], includeDrafts: Bool = false) {
            self.surveyID = surveyID
            self.sessions = sessions
            self.includeDrafts = includeDrafts
        }

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

    /// Streams the selected responses in the order they were stored, one at a time, so memory does
    /// not grow with the store.
    public func forEachResponse(_ selection: Selection, _ body: (Response) throws -> Void) throws {
        let arguments = selection.sqlFilter.1
        try pool.read { db in
            let rows = try Row.fetchCursor(db, sql: selection.inStoredOrder(columns: "*"), arguments: arguments)
            while let row = try rows.next() {
                try body(try Self.response(from: row))
            }
        }
    }

    public func responses(_ selection: Selection) throws -> [Response] {
        var all: [Response] = []
        try forEachResponse(selection) { all.append($0) }
        return all
    }

    public func count(_ selection: Selection) throws -> Int {
        let (filter, arguments) = selection.sqlFilter
        return try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM response WHERE \(filter)", arguments: arguments) ?? 0
        }
    }

    public func draftCount(surveyID: String) throws -> Int {
        try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM response WHERE survey_id = ? AND status = 'draft'", arguments: [surveyID]) ?? 0
        }
    }

    /// Every survey id in the store with its number of complete responses.
    public func surveys() throws -> [(id: String, responses: Int)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT survey_id, count(*) AS n FROM response WHERE status = 'complete' GROUP BY survey_id ORDER BY survey_id")
                .map { (id: $0["survey_id"], responses: $0["n"]) }
        }
    }

    public func sessions(surveyID: String) throws -> [SessionSummary] {
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

    public func sourceFiles(surveyID: String) throws -> [SourceFile] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM source_file WHERE survey_id = ? ORDER BY id", arguments: [surveyID]).map { row in
                SourceFile(path: row["path"], sha256: row["sha256"], layout: row["layout"], encoding: row["encoding"],
                           importedAt: StoreDates.parse(row["imported_at"]) ?? Date(timeIntervalSince1970: 0),
                           rowsNew: row["rows_new"], rowsExisting: row["rows_existing"])
            }
        }
    }

    /// Per imported file path, the questions it had no column for; a path imported more than once
    /// lacks only what every import of it lacked.
    public func notAskedByFile(surveyID: String) throws -> [String: Set<String>] {
        try pool.read { db in
            var lacking: [String: Set<String>] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT path, not_asked FROM source_file WHERE survey_id = ? ORDER BY id",
                                        arguments: [surveyID]) {
                let path: String = row["path"]
                let ids = Set(((row["not_asked"] as String?) ?? "").split(separator: "\n").map(String.init))
                lacking[path] = lacking[path].map { $0.intersection(ids) } ?? ids
            }
            return lacking.filter { !$0.value.isEmpty }
        }
    }

    /// Definition hashes that responses of a survey were given under, with their source text.
    public func definitions(surveyID: String) throws -> [(hash: String, source: String)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT hash, source FROM definition WHERE survey_id = ? ORDER BY first_seen", arguments: [surveyID])
                .map { (hash: $0["hash"], source: $0["source"]) }
        }
    }

    /// The store's own key for pseudonyms, made on first use; it never leaves the store.
    public func pseudonymKey() throws(StoreError) -> Data {
        try write { writer in
            if let existing = try Data.fetchOne(writer.db, sql: "SELECT secret FROM store_secret WHERE id = 1") {
                return existing
            }
            var generator = SystemRandomNumberGenerator()
            let key = Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
            try writer.db.execute(sql: "INSERT INTO store_secret (id, secret) VALUES (1, ?)", arguments: [key])
            return key
        }
    }

    static func response(from row: Row) throws -> Response {
        let sourceKind: String = row["source_kind"]
        let source: Response.Source = sourceKind == "imported"
            ? .imported(file: row["source_file"] ?? "", row: row["source_row"] ?? 0)
            : .collected
        let idText: String = row["id"]
        return Response(
            id: UUIDText.parse(idText) ?? UUID(),
            surveyID: row["survey_id"], definitionHash: row["definition_hash"], session: row["session"],
            source: source, identity: row["identity"], language: row["language"],
            status: Response.Status(rawValue: row["status"]) ?? .complete,
            startedAt: StoreDates.parse(row["started_at"]), submittedAt: StoreDates.parse(row["submitted_at"]),
            answers: try AnswerCoding.decode(row["answers"]),
            metadata: try AnswerCoding.decodeMetadata(row["metadata"]))
    }
}

/// Writes inside one transaction opened by `ResponseStore.write`.
public struct StoreWriter {
    let db: Database

    /// Records the definition a response was given under; a known definition is left as it is.
    public func register(_ survey: Survey) throws {
        try db.execute(sql: """
            INSERT OR IGNORE INTO definition (hash, survey_id, source, first_seen) VALUES (?, ?, ?, ?)
            """, arguments: [survey.definitionHash, survey.id, survey.sourceText, StoreDates.format(Date())])
    }

    /// Inserts a response; returns false when one with the same identity is already stored.
    @discardableResult
    public func insert(_ response: Response, storedAt: Date = Date()) throws -> Bool {
        try insert(EncodedResponse(response, storedAt: storedAt))
    }

    /// Inserts a response already in its stored form (encoded on another thread by a bulk import).
    @discardableResult
    public func insert(_ row: EncodedResponse) throws -> Bool {
        let statement = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO response (id, survey_id, definition_hash, session, source_kind, source_file, source_row,
                identity, language, status, started_at, submitted_at, stored_at, metadata, answers)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            row.id, row.surveyID, row.definitionHash, row.session, row.sourceKind, row.sourceFile, row.sourceRow,
            row.identity, row.language, row.status, row.startedAt, row.submittedAt, row.storedAt, row.metadata, row.answers,
        ])
        return db.changesCount > 0
    }

    /// Replaces a draft's answers (collect keeps the unfinished participant as a draft).
    public func update(draft response: Response) throws {
        try db.execute(sql: "UPDATE response SET answers = ?, status = ?, submitted_at = ?, language = ? WHERE id = ?", arguments: [
            AnswerCoding.encode(response.answers), response.status.rawValue,
            response.submittedAt.map(StoreDates.format), response.language, UUIDText.format(response.id),
        ])
    }

    public func record(_ file: SourceFile, surveyID: String) throws {
        try db.execute(sql: """
            INSERT INTO source_file (survey_id, path, sha256, layout, encoding, imported_at, rows_new, rows_existing, not_asked)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [surveyID, file.path, file.sha256, file.layout, file.encoding,
                             StoreDates.format(file.importedAt), file.rowsNew, file.rowsExisting,
                             file.notAsked.isEmpty ? nil : file.notAsked.joined(separator: "\n")])
    }
}

public enum StoreError: Error, CustomStringConvertible, LocalizedError {
    /// Reading commands never create a store: a wrong path should say so, not report zero responses.
    case notFound(path: String)
    case cannotOpen(path: String, reason: String)
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let path):
            return "\(path): error: no response store here (pass --store PATH or set SAMLA_STORE; samla collect or samla import creates one)"
        case .cannotOpen(let path, let reason):
            return "\(path): error: cannot open the response store: \(reason) (check the path and that the file is a Samla store, or pass --store)"
        case .writeFailed(let path, let reason):
            return "\(path): error: nothing was written to the store: \(reason)"
        }
    }

    public var errorDescription: String? { description }
}

/// Store timestamps: ISO 8601 in UTC with milliseconds, which sort as text.
public enum StoreDates {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// Written from the date's components by hand: an import formats three timestamps per
    /// response, and Foundation's formatter dominated its time. Years outside 0001–9999 (which
    /// never occur in real answers) go through Foundation.
    public static func format(_ date: Date) -> String {
        StoreTimestampText(date)?.text ?? style.format(date)
    }

    public static func parse(_ text: String?) -> Date? {
        guard let text else { return nil }
        if let date = try? style.parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }
}
