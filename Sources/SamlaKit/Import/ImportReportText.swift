import CSVReader

/// The words `samla import` prints about one file: problems first (located, capped, with the
/// total), then what was read, mapped and stored.
public struct ImportReportText {
    public var ui: UIText
    public var renderer: DiagnosticRenderer
    public var dryRun: Bool
    public var rejectsPath: String?

    public init(ui: UIText, renderer: DiagnosticRenderer = DiagnosticRenderer(), dryRun: Bool = false, rejectsPath: String? = nil) {
        self.ui = ui
        self.renderer = renderer
        self.dryRun = dryRun
        self.rejectsPath = rejectsPath
    }

    /// Problems and warnings, for standard error.
    public func problems(_ report: FileImportReport) -> String {
        var lines: [String] = []
        if !report.diagnostics.isEmpty { lines.append(renderer.render(report.diagnostics)) }
        let shown = report.diagnostics.errors.count
        if report.errorCount > shown { lines.append(ui.moreProblems(report.errorCount - shown, total: report.errorCount)) }
        return lines.joined(separator: "\n")
    }

    /// What was read and stored (or would be), for standard output.
    public func summary(_ report: FileImportReport) -> String {
        var lines: [String] = []
        if report.refused {
            lines.append(ui.refused(report.file, problems: report.errorCount))
        } else if dryRun {
            lines.append(ui.wouldImport(report.file, new: report.new, existing: report.existing))
        } else {
            lines.append(ui.imported(report.file, new: report.new, existing: report.existing))
        }
        if let layout = report.layout, let sheet = report.sheet {
            lines.append(ui.readAs(layout: layout.rawValue, sheet: sheet))
        } else if let layout = report.layout, let encoding = report.encoding, let delimiter = report.delimiter {
            lines.append(ui.readAs(layout: layout.rawValue, encoding: encoding.rawValue, delimiter: CSVDialect.name(of: delimiter)))
        }
        if report.drafts > 0 { lines.append(ui.unfinished(report.drafts)) }
        if report.rejected > 0, let rejectsPath, !report.refused { lines.append(ui.skipped(report.rejected, to: rejectsPath)) }
        if report.hiddenAnswers > 0 { lines.append(ui.hiddenAnswersLeftOut(report.hiddenAnswers)) }
        if let mapping = report.mapping {
            if !mapping.notAsked.isEmpty { lines.append(ui.notAsked(mapping.notAsked)) }
            if dryRun {
                lines.append(ui.mappingHeading)
                for (name, role) in zip(mapping.header, mapping.roles) { lines.append("    \(name) → \(role)") }
            }
        }
        lines.append(contentsOf: AccountingText.lines(report.accounting, file: report.file, dryRun: dryRun))
        if dryRun && !report.sample.isEmpty {
            lines.append(ui.wouldStoreHeading)
            for response in report.sample {
                let place: String
                if case .imported(_, let row) = response.source { place = "line \(row)" } else { place = "" }
                lines.append("    \(place): \(AnswerCoding.encode(response.answers))")
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// The accounting as a few indented lines: rows, responses, skipped rows, and each column (and
/// cell) that did not reach a response, with how many non-empty cells it held.
enum AccountingText {
    static func lines(_ accounting: ImportAccounting, file: String, dryRun: Bool) -> [String] {
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        var lines = ["  accounting:"]
        var header = plural(accounting.headerRows, "header row")
        if accounting.preambleRows > 0 { header += " after " + plural(accounting.preambleRows, "title row") }
        lines.append("    rows read          \(accounting.rowsRead) (under \(header), which are not responses)")
        var stored = "\(accounting.responsesStored)\(dryRun ? " (would be stored)" : "")"
        if let already = accounting.alreadyStored, already > 0 { stored += ", \(already) already in the store from an earlier import" }
        if accounting.refused { stored += " (the file was refused: nothing imported)" }
        lines.append("    responses stored   \(stored)")
        lines.append("    rows skipped       \(accounting.rowsWithProblems)\(accounting.rowsWithProblems > 0 ? " (with problems, listed above)" : "")")
        if accounting.hiddenAnswers > 0 {
            lines.append("    answers left out   \(accounting.hiddenAnswers) (their question is hidden by show_if for that row)")
        }
        if accounting.textsKeptAsMetadata > 0 {
            lines.append("    texts as metadata  \(accounting.textsKeptAsMetadata) (comments beside a chosen single choice)")
        }
        for column in accounting.leftOutColumns {
            let why: String
            switch column.reason {
            case .unmatched: why = "matches no question: not imported"
            case .repeated: why = "a second column for a question another column answers: not imported"
            case .mappedOut: why = "left out with --map"
            case .note: why = "a note of the survey, which takes no answer: not imported"
            }
            lines.append("    column \(column.column) '\(RowDecoder.shown(column.name))': \(plural(column.nonEmptyCells, "non-empty cell")), \(why)")
        }
        for column in accounting.undecodedCells {
            lines.append("    column \(column.column) '\(RowDecoder.shown(column.name))': \(plural(column.cells, "cell")) could not be read (\(RowDecoder.shown(column.reason)))")
        }
        let unaccounted = accounting.unaccountedCells
        lines.append(unaccounted == 0 ? "    every non-empty cell is accounted for"
                                      : "    \(plural(unaccounted, "non-empty cell")) not imported; --strict refuses such a file")
        return lines
    }
}
