/// The cells an anonymised summary hides, so that the rows of the Responses sheet, the CSV and
/// the JSON do not give them back by counting: an answer in a hidden cell is left blank in the
/// row (a chosen choice dropped from a multiple choice, a scale point or single choice left
/// unanswered), in the whole selection's tables and within each cross-tab group. The blanks add
/// up to the hidden cells' sum, which complementary suppression keeps at the threshold or more.
struct HiddenCells: Sendable, Hashable {
    /// Question id → hidden cell keys (choice id, `other`, or `#` and a scale point).
    private(set) var overall: [String: Set<String>] = [:]
    /// The cross-tab's question, and per group id the same map.
    private(set) var groupedBy: String?
    private(set) var groups: [String: [String: Set<String>]] = [:]

    var isEmpty: Bool { overall.isEmpty && groups.isEmpty }

    init(of summary: Summary) {
        overall = Self.hidden(in: summary.questions)
        if let crosstab = summary.crosstab {
            groupedBy = crosstab.by
            for group in crosstab.groups {
                let hidden = Self.hidden(in: group.questions)
                if !hidden.isEmpty { groups[group.id] = hidden }
            }
        }
    }

    static func pointKey(_ value: Double) -> String { "#\(UIText.plain(value))" }

    private static func hidden(in questions: [QuestionSummary]) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for question in questions {
            var keys = Set(question.choices.filter(\.suppressed).map(\.id))
            if question.other?.suppressed == true { keys.insert(Question.otherID) }
            for point in question.distribution where point.suppressed { keys.insert(pointKey(Double(point.value))) }
            if !keys.isEmpty { result[question.id] = keys }
        }
        return result
    }

    /// `answers` with every answer in a hidden cell blanked.
    func blanking(_ answers: Answers) -> Answers {
        guard !isEmpty else { return answers }
        var hidden = overall
        if let groupedBy, let answer = answers[groupedBy] {
            var memberships: [String] = []
            switch answer {
            case .choice(let id): memberships = [id]
            case .other: memberships = [Question.otherID]
            case .choices(let ids, let other): memberships = ids + (other != nil ? [Question.otherID] : [])
            default: break
            }
            for group in memberships {
                for (question, keys) in groups[group] ?? [:] { hidden[question, default: []].formUnion(keys) }
            }
        }
        var result = answers
        for (question, keys) in hidden {
            guard let answer = answers[question] else { continue }
            switch answer {
            case .choice(let id) where keys.contains(id): result[question] = nil
            case .other where keys.contains(Question.otherID): result[question] = nil
            case .number(let value) where keys.contains(Self.pointKey(value)): result[question] = nil
            case .choices(let ids, let other):
                let kept = ids.filter { !keys.contains($0) }
                let keptOther = keys.contains(Question.otherID) ? nil : other
                result[question] = kept.isEmpty && keptOther == nil ? nil : .choices(kept, other: keptOther)
            default: break
            }
        }
        return result
    }
}
