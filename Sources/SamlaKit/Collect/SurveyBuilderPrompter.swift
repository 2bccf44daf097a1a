import Foundation

/// Asks for one value at a time while a survey is built: writes the prompt, reads a line, and either
/// returns the value or says in one line what was wrong and asks the same prompt again.
struct SurveyBuilderPrompter {
    /// Thrown when input ends part-way, so the whole build unwinds and nothing is written.
    struct InputEnded: Error {}

    /// What a typed line means: the value, or the reason to ask again.
    enum Reading<Value> {
        case value(Value)
        case retry(String)
    }

    let io: PromptIO
    /// Nil until the survey's languages are known (and no UI language was given): prompts in both.
    var language: String?

    func words(_ pick: (UIText) -> String) -> String {
        UIText.either(language, pick)
    }

    /// Spaces, a Windows line end's CR, and the byte order mark that starts answers piped from a
    /// file a Windows editor saved (YAML readers would drop it from the start of a text anyway).
    private static let edges = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}"))

    /// Asks until `read` accepts the line, trimmed of `edges`.
    func ask<Value>(_ prompt: String, default shown: String? = nil, _ read: (String) -> Reading<Value>) throws(InputEnded) -> Value {
        while true {
            io.write(prompt + (shown.map { " [\($0)]" } ?? "") + ": ")
            guard let raw = io.readLine() else { throw InputEnded() }
            switch read(raw.trimmingCharacters(in: Self.edges)) {
            case .value(let value): return value
            case .retry(let message): io.write(message + "\n")
            }
        }
    }

    /// A non-empty text.
    func text(_ prompt: String) throws(InputEnded) -> String {
        try ask(prompt) { line in line.isEmpty ? .retry(words(\.newNeedsText)) : .value(line) }
    }

    /// A text, or nil for an empty line.
    func optionalText(_ prompt: String) throws(InputEnded) -> String? {
        try ask(prompt) { line in .value(line.isEmpty ? nil : line) }
    }

    /// A text in each language; the prompt names the language when there are several.
    /// With `defaults` (a question being edited), Enter keeps each language's text.
    func localized(_ prompt: String, languages: [String], defaults: LocalizedText? = nil) throws(InputEnded) -> LocalizedText {
        var values: [String: String] = [:]
        for language in languages {
            if let kept = defaults?.values[language] {
                values[language] = try ask(label(prompt, language, of: languages), default: kept) { line in .value(line.isEmpty ? kept : line) }
            } else {
                values[language] = try text(label(prompt, language, of: languages))
            }
        }
        return LocalizedText(values)
    }

    /// Like `localized`, but an empty line for the first language means no text at all; `hint`
    /// follows the first prompt.
    func optionalLocalized(_ prompt: String, languages: [String], hint: String? = nil) throws(InputEnded) -> LocalizedText? {
        guard let first = languages.first,
              let value = try optionalText(label(prompt, first, of: languages) + (hint.map { ", \($0)" } ?? "")) else {
            return nil
        }
        var values = [first: value]
        for language in languages.dropFirst() {
            values[language] = try text(label(prompt, language, of: languages))
        }
        return LocalizedText(values)
    }

    private func label(_ prompt: String, _ language: String, of languages: [String]) -> String {
        languages.count > 1 ? "\(prompt) (\(language))" : prompt
    }

    func yesNo(_ prompt: String, default defaultYes: Bool) throws(InputEnded) -> Bool {
        try ask(prompt + " " + words { $0.newYesNoHint(defaultYes: defaultYes) }) { line in
            switch line.lowercased() {
            case "": return .value(defaultYes)
            case "y", "yes", "j", "ja", "true": return .value(true)
            case "n", "no", "nej", "false": return .value(false)
            default: return .retry(words { $0.newNotYesOrNo(line) })
            }
        }
    }

    /// A whole number in `range`; Enter gives `defaultValue` when there is one.
    func wholeNumber(_ prompt: String, in range: ClosedRange<Int>, default defaultValue: Int? = nil) throws(InputEnded) -> Int {
        try ask(prompt, default: defaultValue.map(String.init)) { line in
            if line.isEmpty, let defaultValue { return .value(defaultValue) }
            guard let value = Int(line) else { return .retry(words { $0.newNotAWholeNumber(line) }) }
            guard range.contains(value) else {
                return .retry(words { $0.newWholeNumberBetween(line, min: range.lowerBound, max: range.upperBound) })
            }
            return .value(value)
        }
    }

    /// A number as people type it (a decimal comma in Swedish too), at least `minimum`; nil for Enter
    /// when `optional`.
    func number(_ prompt: String, atLeast minimum: Double? = nil, optional: Bool) throws(InputEnded) -> Double? {
        try ask(prompt) { line in
            if line.isEmpty, optional { return .value(nil) }
            guard let value = AnswerInput.parseNumber(line, language: language ?? "en"), value.isFinite else {
                return .retry(words { $0.newNotANumber(line) })
            }
            if let minimum, value < minimum { return .retry(words { $0.newNotBelow(minimum) }) }
            return .value(value)
        }
    }

    /// One of `count` listed items by its number (1-based), returned 0-based.
    func pick(_ prompt: String, count: Int) throws(InputEnded) -> Int {
        try ask(prompt) { line in
            guard let number = Int(line), (1...max(count, 1)).contains(number) else {
                return .retry(words { $0.newNotOnTheList(line, count: count) })
            }
            return .value(number - 1)
        }
    }

    /// The same, or nil for Enter when `optional`.
    func pick(_ prompt: String, count: Int, optional: Bool) throws(InputEnded) -> Int? {
        try ask(prompt) { line in
            if line.isEmpty, optional { return .value(nil) }
            guard let number = Int(line), (1...max(count, 1)).contains(number) else {
                return .retry(words { $0.newNotOnTheList(line, count: count) })
            }
            return .value(number - 1)
        }
    }

    func say(_ text: String) {
        io.write(text + "\n")
    }

    func styled(_ text: String, bold: Bool = false, dim: Bool = false) -> String {
        guard io.supportsColour else { return text }
        if bold { return "\u{1B}[1m\(text)\u{1B}[0m" }
        if dim { return "\u{1B}[2m\(text)\u{1B}[0m" }
        return text
    }
}
