import ArgumentParser
import Foundation
import SamlaKit

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the responses and their figures as an XLSX workbook, CSV or JSON.",
        discussion: """
            With no output named, writes output/<survey-id>.xlsx. Each file is written under a temporary name and \
            renamed when complete. With SOURCE_DATE_EPOCH set, the same store and options give byte-identical files. \
            --anonymize leaves personal questions out of every file, names responses by pseudonyms and hides \
            cross-tab counts under 5.

            EXAMPLES
              samla export surveys/tnc-workshop.yaml
              samla export surveys/tnc-workshop.yaml --xlsx out/all.xlsx --csv out/all.csv --anonymize
              samla export surveys/tnc-workshop.yaml --session "Umeå 2025-03-12" --json out/umea.json
            """
    )

    @Argument(help: "The survey definition.")
    var survey: String

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("Write the workbook here.", valueName: "path"))
    var xlsx: String?

    @Option(help: ArgumentHelp("Write the responses as CSV here.", valueName: "path"))
    var csv: String?

    @Option(help: ArgumentHelp("Write the summary and the responses as JSON here.", valueName: "path"))
    var json: String?

    @Option(name: .customLong("csv-layout"), help: ArgumentHelp("wide: one row per response; long: one row per answer.", valueName: "layout"))
    var csvLayout: CSVLayout = .wide

    @Flag(name: .customLong("excel-csv"), help: "Separate CSV fields with ';' and start with a byte order mark, as Excel expects.")
    var excelCSV = false

    @Option(help: ArgumentHelp("fast: quicker to write; small: a file about a fifth smaller, packed as Excel packs.",
                               valueName: "fast|small"))
    var compression: WorkbookCompression = .fast

    @OptionGroup var analysisArguments: AnalysisArguments

    @Flag(help: "Leave out personal questions, use pseudonyms, hide cross-tab counts under 5.")
    var anonymize = false

    func run() throws {
        let definition = try SurveyLoader.require(path: survey)
        let analysis = try analysisArguments.options(for: definition)
        try analysisArguments.checkSessions(in: try storeOptions.openExisting(), survey: definition)
        let progress = ExportProgress()
        let options = ExportOptions(anonymize: anonymize, created: ExportOptions.sourceDateEpoch(),
                                    csvLayout: csvLayout, excelCSV: excelCSV, commandLine: reproducingCommand,
                                    progress: progress, compression: compression)
        let line = ProgressLine(terminal: .standardError)
        line.start { ExportProgress.describe(progress.snapshot) }
        defer { line.stop() }
        let report = try SurveyExport.run(survey: definition, store: try storeOptions.openExisting(), analysis: analysis,
                                          targets: SurveyExport.Targets(xlsx: xlsx, csv: csv, json: json), options: options)
        line.stop()
        for file in report.files {
            Terminal.standardError.write("Wrote \(file)\n")
        }
        for note in report.workbook?.notes ?? [] {
            Terminal.standardError.write("\(note)\n")
        }
    }

    /// The command as the About sheet shows it: everything that shapes the content, no output
    /// paths (two names for the same workbook should not make two different files).
    private var reproducingCommand: String {
        var parts = ["samla", "export", survey, "--store", storeOptions.path] + analysisArguments.commandLine
        if anonymize { parts.append("--anonymize") }
        return parts.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
    }
}

extension CSVLayout: ExpressibleByArgument {}

extension WorkbookCompression: ExpressibleByArgument {}
