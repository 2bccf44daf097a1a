import Foundation


/// The durable home of responses, written in whole responses only: one SQLite file (the
/// embedded default) or, for a `postgres://` location, a PostgreSQL database shared by several hosts.
///
/// Several processes may write one store at once (two laptops' `samla collect`, `serve`, an import
/// beside a collection): every write is one transaction, so a reader never sees half a response,
/// and the store's unique keys make storing the same response twice add nothing.
public final class ResponseStore: Sendable {
    /// The file path, or the PostgreSQL URL without its password.
    public let path: String
    let database: any StoreDatabase

    /// `--store`, else `$SAMLA_STORE`, else `samla.sqlite` in the current directory.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["SAMLA_STORE"], !path.isEmpty { return path }
        return "samla.sqlite"
    }

    /// Whether `location` names a PostgreSQL database rather than a SQLite file.
    public static func isDatabaseURL(_ location: String) -> Bool {
        let lowered = location.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// `location` as messages and reports may show it: a PostgreSQL URL without its password.
    public static func shownLocation(_ location: String) -> String {
        guard isDatabaseURL(location), var components = URLComponents(string: location), components.password != nil else { return location }
        components.password = nil
        return components.string ?? location
    }

    /// Opens the store at `path` (a file, or a `postgres://` URL), making it and its tables when
    /// missing; with `create` false a missing store is `StoreError.notFound`, for commands that
    /// only read.
    public init(path: String, create: Bool = true) throws(StoreError) {
        if Self.isDatabaseURL(path) {
            let database = try PostgresStoreDatabase(url: path, create: create)
            self.database = database
            self.path = database.location
        } else {
            if !create, !FileManager.default.fileExists(atPath: path) { throw StoreError.notFound(path: path) }
            database = try SQLiteStoreDatabase(path: path)
            self.path = path
        }
    }

    /// The `synchronous` setting of a SQLite store's writer connection: 2 means FULL.
    public func synchronousLevel() throws -> Int {
        guard let sqlite = database as? SQLiteStoreDatabase else { return -1 }
        return try sqlite.synchronousLevel()
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
    @discardableResult
    public func save(_ responses: [Response], definition survey: Survey) throws(StoreError) -> [Bool] {
        guard !responses.isEmpty else { return [] }
        let storedAt = Date()
        return try write { writer in
            try writer.register(survey)
            return try responses.map { try writer.insert($0, storedAt: storedAt) }
        }
    }

    /// Runs `body` in one write transaction; anything thrown rolls back everything it wrote.
    public func write<T>(_ body: (StoreWriter) throws -> T) throws(StoreError) -> T {
        do {
            return try database.write { transaction in try body(StoreWriter(transaction: transaction)) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.writeFailed(path: path, reason: Self.reason(error))
        }
    }

    /// A write that takes turns with imports and merges (a bulk write), its problems said as `write`'s.
    func writeInTurn(_ body: (StoreWriter) throws -> Void) throws(StoreError) {
        do {
            try database.bulkWrite { transaction in
                try body(StoreWriter(transaction: transaction))
                return true
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.writeFailed(path: path, reason: Self.reason(error))
        }
    }

    /// A long write (an import): one transaction, committed only when `body` returns true.
    func bulkWrite(_ body: (StoreWriter) throws -> Bool) throws {
        try database.bulkWrite { transaction in try body(StoreWriter(transaction: transaction)) }
    }

    /// Deletes one response (a draft that was finished or abandoned).
    public func delete(responseID: UUID) throws(StoreError) {
        try write { writer in
            _ = try writer.transaction.deleteResponse(id: UUIDText.format(responseID), surveyID: nil, draftsOnly: false)
        }
    }

    /// Deletes a participant's draft (collect's kiosk mode, when they walked away); a response
    /// that is complete is never touched.
    public func discardDraft(responseID: UUID) throws(StoreError) {
        try write { writer in
            _ = try writer.transaction.deleteResponse(id: UUIDText.format(responseID), surveyID: nil, draftsOnly: true)
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
    }

    /// Streams the selected responses in the order they were stored, one at a time, so memory does
    /// not grow with the store (on SQLite each row is read from its own bytes, ``StoredResponseReader``).
    public func forEachResponse(_ selection: Selection, _ body: (Response) throws -> Void) throws {
        try database.forEachResponse(selection, reading: .whole) { response, _ in try body(response) }
    }

    /// The same with each response's answers left undecoded: `body` gets them as the stored JSON
    /// bytes, valid only during the call. For writers that copy answers out as they are.
    func forEachResponseWithStoredAnswers(_ selection: Selection,
                                          _ body: (Response, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try database.forEachResponse(selection, reading: .storedAnswers, body)
    }

    /// The same without metadata or identity either: what the export's lists read.
    func forEachResponseForLists(_ selection: Selection, _ body: (Response, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try database.forEachResponse(selection, reading: .forLists, body)
    }

    /// Streams the selected responses as their stored columns, untouched: what a merge copies.
    func forEachStoredResponse(_ selection: Selection, _ body: (EncodedResponse) throws -> Void) throws {
        try database.forEachStoredResponse(selection, body)
    }

    public func responses(_ selection: Selection) throws -> [Response] {
        var all: [Response] = []
        try forEachResponse(selection) { all.append($0) }
        return all
    }

    public func count(_ selection: Selection) throws -> Int {
        try database.count(selection)
    }

    public func draftCount(surveyID: String) throws -> Int {
        try database.count(Selection(surveyID: surveyID, includeDrafts: true)) - database.count(Selection(surveyID: surveyID))
    }

    /// Every survey id in the store with its number of complete responses.
    public func surveys() throws -> [(id: String, responses: Int)] {
        try database.completeCounts()
    }

    /// Every survey the store holds responses or definitions of.
    public func surveyIDs() throws -> [String] {
        try database.surveyIDs()
    }

    public func sessions(surveyID: String) throws -> [SessionSummary] {
        try database.sessions(surveyID: surveyID)
    }

    public func sourceFiles(surveyID: String) throws -> [SourceFile] {
        try database.sourceFiles(surveyID: surveyID)
    }

    /// Per imported file path, the questions it had no column for; a path imported more than once
    /// lacks only what every import of it lacked.
    public func notAskedByFile(surveyID: String) throws -> [String: Set<String>] {
        var lacking: [String: Set<String>] = [:]
        for file in try database.sourceFiles(surveyID: surveyID) {
            let ids = Set(file.notAsked)
            lacking[file.path] = lacking[file.path].map { $0.intersection(ids) } ?? ids
        }
        return lacking.filter { !$0.value.isEmpty }
    }

    /// Definition hashes that responses of a survey were given under, with their source text.
    public func definitions(surveyID: String) throws -> [(hash: String, source: String)] {
        try database.storedDefinitions(surveyID: surveyID).map { (hash: $0.hash, source: $0.source) }
    }

    /// The definition versions of a survey as stored.
    func storedDefinitions(surveyID: String) throws -> [StoredDefinition] {
        try database.storedDefinitions(surveyID: surveyID)
    }

    /// The erasure log of a survey as stored, each line with the identities it erased.
    func erasures(surveyID: String) throws -> [StoredErasure] {
        try database.erasures(surveyID: surveyID)
    }

    /// The store's own key for pseudonyms, made on first use; it never leaves the store.
    public func pseudonymKey() throws(StoreError) -> Data {
        try write { writer in
            if let existing = try writer.transaction.secret() { return existing }
            var generator = SystemRandomNumberGenerator()
            let key = Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
            try writer.transaction.insertSecret(key)
            return key
        }
    }

    /// What went wrong in the database, in words: PostgreSQL's own message where there is one.
    static func reason(_ error: Error) -> String {
        PostgresStoreDatabase.message(of: error) ?? "\(error)"
    }
}

/// Writes inside one transaction opened by `ResponseStore.write`.
public struct StoreWriter {
    let transaction: any StoreTransaction

    /// Records the definition a response was given under; a known definition is left as it is.
    public func register(_ survey: Survey) throws {
        _ = try register(StoredDefinition(hash: survey.definitionHash, surveyID: survey.id, source: survey.sourceText,
                                          firstSeen: StoreDates.format(Date())))
    }

    /// Records a definition version copied from another store; returns false when it is known.
    func register(_ definition: StoredDefinition) throws -> Bool {
        try transaction.insert(definition)
    }

    /// Inserts a response; returns false when one with the same id or identity is already stored.
    @discardableResult
    public func insert(_ response: Response, storedAt: Date = Date()) throws -> Bool {
        try insert(EncodedResponse(response, storedAt: storedAt))
    }

    /// Inserts a response already in its stored form (encoded on another thread by a bulk import).
    @discardableResult
    public func insert(_ row: EncodedResponse) throws -> Bool {
        try transaction.insert(row)
    }

    /// Rows a bulk write (an import, a merge) gathers before `insert(_:)`: on PostgreSQL each batch
    /// is one statement and one round trip; on SQLite rows are inserted one by one as before.
    static let batchSize = 500

    /// Inserts rows in order, each as `insert(_:)` would; returns how many were stored (the rest
    /// had their id or identity stored already, by an earlier row of `rows` too).
    func insert(_ rows: [EncodedResponse]) throws -> Int {
        rows.isEmpty ? 0 : try transaction.insert(rows)
    }

    /// The same for rows written as bytes by an import's reading thread.
    func insert(_ rows: EncodedRows) throws -> Int {
        rows.isEmpty ? 0 : try transaction.insert(rows)
    }

    /// Replaces a draft's answers (collect keeps the unfinished participant as a draft).
    public func update(draft response: Response) throws {
        try transaction.updateDraft(id: UUIDText.format(response.id), answers: AnswerCoding.encode(response.answers),
                                    status: response.status.rawValue, submittedAt: response.submittedAt.map(StoreDates.format),
                                    language: response.language)
    }

    public func record(_ file: SourceFile, surveyID: String) throws {
        try transaction.insert(file, surveyID: surveyID)
    }

    /// Records an imported file copied from another store, unless the same import of it is recorded.
    func recordIfNew(_ file: SourceFile, surveyID: String) throws -> Bool {
        if try transaction.sourceFileExists(file, surveyID: surveyID) { return false }
        try record(file, surveyID: surveyID)
        return true
    }

    /// Copies a line of another store's erasure log, unless it is here already, and carries it out
    /// here: its imported rows' identities are kept (so their rows are skipped from now on) and the
    /// responses it names are removed. Returns whether the line was new and how many responses went.
    func recordIfNew(_ erasure: StoredErasure) throws -> (new: Bool, removed: Int) {
        let known = try transaction.erasureID(erasure)
        let id = try known ?? transaction.insertErasure(erasure)
        var removed = 0
        for identity in erasure.identities {
            try transaction.insertErasedIdentity(surveyID: erasure.surveyID, identity: identity, erasure: id)
            removed += try transaction.deleteResponses(surveyID: erasure.surveyID, identity: identity)
        }
        if erasure.selectorKind == ErasureSelector.responseKind {
            removed += try transaction.deleteResponse(id: erasure.selector, surveyID: erasure.surveyID, draftsOnly: false)
        }
        return (known == nil, removed)
    }
}

public enum StoreError: Error, CustomStringConvertible, LocalizedError {
    /// Reading commands never create a store: a wrong path should say so, not report zero responses.
    case notFound(path: String)
    case cannotOpen(path: String, reason: String)
    /// Another process held the store (an import or a merge writing it) for as long as a lock is waited for.
    case locked(path: String, seconds: Int)
    case writeFailed(path: String, reason: String)
    /// The store's schema is a later one than this binary knows: it must not write to it.
    case newerSchema(path: String, found: String, known: String)

    public var description: String {
        switch self {
        case .notFound(let path):
            return "\(path): error: no response store here (pass --store PATH or set SAMLA_STORE; samla collect or samla import creates one)"
        case .cannotOpen(let path, let reason):
            return "\(path): error: cannot open the response store: \(reason) (check the path and that the file is a Samla store, or pass --store)"
        case .locked(let path, let seconds):
            return "\(path): error: another process has been writing the response store for over \(seconds) seconds (an import or a merge); nothing was read or written (run this again when it has finished)"
        case .writeFailed(let path, let reason):
            return "\(path): error: nothing was written to the store: \(reason)"
        case .newerSchema(let path, let found, let known):
            return "\(path): error: this store was made by a newer Samla (its schema is at \(found); this samla knows up to \(known)); nothing was read or written (update samla on this machine)"
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
        guard var text else { return nil }
        if let date = text.withUTF8({ StoreTimestampText.date(utf8: $0) }) { return date }
        if let date = try? style.parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }
}
