/// The JSON view of a `Summary`, documented in `schema/summary.schema.json`: every key is always
/// present (null or empty where a figure does not apply), keys are in a fixed order, and shares
/// are percents (0–100). The export writes the same JSON beside its workbook.
public enum SummaryJSON {
    /// The version of this JSON shape, written as `format`.
    public static let format = 1

    public static func render(_ summary: Summary, pretty: Bool = true) -> String {
        var out = ""
        document(summary).write(to: &out, indent: pretty ? 0 : nil)
        out += pretty ? "\n" : ""
        return out
    }

    static func document(_ summary: Summary) -> JSONValue {
        .object([
            ("format", .int(format)),
            ("survey", .string(summary.surveyID)),
            ("title", .string(summary.title)),
            ("language", .string(summary.language)),
            ("responses", .int(summary.responses)),
            ("filters", .object([
                ("sessions", .array(summary.filters.sessions.map(JSONValue.string))),
                ("where", .array(summary.filters.conditions.map {
                    .object([("question", .string($0.question)), ("choice", .string($0.choice))])
                })),
                ("by", summary.filters.groupBy.map(JSONValue.string) ?? .null),
            ])),
            ("questions", .array(summary.questions.map(question))),
            ("crosstab", summary.crosstab.map { crosstab($0, questions: summary.questions) } ?? .null),
            ("removed_questions", .array(summary.removedQuestions.map {
                .object([("id", .string($0.id)), ("answered", .int($0.answered)),
                         ("examples", .array($0.examples.map(JSONValue.string)))])
            })),
        ])
    }

