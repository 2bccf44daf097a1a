import ArgumentParser
import Foundation
import SamlaKit

struct DraftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Draft a survey definition from an export: questions from the header, types and choices from the answers.",
        discussion: """
            EXAMPLES
              samla draft export.csv
              samla draft export.csv --out surveys/my-workshop.yaml
            """
    )

    @Argument(help: "A CSV export.")
    var file: String

    @Option(help: ArgumentHelp("Where to write the definition (default: standard output).", valueName: "surveys/ID.yaml"))
    var out: String?

    @Option(help: "The language of the export's texts (default: guessed).")
    var lang: String?

    @OptionGroup var reading: ExportReadingOptions

    func validate() throws {
        if let lang, !Identifiers.isLanguageCode(lang) { throw ValidationError("--lang \(lang) is not a language code such as sv or en") }
    }

    func run() throws {
        let draft = try SurveyDrafter.draft(path: file, language: lang, options: try reading.options())
        if let out {
            try draft.yaml.write(toFile: out, atomically: true, encoding: .utf8)
            Terminal.standardError.write(UIText(language: draft.language).draftWritten(out, questions: draft.questionCount) + "\n")
        } else {
            print(draft.yaml, terminator: "")
        }
    }
}
