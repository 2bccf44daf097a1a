import Foundation

/// What an export may show about people. Without `--anonymize` it shows everything and names
/// responses by their ids; with it, personal questions are gone from every sheet and file, and a
/// response is named by a keyed pseudonym: stable for one store (so the Free text and Responses
/// rows of one person still line up) but unlinkable to the id without the store's secret, which
/// never enters an export.
public struct Anonymizer: Sendable {
    public let isEnabled: Bool
    private let key: Data?

    /// Counts below this are hidden in anonymised cross-tabs.
    public static let smallestShownCount = 5

    public static let disabled = Anonymizer(key: nil)

    /// `key` nil turns anonymisation off; otherwise pass `ResponseStore.pseudonymKey()`.
    public init(key: Data?) {
        self.key = key
        self.isEnabled = key != nil
    }

    public static func forStore(_ store: ResponseStore, enabled: Bool) throws -> Anonymizer {
        enabled ? Anonymizer(key: try store.pseudonymKey()) : .disabled
    }

    public func keeps(_ question: Question) -> Bool {
        !(isEnabled && question.personal)
    }

    public func keeps(_ question: QuestionSummary) -> Bool {
        !(isEnabled && question.personal)
    }

    /// The name a response goes by in the export.
    public func name(of response: Response) -> String {
        guard let key else { return UUIDText.format(response.id) }
        // 16 bytes of the MAC are plenty to keep a million pseudonyms apart.
        return String(Hashing.hmacSHA256Hex(key: key, message: UUIDText.format(response.id)).prefix(32))
    }

    /// Whether a cross-tab count must be hidden.
    public func suppresses(count: Int) -> Bool {
        isEnabled && count < Self.smallestShownCount
    }

    /// The summary without personal questions (in the cross-tab too) and without example values of
    /// removed questions, which might have been personal: what every anonymised view renders.
    public func redact(_ summary: Summary) -> Summary {
        guard isEnabled else { return summary }
        var redacted = summary
        redacted.questions.removeAll(where: \.personal)
        if var crosstab = summary.crosstab {
            for index in crosstab.groups.indices {
                crosstab.groups[index].questions.removeAll(where: \.personal)
            }
            let personal = Set(summary.questions.filter(\.personal).map(\.id))
            crosstab.tests = crosstab.tests.filter { !personal.contains($0.key) }
            redacted.crosstab = crosstab
        }
        for index in redacted.removedQuestions.indices {
            redacted.removedQuestions[index].examples = []
        }
        return redacted
    }
}
