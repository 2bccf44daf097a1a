/// Writes a `Survey` as the YAML a host would type by hand (see the survey format): keys in the
/// documented order, short texts as `{sv: ..., en: ...}`, long ones one language per line, a blank
/// line between questions, and quotes only where YAML would otherwise read something else.
///
/// What it writes reads back through `SurveyLoader` as the same survey.
public enum SurveyWriter {
    /// Lines up to this many characters keep a text in flow style; longer ones go one language per line.
    public static let flowLineLimit = 100

    /// The YAML text, with `comment` lines (if any) as `#` comments at the top, and
    /// `questionComments` (by question or note id) as comments above them.
    public static func yaml(_ survey: Survey, comment: [String] = [], questionComments: [String: [String]] = [:]) -> String {
        var lines = comment
            .flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }
            .map { $0.isEmpty ? "#" : "# \($0)" }
        let texts = TextWriter(languages: survey.languages)
        lines.append("format: \(survey.format)")
        lines.append("id: \(YAMLScalar.text(survey.id))")
        lines += texts.field("title", survey.title, indent: 0)
        lines.append("languages: [\(survey.languages.map { YAMLScalar.text($0, inFlow: true) }.joined(separator: ", "))]")
        if let description = survey.description {
            lines += texts.field("description", description, indent: 0)
        }
        if let zone = survey.timeZoneName {
            lines.append("time_zone: \(YAMLScalar.text(zone))")
        }
        lines.append("questions:")
        for (position, item) in survey.items.enumerated() {
            if position > 0 { lines.append("") }
            lines += (questionComments[item.id] ?? [])
                .flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }
                .map { "  # \($0)" }
            switch item {
            case .question(let question): lines += questionLines(question, texts: texts)
            case .note(let note): lines += noteLines(note, texts: texts)
            }
        }
        if let contact = survey.contact {
            lines += [""] + contactLines(contact)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func contactLines(_ contact: ContactSection) -> [String] {
        var lines = ["contact:", "  consent: \(testFlow(contact.consent))"]
        for field in ContactSection.Field.allCases {
            if let id = contact.fields[field] { lines.append("  \(field.rawValue): \(YAMLScalar.text(id))") }
        }
        if !contact.details.isEmpty {
            lines.append("  details: [\(contact.details.map { YAMLScalar.text($0, inFlow: true) }.joined(separator: ", "))]")
        }
        return lines
    }

    /// What every item starts with, a question or a note: its id, section, type, text and hint.
    private static func headLines(of item: SurveyItem, type: String, texts: TextWriter) -> [String] {
        var lines = ["  - id: \(YAMLScalar.text(item.id))"]
        if let section = item.heading { lines += texts.field("section", section, indent: 4) }
        lines.append("    type: \(type)")
        lines += texts.field("text", item.text, indent: 4)
        if let hint = item.hint { lines += texts.field("hint", hint, indent: 4) }
        return lines
    }

    private static func noteLines(_ note: Note, texts: TextWriter) -> [String] {
        var lines = headLines(of: .note(note), type: SurveyDecoder.noteType, texts: texts)
        if let showIf = note.showIf { lines += conditionLines("show_if", showIf, indent: 4) }
        return lines
    }

    private static func questionLines(_ question: Question, texts: TextWriter) -> [String] {
        let pad = "    "
        var lines = headLines(of: .question(question), type: question.type.rawValue, texts: texts)
        if question.required { lines.append("\(pad)required: true") }
        if question.personal { lines.append("\(pad)personal: true") }
        if question.type == .multipleChoice {
            if let minimum = question.minSelected { lines.append("\(pad)min_selected: \(minimum)") }
            if let maximum = question.maxSelected { lines.append("\(pad)max_selected: \(maximum)") }
        }
        if let list = question.list, question.type.hasChoices || question.type == .scale {
            lines.append("\(pad)list: \(YAMLScalar.text(list))")
        }
        if question.type.hasChoices {
            lines.append("\(pad)choices:")
            for choice in question.choices {
                lines.append("\(pad)  - id: \(YAMLScalar.text(choice.id))")
                lines += texts.field("label", choice.label, indent: 8)
            }
            if question.allowsOther { lines.append("\(pad)other: true") }
        }
        if question.type == .scale, let scale = question.scale {
            lines += scaleLines(scale, texts: texts)
        }
        if question.type == .number {
            if question.bounds.integer { lines.append("\(pad)integer: true") }
            if let minimum = question.bounds.min { lines.append("\(pad)min: \(YAMLScalar.number(minimum))") }
            if let maximum = question.bounds.max { lines.append("\(pad)max: \(YAMLScalar.number(maximum))") }
        }
        if let showIf = question.showIf {
            lines += conditionLines("show_if", showIf, indent: 4)
        }
        return lines
    }

    /// `key: {question: ..., equals: ...}` for a test (as a single test was always written); a
    /// combination as a block map under `key`.
    private static func conditionLines(_ key: String, _ showIf: ShowIf, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        if case .test(let condition) = showIf { return ["\(pad)\(key): \(testFlow(condition))"] }
        return ["\(pad)\(key):"] + combinationLines(showIf, indent: indent + 2)
    }

    /// `all:` / `any:` with one part a list item, or `not:`, at `indent`; a part that is itself a
    /// combination is written as a `- all:` item whose map sits under its dash.
    private static func combinationLines(_ showIf: ShowIf, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        switch showIf {
        case .test(let condition):
            return ["\(pad)\(testFlow(condition))"]
        case .not(let part):
            return conditionLines("not", part, indent: indent)
        case .all(let parts), .any(let parts):
            var lines = ["\(pad)\(showIf.isAll ? "all" : "any"):"]
            for part in parts {
                if case .test(let condition) = part {
                    lines.append("\(pad)  - \(testFlow(condition))")
                } else {
                    var item = combinationLines(part, indent: indent + 4)
                    item[0] = "\(pad)  - " + item[0].dropFirst(indent + 4)
                    lines += item
                }
            }
            return lines
        }
    }

    private static func testFlow(_ condition: Condition) -> String {
        let test: String
        switch condition.test {
        case .equals(let id): test = "equals: \(YAMLScalar.text(id, inFlow: true))"
        case .includes(let id): test = "includes: \(YAMLScalar.text(id, inFlow: true))"
        case .atLeast(let bound): test = "at_least: \(YAMLScalar.number(bound))"
        case .atMost(let bound): test = "at_most: \(YAMLScalar.number(bound))"
        }
        return "{question: \(YAMLScalar.text(condition.question, inFlow: true)), \(test)}"
    }

    private static func scaleLines(_ scale: ScaleRange, texts: TextWriter) -> [String] {
        guard !scale.labels.isEmpty else { return ["    scale: {min: \(scale.min), max: \(scale.max)}"] }
        var lines = ["    scale:", "      min: \(scale.min)", "      max: \(scale.max)", "      labels:"]
        for point in scale.labels.keys.sorted() {
            lines += texts.field(String(point), scale.labels[point]!, indent: 8)
        }
        return lines
    }
}

