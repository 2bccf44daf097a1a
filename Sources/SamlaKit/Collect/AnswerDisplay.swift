/// An answer as a person reads it: choice labels rather than ids, numbers without a needless ".0".
public enum AnswerDisplay {
    public static func text(_ answer: AnswerValue, question: Question?, language: String, separator: String = ", ") -> String {
        func label(_ id: String) -> String {
            question?.choice(id)?.label.text(language) ?? id
        }
        switch answer {
        case .choice(let id): return label(id)
        case .other(let text): return text
        case .choices(let ids, let other): return (ids.map(label) + (other.map { [$0] } ?? [])).joined(separator: separator)
        case .number(let value): return UIText.plain(value)
        case .text(let text): return text
        }
    }
}
