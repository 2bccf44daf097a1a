/// What one column of an export holds, once mapped onto a survey.
public enum ColumnRole: Sendable, Hashable, CustomStringConvertible {
    /// The whole answer to a question in one cell.
    case answer(question: String)
    /// One option of a multiple-choice question as a flag (`Y`, `1`/`0`), as LimeSurvey and Kobo write it.
    case choiceFlag(question: String, choice: String)
    /// The text of an "other" answer in a column of its own (LimeSurvey `[other]`, Kobo `_other`).
    case otherText(question: String)
    /// Kobo's `/other` flag of a multiple-choice question.
    case otherFlag(question: String)
    /// One of the tool's own columns, kept as response metadata.
    case tool(ToolField)
    /// Kobo's joined summary of a multiple choice whose flag columns are read instead.
    case covered(question: String)
    /// Left out on purpose (`--map 'COLUMN=-'`, or a repeated column).
    case ignored
    /// Names a note of the survey (Kobo and ODK exports carry a column per note, usually empty):
    /// a note takes no answer, so its cells are left out and counted in the accounting.
    case note(String)
    /// Matches nothing in the survey: warned about, left out.
    case unmatched

    public var questionID: String? {
        switch self {
        case .answer(let id), .choiceFlag(let id, _), .otherText(let id), .otherFlag(let id), .covered(let id): return id
        case .tool, .ignored, .note, .unmatched: return nil
        }
    }

    /// A short name of the kind of role, for JSON.
    public var kind: String {
        switch self {
        case .answer: return "answer"
        case .choiceFlag: return "choice-flag"
        case .otherText: return "other-text"
        case .otherFlag: return "other-flag"
        case .tool: return "tool"
        case .covered: return "covered"
        case .ignored: return "ignored"
        case .note: return "note"
        case .unmatched: return "unmatched"
        }
    }

    /// `focus`, `focus/scale-up`, `focus/other`, `tool: submitted`, ...
    public var description: String {
        switch self {
        case .answer(let id): return id
        case .choiceFlag(let id, let choice): return "\(id)/\(choice)"
        case .otherText(let id): return "\(id)/other (text)"
        case .otherFlag(let id): return "\(id)/other"
        case .tool(let field): return "tool: \(field.rawValue)"
        case .covered(let id): return "\(id) (read from its option columns)"
        case .ignored: return "ignored"
        case .note(let id): return "note: \(id)"
        case .unmatched: return "unmatched"
        }
    }
}
