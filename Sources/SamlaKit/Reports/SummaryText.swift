/// The terminal view of a `Summary`: readable at a glance, with aligned tables and Unicode bars,
/// in the summary's language (Samla's own words too). Plain text; colour only marks headings.
public struct SummaryText: Sendable {
    /// Cells of a full bar (100%).
    public var barWidth: Int
    /// The widest a label column gets before labels are cut with "…".
    public var labelWidth: Int
    /// Lists of terms wrap at this width.
    public var lineWidth: Int
    public var useColour: Bool
    /// No line is longer than this (the terminal's width): longer ones wrap at a space, or are cut.
    public var maximumWidth: Int?

    public init(barWidth: Int = 20, labelWidth: Int = 34, lineWidth: Int = 100, useColour: Bool = false,
                maximumWidth: Int? = nil) {
        self.barWidth = barWidth
        self.labelWidth = labelWidth
        self.lineWidth = lineWidth
        self.useColour = useColour
        self.maximumWidth = maximumWidth
    }

    /// Bars, labels and lists sized for a terminal `width` columns wide, every line within it.
    public static func fitting(width: Int, useColour: Bool = false) -> SummaryText {
        let width = max(30, width)
        // Label, count, percent, bar and interval: the bar and label shrink first, the interval wraps.
        let bar = max(5, min(20, (width - 40) / 3))
        let label = max(10, min(34, width - bar - 36))
        return SummaryText(barWidth: bar, labelWidth: label, lineWidth: min(100, width), useColour: useColour,
                           maximumWidth: width)
    }

    public func render(_ summary: Summary) -> String {
        let ui = UIText(language: summary.language)
        var out: [String] = []
        out.append(heading("\(summary.title) — \(ui.responses(summary.responses))"))
        if let selection = selectionLine(summary.filters, ui: ui) { out.append(selection) }
        if summary.responses == 0 { out.append(ui.noResponses) }
        for (index, question) in summary.questions.enumerated() {
            out.append("")
            out += self.question(question, number: index + 1, ui: ui)
        }
        if !summary.removedQuestions.isEmpty {
            out.append("")
            out.append(heading(ui.removedQuestions))
            for removed in summary.removedQuestions {
                let examples = removed.examples.isEmpty ? "" : ": " + removed.examples.joined(separator: "; ")
                out.append("  \(removed.id): \(ui.answers(removed.answered))\(examples)")
            }
        }
        if let crosstab = summary.crosstab {
            out.append("")
            out += self.crosstab(crosstab, questions: summary.questions, ui: ui)
        }
        if let maximumWidth { out = out.flatMap { fit($0, to: maximumWidth) } }
        return out.joined(separator: "\n") + "\n"
    }

    /// One line as lines of at most `width` characters: broken at the last space that fits and
    /// continued under its indentation, or cut where there is no space. A heading keeps its colour.
    func fit(_ line: String, to width: Int) -> [String] {
        let bold = "\u{1B}[1m", reset = "\u{1B}[0m"
        if line.hasPrefix(bold), line.hasSuffix(reset) {
            let plain = String(line.dropFirst(bold.count).dropLast(reset.count))
            return fit(plain, to: width).map { bold + $0 + reset }
        }
        guard line.count > width else { return [line] }
        let indent = String(line.prefix { $0 == " " })
        let continuation = indent.count + 2 < width / 2 ? indent + "  " : ""
        var lines: [String] = []
        var rest = Substring(line)
        var lead = ""
        while lead.count + rest.count > width {
            let room = width - lead.count
            let head = rest.prefix(room + 1)
            // The last space inside the room, past the indentation.
            let breakAt = head.dropFirst(indent.count).lastIndex(of: " ")
            if let breakAt, rest.distance(from: rest.startIndex, to: breakAt) <= room {
                lines.append(lead + trimTrailing(String(rest[..<breakAt])))
                rest = rest[rest.index(after: breakAt)...].drop { $0 == " " }
            } else {
                lines.append(lead + String(rest.prefix(room)))
                rest = rest.dropFirst(room)
            }
            lead = continuation
        }
        if !rest.isEmpty { lines.append(lead + rest) }
        return lines
    }

