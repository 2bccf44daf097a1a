import Foundation

/// One participant's answers to one survey, with where and when they came from.
public struct Response: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        /// Every shown question was answered or skipped: counts in every figure.
        case complete
        /// Left off in the middle (a crash, Ctrl-C): kept for the record, excluded from every figure.
        case draft
    }

    /// Where a response came from.
    public enum Source: Sendable, Hashable {
        case collected
        case imported(file: String, row: Int)

        public var kind: String {
            switch self {
            case .collected: return "collected"
            case .imported: return "imported"
            }
        }
    }

    public var id: UUID
    public var surveyID: String
    public var definitionHash: String
    public var session: String?
    public var source: Source
    /// What makes an imported row the same row when imported again: the tool's response id, or a
    /// hash of the row's content. Nil for collected responses, which are always new.
    public var identity: String?
    public var language: String?
    public var status: Status
    public var startedAt: Date?
    public var submittedAt: Date?
    public var answers: Answers
    /// The tool's own columns (timestamps, response ids, e-mail) kept as they were written.
    public var metadata: [String: String]

    public init(
        id: UUID = UUID(), surveyID: String, definitionHash: String, session: String? = nil,
        source: Source = .collected, identity: String? = nil, language: String? = nil, status: Status = .complete,
        startedAt: Date? = nil, submittedAt: Date? = nil, answers: Answers = [:], metadata: [String: String] = [:]
    ) {
        self.id = id
        self.surveyID = surveyID
        self.definitionHash = definitionHash
        self.session = session
        self.source = source
        self.identity = identity
        self.language = language
        self.status = status
        self.startedAt = startedAt
        self.submittedAt = submittedAt
        self.answers = answers
        self.metadata = metadata
    }
}

/// A file that responses were imported from, recorded so a workbook can say how to reproduce it.
public struct SourceFile: Sendable, Hashable {
    public var path: String
    public var sha256: String
    public var layout: String
    public var encoding: String
    public var importedAt: Date
    public var rowsNew: Int
    public var rowsExisting: Int
    /// Questions the file had no column for: never shown to its rows.
    public var notAsked: [String]

    public init(path: String, sha256: String, layout: String, encoding: String, importedAt: Date, rowsNew: Int, rowsExisting: Int,
                notAsked: [String] = []) {
        self.notAsked = notAsked
        self.path = path
        self.sha256 = sha256
        self.layout = layout
        self.encoding = encoding
        self.importedAt = importedAt
        self.rowsNew = rowsNew
        self.rowsExisting = rowsExisting
    }
}

/// How many responses a session holds and when it ran.
public struct SessionSummary: Sendable, Hashable {
    public var name: String?
    public var sourceKind: String
    public var responses: Int
    public var first: Date?
    public var last: Date?
}
