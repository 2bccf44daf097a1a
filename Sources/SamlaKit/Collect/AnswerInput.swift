import Foundation

/// What a typed line means for a question: an answer, a skip, a command, or a problem to explain.
public enum AnswerInput: Sendable, Hashable {
    case answer(AnswerValue)
    /// An answer that still needs the "other" text on the next line.
    case needsOtherText(chosen: [String])
    case skip
    case back
    case help
    case invalid(String)

    /// Reads one line typed for `question`, in the participant's language.
    public static func parse(_ line: String, for question: Question, language: String) -> AnswerInput {
        let input = line.trimmingCharacters(in: .whitespaces)
        let ui = UIText(language: language)
        if input == "<" { return .back }
        if input == "?" { return .help }
        if input.isEmpty { return question.required ? .invalid(ui.needsAnswer) : .skip }

        switch question.type {
        case .singleChoice:
            guard let choice = choiceIndex(for: input, in: question, language: language) else {
                return .invalid(ui.notAChoice(input, count: optionCount(question)))
            }
            if choice == question.choices.count { return .needsOtherText(chosen: []) }
            return .answer(.choice(question.choices[choice].id))

        case .multipleChoice:
            var picked: [Int] = []
            for token in tokens(input) {
                guard let choice = choiceIndex(for: token, in: question, language: language) else {
                    return .invalid(ui.notAChoice(token, count: optionCount(question)))
                }
                if !picked.contains(choice) { picked.append(choice) }
            }
            if picked.isEmpty { return question.required ? .invalid(ui.needsAnswer) : .skip }
            if let max = question.maxSelected, picked.count > max { return .invalid(ui.tooMany(max)) }
            if let min = question.minSelected, picked.count < min { return .invalid(ui.tooFew(min)) }
            // Stored in definition order, whatever order they were typed in.
            let ids = picked.sorted().filter { $0 < question.choices.count }.map { question.choices[$0].id }
            if picked.contains(question.choices.count) { return .needsOtherText(chosen: ids) }
            return .answer(.choices(ids, other: nil))

        case .scale:
            let scale = question.scale ?? ScaleRange(min: 1, max: 5)
            // A point by its number, or by its word ("Kanske") in the participant's language.
            let folded = input.lowercased()
            guard let value = Int(input) ?? scale.labels.first(where: { $0.value.text(language).lowercased() == folded })?.key,
                  scale.points.contains(value) else {
                return .invalid(ui.outOfRange(input, min: scale.min, max: scale.max))
            }
            return .answer(.number(Double(value)))

        case .number:
            let hint = ui.numberHint(integer: question.bounds.integer, min: question.bounds.min, max: question.bounds.max)
            guard let value = parseNumber(input, language: language), value.isFinite else {
                return .invalid(ui.notANumber(input, hint: hint))
            }
            if question.bounds.integer, value != value.rounded() { return .invalid(ui.notANumber(input, hint: hint)) }
            if !question.bounds.contains(value) { return .invalid(ui.notANumber(input, hint: hint)) }
            return .answer(.number(value))

        case .text:
            return .answer(.text(input))
        }
    }

    /// A number as people type it; where the language writes one (Swedish, German, …) a decimal comma too ("3,5").
    public static func parseNumber(_ input: String, language: String) -> Double? {
        var text = input.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\u{00A0}", with: "")
        if DateConventions.decimalComma(language: language), !text.contains("."), text.filter({ $0 == "," }).count == 1 {
            text = text.replacingOccurrences(of: ",", with: ".")
        }
        // Only plain decimal notation: "1e3" or "inf" are not what a participant means.
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }) else {
            return nil
        }
        return Double(text)
    }

    /// The options shown: the choices, then "Other" when allowed.
    static func optionCount(_ question: Question) -> Int {
        question.choices.count + (question.allowsOther ? 1 : 0)
    }

    /// An option by its number, its id, or its label in the participant's language.
    static func choiceIndex(for token: String, in question: Question, language: String) -> Int? {
        if let number = Int(token) {
            return (1...max(1, optionCount(question))).contains(number) && number <= optionCount(question) ? number - 1 : nil
        }
        let folded = token.lowercased()
        if let index = question.choices.firstIndex(where: { $0.id.lowercased() == folded || $0.label.text(language).lowercased() == folded }) {
            return index
        }
        if question.allowsOther, folded == Question.otherID || folded == UIText(language: language).other.lowercased() {
            return question.choices.count
        }
        return nil
    }

    private static func tokens(_ input: String) -> [String] {
        input.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init)
    }
}
