/// One response's answers laid out by question position, reused from response to response so that
/// reading a million responses allocates only for the texts that need analysing.
///
/// Filled from an `Answers` dictionary (`fill(_:plan:)`) or straight from the store's JSON
/// (`StoredAnswersScanner`); both give the same slots, which is what the tallies count.
struct AnswerSlots {
    enum Kind: UInt8 {
        case none
        /// `choice[q]` is the chosen position.
        case choice
        /// A single-choice "other": `text[q]` is what was written.
        case other
        /// Multiple choice: `selected[choice[q] ..< choice[q] + selectedCount[q]]` are the positions,
        /// `text[q]` the "other" text if any.
        case choices
        case number
        case text
    }

    private(set) var kinds: [Kind]
    var choice: [Int]
    var selectedCount: [Int]
    var number: [Double]
    var text: [String?]
    /// Multiple-choice positions of every question, back to back.
    var selected: [Int] = []
    /// Choice ids the definition no longer has, by question position.
    var removedChoices: [(question: Int, id: String)] = []
    /// Answers to questions the definition no longer has, or whose shape its type no longer takes.
    var removedAnswers: [(question: String, value: AnswerValue)] = []
    /// Question positions filled since the last reset, so resetting touches only those.
    private var filled: [Int] = []
    /// Per question: shown under `show_if`; computed by `evaluateVisibility`.
    private(set) var shown: [Bool]

    init(questionCount: Int) {
        kinds = Array(repeating: .none, count: questionCount)
        choice = Array(repeating: 0, count: questionCount)
        selectedCount = Array(repeating: 0, count: questionCount)
        number = Array(repeating: 0, count: questionCount)
        text = Array(repeating: nil, count: questionCount)
        shown = Array(repeating: true, count: questionCount)
    }

    mutating func reset() {
        for q in filled {
            kinds[q] = .none
            text[q] = nil
        }
        filled.removeAll(keepingCapacity: true)
        selected.removeAll(keepingCapacity: true)
        if !removedChoices.isEmpty { removedChoices.removeAll() }
        if !removedAnswers.isEmpty { removedAnswers.removeAll() }
    }

    mutating func setKind(_ kind: Kind, at q: Int) {
        if kinds[q] == .none { filled.append(q) }
        kinds[q] = kind
    }

    func selections(_ q: Int) -> ArraySlice<Int> {
        selected[choice[q] ..< choice[q] + selectedCount[q]]
    }

    // MARK: Tests

    /// Whether an answer is there to count: an empty selection or empty text is not.
    func isAnswered(_ q: Int) -> Bool {
        switch kinds[q] {
        case .none: return false
        case .choice, .other, .number: return true
        case .choices:
            // A selection of only removed choices is still an answer (counted apart, never dropped).
            return selectedCount[q] > 0 || text[q] != nil || removedChoices.contains { $0.question == q }
        case .text: return !(text[q]?.isEmpty ?? true)
        }
    }

    func passes(_ test: AnalysisPlan.SlotTest) -> Bool {
        let q = test.question
        switch (test.kind, kinds[q]) {
        case (.equals(let position), .choice): return choice[q] == position
        case (.equals(let position), .other): return position == AnalysisPlan.otherPosition
        case (.includes(let position), .choices):
            if position == AnalysisPlan.otherPosition { return text[q] != nil }
            return selections(q).contains(position)
        case (.atLeast(let bound), .number): return number[q] >= bound
        case (.atMost(let bound), .number): return number[q] <= bound
        default: return false
        }
    }

    /// Works out which questions were shown, in order, as `Survey.isShown` does: a condition on a
    /// hidden question never holds.
    mutating func evaluateVisibility(_ plan: AnalysisPlan) {
        for q in plan.showIf.indices {
            guard let test = plan.showIf[q] else {
                shown[q] = true
                continue
            }
            shown[q] = shown[test.question] && test.question < q && passes(test)
        }
    }

    /// Every `--where` holds (each on a shown question).
    func passesFilters(_ plan: AnalysisPlan) -> Bool {
        plan.filters.allSatisfy { shown[$0.question] && passes($0) }
    }

    /// The group of `--by`: the chosen position, if the question was shown and one of its choices chosen.
    func group(_ plan: AnalysisPlan) -> Int? {
        guard let q = plan.groupBy, shown[q], kinds[q] == .choice, choice[q] >= 0 else { return nil }
        return choice[q]
    }

    // MARK: Filling from answers

    /// Lays out `answers` (reset first).
    mutating func fill(_ answers: Answers, plan: AnalysisPlan) {
        reset()
        for (id, value) in answers {
            guard let q = plan.positionByID[id] else {
                removedAnswers.append((id, value))
                continue
            }
            put(value, at: q, plan: plan)
        }
    }

    mutating func put(_ value: AnswerValue, at q: Int, plan: AnalysisPlan) {
        let question = plan.questions[q]
        switch (question.type, value) {
        case (.singleChoice, .choice(let id)):
            guard !id.isEmpty else { return }
            setKind(.choice, at: q)
            choice[q] = position(of: id, in: question, q: q)
        case (.singleChoice, .other(let written)):
            setKind(.other, at: q)
            text[q] = written
        case (.multipleChoice, .choices(let ids, let other)):
            setKind(.choices, at: q)
            choice[q] = selected.count
            for id in ids {
                let p = position(of: id, in: question, q: q)
                if p >= 0 { selected.append(p) }
            }
            selectedCount[q] = selected.count - choice[q]
            text[q] = other
        case (.multipleChoice, .choice(let id)):
            put(.choices([id], other: nil), at: q, plan: plan)
        case (.multipleChoice, .other(let written)):
            put(.choices([], other: written), at: q, plan: plan)
        case (.scale, .number(let value)), (.number, .number(let value)):
            setKind(.number, at: q)
            number[q] = value
        case (.text, .text(let written)):
            setKind(.text, at: q)
            text[q] = written
        default:
            removedAnswers.append((question.id, value))
        }
    }

    /// The position of a choice id, or -1 (recorded apart) for an id the definition no longer has.
    mutating func position(of id: String, in question: Question, q: Int) -> Int {
        if let index = question.choices.firstIndex(where: { $0.id == id }) { return index }
        removedChoices.append((q, id))
        return -1
    }
}
