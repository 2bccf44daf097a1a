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
            --contacts writes the call list: one row per person who asked to be contacted (the survey's contact \
            section), merged over workshops by e-mail or phone. --anonymize leaves personal questions and contact \
            details out of every file, replaces e-mail addresses, phone numbers, personal identity numbers, links and \
            names in free text, names responses by pseudonyms, keeps dates without times and hides counts under \
            --min-count (5), with further cells hidden so that totals do not give them away.

            EXAMPLES
              samla export surveys/tnc-workshop.yaml
              samla export surveys/tnc-workshop.yaml --contacts out/call-list.csv
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

    @Option(help: ArgumentHelp("Write the call list (one row per person who asked to be contacted) as CSV here.", valueName: "path"))
    var contacts: String?

    @Option(name: .customLong("min-count"), help: ArgumentHelp("With --anonymize: hide counts under this (default 5).", valueName: "n"))
    var minCount: Int?

    @Option(name: .customLong("csv-layout"), help: ArgumentHelp("wide: one row per response; long: one row per answer.", valueName: "layout"))
    var csvLayout: CSVLayout = .wide

    @Flag(name: .customLong("excel-csv"), help: "Separate CSV fields with ';' and start with a byte order mark, as Excel expects.")
    var excelCSV = false

    @Option(help: ArgumentHelp("fast: quicker to write; small: a file about a fifth smaller, packed as Excel packs.",
                               valueName: "fast|small"))
    var compression: WorkbookCompression = .fast

    @OptionGroup var analysisArguments: AnalysisArguments

    @Flag(help: "Leave out personal questions and contact details, scrub e-mail, phone, personal numbers, links and names from free text, use pseudonyms, keep dates without times, hide counts under --min-count.")
    var anonymize = false

    func validate() throws {
        if anonymize, contacts != nil {
            throw ValidationError("--contacts writes personal data and cannot be combined with --anonymize; export the call list without it")
        }
        if let minCount {
            guard anonymize else { throw ValidationError("--min-count applies to --anonymize; add --anonymize or leave it out") }
            if minCount < 1 { throw ValidationError("--min-count must be at least 1") }
        }
    }

    func run() throws {
        let definition = try SurveyLoader.require(path: survey)
        let analysis = try analysisArguments.options(for: definition)
        try analysisArguments.checkSessions(in: try storeOptions.openExisting(), survey: definition)
        let progress = ExportProgress()
        var options = ExportOptions(anonymize: anonymize, created: ExportOptions.sourceDateEpoch(),
                                    csvLayout: csvLayout, excelCSV: excelCSV, commandLine: reproducingCommand,
                                    progress: progress, compression: compression)
        options.minimumCount = minCount ?? Anonymizer.smallestShownCount
        let line = ProgressLine(terminal: .standardError)
        line.start { ExportProgress.describe(progress.snapshot) }
        defer { line.stop() }
        let report = try SurveyExport.run(survey: definition, store: try storeOptions.openExisting(), analysis: analysis,
                                          targets: SurveyExport.Targets(xlsx: xlsx, csv: csv, json: json, contacts: contacts), options: options)
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
        // An anonymised workbook names files without their folders: a path can say whose machine it came from.
        func shown(_ path: String) -> String { anonymize ? (path as NSString).lastPathComponent : path }
        var parts = ["samla", "export", shown(survey), "--store", shown(storeOptions.path)] + analysisArguments.commandLine
        if anonymize {
            parts = parts.map { $0.contains("/") ? shown($0) : $0 }
            parts += ["--anonymize", "--min-count", String(minCount ?? Anonymizer.smallestShownCount)]
        }
        return parts.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
    }
}

extension CSVLayout: ExpressibleByArgument {}

extension WorkbookCompression: ExpressibleByArgument {}
