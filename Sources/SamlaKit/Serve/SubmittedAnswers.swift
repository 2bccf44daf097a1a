import Foundation

/// What a participant sent for one question, as the form or the JSON API carries it: the chosen
/// choice ids (or the one value typed), and the text beside "Other".
public struct SubmittedAnswer: Sendable, Hashable {
    public var values: [String]
    public var otherText: String?
    /// A JSON value of a shape no question takes (true, an object without choices, …).
    public var malformed: Bool

    public init(values: [String] = [], otherText: String? = nil, malformed: Bool = false) {
        self.values = values
        self.otherText = otherText
        self.malformed = malformed
    }
}

/// A problem with one answer (or with the submission as a whole when `question` is nil), in
/// the participant's language.
public struct SubmissionProblem: Sendable, Hashable, Error {
    public var question: String?
    public var message: String

    public init(question: String?, message: String) {
        self.question = question
        self.message = message
    }
}

/// One submission, as sent: the response id that makes retries idempotent, the language and the answers.
public struct Submission: Sendable, Hashable {
    public var id: UUID
    public var language: String?
    public var answers: [String: SubmittedAnswer]

    public init(id: UUID, language: String?, answers: [String: SubmittedAnswer]) {
        self.id = id
        self.language = language
        self.answers = answers
    }
}
