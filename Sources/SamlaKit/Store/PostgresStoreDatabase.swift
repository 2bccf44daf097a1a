import Foundation
import PostgresNIO

/// The shared store: a PostgreSQL database, for several hosts collecting and importing at once, or
/// a municipality's own server. Reached through postgres-nio; the tables are `PostgresSchema`'s.
///
/// Every write is one transaction at READ COMMITTED. Inserts skip a response whose id or (survey,
/// identity) is stored (`ON CONFLICT DO NOTHING`), so two writers storing the same response never
/// conflict: the second waits for the first to commit and then adds nothing. Bulk writes (imports,
/// merges) take one advisory lock and so run one at a time, as on SQLite: two imports whose files
/// share rows in different orders could otherwise deadlock, and the user would have to retry. A
/// single response (collect, serve) never waits for that lock.
final class PostgresStoreDatabase: StoreDatabase {
    static let schemaLock = 0x5A4D_4C41_0001
    static let bulkLock = 0x5A4D_4C41_0002

    let location: String
    let connections: PostgresConnections

    init(url: String, create: Bool) throws(StoreError) {
        let (configuration, shown) = try Self.configuration(url: url)
        location = shown
        connections = PostgresConnections(configuration: configuration)
        do {
            try connections.withSession { session in
                if !create {
                    let exists = try session.query("SELECT to_regclass('samla_schema') IS NOT NULL").rows.first?
                        .makeRandomAccess()[0].decode(Bool.self) ?? false
                    guard exists else { throw StoreError.notFound(path: shown) }
                }
                try PostgresSchema.migrate(session, location: shown)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: shown, reason: Self.message(of: error) ?? "\(error)")
        }
    }

