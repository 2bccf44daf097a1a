/// Answers to questions the definition no longer has (or whose type it changed), counted by
/// question id with a few example values, so the summary can list them apart.
struct RemovedAnswersTally {
    private var answered: [String: Int] = [:]
    /// Per question, the first distinct examples with the row each was first seen in.
    private var examples: [String: [(row: Int, example: String)]] = [:]
    private static let exampleCount = 3

    /// Counts one answer (given `times` alike); `row` is the response's place in stored order, or the
    /// first of theirs (rows may come in any order).
    mutating func add(question id: String, value: AnswerValue, row: Int, times: Int = 1) {
        guard value.isAnswered else { return }
        answered[id, default: 0] += times
        // Free text is not quoted: the definition no longer says whether it was personal.
        guard let example = Self.example(value) else { return }
        add(example: example, row: row, question: id)
    }

    /// Adds the counts of other rows. The examples stay the first distinct ones in stored order: an
    /// example among the first three of all rows is among the first three of its own part.
    mutating func merge(_ other: RemovedAnswersTally) {
        answered.merge(other.answered, uniquingKeysWith: +)
        for (id, list) in other.examples {
            for entry in list { add(example: entry.example, row: entry.row, question: id) }
        }
    }

    /// Keeps the example if it is among the first distinct ones by the row it was first seen in.
    private mutating func add(example: String, row: Int, question id: String) {
        var list = examples[id] ?? []
        if let seen = list.firstIndex(where: { $0.example == example }) {
            guard row < list[seen].row else { return }
            list.remove(at: seen)
        }
        list.insert((row, example), at: list.firstIndex { $0.row > row } ?? list.endIndex)
        examples[id] = Array(list.prefix(Self.exampleCount))
    }

    var questions: [RemovedQuestion] {
        answered.keys.sorted().map { id in
            RemovedQuestion(id: id, answered: answered[id]!, examples: examples[id]?.map(\.example) ?? [])
        }
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
