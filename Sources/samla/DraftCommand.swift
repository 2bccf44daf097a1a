import ArgumentParser
import Foundation
import SamlaKit

struct DraftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Draft a survey definition from an export, or convert an XLSForm (KoboToolbox, ODK).",
        discussion: """
            An export gives questions from the header, types and choices from the answers. A workbook whose \
            survey sheet has type and name columns is an XLSForm, whatever its name: it is converted as it \
            states itself (names, choices, languages, relevant, constraints), and what Samla cannot state is \
            listed with its cell (--sheet reads it as an export instead). Old .xls workbooks are not read: \
            save them as .xlsx.

            EXAMPLES
              samla draft export.csv
              samla draft export.csv --out surveys/my-workshop.yaml
              samla draft kobo-form.xlsx --out surveys/field-survey.yaml
            """
    )

    @Argument(help: "A CSV or .xlsx export, or an XLSForm (.xlsx).")
    var file: String

    @Option(help: ArgumentHelp("Where to write the definition (default: standard output).", valueName: "surveys/ID.yaml"))
    var out: String?

    @Option(help: "The language of the export's texts, or of an XLSForm's plain label columns (default: guessed).")
    var lang: String?

    @OptionGroup var reading: ExportReadingOptions

    func validate() throws {
        if let lang, !Identifiers.isLanguageCode(lang) { throw ValidationError("--lang \(lang) is not a language code such as sv or en") }
    }

    func run() throws {
        if let refusal = XLSFormDrafter.legacyWorkbookRefusal(path: file) { throw refusal }
        if reading.sheet == nil, XLSFormDrafter.isForm(path: file) {
            let form = try XLSFormDrafter.draft(path: file, language: lang)
            for note in form.unconverted.sorted { Terminal.standardError.write("\(note)\n") }
            let words = UIText(language: form.survey.defaultLanguage)
            if let out {
                try form.yaml.write(toFile: out, atomically: true, encoding: .utf8)
                Terminal.standardError.write(words.formConverted(out, questions: form.survey.questions.count, notes: form.survey.notes.count, unconverted: form.unconverted.count) + "\n")
            } else {
                print(form.yaml, terminator: "")
            }
            return
        }
        let draft = try SurveyDrafter.draft(path: file, language: lang, options: try reading.options())
        if let out {
            try draft.yaml.write(toFile: out, atomically: true, encoding: .utf8)
            Terminal.standardError.write(UIText(language: draft.language).draftWritten(out, questions: draft.questionCount) + "\n")
        } else {
            print(draft.yaml, terminator: "")
        }
    }
}
