import FreeText

/// Summarises responses handed over one at a time: the streaming form of `Analyzer`, for callers
/// that read responses anyway (an export writing every row) and want the figures from the same pass.
///
///     let builder = try SummaryBuilder(survey: survey, options: options)
///     for response in responses { builder.add(response) }
///     let summary = builder.summary()
///
/// Memory is independent of the number of responses except for what the figures need: the values
/// of number questions (for their medians), the vocabulary of text answers, the distinct "other"
/// texts.
public final class SummaryBuilder {
    let plan: AnalysisPlan
    let options: AnalysisOptions
    /// The language labels are given in.
    public let language: String
    private var slots: AnswerSlots
    private var overall: [QuestionTally]
    /// Per choice of the `--by` question, the same tallies within that group.
    private var groups: [[QuestionTally]]
    private var groupResponses: [Int]
    private var responses = 0
    private var removed = RemovedAnswersTally()

    /// Throws when the filters name questions or choices the survey lacks.
    public init(survey: Survey, options: AnalysisOptions = AnalysisOptions()) throws(DiagnosticsError) {
        plan = try AnalysisPlan(survey: survey, filters: options.filters)
        self.options = options
        let language = survey.language(options.language)
        self.language = language
        // Text whose language cannot be told is stemmed in the summary's language, else the survey's.
        let textLanguage = Language(rawValue: language) ?? Language(rawValue: survey.defaultLanguage) ?? .sv
        slots = AnswerSlots(questionCount: survey.questions.count)
        let coded = options.codebook.map { Set($0.questions(of: survey)) } ?? []
        // Each group gets tallies of its own: a text tally is a worker, not a value to copy.
        func tallies() -> [QuestionTally] {
            survey.questions.enumerated().map { position, question in
                QuestionTally(question: question, position: position, textLanguage: textLanguage,
                              codebook: coded.contains(question.id) ? options.codebook?.codebook : nil,
                              quotesPerTheme: options.quotesPerTheme)
            }
        }
        overall = tallies()
        let groupCount = plan.groupBy.map { survey.questions[$0].choices.count } ?? 0
        groups = (0..<groupCount).map { _ in tallies() }
        groupResponses = Array(repeating: 0, count: groupCount)
    }

    /// Counts a response if it is complete, of this survey, in the selected sessions, and passes every `--where`.
    public func add(_ response: Response) {
        guard response.status == .complete, response.surveyID == plan.survey.id else { return }
        let sessions = options.filters.sessions
        if !sessions.isEmpty {
            guard let session = response.session, sessions.contains(session) else { return }
        }
        slots.fill(response.answers, plan: plan)
        countSlots()
    }

    /// Counts one row of the store, already selected by survey, status and session.
    func add(stored answers: UnsafeBufferPointer<UInt8>) throws {
        try slots.fill(stored: answers, plan: plan)
        countSlots()
    }

    private func countSlots() {
        slots.evaluateVisibility(plan)
        guard slots.passesFilters(plan) else { return }
        responses += 1
        for answer in slots.removedAnswers {
            removed.add(question: answer.question, value: answer.value)
        }
        for q in overall.indices {
            overall[q].add(slots)
        }
        if let group = slots.group(plan) {
            groupResponses[group] += 1
            for q in groups[group].indices {
                groups[group][q].add(slots)
            }
        }
    }

    /// The figures of every response added so far (waiting for the text analysis to catch up).
    public func summary() -> Summary {
        let survey = plan.survey
        let questions = summaries(overall)
        var crosstab: Crosstab?
        if let by = plan.groupBy {
            let byQuestion = survey.questions[by]
            let groupSummaries = byQuestion.choices.enumerated().map { index, choice in
                CrosstabGroup(id: choice.id, label: choice.label.text(language), responses: groupResponses[index],
                              questions: summaries(groups[index]))
            }
            crosstab = Crosstab(by: byQuestion.id, byText: byQuestion.text.text(language), groups: groupSummaries,
                                tests: IndependenceTests.between(groupSummaries, by: byQuestion.id, survey: survey))
        }
        return Summary(surveyID: survey.id, title: survey.title.text(language), language: language, responses: responses,
                       filters: options.filters, questions: questions, crosstab: crosstab,
                       removedQuestions: removed.questions)
    }

    private func summaries(_ tallies: [QuestionTally]) -> [QuestionSummary] {
        tallies.indices.map { q in tallies[q].summary(of: plan.questions[q], language: language, options: options) }
    }
}
