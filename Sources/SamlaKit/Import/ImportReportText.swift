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
        if let layout = report.layout, let encoding = report.encoding, let delimiter = report.delimiter {
            lines.append(ui.readAs(layout: layout.rawValue, encoding: encoding.rawValue, delimiter: CSVDialect.name(of: delimiter)))
        } else if let layout = report.layout, let sheet = report.sheet {
            lines.append(ui.readAs(layout: layout.rawValue, sheet: sheet))
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
