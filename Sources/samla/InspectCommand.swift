import ArgumentParser
import CSVReader
import SamlaKit

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show how a CSV export reads: encoding, delimiter, layout, header, first rows, and with --survey the mapping and problems.",
        discussion: """
            EXAMPLES
              samla inspect export.csv
              samla inspect export.csv --survey surveys/tnc-workshop.yaml --json
            """
    )

    @Argument(help: "A CSV export.")
    var file: String

    @Option(help: "Map the columns onto this survey and check every cell.")
    var survey: String?

    @Flag(help: "Print JSON: {\"encoding\", \"delimiter\", \"layout\", \"header\", \"rows\", \"mapping\", \"problems\", \"accounting\"}.")
    var json = false

    @Option(help: "Show at most this many rows.")
    var limit = 20

    @OptionGroup var reading: ExportReadingOptions

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let definition = try survey.map { try SurveyLoader.require(path: $0) }
        let inspection = try ExportInspection.inspect(path: file, survey: definition, options: try reading.options(), limit: limit)
        if json {
            print(inspection.json, terminator: "")
        } else {
            let terminal = Terminal.standardOutput
            print(inspection.table(ui: UIText(language: definition?.defaultLanguage ?? "en"),
                                   renderer: DiagnosticRenderer(useColour: terminal.supportsColour)), terminator: "")
        }
    }
}
