import ArgumentParser
import Foundation
import SamlaKit

struct ExportFormCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-form",
        abstract: "Write the survey as an XLSForm for KoboToolbox, ODK Central or any XLSForm tool.",
        discussion: """
            The form has survey, choices and settings sheets: each language a label::Name (code) column, \
            choice ids as choice names, show_if as relevant, bounds and selection counts as constraints, the \
            description and a privacy note (before the first personal question) as notes. A samla sheet and a \
            samla_personal column, which form tools ignore, keep what XLSForm has no place for, so samla draft \
            reads the form back as the same survey.

            EXAMPLES
              samla export-form surveys/tnc-workshop.yaml --xlsform tnc-form.xlsx
              samla draft tnc-form.xlsx --out surveys/copy.yaml
            """
    )

    @Argument(help: "The survey definition.")
    var survey: String

    @Option(help: ArgumentHelp("Write the XLSForm here.", valueName: "FILE.xlsx"))
    var xlsform: String

    func validate() throws {
        if xlsform.lowercased().hasSuffix(".xls") {
            throw ValidationError("--xlsform \(xlsform): samla writes .xlsx only (name the file FILE.xlsx)")
        }
    }

    func run() throws {
        let definition = try SurveyLoader.require(path: survey)
        try XLSFormExport.write(definition, to: xlsform)
        Terminal.standardError.write(UIText(language: definition.defaultLanguage).formWritten(xlsform, questions: definition.questions.count, notes: definition.notes.count) + "\n")
    }
}