    static func question(_ q: QuestionSummary) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(q.id)),
            ("type", .string(q.type.rawValue)),
            ("text", .string(q.text)),
            ("personal", .bool(q.personal)),
            ("shown", .int(q.shown)),
            ("answered", .int(q.answered)),
            ("not_shown", .int(q.notShown)),
            ("choices", .array(q.choices.map(choice))),
            ("other", q.other.map(other) ?? .null),
            ("removed_choices", .array(q.removedChoices.map(choice))),
            ("mean_choices", number(q.meanChoices)),
            ("distribution", .array(q.distribution.map(point))),
        ]
        let statistics = q.statistics
        members += [
            ("n", statistics.map { .int($0.n) } ?? .null),
            ("mean", number(statistics?.mean)),
            ("median", number(statistics?.median)),
            ("standard_deviation", number(statistics?.standardDeviation)),
            ("min", number(statistics?.min)),
            ("max", number(statistics?.max)),
            ("lower_quartile", number(statistics?.lowerQuartile)),
            ("upper_quartile", number(statistics?.upperQuartile)),
            ("top_two_box_percent", percent(q.topTwoBox)),
        ]
        let text = q.textFigures
        let languages: [(String, JSONValue)] = (text?.languages ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) }
        members += [
            ("languages", .object(languages)),
            ("terms", .array((text?.terms ?? []).map(term))),
            ("bigrams", .array((text?.bigrams ?? []).map(term))),
            ("themes", text?.themes.map { .array($0.map(theme)) } ?? .null),
            ("uncoded", text?.uncoded.map(JSONValue.int) ?? .null),
        ]
        return .object(members)
    }

    private static func other(_ other: OtherAnswers) -> JSONValue {
        let texts: [JSONValue] = other.texts.map { .object([("text", .string($0.text)), ("count", .int($0.count))]) }
        return .object([
            ("count", .int(other.count)),
            ("percent", percent(other.share)),
            ("ci_low", percent(other.interval?.lowerBound)),
            ("ci_high", percent(other.interval?.upperBound)),
            ("texts", .array(texts)),
        ] + suppressedMark(other.suppressed))
    }

    private static func point(_ point: PointCount) -> JSONValue {
        .object([("value", .int(point.value)), ("label", point.label.map(JSONValue.string) ?? .null),
                 ("count", .int(point.count)), ("percent", percent(point.share))] + suppressedMark(point.suppressed))
    }

    private static func theme(_ theme: ThemeSummary) -> JSONValue {
        .object([("name", .string(theme.name)), ("count", .int(theme.count)), ("percent", percent(theme.share)),
                 ("quotes", .array(theme.quotes.map(JSONValue.string)))] + suppressedMark(theme.suppressed))
    }

    static func crosstab(_ crosstab: Crosstab, questions: [QuestionSummary]) -> JSONValue {
        .object([
            ("by", .string(crosstab.by)),
            ("text", .string(crosstab.byText)),
            ("groups", .array(crosstab.groups.map { group in
                .object([("id", .string(group.id)), ("label", .string(group.label)), ("responses", .int(group.responses)),
                         ("questions", .array(group.questions.map(question)))])
            })),
            ("tests", .array(questions.compactMap { q in
                crosstab.tests[q.id].map { test in
                    .object([
                        ("question", .string(q.id)),
                        ("chi_square", number(test.statistic)),
                        ("degrees_of_freedom", .int(test.degreesOfFreedom)),
                        ("p_value", number(test.pValue)),
                        ("small_cells", .array(test.smallCells.map { cell in
                            .object([("choice", .string(cell.choice)), ("group", .string(cell.group)),
                                     ("expected", number(cell.expected)), ("observed", .int(cell.observed))])
                        })),
                    ])
                }
            })),
            ("by_session", .bool(crosstab.bySession)),
            ("groups_overlap", .bool(crosstab.groupsOverlap)),
            ("exact_tests", .array(questions.compactMap { q in
                crosstab.exactTests[q.id].map { test in
                    .object([("question", .string(q.id)), ("p_value", number(test.pValue)),
                             ("odds_ratio", test.oddsRatio.map(number) ?? .null)])
                }
            })),
            ("choice_tests", .array(questions.flatMap { q in
                (crosstab.choiceTests[q.id] ?? []).map { test in
                    .object([("question", .string(q.id)), ("choice", .string(test.choice)),
                             ("method", .string(test.chiSquare != nil ? "chi_square" : "fisher_exact")),
                             ("chi_square", test.chiSquare.map { number($0.statistic) } ?? .null),
                             ("p_value", number(test.pValue)), ("adjusted_p_value", number(test.adjustedPValue))])
                }
            })),
            ("untested", .array(questions.compactMap { q in
                crosstab.untested[q.id].map { reason in
                    .object([("question", .string(q.id)), ("reason", .string(reason.rawValue))])
                }
            })),
        ])
    }

    private static func choice(_ c: ChoiceCount) -> JSONValue {
        .object([("id", .string(c.id)), ("label", .string(c.label)), ("count", .int(c.count)),
                 ("percent", percent(c.share)), ("ci_low", percent(c.interval?.lowerBound)),
                 ("ci_high", percent(c.interval?.upperBound))] + suppressedMark(c.suppressed))
    }

    /// `"suppressed": true` on a count an anonymised export hides (its count and percent are 0).
    private static func suppressedMark(_ suppressed: Bool) -> [(String, JSONValue)] {
        suppressed ? [("suppressed", .bool(true))] : []
    }

    private static func term(_ t: TermCount) -> JSONValue {
        .object([("term", .string(t.term)), ("count", .int(t.count))])
    }

    /// A share as a percent, rounded to 10 decimals so 112 of 2000 reads 5.6, not 5.6000000000000005.
    private static func percent(_ share: Double?) -> JSONValue {
        number(share.map { ($0 * 1e12).rounded() / 1e10 })
    }

    private static func number(_ value: Double?) -> JSONValue {
        value.map(JSONValue.number) ?? .null
    }
}

/// A JSON value with object keys in the order given, written compact or indented.
enum JSONValue {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// `indent` nil writes compact JSON; otherwise the current depth of a two-space indentation.
    func write(to out: inout String, indent: Int?) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .number(let value):
            // Whole numbers as integers; others in Swift's shortest round-trip form. JSON has no NaN.
            if !value.isFinite { out += "null" } else { out += JSONText.format(value) }
        case .string(let value): JSONText.appendQuoted(value, to: &out)
        case .array(let items):
            writeContainer(items.map { (nil, $0) }, open: "[", close: "]", to: &out, indent: indent)
        case .object(let members):
            writeContainer(members.map { ($0.0, $0.1) }, open: "{", close: "}", to: &out, indent: indent)
        }
    }

    private func writeContainer(_ items: [(String?, JSONValue)], open: String, close: String, to out: inout String, indent: Int?) {
        out += open
        guard !items.isEmpty else {
            out += close
            return
        }
        let inner = indent.map { $0 + 1 }
        for (index, (key, value)) in items.enumerated() {
            if index > 0 { out += "," }
            if let inner { out += "\n" + String(repeating: "  ", count: inner) }
            if let key {
                JSONText.appendQuoted(key, to: &out)
                out += indent == nil ? ":" : ": "
            }
            value.write(to: &out, indent: inner)
        }
        if let indent { out += "\n" + String(repeating: "  ", count: indent) }
        out += close
    }
}