    /// A connection configuration from `postgres://user:password@host:port/database?sslmode=…`,
    /// and the URL as messages show it (without the password).
    static func configuration(url: String) throws(StoreError) -> (PostgresConnection.Configuration, String) {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            throw StoreError.cannotOpen(path: url, reason: "not a PostgreSQL URL (write postgres://USER@HOST:5432/DATABASE)")
        }
        let user = components.user.flatMap { $0.removingPercentEncoding } ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        let password = components.password.flatMap { $0.removingPercentEncoding }
            ?? ProcessInfo.processInfo.environment["PGPASSWORD"]
        let database = String(components.path.drop { $0 == "/" }).removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 } ?? user
        var shown = components
        shown.password = nil
        let location = shown.string ?? url
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        let tls: PostgresConnection.Configuration.TLS
        do {
            // As libpq reads sslmode: prefer and require encrypt without checking the server's
            // certificate, verify-ca checks it against the trusted roots, verify-full the host name too.
            var client = TLSConfiguration.makeClientConfiguration()
            switch mode {
            case "disable": tls = .disable
            case "prefer", "allow":
                client.certificateVerification = .none
                tls = .prefer(try .init(configuration: client))
            case "require", "verify-ca", "verify-full":
                client.certificateVerification = mode == "require" ? .none : mode == "verify-ca" ? .noHostnameVerification : .fullVerification
                tls = .require(try .init(configuration: client))
            default:
                throw StoreError.cannotOpen(path: location, reason: "unknown sslmode '\(mode)' (disable, prefer, require, verify-ca, verify-full)")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: location, reason: "\(error)")
        }
        // Loopback needs no TLS; `prefer` there would only cost a round trip when the server has none.
        let loopback = ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host)
        let configuration = PostgresConnection.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: password, database: database,
            tls: loopback && mode == "prefer" ? .disable : tls)
        return (configuration, location)
    }

    /// PostgreSQL's own words for what went wrong, where the error carries them.
    static func message(of error: Error) -> String? {
        guard let error = error as? PSQLError else { return nil }
        if let message = error.serverInfo?[.message] {
            let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
            return message + detail
        }
        return "\(error.code)"
    }

    // MARK: Writing

    func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try connections.withSession { session in
            try session.transaction { (try body(PostgresTransaction(session: session)), true) }
        }
    }

    /// An import or merge: one transaction, taking turns with other bulk writes; then the many
    /// rows of kept counts its INSERTs added (one per 500 responses and answer) are added up.
    func bulkWrite(_ body: (any StoreTransaction) throws -> Bool) throws {
        try connections.withSession { session in
            try session.transaction {
                try session.query("SELECT pg_advisory_xact_lock(\(Self.bulkLock))")
                return ((), try body(PostgresTransaction(session: session)))
            }
        }
        compactKeptCounts()
    }

    // MARK: Reading

    /// Runs `body` in one read-only transaction that sees one snapshot throughout.
    func read<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try connections.withSession { session in
            try session.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { (try body(session), true) }
        }
    }

    /// The same on a connection of its own that sees `snapshot` (`exportSnapshot`, from another
    /// reading transaction still open), for a read done in parts at once to see one moment.
    func read<T>(inSnapshot snapshot: String, _ body: (PostgresSession) throws -> T) throws -> T {
        try read { session in
            try session.query("SET TRANSACTION SNAPSHOT '\(snapshot)'")
            return try body(session)
        }
    }

    func rows(_ sql: String, _ values: [SQLValue] = []) throws -> [PostgresRandomAccessRow] {
        try connections.withSession { session in try session.query(sql, values).rows.map { $0.makeRandomAccess() } }
    }

    static let responseColumns = """
        id, survey_id, definition_hash, session, source_kind, source_file, source_row, identity, language, status,
        started_at, submitted_at, stored_at, metadata, answers
        """

    func forEachStoredResponse(_ selection: ResponseStore.Selection, _ body: (EncodedResponse) throws -> Void) throws {
        let (filter, values) = selection.postgresFilter
        try read { session in
            // Whole rows are a kilobyte or two each and two batches are in memory at once: 1,000 a
            // batch keeps a million-response export some 20 MB lower than 4,000 would, for
            // round trips that overlap the reading anyway.
            try session.forEachRow("SELECT \(Self.responseColumns) FROM response WHERE \(filter) ORDER BY seq", values,
                                   batch: 1000) { row in
                try body(EncodedResponse(
                    id: row.text(0), surveyID: row.text(1), definitionHash: row.text(2), session: row.optionalText(3),
                    sourceKind: row.text(4), sourceFile: row.optionalText(5), sourceRow: row.optionalInteger(6),
                    identity: row.optionalText(7), language: row.optionalText(8), status: row.text(9), startedAt: row.optionalText(10),
                    submittedAt: row.optionalText(11), storedAt: row.text(12), metadata: row.text(13), answers: row.text(14)))
            }
        }
    }

    func forEachResponse(_ selection: ResponseStore.Selection, reading: ResponseReading,
                         _ body: (Response, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try forEachStoredResponse(selection) { row in
            var answers = row.answers
            let response = try row.decoded(answers: reading.answers, metadata: reading.metadata)
            try answers.withUTF8 { try body(response, $0) }
        }
    }

    /// The answers column's bytes as the server sent them (text travels as its UTF-8 bytes), with
    /// the definition version looked up once per run of equal hash and file, as on SQLite.
    func forEachStoredAnswers(_ selection: ResponseStore.Selection, versions: DefinitionVersions,
                              _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        let (filter, values) = selection.postgresFilter
        let readsVersions = !versions.isEmpty
        let columns = versions.readsFiles ? "answers, definition_hash, source_file" : readsVersions ? "answers, definition_hash" : "answers"
        var last: (hash: String, file: String?)?
        var version = 0
        try read { session in
            try session.forEachRow("SELECT \(columns) FROM response WHERE \(filter) ORDER BY seq", values) { row in
                if readsVersions {
                    let hash = try row.text(1)
                    let file = versions.readsFiles ? try row.optionalText(2) : nil
                    if last == nil || last!.hash != hash || last!.file != file {
                        last = (hash, file)
                        version = versions.index(ofHash: hash, file: file)
                    }
                }
                guard let answers = row[0].bytes else { throw StoredDataError(message: "a response without answers") }
                try answers.withUnsafeReadableBytes { raw in
                    try body(UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: raw.count), version)
                }
            }
        }
    }

    func count(_ selection: ResponseStore.Selection) throws -> Int {
        let (filter, values) = selection.postgresFilter
        return try rows("SELECT count(*) FROM response WHERE \(filter)", values).first?.integer(0) ?? 0
    }

    func surveyIDs() throws -> [String] {
        try rows("SELECT survey_id FROM definition UNION SELECT survey_id FROM response ORDER BY 1").map { try $0.text(0) }
    }

    func completeCounts() throws -> [(id: String, responses: Int)] {
        try rows("SELECT survey_id, count(*) FROM response WHERE status = 'complete' GROUP BY survey_id ORDER BY survey_id")
            .map { (id: try $0.text(0), responses: try $0.integer(1)) }
    }

    func sessions(surveyID: String) throws -> [SessionSummary] {
        try rows("""
            SELECT session, source_kind, count(*), min(coalesce(submitted_at, stored_at)) AS first,
                   max(coalesce(submitted_at, stored_at))
            FROM response WHERE survey_id = $1 AND status = 'complete'
            GROUP BY session, source_kind ORDER BY first, session
            """, [.text(surveyID)]).map { row in
            SessionSummary(name: try row.optionalText(0), sourceKind: try row.text(1),
                           responses: try row.integer(2), first: StoreDates.parse(try row.optionalText(3)),
                           last: StoreDates.parse(try row.optionalText(4)))
        }
    }

    func sessionCounts(surveyID: String) throws -> [SessionCounts] {
        try rows("""
            SELECT session, count(*) FILTER (WHERE status = 'complete'), count(*) FILTER (WHERE status = 'draft'),
                   min(coalesce(submitted_at, started_at, stored_at)) AS first,
                   max(coalesce(submitted_at, started_at, stored_at))
            FROM response WHERE survey_id = $1
            GROUP BY session ORDER BY first, session
            """, [.text(surveyID)]).map { row in
            SessionCounts(name: try row.optionalText(0), complete: try row.integer(1), drafts: try row.integer(2),
                          first: StoreDates.parse(try row.optionalText(3)), last: StoreDates.parse(try row.optionalText(4)))
        }
    }

    func sourceFiles(surveyID: String) throws -> [SourceFile] {
        try rows("""
            SELECT path, sha256, layout, encoding, imported_at, rows_new, rows_existing, not_asked
            FROM source_file WHERE survey_id = $1 ORDER BY id
            """, [.text(surveyID)]).map { row in
            SourceFile(path: try row.text(0), sha256: try row.text(1), layout: try row.text(2),
                       encoding: try row.text(3),
                       importedAt: StoreDates.parse(try row.text(4)) ?? Date(timeIntervalSince1970: 0),
                       rowsNew: try row.integer(5), rowsExisting: try row.integer(6),
                       notAsked: StoredLists.lines(try row.optionalText(7)))
        }
    }

    func storedDefinitions(surveyID: String) throws -> [StoredDefinition] {
        try rows("SELECT hash, survey_id, source, first_seen FROM definition WHERE survey_id = $1 ORDER BY first_seen, hash",
                 [.text(surveyID)]).map { row in
            StoredDefinition(hash: try row.text(0), surveyID: try row.text(1),
                             source: try row.text(2), firstSeen: try row.text(3))
        }
    }

    func erasures(surveyID: String) throws -> [StoredErasure] {
        try read { session in
            try session.query("""
                SELECT l.erased_at, l.survey_id, l.selector_kind, l.selector, l.responses,
                       coalesce((SELECT string_agg(identity, E'\\n' ORDER BY identity) FROM erased_identity WHERE erasure = l.id), '')
                FROM erasure_log l WHERE l.survey_id = $1 ORDER BY l.id
                """, [.text(surveyID)]).rows.map { plain in
                let row = plain.makeRandomAccess()
                return StoredErasure(erasedAt: try row.text(0), surveyID: try row.text(1),
                                     selectorKind: try row.text(2), selector: try row.text(3),
                                     responses: try row.integer(4), identities: StoredLists.lines(try row.text(5)))
            }
        }
    }

    func responseKeys(surveyID: String, session: String?, id: String?) throws -> [(id: String, status: String, identity: String?)] {
        let found: [PostgresRandomAccessRow]
        if let id {
            found = try rows("SELECT id, status, identity FROM response WHERE survey_id = $1 AND id = $2", [.text(surveyID), .text(id)])
        } else {
            found = try rows("SELECT id, status, identity FROM response WHERE survey_id = $1 AND session IS NOT DISTINCT FROM $2 ORDER BY seq",
                             [.text(surveyID), .text(session)])
        }
        return try found.map { (id: try $0.text(0), status: try $0.text(1), identity: try $0.optionalText(2)) }
    }
}

