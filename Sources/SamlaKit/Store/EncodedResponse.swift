import Foundation

/// A response as the `response` table holds it, every column worked out: encoding answers to JSON
/// and dates to text is most of the cost of storing a row, and this lets a bulk import do it on the
/// reading thread while the writing thread only binds and steps.
public struct EncodedResponse: Sendable {
    var id: String
    var surveyID: String
    var definitionHash: String
    var session: String?
    var sourceKind: String
    var sourceFile: String?
    var sourceRow: Int?
    var identity: String?
    var language: String?
    var status: String
    var startedAt: String?
    var submittedAt: String?
    var storedAt: String
    var metadata: String
    var answers: String

    init(id: String, surveyID: String, definitionHash: String, session: String?, sourceKind: String, sourceFile: String?,
         sourceRow: Int?, identity: String?, language: String?, status: String, startedAt: String?, submittedAt: String?,
         storedAt: String, metadata: String, answers: String) {
        (self.id, self.surveyID, self.definitionHash, self.session) = (id, surveyID, definitionHash, session)
        (self.sourceKind, self.sourceFile, self.sourceRow, self.identity) = (sourceKind, sourceFile, sourceRow, identity)
        (self.language, self.status, self.startedAt, self.submittedAt) = (language, status, startedAt, submittedAt)
        (self.storedAt, self.metadata, self.answers) = (storedAt, metadata, answers)
    }

    public init(_ response: Response, storedAt: Date) {
        self.init(response, storedAt: StoreDates.format(storedAt))
    }

    /// The same with the time of storing already written (an import stores every row at one time).
    init(_ response: Response, storedAt: String) {
        id = UUIDText.format(response.id)
        surveyID = response.surveyID
        definitionHash = response.definitionHash
        session = response.session
        sourceKind = response.source.kind
        if case .imported(let path, let number) = response.source { (sourceFile, sourceRow) = (path, number) }
        identity = response.identity
        language = response.language
        status = response.status.rawValue
        startedAt = response.startedAt.map(StoreDates.format)
        submittedAt = response.submittedAt.map(StoreDates.format)
        self.storedAt = storedAt
        metadata = AnswerCoding.encodeMetadata(response.metadata)
        answers = AnswerCoding.encode(response.answers)
    }

    /// The response these columns hold; with `answers` false its answers are left empty, for a
    /// writer that reads them from the stored text itself.
    func decoded(answers decodesAnswers: Bool = true, metadata decodesMetadata: Bool = true) throws -> Response {
        let source: Response.Source = sourceKind == "imported" ? .imported(file: sourceFile ?? "", row: sourceRow ?? 0) : .collected
        return Response(
            id: UUIDText.parse(id) ?? UUID(), surveyID: surveyID, definitionHash: definitionHash, session: session,
            source: source, identity: decodesMetadata ? identity : nil, language: language, status: Response.Status(rawValue: status) ?? .complete,
            startedAt: StoreDates.parse(startedAt), submittedAt: StoreDates.parse(submittedAt),
            answers: decodesAnswers ? try AnswerCoding.decode(answers) : [:],
            metadata: decodesMetadata ? try AnswerCoding.decodeMetadata(metadata) : [:])
    }
}
