/// Which responses an export lists: the same ones its summary counts (sessions in SQL, `--where`
/// conditions here, since they look inside the answers).
struct ExportSelection: Sendable {
    let store: ResponseSelection
    let conditions: [FilterCondition]

    typealias ResponseSelection = ResponseStore.Selection

    init(surveyID: String, filters: SummaryFilters) {
        store = ResponseStore.Selection(surveyID: surveyID, sessions: filters.sessions)
        conditions = filters.conditions
    }

    func includes(_ response: Response) -> Bool {
        for condition in conditions where !Self.holds(condition, in: response.answers) { return false }
        return true
    }

    /// A condition holds when the answer is, or includes, the choice; "other" matches an answer
    /// outside the list.
    static func holds(_ condition: FilterCondition, in answers: Answers) -> Bool {
        switch answers[condition.question] {
        case .choice(let id): return id == condition.choice
        case .other: return condition.choice == Question.otherID
        case .choices(let ids, let other):
            return ids.contains(condition.choice) || (condition.choice == Question.otherID && other != nil)
        default: return false
        }
    }

    /// Streams the selected responses in store order.
    func forEach(in store: ResponseStore, _ body: (Response) throws -> Void) throws {
        try store.forEachResponse(self.store) { response in
            if includes(response) { try body(response) }
        }
    }
}
