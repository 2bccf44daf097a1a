/// Counts too small to show in an anonymised export: any count from 1 to `threshold − 1`
/// ("<5"). Zero is shown: it is nobody.
public struct CountSuppression: Sendable, Hashable {
    public var threshold: Int

    public init(threshold: Int) {
        self.threshold = max(1, threshold)
    }

    public func hides(_ count: Int) -> Bool {
        count > 0 && count < threshold
    }

    /// What a hidden count shows instead.
    public var text: String { "<\(threshold)" }

    /// The complementary rule on one line of cells that add up to a shown total: `hidden` and,
    /// while only one cell is hidden or the hidden ones add up to less than the threshold, the
    /// smallest shown non-zero cell as well (the first of equals).
    public func hiding(_ counts: [Int], alreadyHidden hidden: [Bool]) -> [Bool] {
        var hidden = hidden
        while true {
            let hiddenIndices = hidden.indices.filter { hidden[$0] }
            guard !hiddenIndices.isEmpty else { return hidden }
            let hiddenSum = hiddenIndices.reduce(0) { $0 + counts[$1] }
            guard hiddenIndices.count == 1 || hiddenSum < threshold else { return hidden }
            let candidates = counts.indices.filter { !hidden[$0] && counts[$0] > 0 }
            guard let smallest = candidates.min(by: { (counts[$0], $0) < (counts[$1], $1) }) else { return hidden }
            hidden[smallest] = true
        }
    }
}

extension Summary {
    /// The summary with every small count hidden, so that no small group of people can be picked
    /// out, and with further cells hidden so that no total gives a hidden one back.
    ///
    /// The rule (complementary suppression), table by table:
    /// - a question's cells (choices and "other"; scale points) hide when 1 ≤ count < threshold;
    /// - where the cells add up to a total that is shown (a single-choice question and a scale:
    ///   answered = Σ cells), the hidden cells together must not be learnable: while only one cell
    ///   is hidden, or the hidden ones add up to less than the threshold, the smallest shown
    ///   non-zero cell hides too. A question answered by fewer than `threshold` hides every cell.
    ///   Multiple-choice cells add up to no shown total once the mean number of choices (which
    ///   would give their sum) is dropped, which it is as soon as a cell hides;
    /// - the cross-tab applies the same rule to every row (the whole selection's count is the
    ///   row's total) and every group's column, repeating until no row or column changes, and the
    ///   whole selection's cells (the total column) come from the question tables above;
    /// - statistics of a question answered by fewer than `threshold` go; minimum and maximum
    ///   always go (each is one person's answer); terms, word pairs, languages and "other" texts
    ///   used fewer than `threshold` times are left out; a theme under it hides its count and quotes;
///   answers naming removed choices hide like any small count.
    public func suppressingCounts(below threshold: Int) -> Summary {
        let rule = CountSuppression(threshold: threshold)
        var result = self
        result.suppression = rule
        result.questions = questions.map { $0.suppressing(rule) }
        if var crosstab {
            // Rows and columns are settled on the original counts first, then every group's
            // figures are hidden as they say (and cleaned of what would give a count away).
            crosstab.suppressComplementary(rule, overall: questions)
            for index in crosstab.groups.indices {
                crosstab.groups[index].questions = crosstab.groups[index].questions.map { $0.suppressing(rule, cellsOnly: true) }
            }
            result.crosstab = crosstab
        }
        return result
    }
}

extension QuestionSummary {
    /// The cells of the table in table order: choices then "other", or the scale's points.
    fileprivate var cellCounts: [Int] {
        if type == .scale { return distribution.map(\.count) }
        return choices.map(\.count) + (other.map { [$0.count] } ?? [])
    }

    fileprivate var cellHidden: [Bool] {
        if type == .scale { return distribution.map(\.suppressed) }
        return choices.map(\.suppressed) + (other.map { [$0.suppressed] } ?? [])
    }

    /// Marks (and zeroes) the cells `hidden` says, in table order.
    fileprivate mutating func hide(_ hidden: [Bool]) {
        if type == .scale {
            for index in distribution.indices where index < hidden.count && hidden[index] {
                distribution[index].suppressed = true
                distribution[index].count = 0
                distribution[index].share = 0
            }
            return
        }
        for index in choices.indices where index < hidden.count && hidden[index] {
            choices[index].suppressed = true
            choices[index].count = 0
            choices[index].share = 0
            choices[index].interval = nil
        }
        if other != nil, choices.count < hidden.count, hidden[choices.count] {
            other?.suppressed = true
            other?.count = 0
            other?.share = 0
            other?.interval = nil
            other?.texts = []
        }
    }

