import ArgumentParser
import SamlaKit

/// `--session`, `--where`, `--by`, `--lang` and `--codebook`: which responses a command looks at
/// and how it reads them, shared by every command that summarises.
struct AnalysisArguments: ParsableArguments {
    @Option(name: .customLong("session"), help: ArgumentHelp("Only this session (repeatable: any of them).", valueName: "name"))
    var sessions: [String] = []

    @Option(name: .customLong("where"), help: ArgumentHelp("Only responses whose answer to QUESTION is or includes CHOICE (repeatable: all of them).",
                                                           valueName: "question=choice"))
    var conditions: [String] = []

    @Option(help: ArgumentHelp("Every figure again within each group: the choices of this single- or multiple-choice question, or each session with 'session'; with the tests that apply.",
                               valueName: "question|session"))
    var by: String?

    @Option(help: ArgumentHelp("Labels and Samla's words in this language (default: the survey's first).", valueName: "code"))
    var lang: String?

    @Option(help: ArgumentHelp("Themes for free-text answers (YAML: themes with keywords or stems).", valueName: "file"))
    var codebook: String?

    /// The options checked against `survey`: a bad filter is a usage mistake (exit 2), a codebook
    /// with problems a data problem (exit 1).
    func options(for survey: Survey) throws -> AnalysisOptions {
        do {
            return try AnalysisOptions.parse(survey: survey, language: lang, where: conditions, sessions: sessions,
                                             by: by, codebookPath: codebook)
        } catch let error as DiagnosticsError {
            throw ValidationError(error.description)
        }
    }

    /// The options as they would be typed again, for a record of how a file was made.
    var commandLine: [String] {
        var parts: [String] = []
        if let lang { parts += ["--lang", lang] }
        for session in sessions { parts += ["--session", session] }
        for condition in conditions { parts += ["--where", condition] }
        if let by { parts += ["--by", by] }
        if let codebook { parts += ["--codebook", codebook] }
        return parts
    }
}

extension AnalysisArguments {
    /// Every `--session` must name a session the store has for the survey: a misspelt one would
    /// otherwise give empty figures and exit 0. A usage mistake (exit 2) listing the known ones.
    func checkSessions(in store: ResponseStore, survey: Survey) throws {
        // Listing the sessions scans the store (50 ms of an export at 100,000 responses): only
        // when there are names to check.
        guard !sessions.isEmpty else { return }
        do {
            try SummaryFilters.checkSessions(sessions, known: store.sessionCounts(surveyID: survey.id).map(\.name))
        } catch let error as DiagnosticsError {
            throw ValidationError(error.description)
        }
    }
}