extension ResponseStore.Selection {
    /// The WHERE clause for PostgreSQL, with `$n` placeholders, and its values.
    var postgresFilter: (String, [SQLValue]) {
        var sql = "survey_id = $1"
        var values: [SQLValue] = [.text(surveyID)]
        if !includeDrafts { sql += " AND status = 'complete'" }
        if !sessions.isEmpty {
            sql += " AND session IN (" + sessions.indices.map { "$\($0 + 2)" }.joined(separator: ", ") + ")"
            values += sessions.map { .text($0) }
        }
        return (sql, values)
    }
}

/// The statements of one PostgreSQL write transaction.
struct PostgresTransaction: StoreTransaction {
    let session: PostgresSession

    func insert(_ definition: StoredDefinition) throws -> Bool {
        // Looked up first: a known definition (the usual case) takes no lock, so a single response
        // saved during a long import does not wait for the import's row of the same definition.
        let known = try session.query("SELECT 1 FROM definition WHERE hash = $1", [.text(definition.hash)]).rows.isEmpty == false
        if known { return false }
        return try session.execute("""
            INSERT INTO definition (hash, survey_id, source, first_seen) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING
            """, [.text(definition.hash), .text(definition.surveyID), .text(definition.source), .text(definition.firstSeen)]) > 0
    }