    /// This question's figures with small counts hidden. `cellsOnly` for a cross-tab group, whose
    /// rows and columns are settled by the cross-tab as a whole.
    fileprivate func suppressing(_ rule: CountSuppression, cellsOnly: Bool = false) -> QuestionSummary {
        var result = self
        let counts = cellCounts
        var hidden = zip(counts, cellHidden).map { $1 || rule.hides($0) || (rule.hides(answered) && $0 > 0) }
        let partitions = type == .singleChoice || type == .scale
        if partitions && !cellsOnly { hidden = rule.hiding(counts, alreadyHidden: hidden) }
        result.hide(hidden)
        if hidden.contains(true) { result.meanChoices = nil }
        // Answers naming choices the definition no longer has: each a count of its own.
        for index in result.removedChoices.indices where rule.hides(result.removedChoices[index].count) {
            result.removedChoices[index].suppressed = true
            result.removedChoices[index].count = 0
            result.removedChoices[index].share = 0
            result.removedChoices[index].interval = nil
        }
        if var other = result.other {
            other.texts = other.texts.filter { !rule.hides($0.count) }
            result.other = other
        }
        if rule.hides(answered) {
            result.statistics = nil
            result.topTwoBox = nil
            result.meanChoices = nil
        }
        result.statistics?.min = nil
        result.statistics?.max = nil
        if var figures = result.textFigures {
            figures.terms = figures.terms.filter { !rule.hides($0.count) }
            figures.bigrams = figures.bigrams.filter { !rule.hides($0.count) }
            figures.languages = figures.languages.filter { !rule.hides($0.value) }
            if let themes = figures.themes {
                figures.themes = themes.map { theme in
                    guard rule.hides(theme.count) else { return theme }
                    var hidden = theme
                    hidden.suppressed = true
                    hidden.count = 0
                    hidden.share = 0
                    hidden.quotes = []
                    return hidden
                }
            }
            if let uncoded = figures.uncoded, rule.hides(uncoded) { figures.uncoded = nil }
            result.textFigures = figures
        }
        return result
    }
}

extension Crosstab {
    /// Rows (a line across the groups, whose total is the whole selection's cell) and columns (a
    /// group's cells of a single-choice or scale question) until nothing changes.
    fileprivate mutating func suppressComplementary(_ rule: CountSuppression, overall: [QuestionSummary]) {
        for question in overall {
            let slots = groups.map { group in group.questions.firstIndex { $0.id == question.id } }
            guard slots.contains(where: { $0 != nil }) else { continue }
            // The original counts, before any were zeroed.
            var counts: [[Int]] = []
            var hidden: [[Bool]] = []
            for (groupIndex, slot) in slots.enumerated() {
                guard let slot else { counts.append([]); hidden.append([]); continue }
                let figures = groups[groupIndex].questions[slot]
                counts.append(figures.cellCounts)
                hidden.append(figures.cellCounts.map { rule.hides($0) || (rule.hides(figures.answered) && $0 > 0) })
            }
            let lineCount = counts.map(\.count).max() ?? 0
            let partitions = question.type == .singleChoice || question.type == .scale
            var changed = true
            while changed {
                changed = false
                for line in 0..<lineCount {
                    let members = counts.indices.filter { line < counts[$0].count }
                    let before = members.map { hidden[$0][line] }
                    let after = rule.hiding(members.map { counts[$0][line] }, alreadyHidden: before)
                    for (position, group) in members.enumerated() where after[position] != before[position] {
                        hidden[group][line] = true
                        changed = true
                    }
                }
                if partitions {
                    for group in counts.indices where !counts[group].isEmpty {
                        let after = rule.hiding(counts[group], alreadyHidden: hidden[group])
                        if after != hidden[group] { hidden[group] = after; changed = true }
                    }
                }
            }
            for (groupIndex, slot) in slots.enumerated() {
                guard let slot else { continue }
                groups[groupIndex].questions[slot].hide(hidden[groupIndex])
            }
        }
    }
}

