/// Answers to questions the definition no longer has (or whose type it changed), counted by
/// question id with a few example values, so the summary can list them apart.
struct RemovedAnswersTally {
    private var answered: [String: Int] = [:]
    private var examples: [String: [String]] = [:]
    private static let exampleCount = 3

    mutating func add(question id: String, value: AnswerValue) {
        guard value.isAnswered else { return }
        answered[id, default: 0] += 1
        // Free text is not quoted: the definition no longer says whether it was personal.
        guard let example = Self.example(value), (examples[id]?.count ?? 0) < Self.exampleCount,
              !(examples[id]?.contains(example) ?? false) else { return }
        examples[id, default: []].append(example)
    }

    var questions: [RemovedQuestion] {
        answered.keys.sorted().map { RemovedQuestion(id: $0, answered: answered[$0]!, examples: examples[$0] ?? []) }
    }

    private static func example(_ value: AnswerValue) -> String? {
        switch value {
        case .choice(let id): return id
        case .choices(let ids, _): return ids.isEmpty ? nil : ids.joined(separator: ", ")
        case .number(let number): return UIText.plain(number)
        case .other, .text: return nil
        }
    }
}
