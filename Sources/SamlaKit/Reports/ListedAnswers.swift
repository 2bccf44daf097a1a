/// One response's answers as the export's lists read them: laid out by question position
/// (`AnswerSlots`, straight from the stored JSON by `StoredAnswersScanner`) when the stored object
/// has the common shape, else the response's decoded `Answers` as before. The lists look answers up
/// by position: a dictionary of answers per response, its keys hashed again for every column, the
/// call list and the free text, was a third of the reading thread's time.
///
/// The scanner takes a row only when every key is a question of the survey, every value the shape
/// of its question's type and every choice one of its choices; it reads texts, numbers and choices
/// as `AnswerCoding` does. So ``value(of:at:)`` gives exactly what the dictionary would hold, and
/// any other row (a removed question or choice, an unexpected shape) is decoded as it always was.
struct ListedAnswers {
    /// Whether stored rows are laid out at all: tests turn it off to compare every file with the
    /// one written from the decoded answers.
    nonisolated(unsafe) static var laysOut = true

    let plan: AnalysisPlan
    private(set) var slots: AnswerSlots
    /// Whether `slots` hold the current response's answers; else its `answers` do.
    private(set) var laidOut = false

    init(survey: Survey) {
        // No filters: nothing for `check` to reject.
        plan = try! AnalysisPlan(survey: survey, filters: SummaryFilters(), forLists: true)
        slots = AnswerSlots(questionCount: survey.questions.count)
    }

    /// Reads one response: its stored answers laid out, or decoded into `response`.
    mutating func read(_ stored: UnsafeBufferPointer<UInt8>, into response: inout Response) throws {
        slots.reset()
        var scanner = StoredAnswersScanner(bytes: stored, plan: plan)
        laidOut = Self.laysOut && scanner.scan(into: &slots)
        if !laidOut {
            slots.reset()
            response.answers = try AnswerCoding.decode(utf8: stored)
        }
    }

    /// Takes a response whose answers are decoded already (anonymised, filtered).
    mutating func useDecoded() {
        if laidOut { slots.reset() }
        laidOut = false
    }

    /// The answer to question `id` (at `position` among the survey's questions, nil when the
    /// survey lacks it): what `response.answers[id]` holds.
    func value(of id: String, at position: Int?, in response: Response) -> AnswerValue? {
        guard laidOut else { return response.answers[id] }
        guard let q = position else { return nil }
        switch slots.kinds[q] {
        case .none:
            return nil
        case .choice:
            return .choice(plan.choiceIDs[q][slots.choice[q]])
        case .other:
            return .other(slots.text[q] ?? "")
        case .choices:
            let ids = plan.choiceIDs[q]
            return .choices(slots.selections(q).map { ids[$0] }, other: slots.text[q])
        case .number:
            return .number(slots.number[q])
        case .text:
            return .text(slots.written(q) { String(decoding: $0, as: UTF8.self) })
        }
    }
}

extension ExportSelection {
    /// Streams the selected responses in store order for the lists, each with its answers as
    /// ``ListedAnswers`` reads them. Anonymised: each response `scrubbed` first, its answers
    /// decoded; a `--where` filter looks inside the decoded answers too. Otherwise the answers are
    /// left as stored and laid out by position, and the response reaches `body` without its
    /// metadata and identity, which no list shows.
    func forEachListed(in store: ResponseStore, survey: Survey, anonymizer: Anonymizer,
                       _ body: (Response, ListedAnswers) throws -> Void) throws {
        var answers = ListedAnswers(survey: survey)
        guard !anonymizer.isEnabled, conditions.isEmpty else {
            try forEach(in: store) { stored in
                let response = anonymizer.scrubbed(stored, survey: survey)
                answers.useDecoded()
                try body(response, answers)
            }
            return
        }
        try store.forEachResponseForLists(self.store) { stored, bytes in
            var response = stored
            try answers.read(bytes, into: &response)
            try body(response, answers)
        }
    }
}