    func insert(_ row: EncodedResponse) throws -> Bool {
        try insert([row]) > 0
    }

    /// Rows per INSERT statement: 16 values each stays far below the protocol's 65,535 bound values,
    /// and an import of 100,000 rows waits for 200 round trips instead of 100,000.
    static let rowsPerStatement = 500

    /// One multi-row INSERT per `rowsPerStatement` rows, each with its answers' items for counting
    /// (`AnswerItems`). `ON CONFLICT DO NOTHING` skips a row whose id or identity is stored, or was
    /// inserted by an earlier row of the same statement, and the erasure trigger skips an erased
    /// identity; the command's row count is what was stored.
    func insert(_ rows: [EncodedResponse]) throws -> Int {
        var stored = 0
        var start = rows.startIndex
        while start < rows.endIndex {
            let chunk = rows[start..<min(start + Self.rowsPerStatement, rows.endIndex)]
            stored += try session.execute(Self.insertSQL(rows: chunk.count), chunk.flatMap(Self.values))
            start = chunk.endIndex
        }
        return stored
    }

    static func insertSQL(rows: Int) -> String {
        let tuples = (0..<rows).map { row in
            "(" + (1...16).map { "$\(row * 16 + $0)" }.joined(separator: ", ") + ")"
        }
        return """
            INSERT INTO response (id, survey_id, definition_hash, session, source_kind, source_file, source_row,
                identity, language, status, started_at, submitted_at, stored_at, metadata, answers, answer_items)
            VALUES \(tuples.joined(separator: ", ")) ON CONFLICT DO NOTHING
            """
    }

    static func values(_ row: EncodedResponse) -> [SQLValue] {
        [.text(row.id), .text(row.surveyID), .text(row.definitionHash), .text(row.session), .text(row.sourceKind),
         .text(row.sourceFile), .integer(row.sourceRow), .text(row.identity), .text(row.language), .text(row.status),
         .text(row.startedAt), .text(row.submittedAt), .text(row.storedAt), .text(row.metadata), .text(row.answers),
         .texts(AnswerItems.items(ofStored: row.answers))]
    }

