import ArgumentParser
import Foundation
import SamlaKit

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Show every question's figures: counts, percents with 95% intervals, scales, numbers, free-text terms and themes.",
        discussion: """
            Drafts are never counted. Repeat --where to require several answers (all must hold) and --session to \
            take several sessions (any of them). --by session compares the sessions (workshops); --by a question \
            compares its choices (a multiple-choice question puts a respondent in each group chosen, and then no test \
            applies). Chi-square is shown only when every expected count is at least 5, else Fisher's exact test for \
            2×2 tables, else a note; a multiple-choice question is tested choice by choice with Holm's correction. \
            --json writes the documented JSON (schema/summary.schema.json). \
            The view fits the terminal's width ($COLUMNS, else the terminal's own; 80 in a pipe).

            EXAMPLES
              samla summary surveys/tnc-workshop.yaml
              samla summary surveys/tnc-workshop.yaml --session "Umeå 2025-03-12" --lang en
              samla summary surveys/tnc-workshop.yaml --by session
              samla summary surveys/tnc-workshop.yaml --by role --where focus=scale-up
              samla summary surveys/tnc-workshop.yaml --json > summary.json
            """
    )

    @Argument(help: "The survey definition.")
    var survey: String

    @OptionGroup var storeOptions: StoreOptions

    @OptionGroup var analysisArguments: AnalysisArguments

    @Flag(help: "Write JSON instead of the terminal view.")
    var json = false

    func run() throws {
        let definition = try SurveyLoader.require(path: survey)
        let options = try analysisArguments.options(for: definition)
        let store = try storeOptions.openExisting()
        try analysisArguments.checkSessions(in: store, survey: definition)
        let summary = try Analyzer(survey: definition, options: options).summarize(store: store)
        if json {
            Terminal.standardOutput.write(SummaryJSON.render(summary))
        } else {
            let view = SummaryText.fitting(width: Self.terminalWidth(), useColour: Terminal.standardOutput.supportsColour)
            Terminal.standardOutput.write(view.render(summary))
        }
    }

    /// $COLUMNS when set, else the width of the terminal standard output is, else 80 (a pipe, a file).
    static func terminalWidth() -> Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap({ Int($0) }), columns > 0 {
            return columns
        }
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return 80
    }
}
