/// One answer to one question, in the shape its question type gives it.
public enum AnswerValue: Sendable, Hashable {
    /// A single-choice answer: the choice id.
    case choice(String)
    /// A single-choice answer outside the list, with its text.
    case other(String)
    /// A multiple-choice answer: the chosen ids in definition order, and an "other" text if given.
    case choices([String], other: String?)
    /// A scale point or a number.
    case number(Double)
    /// Free text.
    case text(String)

    /// Whether this counts as an answer (an empty selection or empty text does not).
    public var isAnswered: Bool {
        switch self {
        case .choice(let id): return !id.isEmpty
        case .other: return true
        case .choices(let ids, let other): return !ids.isEmpty || other != nil
        case .number: return true
        case .text(let text): return !text.isEmpty
        }
    }
}

/// A response's answers by question id.
public typealias Answers = [String: AnswerValue]

extension Survey {
    /// Which questions are shown for a set of answers, following `show_if` in order.
    public func isShown(_ question: Question, given answers: Answers) -> Bool {
        isShown(question.id, showIf: question.showIf, given: answers)
    }

    /// Whether a note is shown for a set of answers: its `show_if` decided as a question's.
    public func isShown(_ note: Note, given answers: Answers) -> Bool {
        isShown(note.id, showIf: note.showIf, given: answers)
    }

    public func isShown(_ item: SurveyItem, given answers: Answers) -> Bool {
        isShown(item.id, showIf: item.showIf, given: answers)
    }

    private func isShown(_ id: String, showIf: ShowIf?, given answers: Answers) -> Bool {
        guard let showIf else { return true }
        // A test on a hidden question is never met: its answer, if any, does not count (so
        // `not` of such a test holds, as XLSForm's `not()` of a blank, non-relevant answer does).
        return showIf.holds { test in
            guard let source = self.question(test.question), source.id != id,
                  isShown(source, given: answers) else { return false }
            return test.isMet(by: answers[test.question])
        }
    }

    /// Drops answers to questions hidden by `show_if`, so a changed earlier answer cannot leave
    /// an orphaned later one behind.
    public func visibleAnswers(_ answers: Answers) -> Answers {
        var kept = Answers()
        for question in questions {
            guard let value = answers[question.id], isShown(question, given: kept) else { continue }
            kept[question.id] = value
        }
        // Answers to questions the definition no longer has are kept, never dropped.
        for (id, value) in answers where self.question(id) == nil {
            kept[id] = value
        }
        return kept
    }
}