    func updateDraft(id: String, answers: String, status: String, submittedAt: String?, language: String?) throws {
        try session.query("""
            UPDATE response SET answers = $1, answer_items = $2, status = $3, submitted_at = $4, language = $5 WHERE id = $6
            """, [.text(answers), .texts(AnswerItems.items(ofStored: answers)), .text(status), .text(submittedAt),
                  .text(language), .text(id)])
    }

    func insert(_ file: SourceFile, surveyID: String) throws {
        try session.query("""
            INSERT INTO source_file (survey_id, path, sha256, layout, encoding, imported_at, rows_new, rows_existing, not_asked)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, [.text(surveyID), .text(file.path), .text(file.sha256), .text(file.layout), .text(file.encoding),
                  .text(StoreDates.format(file.importedAt)), .integer(file.rowsNew), .integer(file.rowsExisting),
                  .text(StoredLists.text(file.notAsked))])
    }

    func sourceFileExists(_ file: SourceFile, surveyID: String) throws -> Bool {
        try !session.query("SELECT 1 FROM source_file WHERE survey_id = $1 AND path = $2 AND sha256 = $3 AND imported_at = $4",
                           [.text(surveyID), .text(file.path), .text(file.sha256), .text(StoreDates.format(file.importedAt))]).rows.isEmpty
    }

    func deleteResponse(id: String, surveyID: String?, draftsOnly: Bool) throws -> Int {
        var sql = "DELETE FROM response WHERE id = $1"
        var values: [SQLValue] = [.text(id)]
        if let surveyID {
            sql += " AND survey_id = $2"
            values.append(.text(surveyID))
        }
        if draftsOnly { sql += " AND status = 'draft'" }
        return try session.execute(sql, values)
    }

    func deleteResponses(surveyID: String, identity: String) throws -> Int {
        try session.execute("DELETE FROM response WHERE survey_id = $1 AND identity = $2", [.text(surveyID), .text(identity)])
    }

    func erasureID(_ erasure: StoredErasure) throws -> Int64? {
        try session.query("SELECT id FROM erasure_log WHERE erased_at = $1 AND survey_id = $2 AND selector_kind = $3 AND selector = $4",
                          [.text(erasure.erasedAt), .text(erasure.surveyID), .text(erasure.selectorKind), .text(erasure.selector)])
            .rows.first.map { Int64(try $0.makeRandomAccess().integer(0)) }
    }

    func insertErasure(_ erasure: StoredErasure) throws -> Int64 {
        let row = try session.query("""
            INSERT INTO erasure_log (erased_at, survey_id, selector_kind, selector, responses) VALUES ($1, $2, $3, $4, $5) RETURNING id
            """, [.text(erasure.erasedAt), .text(erasure.surveyID), .text(erasure.selectorKind), .text(erasure.selector),
                  .integer(erasure.responses)]).rows.first
        guard let row else { throw StoredDataError(message: "the erasure log gave no id") }
        return Int64(try row.makeRandomAccess().integer(0))
    }

    func insertErasedIdentity(surveyID: String, identity: String, erasure: Int64) throws {
        try session.query("INSERT INTO erased_identity (survey_id, identity, erasure) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                          [.text(surveyID), .text(identity), .integer(Int(erasure))])
    }

    func secret() throws -> Data? {
        try session.query("SELECT secret FROM store_secret WHERE id = 1").rows.first
            .map { try $0.makeRandomAccess()[0].decode(Data.self) }
    }

    func insertSecret(_ secret: Data) throws {
        try session.query("INSERT INTO store_secret (id, secret) VALUES (1, $1)", [.bytes(secret)])
    }
}

/// Typed reads of a row's columns by position, one plain function per type: the generic
/// `decode` in long argument lists made the type checker's work explode.
extension PostgresRandomAccessRow {
    func text(_ column: Int) throws -> String {
        try self[column].decode(String.self)
    }

    func optionalText(_ column: Int) throws -> String? {
        try self[column].decode(String?.self)
    }

    func integer(_ column: Int) throws -> Int {
        try self[column].decode(Int.self)
    }

    func optionalInteger(_ column: Int) throws -> Int? {
        try self[column].decode(Int?.self)
    }
}
