import ArgumentParser
import CSVReader
import Dispatch
import Foundation
import SamlaKit

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import CSV exports of Google Forms, Microsoft Forms, LimeSurvey, KoboToolbox, SurveyMonkey, Qualtrics, Typeform or any CSV into the store.",
        discussion: """
            Each file is imported whole or not at all; every problem is listed as FILE:LINE:COLUMN.
            Importing the same rows again adds nothing. Each file's report ends with its accounting:
            rows read, responses stored, rows skipped, and every column whose cells were not imported.

            EXAMPLES
              samla import surveys/tnc-workshop.yaml export.csv --session "Luleå 2025-04-02"
              samla import surveys/tnc-workshop.yaml *.csv --dry-run
              samla import surveys/tnc-workshop.yaml form.csv --skip-bad-rows rejects.csv
              samla import surveys/tnc-workshop.yaml responses.xlsx --sheet "Form1" --strict
            """
    )

    @Argument(help: "The survey definition the exports answer.")
    var survey: String

    @Argument(help: "CSV exports.")
    var files: [String] = []

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "A label for these responses, e.g. \"Luleå 2025-04-02\".")
    var session: String?

    @OptionGroup var reading: ExportReadingOptions

    @Option(name: .customLong("map"), help: ArgumentHelp("Map a column: 'COLUMN=QUESTION', 'COLUMN=QUESTION/CHOICE', or 'COLUMN=-' to leave it out.", valueName: "COLUMN=QUESTION"))
    var maps: [String] = []

    @Flag(help: "Show the mapping and what would be stored; write nothing.")
    var dryRun = false

    @Option(name: .customLong("skip-bad-rows"), help: ArgumentHelp("Import the good rows; write the others, with their problems, to this CSV file.", valueName: "REJECTS.csv"))
    var rejects: String?

    @Flag(help: "Refuse a file (import nothing, exit 1) if any of its non-empty cells would not be imported.")
    var strict = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one CSV file after the survey, e.g. samla import surveys/x.yaml export.csv") }
        _ = try options()
    }

    func options() throws -> ImportOptions {
        var options = try reading.options()
        options.session = session
        options.dryRun = dryRun
        options.rejectsPath = rejects
        options.strict = strict
        do {
            options.overrides = try maps.map { text throws(ImportUsageError) in try ColumnOverride(parsing: text) }
        } catch {
            throw ValidationError(error.description)
        }
        return options
    }

    func run() throws {
        let definition = try SurveyLoader.require(path: survey)
        let importer: SurveyImporter
        do {
            importer = try SurveyImporter(survey: definition, options: try options())
        } catch let error as ImportUsageError {
            throw ValidationError(error.description)
        }
        let terminal = Terminal.standardError
        let progress = ProgressLine(terminal: terminal)
        let reports = try importer.run(files: files, storePath: storeOptions.location) { file, reading in
            progress.stop()
            // A small file is done before anyone looks.
            guard let reading, let total = reading.totalBytes, total >= 8 << 20 else { return }
            progress.start { "\(file): \(Int(((reading.fraction ?? 0) * 100).rounded(.down)))%" }
        }
        progress.stop()
        let text = ImportReportText(ui: UIText(language: definition.defaultLanguage),
                                    renderer: DiagnosticRenderer(useColour: terminal.supportsColour),
                                    dryRun: dryRun, rejectsPath: rejects)
        for report in reports {
            let problems = text.problems(report)
            if !problems.isEmpty { terminal.write(problems + "\n") }
            print(text.summary(report))
        }
        if reports.contains(where: \.refused) { throw ExitCode(1) }
    }
}

/// `--format`, `--encoding`, `--delimiter`, `--sheet`: how to read an export, for import, inspect and draft.
struct ExportReadingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The tool that wrote the file.", valueName: ExportLayout.userNames))
    var format = "auto"

    @Option(help: ArgumentHelp("The text encoding.", valueName: "auto|\(TextEncoding.userNames)"))
    var encoding = "auto"

    @Option(help: ArgumentHelp("The field delimiter.", valueName: "auto|,|;|tab|'|'"))
    var delimiter = "auto"

    @Option(help: ArgumentHelp("In an .xlsx workbook, the sheet to read (default: the first).", valueName: "name"))
    var sheet: String?

    func validate() throws {
        _ = try options()
    }

    func options() throws -> ImportOptions {
        var options = ImportOptions()
        if format != "auto" {
            guard let layout = ExportLayout(userName: format) else { throw ValidationError("--format \(format) is not one of \(ExportLayout.userNames)") }
            options.layout = layout
        }
        if encoding != "auto" {
            guard let known = TextEncoding(userName: encoding) else {
                throw ValidationError("--encoding \(encoding) is not one of auto|\(TextEncoding.userNames); convert other encodings to UTF-8 first")
            }
            options.encoding = known
        }
        if delimiter != "auto" {
            guard let byte = CSVDialect.delimiter(named: delimiter) else { throw ValidationError("--delimiter must be one character, or tab") }
            options.delimiter = byte
        }
        options.sheet = sheet
        return options
    }
}