    // MARK: Questions

    private func question(_ q: QuestionSummary, number: Int, ui: UIText) -> [String] {
        var lines = [heading("\(number). \(q.text)")]
        var facts = ["\(q.id)", ui.typeName(q.type), ui.shownAndAnswered(shown: q.shown, answered: q.answered)]
        if q.notShown > 0 { facts.append(ui.notShown(q.notShown)) }
        lines.append("   " + facts.joined(separator: " · "))
        switch q.type {
        case .singleChoice, .multipleChoice: lines += choices(q, ui: ui)
        case .scale: lines += scale(q, ui: ui)
        case .number: lines += numbers(q, ui: ui)
        case .text: lines += texts(q, ui: ui)
        }
        return lines
    }

    private func choices(_ q: QuestionSummary, ui: UIText) -> [String] {
        var rows = q.choices.map { Row(label: $0.label, count: $0.count, share: $0.share, interval: $0.interval) }
        if let other = q.other {
            rows.append(Row(label: ui.other, count: other.count, share: other.share, interval: other.interval))
        }
        var lines = table(rows, ui: ui)
        if let other = q.other, !other.texts.isEmpty {
            let shown = other.texts.prefix(5).map { "“\(cut($0.text, to: 40))” \(ui.number($0.count))" }
            let more = other.texts.count > 5 ? " …" : ""
            lines.append("     \(ui.other): " + shown.joined(separator: ", ") + more)
        }
        if q.type == .multipleChoice {
            var note = ui.ofRespondents
            if let mean = q.meanChoices { note += "; " + ui.meanChoices(ui.decimal(mean, decimals: 1)) }
            lines.append("   (\(note))")
        }
        if !q.removedChoices.isEmpty {
            lines.append("   \(ui.removedChoices):")
            lines += table(q.removedChoices.map { Row(label: $0.id, count: $0.count, share: $0.share, interval: $0.interval) }, ui: ui)
        }
        return lines
    }

    private func scale(_ q: QuestionSummary, ui: UIText) -> [String] {
        let rows = q.distribution.map { point in
            Row(label: point.label.map { "\(point.value) \($0)" } ?? "\(point.value)", count: point.count, share: point.share)
        }
        var lines = table(rows, ui: ui)
        if let statistics = q.statistics, statistics.n > 0 {
            var facts = statisticsFacts(statistics, ui: ui, quartiles: false)
            if let top = q.topTwoBox { facts.append("\(ui.topTwoBox) \(ui.percent(top))") }
            lines.append("   " + facts.joined(separator: "   "))
        }
        return lines
    }

    private func numbers(_ q: QuestionSummary, ui: UIText) -> [String] {
        guard let statistics = q.statistics, statistics.n > 0 else { return [] }
        return ["   " + statisticsFacts(statistics, ui: ui, quartiles: true).joined(separator: "   ")]
    }

    private func statisticsFacts(_ s: NumberStatistics, ui: UIText, quartiles: Bool) -> [String] {
        var facts: [String] = []
        func add(_ name: String, _ value: Double?) {
            if let value { facts.append("\(name) \(ui.decimal(value))") }
        }
        add(ui.mean, s.mean)
        add(ui.median, s.median)
        add(ui.standardDeviation, s.standardDeviation)
        add(ui.minimum, s.min)
        add(ui.maximum, s.max)
        if quartiles, let q1 = s.lowerQuartile, let q3 = s.upperQuartile {
            facts.append("\(ui.quartiles) \(ui.decimal(q1))–\(ui.decimal(q3))")
        }
        return facts
    }

