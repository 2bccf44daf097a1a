import Foundation

/// The analysis engine: one pass over the selected responses gives every figure of a `Summary`.
/// `samla summary` and `samla export` both call it; every view renders what it returns.
///
///     let summary = try Analyzer(survey: survey, options: AnalysisOptions(language: "sv")).summarize(store: store)
public struct Analyzer: Sendable {
    public let survey: Survey
    public let options: AnalysisOptions

    public init(survey: Survey, options: AnalysisOptions = AnalysisOptions()) {
        self.survey = survey
        self.options = options
    }

    /// Summarises the survey's complete responses in the store, reading only their answers column
    /// and laying each row out without building a `Response`, on every core (`ParallelCounting`).
    public func summarize(store: ResponseStore) throws -> Summary {
        // Past about three workers the one thread stepping SQLite is the limit, and each worker
        // more only holds another copy of the tallies.
        try summarize(store: store, workers: min(4, ProcessInfo.processInfo.activeProcessorCount), batchSize: 1024,
                      countingInDatabase: Self.countsInDatabase())
    }

    /// Whether a database that can count answers does (PostgreSQL): yes, unless the environment says
    /// `SAMLA_POSTGRES_COUNTING=rows`, which reads every response as SQLite's path does (the
    /// benchmark measures both).
    static func countsInDatabase(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        environment["SAMLA_POSTGRES_COUNTING"] != "rows"
    }

    /// `SAMLA_POSTGRES_COUNTING=groups` has the database group every response it can, however many
    /// wrote text to analyse (`AnswerCountRequest.wholeFromShare`; the benchmark measures it).
    static func wholeFromShare(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Double? {
        environment["SAMLA_POSTGRES_COUNTING"] == "groups" ? .infinity : nil
    }

    /// Whether the counts a database keeps as responses are written answer what they can: yes,
    /// unless the environment says `SAMLA_POSTGRES_COUNTING=scan` (the selection's answers grouped
    /// at summary time, the rows with text to analyse read whole) or `=groups` (the benchmark
    /// measures both).
    static func keptCounts(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        !["scan", "groups"].contains(environment["SAMLA_POSTGRES_COUNTING"] ?? "")
    }

    /// `SAMLA_POSTGRES_TEXT_PARTS=N` reads the texts to analyse in up to N parts at once rather
    /// than `AnswerCountRequest.textParts` (the benchmark compares one part with the default).
    static func textParts(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Int? {
        environment["SAMLA_POSTGRES_TEXT_PARTS"].flatMap { Int($0) }.map { max(1, $0) }
    }

    /// The same with the work split as asked (tests use small batches to exercise the merging), and
    /// on a database that counts answers itself (PostgreSQL) the counting left to it unless told not to.
    func summarize(store: ResponseStore, workers: Int, batchSize: Int, countingInDatabase: Bool = true) throws -> Summary {
        if options.filters.groupsBySession(in: survey) {
            let sessions = SessionComparison.selected(try store.sessions(surveyID: survey.id).map(\.name),
                                                      filter: options.filters.sessions)
            return try SessionComparison.summary(survey: survey, options: options, sessions: sessions) { options throws in
                try Analyzer(survey: survey, options: options).summarize(store: store, workers: workers, batchSize: batchSize,
                                                                         countingInDatabase: countingInDatabase)
            }
        }
        let versions = DefinitionVersions(survey: survey, definitions: try store.definitions(surveyID: survey.id),
                                          notAskedByFile: try store.notAskedByFile(surveyID: survey.id))
        let selection = ResponseStore.Selection(surveyID: survey.id, sessions: options.filters.sessions)
        if countingInDatabase, let database = store.database as? any AnswerCountingDatabase {
            return try GroupedCounting.summary(survey: survey, options: options, versions: versions,
                                               selection: selection, database: database, wholeFromShare: Self.wholeFromShare(),
                                               keptCounts: Self.keptCounts(), textParts: Self.textParts())
        }
        let counting = try ParallelCounting(survey: survey, options: options, versions: versions,
                                            workers: workers, batchSize: batchSize)
        try store.forEachStoredAnswers(selection, versions: versions) { answers, version in
            try counting.add(answers, version: version)
        }
        return try counting.finish().summary()
    }

    /// Summarises responses already in memory (drafts, other surveys and other sessions are skipped).
    public func summarize(_ responses: some Sequence<Response>) throws(DiagnosticsError) -> Summary {
        if options.filters.groupsBySession(in: survey) {
            let all = Array(responses)
            let sessions = SessionComparison.selected(all.filter { $0.status == .complete && $0.surveyID == survey.id }.map(\.session),
                                                      filter: options.filters.sessions)
            return try SessionComparison.summary(survey: survey, options: options, sessions: sessions) { options throws(DiagnosticsError) in
                try Analyzer(survey: survey, options: options).summarize(all)
            }
        }
        let builder = try SummaryBuilder(survey: survey, options: options)
        for response in responses { builder.add(response) }
        return builder.summary()
    }
}
