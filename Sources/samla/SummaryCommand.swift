import ArgumentParser
import Foundation
import SamlaKit

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Show every question's figures: counts, percents with 95% intervals, scales, numbers, free-text terms and themes.",
        discussion: """
            Drafts are never counted. Repeat --where to require several answers (all must hold) and --session to \
            take several sessions (any of them). --json writes the documented JSON (schema/summary.schema.json).
            """
    )

    @Argument(help: "The survey definition.")
    var survey: String

    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .customLong("session"), help: ArgumentHelp("Only this session (repeatable: any of them).", valueName: "name"))
    var sessions: [String] = []

    @Option(name: .customLong("where"), help: ArgumentHelp("Only responses whose answer to QUESTION is or includes CHOICE (repeatable: all of them).",
                                                           valueName: "question=choice"))
    var conditions: [String] = []

    @Option(help: ArgumentHelp("Every figure again within each choice of this single-choice question, with chi-square tests.",
                               valueName: "question"))
    var by: String?

    @Option(help: ArgumentHelp("Labels and Samla's words in this language (default: the survey's first).", valueName: "code"))
    var lang: String?

    @Option(help: ArgumentHelp("Themes for free-text answers (YAML: themes with keywords or stems).", valueName: "file"))
    var codebook: String?

    @Flag(help: "Write JSON instead of the terminal view.")
    var json = false

    func run() throws {
        let definition = try SurveyLoader.require(path: survey)
        let options: AnalysisOptions
        do {
            options = try AnalysisOptions.parse(survey: definition, language: lang, where: conditions, sessions: sessions,
                                                by: by, codebookPath: codebook)
        } catch let error as DiagnosticsError {
            throw ValidationError(error.description)
        }
        guard FileManager.default.fileExists(atPath: storeOptions.path) else {
            throw MissingStore(path: storeOptions.path)
        }
        let summary = try Analyzer(survey: definition, options: options).summarize(store: try storeOptions.open())
        if json {
            Terminal.standardOutput.write(SummaryJSON.render(summary))
        } else {
            Terminal.standardOutput.write(SummaryText(useColour: Terminal.standardOutput.supportsColour).render(summary))
        }
    }
}

/// Summarising never creates a store: a wrong path should say so, not report zero responses.
private struct MissingStore: Error, CustomStringConvertible {
    var path: String
    var description: String {
        "\(path): error: no response store here (pass --store PATH or set SAMLA_STORE; samla collect or samla import creates one)"
    }
}
