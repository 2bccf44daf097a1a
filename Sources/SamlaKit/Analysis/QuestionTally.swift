import FreeText

/// The running counts of one question over the responses read so far, kept in arrays indexed by
/// choice and scale position so that adding a response compares and increments integers. Tallies
/// of different responses merge into the tally of them all.
struct QuestionTally {
    let position: Int
    let type: QuestionType
    /// Personal: "other" texts are counted but not kept.
    let personal: Bool
    let scaleMin: Int
    var shown = 0
    var answered = 0
    var notShown = 0

    /// Choice questions: per choice position.
    var choiceCounts: [Int]
    var otherCount = 0
    /// Each distinct "other" text with its count (not kept for personal questions).
    var otherTexts: [String: Int] = [:]
    var removedChoices: [String: Int] = [:]
    /// Multiple choice: choices made by those answering, for the mean.
    var selectionsMade = 0

    /// Scales: per point from the scale's minimum; off-scale values apart.
    var pointCounts: [Int]
    var offScale = Statistics.IntegerHistogram()
    /// Numbers: every value, since the median needs them.
    var values: [Double] = []

    /// Text questions that are not personal: the analysis.
    var text: TextTally?

    init(question: Question, position: Int, textLanguage: Language, codebook: Codebook?, quotesPerTheme: Int) {
        self.position = position
        type = question.type
        personal = question.personal
        scaleMin = question.scale?.min ?? 0
        choiceCounts = Array(repeating: 0, count: question.type.hasChoices ? question.choices.count : 0)
        let points = question.type == .scale ? question.scale.map { max(0, $0.max - $0.min + 1) } ?? 0 : 0
        pointCounts = Array(repeating: 0, count: points)
        if question.type == .text, !question.personal {
            text = TextTally(fallbackLanguage: textLanguage, codebook: codebook, quotesPerTheme: quotesPerTheme)
        }
    }

    /// Counts the answer in `slots`; `row` is the response's place in stored order.
    mutating func add(_ slots: AnswerSlots, row: Int) {
        let q = position
        guard slots.shown[q] else {
            notShown += 1
            return
        }
        shown += 1
        guard slots.isAnswered(q) else { return }
        addAnswer(slots, times: 1)
        if slots.kinds[q] == .text, text != nil { slots.written(q) { text?.add($0, row: row) } }
    }

    /// Analyses the text in `slots`, if shown, written and analysed here, as `add` does, and
    /// counts nothing else.
    mutating func addText(_ slots: AnswerSlots, row: Int) {
        let q = position
        guard text != nil, slots.shown[q], slots.kinds[q] == .text, slots.isAnswered(q) else { return }
        slots.written(q) { text?.add($0, row: row) }
    }

    /// Counts the answer in `slots`, shown and given, as given by `times` responses (the database
    /// counts alike answers together, `GroupedCounting`); written text is analysed apart.
    mutating func addAnswer(_ slots: AnswerSlots, times: Int) {
        let q = position
        answered += times
        switch slots.kinds[q] {
        case .choice:
            let chosen = slots.choice[q]
            if chosen >= 0 { choiceCounts[chosen] += times } else { countRemovedChoices(slots, times: times) }
        case .other:
            addOther(slots.text[q], times: times)
        case .choices:
            var made = 0
            for chosen in slots.selections(q) {
                choiceCounts[chosen] += times
                made += 1
            }
            made += countRemovedChoices(slots, times: times)
            if let written = slots.text[q] {
                addOther(written, times: times)
                made += 1
            }
            selectionsMade += made * times
        case .number:
            let value = slots.number[q]
            if type == .scale {
                addScalePoint(value, times: times)
            } else if times == 1 {
                values.append(value)
            } else {
                values.append(contentsOf: repeatElement(value, count: times))
            }
        case .text, .none:
            break
        }
    }

    /// Adds the counts of other responses.
    mutating func merge(_ other: QuestionTally) {
        shown += other.shown
        answered += other.answered
        notShown += other.notShown
        for k in choiceCounts.indices { choiceCounts[k] += other.choiceCounts[k] }
        otherCount += other.otherCount
        otherTexts.merge(other.otherTexts, uniquingKeysWith: +)
        removedChoices.merge(other.removedChoices, uniquingKeysWith: +)
        selectionsMade += other.selectionsMade
        for k in pointCounts.indices { pointCounts[k] += other.pointCounts[k] }
        for (value, n) in other.offScale.counts { offScale.add(value, times: n) }
        // The order of values does not matter: the figures sort them first (and two sorted runs,
        // from `sortValues` on each part, sort in one merge).
        values += other.values
        if let theirs = other.text { text?.merge(theirs) }
    }

    /// Sorts the values of a number question, which the figures need sorted: each part sorts its
    /// own on its own core before the parts merge.
    mutating func sortValues() {
        values.sort()
    }

    @discardableResult
    private mutating func countRemovedChoices(_ slots: AnswerSlots, times: Int) -> Int {
        var n = 0
        for removed in slots.removedChoices where removed.question == position {
            removedChoices[removed.id, default: 0] += times
            n += 1
        }
        return n
    }

    private mutating func addOther(_ written: String?, times: Int) {
        otherCount += times
        if !personal, let written {
            otherTexts[written, default: 0] += times
        }
    }

    private mutating func addScalePoint(_ value: Double, times: Int) {
        if let point = Int(exactly: value) {
            let index = point &- scaleMin
            if index >= 0, index < pointCounts.count {
                pointCounts[index] += times
                return
            }
        }
        // Off the scale (a changed definition, a damaged import): kept, at the nearest whole number.
        let limit = 1e9
        offScale.add(Int(Swift.min(Swift.max(value.rounded(), -limit), limit)), times: times)
    }
}
