/// One response's answers laid out by question position, reused from response to response so that
/// reading a million responses allocates only for "other" texts. Written answers to text questions
/// stay UTF-8 (`written(_:)`): the text analysis reads bytes, and a string per answer would cost
/// more than laying out the rest of the row.
///
/// Filled from an `Answers` dictionary (`fill(_:plan:)`) or straight from the store's JSON
/// (`StoredAnswersScanner`); both give the same slots, which is what the tallies count.
struct AnswerSlots {
    enum Kind: UInt8 {
        case none
        /// `choice[q]` is the chosen position, or -1 for a choice the definition no longer has.
        case choice
        /// A single-choice "other": `text[q]` is what was written.
        case other
        /// Multiple choice: `selections(q)` are the positions, `text[q]` the "other" text if any.
        case choices
        case number
        /// `written(q)` is what was written.
        case text
    }

    /// Stands for a text that was written but is never read (a personal question's).
    static let unreadText = "…"
    static let unreadTextBytes = Array(unreadText.utf8)

    private(set) var kinds: [Kind]
    private(set) var choice: [Int]
    private var selectedCount: [Int]
    private(set) var number: [Double]
    private(set) var text: [String?]
    /// The UTF-8 of this response's written answers, back to back, and where each question's is.
    private var writtenBytes: [UInt8] = []
    private var writtenRange: [Range<Int>]
    /// Multiple-choice positions of every question, back to back.
    private var selected: [Int] = []
    /// Choice ids the definition no longer has, by question position.
    private(set) var removedChoices: [(question: Int, id: String)] = []
    /// Answers to questions the definition no longer has, or whose shape its type does not take.
    private(set) var removedAnswers: [(question: String, value: AnswerValue)] = []
    /// Question positions filled since the last reset, so resetting touches only those.
    private var filled: [Int] = []
    /// Per question: shown under `show_if`; computed by `evaluateVisibility`.
    private(set) var shown: [Bool]
    /// Per question: the definition version this response answered on did not have it, so it was
    /// never shown (nil: the version had every question).
    var lacking: [Bool]?

    init(questionCount: Int) {
        kinds = Array(repeating: .none, count: questionCount)
        choice = Array(repeating: 0, count: questionCount)
        selectedCount = Array(repeating: 0, count: questionCount)
        number = Array(repeating: 0, count: questionCount)
        text = Array(repeating: nil, count: questionCount)
        writtenRange = Array(repeating: 0..<0, count: questionCount)
        shown = Array(repeating: true, count: questionCount)
    }

    mutating func reset() {
        for q in filled {
            // Only "other" answers hold a string to let go of.
            if kinds[q] == .other || kinds[q] == .choices { text[q] = nil }
            kinds[q] = .none
        }
        filled.removeAll(keepingCapacity: true)
        if !selected.isEmpty { selected.removeAll(keepingCapacity: true) }
        if !writtenBytes.isEmpty { writtenBytes.removeAll(keepingCapacity: true) }
        if !removedChoices.isEmpty { removedChoices.removeAll() }
        if !removedAnswers.isEmpty { removedAnswers.removeAll() }
    }

    // MARK: Setting

    private mutating func mark(_ kind: Kind, at q: Int) {
        if kinds[q] == .none { filled.append(q) }
        kinds[q] = kind
    }

    mutating func setChoice(_ position: Int, at q: Int) {
        mark(.choice, at: q)
        choice[q] = position
    }

    mutating func setOther(_ written: String, at q: Int) {
        mark(.other, at: q)
        text[q] = written
    }

    /// Starts a multiple-choice answer; `addSelection` adds to it.
    mutating func beginSelections(at q: Int, other: String?) {
        mark(.choices, at: q)
        choice[q] = selected.count
        selectedCount[q] = 0
        text[q] = other
    }

    mutating func addSelection(_ position: Int, at q: Int) {
        selected.append(position)
        selectedCount[q] += 1
    }

    mutating func setOtherSelection(_ written: String, at q: Int) {
        text[q] = written
    }

    mutating func setNumber(_ value: Double, at q: Int) {
        mark(.number, at: q)
        number[q] = value
    }

    mutating func setText(_ written: UnsafeBufferPointer<UInt8>, at q: Int) {
        mark(.text, at: q)
        let start = writtenBytes.count
        writtenBytes.append(contentsOf: written)
        writtenRange[q] = start ..< writtenBytes.count
    }

    mutating func setText(_ written: String, at q: Int) {
        var written = written
        written.withUTF8 { setText($0, at: q) }
    }

    /// Calls `body` with the UTF-8 of the text written for question `q` (of kind `.text`).
    func written<Result>(_ q: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        writtenBytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[writtenRange[q]])) }
    }

    mutating func addRemovedChoice(_ id: String, at q: Int) {
        removedChoices.append((q, id))
    }

    mutating func addRemovedAnswer(_ value: AnswerValue, question: String) {
        removedAnswers.append((question, value))
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
        case .text: return !writtenRange[q].isEmpty
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
        let showIf = plan.showIf
        for q in showIf.indices {
            if let lacking, lacking[q] {
                shown[q] = false
                continue
            }
            switch showIf[q] {
            case nil: shown[q] = true
            case .test(let test)?: shown[q] = holds(test, before: q)
            case let tree?: shown[q] = tree.holds { holds($0, before: q) }
            }
        }
    }

    /// A `show_if` test of question `q`: on an earlier question that was shown, and met.
    private func holds(_ test: AnalysisPlan.SlotTest, before q: Int) -> Bool {
        test.question < q && shown[test.question] && passes(test)
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
                addRemovedAnswer(value, question: id)
                continue
            }
            put(value, at: q, plan: plan)
        }
    }

    mutating func put(_ value: AnswerValue, at q: Int, plan: AnalysisPlan) {
        switch (plan.types[q], value) {
        case (.singleChoice, .choice(let id)):
            guard !id.isEmpty else { return }
            setChoice(position(of: id, at: q, plan: plan) ?? -1, at: q)
        case (.singleChoice, .other(let written)):
            setOther(written, at: q)
        case (.multipleChoice, .choices(let ids, let other)):
            beginSelections(at: q, other: other)
            for id in ids {
                if let p = position(of: id, at: q, plan: plan) { addSelection(p, at: q) }
            }
        case (.multipleChoice, .choice(let id)):
            put(.choices([id], other: nil), at: q, plan: plan)
        case (.multipleChoice, .other(let written)):
            put(.choices([], other: written), at: q, plan: plan)
        case (.scale, .number(let value)), (.number, .number(let value)):
            setNumber(value, at: q)
        case (.text, .text(let written)):
            setText(written, at: q)
        default:
            addRemovedAnswer(value, question: plan.questions[q].id)
        }
    }

    /// The position of a choice id; an id the definition no longer has is recorded apart.
    private mutating func position(of id: String, at q: Int, plan: AnalysisPlan) -> Int? {
        if let index = plan.choiceIDs[q].firstIndex(of: id) { return index }
        addRemovedChoice(id, at: q)
        return nil
    }
}
