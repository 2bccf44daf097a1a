import Foundation

/// `--map 'COLUMN=TARGET'`: a column the header alone cannot place. TARGET is a question id,
/// `QUESTION/CHOICE` for an option flag column, `QUESTION/other` for an "other" text, or `-` to
/// leave the column out.
public struct ColumnOverride: Sendable, Hashable {
    public var column: String
    public var target: String

    public init(column: String, target: String) {
        self.column = column
        self.target = target
    }

    /// Splits at the last '=' (headers may contain '=', ids never do).
    public init(parsing text: String) throws(ImportUsageError) {
        guard let equals = text.lastIndex(of: "=") else {
            throw ImportUsageError("--map '\(text)' needs the form 'COLUMN=QUESTION'")
        }
        let column = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
        let target = String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        guard !column.isEmpty, !target.isEmpty else {
            throw ImportUsageError("--map '\(text)' needs a column before '=' and a question after it, e.g. 'Q3=interest'")
        }
        self.init(column: column, target: target)
    }

    /// The role this override gives its column in `survey`.
    public func role(in survey: Survey) throws(ImportUsageError) -> ColumnRole {
        if target == "-" { return .ignored }
        let parts = target.split(separator: "/", maxSplits: 1).map(String.init)
        guard let question = survey.question(parts[0]) else {
            let hint = NearestMatch.suggestion(for: parts[0], among: survey.questions.map(\.id)).map { " (did you mean '\($0)'?)" } ?? ""
            let note = survey.note(parts[0]) == nil ? "" : " ('\(parts[0])' is a note, which takes no answer; --map '\(column)=-' leaves the column out)"
            throw ImportUsageError("--map '\(column)=\(target)': the survey '\(survey.id)' has no question '\(parts[0])'\(hint)\(note)")
        }
        guard parts.count == 2 else { return .answer(question: question.id) }
        let choice = parts[1]
        if choice == Question.otherID && question.allowsOther {
            return question.type == .multipleChoice ? .otherFlag(question: question.id) : .otherText(question: question.id)
        }
        guard question.type.hasChoices, question.choice(choice) != nil else {
            throw ImportUsageError("--map '\(column)=\(target)': '\(question.id)' has no choice '\(choice)'; choices: \(question.choices.map(\.id).joined(separator: ", "))")
        }
        return .choiceFlag(question: question.id, choice: choice)
    }
}

/// A mistake in how import was asked for (exit code 2), as opposed to a problem in the data.
public struct ImportUsageError: Error, CustomStringConvertible, LocalizedError {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}
