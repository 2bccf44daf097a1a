/// Summarises responses handed over one at a time: the streaming form of `Analyzer`, for callers
/// that read responses anyway (an export writing every row) and want the figures from the same pass.
///
///     let builder = try SummaryBuilder(survey: survey, options: options)
///     for response in responses { builder.add(response) }
///     let summary = builder.summary()
///
/// Memory is independent of the number of responses except for what the figures need: the values
/// of number questions (for their medians), the vocabulary of text answers, the distinct "other"
/// texts. Responses are counted on the calling thread, one at a time, in the order added: this is
/// also the plain reference that the store's parallel path is tested against.
public final class SummaryBuilder {
    private let plan: AnalysisPlan
    private var slots: AnswerSlots
    private var tallies: SummaryTallies
    private let versions: DefinitionVersions
    /// Responses added so far, complete or not: the place of the next one.
    private var added = 0

    /// Throws when the filters name questions or choices the survey lacks.
    public convenience init(survey: Survey, options: AnalysisOptions = AnalysisOptions()) throws(DiagnosticsError) {
        try self.init(survey: survey, options: options, versions: DefinitionVersions())
    }

    /// With the store's definition versions, so a question counts as shown only where it was asked.
    init(survey: Survey, options: AnalysisOptions, versions: DefinitionVersions) throws(DiagnosticsError) {
        self.versions = versions
        plan = try AnalysisPlan(survey: survey, filters: options.filters)
        slots = AnswerSlots(questionCount: survey.questions.count)
        tallies = SummaryTallies(plan: plan, options: options)
    }

    /// The language labels are given in.
    public var language: String { tallies.language }

    /// Counts a response if it is complete, of this survey, in the selected sessions, and passes every `--where`.
    public func add(_ response: Response) {
        let row = added
        added += 1
        guard response.status == .complete, response.surveyID == plan.survey.id else { return }
        let sessions = tallies.options.filters.sessions
        if !sessions.isEmpty {
            guard let session = response.session, sessions.contains(session) else { return }
        }
        slots.fill(response.answers, plan: plan)
        var file: String?
        if case .imported(let path, _) = response.source { file = path }
        slots.lacking = versions.lacking[versions.index(ofHash: response.definitionHash, file: file)]
        tallies.count(&slots, row: row)
    }

    /// The figures of every response added so far.
    public func summary() -> Summary {
        tallies.summary()
    }
}