/// One text field in the survey's languages: a plain string for a one-language survey, else a map.
private struct TextWriter {
    let languages: [String]

    func field(_ key: String, _ text: LocalizedText, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        if languages.count == 1, let language = languages.first {
            return ["\(pad)\(key): \(YAMLScalar.text(text.text(language)))"]
        }
        let pairs = languages.map { "\(YAMLScalar.text($0, inFlow: true)): \(YAMLScalar.text(text.text($0), inFlow: true))" }
        let flow = "\(pad)\(key): {\(pairs.joined(separator: ", "))}"
        if flow.count <= SurveyWriter.flowLineLimit { return [flow] }
        return ["\(pad)\(key):"] + languages.map {
            "\(pad)  \(YAMLScalar.text($0)): \(YAMLScalar.text(text.text($0)))"
        }
    }
}

/// YAML scalars written plain where that reads back as the same string, quoted where it would not:
/// where YAML would see a number, a boolean or null (`1`, `yes`, `no`, `on`, `~`), syntax (`: `, ` #`,
/// a leading indicator, flow brackets), edge spaces, or characters that need an escape.
enum YAMLScalar {
    static func text(_ text: String, inFlow: Bool = false) -> String {
        if isPlainSafe(text, inFlow: inFlow) { return text }
        let needsEscape = text.unicodeScalars.contains(where: needsEscape)
        // Single quotes read best around a text with double quotes in it, but cannot escape anything.
        if !needsEscape, text.contains("\""), !text.contains("'") { return "'\(text)'" }
        return doubleQuoted(text)
    }

    /// A number as a person writes it: whole numbers without a decimal point.
    static func number(_ value: Double) -> String {
        UIText.plain(value)
    }

    /// Strings that YAML 1.1 or 1.2 resolve to something other than a string when written plain.
    private static let reservedWords: Set<String> = [
        "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", "<<", "=",
        ".inf", "-.inf", "+.inf", ".nan",
    ]

    /// Characters that start YAML syntax when they come first.
    private static let indicators: Set<Unicode.Scalar> = [
        "-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`",
    ]

    /// Inside `{...}` or `[...]` these end a plain scalar; PyYAML (YAML 1.1) counts '?' among them.
    private static let flowIndicators: Set<Unicode.Scalar> = [",", "[", "]", "{", "}", ":", "?"]

    private static func isPlainSafe(_ text: String, inFlow: Bool) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return false }
        if reservedWords.contains(text.lowercased()) { return false }
        if indicators.contains(first) || first.properties.isWhitespace || last.properties.isWhitespace { return false }
        if last == ":" || text.hasPrefix("...") { return false }
        // Anything that starts like a number may resolve as one (1, 0x1F, 1_000, 12:30, 2025-03-12, .5, +1).
        if isDigit(first) { return false }
        if ["+", "-", "."].contains(first), scalars.count > 1, isDigit(scalars[1]) { return false }
        for (index, scalar) in scalars.enumerated() {
            if needsEscape(scalar) { return false }
            if inFlow, flowIndicators.contains(scalar) { return false }
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if scalar == ":", next == " " { return false }
            if scalar == " ", next == "#" { return false }
        }
        return true
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    /// Characters a YAML file may not hold as they are (or that readers take as line breaks or spacing).
    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }

    private static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{0}": out += "\\0"
            case "\u{85}": out += "\\N"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            default:
                if needsEscape(scalar) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += scalar.value <= 0xFF
                        ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                        : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