    private func texts(_ q: QuestionSummary, ui: UIText) -> [String] {
        guard let figures = q.textFigures else {
            return q.personal ? ["   (\(ui.personalNotAnalysed))"] : []
        }
        var lines: [String] = []
        let total = figures.languages.values.reduce(0, +)
        if total > 0 {
            let order = ["sv", "en", "unknown"]
            let parts = figures.languages.sorted { (order.firstIndex(of: $0.key) ?? 9) < (order.firstIndex(of: $1.key) ?? 9) }
                .map { key, n in "\(key == "unknown" ? ui.unsureLanguage : key) \(ui.percent(Double(n) / Double(total)))" }
            lines.append("   \(ui.languagesWord): " + parts.joined(separator: ", "))
        }
        if !figures.terms.isEmpty {
            lines += wrapped("   \(ui.topTerms): ", figures.terms.map { "\($0.term) \(ui.number($0.count))" })
        }
        if !figures.bigrams.isEmpty {
            lines += wrapped("   \(ui.bigrams): ", figures.bigrams.prefix(10).map { "\($0.term) \(ui.number($0.count))" })
        }
        if let themes = figures.themes {
            lines.append("   \(ui.themes):")
            let rows = themes.map { Row(label: $0.name, count: $0.count, share: $0.share) }
            for (index, line) in table(rows, ui: ui).enumerated() {
                lines.append(line)
                for quote in themes[index].quotes {
                    lines.append("        “\(cut(quote.split(whereSeparator: \.isNewline).joined(separator: " "), to: 100))”")
                }
            }
            if let uncoded = figures.uncoded { lines.append("   " + ui.uncoded(uncoded)) }
        }
        return lines
    }

    // MARK: Cross-tab

    private func crosstab(_ crosstab: Crosstab, questions: [QuestionSummary], ui: UIText) -> [String] {
        var lines = [heading(ui.crosstab(by: "\(crosstab.byText) (\(crosstab.by))")), "   (\(ui.columnPercents))"]
        let groups = crosstab.groups
        let columnWidth = min(14, max(8, groups.map { $0.label.count }.max() ?? 8))
        let rowWidth = 28
        func row(_ label: String, _ cells: [String]) -> String {
            trimTrailing("   " + pad(cut(label, to: rowWidth), to: rowWidth) + cells.map { " " + padLeft($0, to: columnWidth) }.joined())
        }
        var numericStarted = false
        lines.append(row("", groups.map { cut($0.label, to: columnWidth) }))
        lines.append(row(ui.responsesRow, groups.map { ui.number($0.responses) }))
        var flagged = false
        for (q, question) in questions.enumerated() where question.id != crosstab.by {
            let perGroup = groups.map { $0.questions[q] }
            switch question.type {
            case .singleChoice, .multipleChoice:
                lines.append("")
                var title = "\(question.id) · \(cut(question.text, to: 48))"
                let choiceTests = crosstab.choiceTests[question.id] ?? []
                if let test = crosstab.tests[question.id] {
                    title += "   " + ui.chiSquare(statistic: ui.decimal(test.statistic), df: test.degreesOfFreedom,
                                                  p: pValue(test.pValue, ui: ui))
                } else if let exact = crosstab.exactTests[question.id] {
                    title += "   " + ui.fisher(p: pValue(exact.pValue, ui: ui))
                } else if !choiceTests.isEmpty {
                    title += "   (" + ui.choiceTestsNote + ")"
                } else if let reason = crosstab.untested[question.id] {
                    title += "   (" + ui.untested(reason) + ")"
                } else {
                    title += "   " + ui.noTest
                }
                lines.append("   " + title)
                // Each group's base: those in it who were shown the question and answered it.
                lines.append(row("  n", perGroup.map { ui.number($0.answered) + " " }))
                let small = Set((crosstab.smallCells[question.id] ?? []).map { "\($0.choice)\u{1F}\($0.group)" })
                var choiceRows = question.choices.enumerated().map { index, choice in
                    (id: choice.id, label: choice.label, cells: perGroup.map { $0.choices[index] }.map { ($0.share, $0.count) })
                }
                if let other = question.other, other.count > 0 || perGroup.contains(where: { ($0.other?.count ?? 0) > 0 }) {
                    choiceRows.append((id: Question.otherID, label: ui.other,
                                       cells: perGroup.map { ($0.other?.share ?? 0, $0.other?.count ?? 0) }))
                }
                for choiceRow in choiceRows {
                    let cells = choiceRow.cells.enumerated().map { group, cell -> String in
                        let mark = small.contains("\(choiceRow.id)\u{1F}\(groups[group].id)")
                        if mark { flagged = true }
                        return ui.percent(cell.0) + (mark ? "*" : " ")
                    }
                    var line = row("  " + choiceRow.label, cells)
                    if let test = choiceTests.first(where: { $0.choice == choiceRow.id }) {
                        line += "   " + ui.adjustedP(pValue(test.adjustedPValue, ui: ui))
                    }
                    lines.append(line)
                }
            case .scale, .number:
                if !numericStarted {
                    lines.append("")
                    numericStarted = true
                }
                let means = perGroup.map { $0.statistics?.mean.map { ui.decimal($0) } ?? "–" }
                lines.append(row("\(question.id) (\(ui.mean))", means.map { $0 + " " }))
            case .text:
                continue
            }
        }
        if flagged { lines.append("   " + ui.smallCellsNote) }
        return lines
    }

