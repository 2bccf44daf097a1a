import Foundation

/// The database under a `ResponseStore`: one SQLite file (`SQLiteStoreDatabase`, the embedded
/// default) or a PostgreSQL server (`PostgresStoreDatabase`, the shared store). Both hold the same
/// tables, made by their own numbered migrations, and give the same guarantees: a write is one
/// transaction, whole or nothing; a response is keyed by its id and, when imported, by (survey,
/// identity), so storing it again adds nothing; an erased identity is never stored again.
///
/// What is the same whatever the database (the meaning of a merge, an erasure, a draft's update)
/// is written once, in `ResponseStore` and `StoreWriter`, over these primitives.
protocol StoreDatabase: AnyObject, Sendable {
    /// Where the store is, for messages: a file path, or a URL without its password.
    var location: String { get }

    /// Runs `body` in one write transaction; anything thrown rolls back everything it wrote.
    func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T
    /// A long write (an import): committed only when `body` returns true.
    func bulkWrite(_ body: (any StoreTransaction) throws -> Bool) throws

    /// The selected responses in stored order, every column as stored.
    func forEachStoredResponse(_ selection: ResponseStore.Selection, _ body: (EncodedResponse) throws -> Void) throws
    /// The selected responses in stored order, each with its stored answers' UTF-8 bytes (valid only
    /// during the call), decoded as far as `reading` says.
    func forEachResponse(_ selection: ResponseStore.Selection, reading: ResponseReading,
                         _ body: (Response, UnsafeBufferPointer<UInt8>) throws -> Void) throws
    /// The answers of the selected responses as their stored UTF-8 bytes, in stored order, with the
    /// definition version each was answered on (see `ResponseStore.forEachStoredAnswers`).
    func forEachStoredAnswers(_ selection: ResponseStore.Selection, versions: DefinitionVersions,
                              _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws

    func count(_ selection: ResponseStore.Selection) throws -> Int
    func surveyIDs() throws -> [String]
    func completeCounts() throws -> [(id: String, responses: Int)]
    func sessions(surveyID: String) throws -> [SessionSummary]
    func sessionCounts(surveyID: String) throws -> [SessionCounts]
    func sourceFiles(surveyID: String) throws -> [SourceFile]
    func storedDefinitions(surveyID: String) throws -> [StoredDefinition]
    func erasures(surveyID: String) throws -> [StoredErasure]
    /// Id, status and identity of responses, drafts included: those of one session, or one by id.
    func responseKeys(surveyID: String, session: String?, id: String?) throws -> [(id: String, status: String, identity: String?)]
}

/// The statements of one write transaction.
protocol StoreTransaction {
    /// Inserts a definition version; false when its hash is known.
    func insert(_ definition: StoredDefinition) throws -> Bool
    /// Inserts a response; false when its id or (survey, identity) is stored, or its identity erased.
    func insert(_ row: EncodedResponse) throws -> Bool
    /// Inserts responses in order, each as `insert(_:)` would (a later row of `rows` with the id or
    /// identity of an earlier one is skipped too); returns how many were stored.
    func insert(_ rows: [EncodedResponse]) throws -> Int
    /// The same for rows written as bytes (an import's batches).
    func insert(_ rows: EncodedRows) throws -> Int
    func updateDraft(id: String, answers: String, status: String, submittedAt: String?, language: String?) throws
    func insert(_ file: SourceFile, surveyID: String) throws
    func sourceFileExists(_ file: SourceFile, surveyID: String) throws -> Bool
    /// Deletes by id (only a draft when `draftsOnly`); returns how many went.
    func deleteResponse(id: String, surveyID: String?, draftsOnly: Bool) throws -> Int
    func deleteResponses(surveyID: String, identity: String) throws -> Int
    func erasureID(_ erasure: StoredErasure) throws -> Int64?
    func insertErasure(_ erasure: StoredErasure) throws -> Int64
    func insertErasedIdentity(surveyID: String, identity: String, erasure: Int64) throws
    func secret() throws -> Data?
    func insertSecret(_ secret: Data) throws
}

extension StoreTransaction {
    /// One row at a time: right for SQLite, where a statement costs no round trip.
    func insert(_ rows: [EncodedResponse]) throws -> Int {
        try rows.reduce(0) { stored, row in try insert(row) ? stored + 1 : stored }
    }

    /// As Strings, through `insert(_ rows: [EncodedResponse])`.
    func insert(_ rows: EncodedRows) throws -> Int {
        try insert(rows.rows)
    }
}

/// What a streaming read decodes of each response; the stored answers' bytes come with it either way.
struct ResponseReading: Sendable {
    /// The answers into `Response.answers`; else left empty, for a writer that reads the bytes.
    var answers: Bool
    /// The metadata and identity; else left empty and nil (the export's lists show neither).
    var metadata: Bool

    static let whole = ResponseReading(answers: true, metadata: true)
    /// Everything but the answers: `export --json` copies them out as stored.
    static let storedAnswers = ResponseReading(answers: false, metadata: true)
    /// Neither answers nor metadata: the export's lists lay the answers out themselves (`ListedAnswers`).
    static let forLists = ResponseReading(answers: false, metadata: false)
}
