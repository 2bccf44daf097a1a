import Foundation

/// What an export may show about people. Without `--anonymize` it shows everything and names
/// responses by their ids; with it, personal questions are gone from every sheet and file, and a
/// response is named by a keyed pseudonym: stable for one store (so the Free text and Responses
/// rows of one person still line up) but unlinkable to the id without the store's secret, which
/// never enters an export.
public struct Anonymizer: Sendable {
    public let isEnabled: Bool
    private let key: Data?
    /// What free text loses; nil until ``preparing(survey:store:language:minimumCount:)`` (or when off).
    public private(set) var scrubber: PersonalDataScrubber?
    /// Counts under this are hidden.
    public private(set) var minimumCount = Anonymizer.smallestShownCount
    /// What the anonymised summary hides, blanked in every row too; nil until ``hidingCells(of:)``.
    private(set) var hiddenCells: HiddenCells?

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

    /// This anonymizer ready for one export: the names given in the survey's name field (every
    /// response of the survey, not only the selection: a name planted in one workshop's comments
    /// may have been given in another) to replace in free text, and the threshold.
    public func preparing(survey: Survey, store: ResponseStore, language: String, minimumCount: Int) throws -> Anonymizer {
        guard isEnabled else { return self }
        var prepared = self
        prepared.minimumCount = max(1, minimumCount)
        let nameQuestions = Self.nameQuestions(of: survey)
        var names: Set<String> = []
        if !nameQuestions.isEmpty {
            try store.forEachResponse(ResponseStore.Selection(surveyID: survey.id, includeDrafts: true)) { response in
                for id in nameQuestions {
                    if case .text(let name)? = response.answers[id] { names.insert(name) }
                }
            }
        }
        prepared.scrubber = PersonalDataScrubber(language: language, names: names.sorted())
        return prepared
    }

    /// This anonymizer blanking in every row the answers `summary` (the full one) hides once
    /// redacted. Writers call it with the summary they are given, so it is done at most once.
    func hidingCells(of summary: Summary) -> Anonymizer {
        guard isEnabled, hiddenCells == nil else { return self }
        var result = self
        result.hiddenCells = HiddenCells(of: summary.suppression == nil ? redact(summary) : summary)
        return result
    }

    /// The survey's name field, or (with no contact section) personal text questions about a name.
    static func nameQuestions(of survey: Survey) -> [String] {
        if let contact = survey.contact { return contact.fields[.name].map { [$0] } ?? [] }
        return survey.questions.filter { question in
            question.personal && question.type == .text
                && ([question.id] + question.text.allTexts).contains { text in
                    let lower = text.lowercased()
                    return lower.contains("name") || lower.contains("namn")
                }
        }.map(\.id)
    }

    /// The response as an anonymised export may show it: personal answers gone, free text and
    /// "other" texts scrubbed, times cut to midnight UTC of their day, the source row gone and the
    /// source file named without its folder.
    public func scrubbed(_ response: Response, survey: Survey) -> Response {
        guard isEnabled else { return response }
        // Hidden cells are looked up in the original answers (group membership included).
        var result = response
        var answers: Answers = [:]
        for (id, answer) in response.answers {
            if let question = survey.question(id), question.personal { continue }
            switch answer {
            case .text(let text): answers[id] = .text(scrub(text))
            case .other(let text): answers[id] = .other(scrub(text))
            case .choices(let ids, let other): answers[id] = .choices(ids, other: other.map(scrub))
            default: answers[id] = answer
            }
        }
        result.answers = hiddenCells?.blanking(answers) ?? answers
        result.metadata = [:]
        result.identity = nil
        result.startedAt = response.startedAt.map(Self.day)
        result.submittedAt = response.submittedAt.map(Self.day)
        if case .imported(let file, _) = response.source {
            result.source = .imported(file: (file as NSString).lastPathComponent, row: 0)
        }
        return result
    }

    public func scrub(_ text: String) -> String {
        guard isEnabled else { return text }
        return (scrubber ?? PersonalDataScrubber(language: "en")).scrub(text)
    }

    static func day(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
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

    /// Whether a count must be hidden.
    public func suppresses(count: Int) -> Bool {
        isEnabled && count > 0 && count < minimumCount
    }

    /// "Other" texts and theme quotes scrubbed; terms and word pairs that hold a scrubbed part dropped.
    private func scrubTexts(_ question: QuestionSummary) -> QuestionSummary {
        var result = question
        if var other = result.other {
            var merged: [String: Int] = [:]
            var order: [String] = []
            for item in other.texts {
                let text = scrub(item.text)
                if merged[text] == nil { order.append(text) }
                merged[text, default: 0] += item.count
            }
            other.texts = order.map { TextCount(text: $0, count: merged[$0] ?? 0) }
            result.other = other
        }
        if var figures = result.textFigures {
            func personal(_ term: String) -> Bool {
                scrub(term) != term || PersonalDataScrubber.words(in: term).contains { scrubber?.isNamePart($0) ?? false }
            }
            figures.terms = figures.terms.filter { !personal($0.term) }
            figures.bigrams = figures.bigrams.filter { !personal($0.term) }
            figures.themes = figures.themes?.map { theme in
                var theme = theme
                theme.quotes = theme.quotes.map(scrub)
                return theme
            }
            result.textFigures = figures
        }
        return result
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
            // Which cells have a small expected count stays (it follows from the margins); how
            // many were observed there is exactly what suppression hides.
            crosstab.tests = crosstab.tests.mapValues { test in
                var test = test
                for index in test.smallCells.indices { test.smallCells[index].observed = 0 }
                return test
            }
            redacted.crosstab = crosstab
        }
        for index in redacted.removedQuestions.indices {
            redacted.removedQuestions[index].examples = []
        }
        redacted.questions = redacted.questions.map(scrubTexts)
        if var crosstab = redacted.crosstab {
            for index in crosstab.groups.indices {
                crosstab.groups[index].questions = crosstab.groups[index].questions.map(scrubTexts)
            }
            redacted.crosstab = crosstab
        }
        return redacted.suppressingCounts(below: minimumCount)
    }
}