    private func pValue(_ p: Double, ui: UIText) -> String {
        if p < 0.001 { return "< " + ui.decimal(0.001, decimals: 3) }
        if p > 0.999 { return "> " + ui.decimal(0.999, decimals: 3) }
        return ui.decimal(p, decimals: 3)
    }

    // MARK: Tables and bars

    private struct Row {
        var label: String
        var count: Int
        var share: Double
        var interval: ClosedRange<Double>? = nil
    }

    /// Label, count, percent, bar and interval, each column aligned.
    private func table(_ rows: [Row], ui: UIText) -> [String] {
        let labels = rows.map { cut($0.label, to: labelWidth) }
        let width = labels.map(\.count).max() ?? 0
        let counts = rows.map { ui.number($0.count) }
        let countWidth = counts.map(\.count).max() ?? 0
        let percents = rows.map { ui.percent($0.share) }
        let percentWidth = percents.map(\.count).max() ?? 0
        return rows.indices.map { i in
            var line = "   " + pad(labels[i], to: width) + "  " + padLeft(counts[i], to: countWidth) + "  "
                + padLeft(percents[i], to: percentWidth) + "  " + pad(bar(rows[i].share), to: barWidth)
            if let interval = rows[i].interval {
                line += "  " + ui.confidenceInterval + " " + ui.percent(interval.lowerBound) + "–" + ui.percent(interval.upperBound)
            }
            return trimTrailing(line)
        }
    }

    /// A bar of `barWidth` cells for 100%, in eighths of a cell.
    func bar(_ share: Double) -> String {
        let eighths = Int((max(0, min(1, share)) * Double(barWidth * 8)).rounded())
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + partials[eighths % 8]
    }

    /// Items joined by " · " on lines of at most `lineWidth` characters, continued under the first item.
    private func wrapped(_ lead: String, _ items: [String]) -> [String] {
        var lines: [String] = []
        var line = lead
        let indent = String(repeating: " ", count: lead.count)
        for item in items {
            let separator = line.count > lead.count || (!lines.isEmpty && line.count > indent.count) ? " · " : ""
            if !separator.isEmpty, line.count + separator.count + item.count > lineWidth {
                lines.append(line)
                line = indent + item
            } else {
                line += separator + item
            }
        }
        lines.append(line)
        return lines
    }

    private func heading(_ text: String) -> String {
        useColour ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }

    private func selectionLine(_ filters: SummaryFilters, ui: UIText) -> String? {
        var parts: [String] = []
        if !filters.sessions.isEmpty { parts.append(ui.sessions(filters.sessions)) }
        if !filters.conditions.isEmpty {
            parts.append(ui.whereWord + " " + filters.conditions.map { "\($0.question) = \($0.choice)" }
                .joined(separator: " \(ui.andWord) "))
        }
        return parts.isEmpty ? nil : "\(ui.selection): " + parts.joined(separator: "; ")
    }

    private func cut(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(0, width - 1))) + "…"
    }

    private func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private func padLeft(_ text: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private func trimTrailing(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }
}
