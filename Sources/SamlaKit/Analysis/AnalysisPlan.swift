/// A survey compiled for counting: questions by position, choices by position, and `show_if`,
/// `--where` and `--by` turned into tests on positions, so the per-response work compares small
/// integers instead of looking strings up.
final class AnalysisPlan: Sendable {
    /// A test on the answer in one question's slot.
    struct SlotTest: Sendable, Hashable {
        enum Kind: Sendable, Hashable {
            /// The single choice at this position (`otherPosition` for "other"); `never` for none.
            case equals(Int)
            /// The multiple choice includes this position (`otherPosition` for "other").
            case includes(Int)
            case atLeast(Double)
            case atMost(Double)
        }

        var question: Int
        var kind: Kind
    }

    static let otherPosition = -2
    static let never = Int.min

    let survey: Survey
    let questions: [Question]
    /// Per question: its type and its choice ids.
    let types: [QuestionType]
    /// Per question: whether its written texts are never read (personal, unless the plan is for
    /// an export's lists, which show them to the organiser).
    let personal: [Bool]
    /// For the export's lists (`ListedAnswers`): texts read as written, and stored rows laid out
    /// only when the slots hold exactly what the decoded answers would.
    let forLists: Bool
    let choiceIDs: [[String]]
    /// Question and choice ids as UTF-8, for stored rows.
    let storedNames: StoredNames
    let positionByID: [String: Int]
    /// Question ids in the order `AnswerCoding` writes keys, and each position's rank in it.
    let sortedIDs: [(id: String, position: Int)]
    let sortedRank: [Int]
    let showIf: [ConditionTree<SlotTest>?]
    let filters: [SlotTest]
    let groupBy: Int?

    /// `forLists`: a plan for reading stored rows into the export's lists (see ``forLists``).
    init(survey: Survey, filters: SummaryFilters, forLists: Bool = false) throws(DiagnosticsError) {
        try filters.check(against: survey)
        self.survey = survey
        self.forLists = forLists
        questions = survey.questions
        types = survey.questions.map(\.type)
        personal = survey.questions.map { $0.personal && !forLists }
        choiceIDs = survey.questions.map { $0.choices.map(\.id) }
        var positions: [String: Int] = [:]
        for (index, question) in survey.questions.enumerated() where positions[question.id] == nil {
            positions[question.id] = index
        }
        positionByID = positions
        sortedIDs = positions.map { (id: $0.key, position: $0.value) }.sorted { $0.id < $1.id }
        var rank = Array(repeating: 0, count: survey.questions.count)
        for (index, entry) in sortedIDs.enumerated() { rank[entry.position] = index }
        sortedRank = rank
        storedNames = StoredNames(questionIDs: survey.questions.map(\.id), sortedPositions: sortedIDs.map(\.position),
                                  rank: rank, choiceIDs: choiceIDs)
        showIf = survey.questions.map { question in
            question.showIf.map { $0.map { Self.compile($0, questions: survey.questions, positions: positions) } }
        }
        self.filters = filters.conditions.compactMap { condition in
            guard let position = positions[condition.question] else { return nil }
            let question = survey.questions[position]
            let choice = Self.choicePosition(condition.choice, in: question)
            return SlotTest(question: position, kind: question.type == .singleChoice ? .equals(choice) : .includes(choice))
        }
        groupBy = filters.groupBy.flatMap { positions[$0] }
    }

    private static func compile(_ condition: Condition, questions: [Question], positions: [String: Int]) -> SlotTest {
        // A condition on a question the survey lacks can never hold (SurveyRules reports it).
        guard let source = positions[condition.question] else {
            return SlotTest(question: 0, kind: .equals(never))
        }
        let question = questions[source]
        switch condition.test {
        case .equals(let id): return SlotTest(question: source, kind: .equals(choicePosition(id, in: question)))
        case .includes(let id): return SlotTest(question: source, kind: .includes(choicePosition(id, in: question)))
        case .atLeast(let bound): return SlotTest(question: source, kind: .atLeast(bound))
        case .atMost(let bound): return SlotTest(question: source, kind: .atMost(bound))
        }
    }

    private static func choicePosition(_ id: String, in question: Question) -> Int {
        if let index = question.choices.firstIndex(where: { $0.id == id }) { return index }
        return id == Question.otherID ? otherPosition : never
    }
}
