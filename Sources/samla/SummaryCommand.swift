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
            --json writes the documented JSON (schema/summary.schema.json).
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
        let summary = try Analyzer(survey: definition, options: options).summarize(store: try storeOptions.openExisting())
        if json {
            Terminal.standardOutput.write(SummaryJSON.render(summary))
        } else {
            Terminal.standardOutput.write(SummaryText(useColour: Terminal.standardOutput.supportsColour).render(summary))
        }
    }
}
