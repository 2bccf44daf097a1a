import CSVReader

/// What importing one file did, or would do in a dry run.
public struct FileImportReport: Sendable {
    public var file: String
    public var layout: ExportLayout?
    public var encoding: TextEncoding?
    public var encodingReason: String?
    public var delimiter: UInt8?
    /// For a workbook: the sheet read, in place of an encoding and a delimiter.
    public var sheet: String?
    public var mapping: ColumnMapping?
    /// Data rows read (header and preamble not counted).
    public var rows = 0
    /// Responses stored by this import (or that a dry run would store).
    public var new = 0
    /// Rows whose identity was already in the store: imported before.
    public var existing = 0
    /// Unfinished responses (LimeSurvey rows never submitted), stored as drafts and left out of figures.
    public var drafts = 0
    /// Rows with problems, written to the rejects file with `--skip-bad-rows`.
    public var rejected = 0
    /// Answers to questions that `show_if` hides given the row's other answers: left out.
    public var hiddenAnswers = 0
    /// Errors and warnings, at most `ImportOptions.problemLimit` of them.
    public var diagnostics = Diagnostics()
    /// All errors found, shown or not.
    public var errorCount = 0
    /// Whether the file's responses were committed to the store.
    public var committed = false
    /// The file imported nothing because of its problems (rather than skipping bad rows).
    public var refused = false
    /// `--strict` found cells that would reach no response.
    public var strictRefusal = false
    /// The first responses, for a dry run to show.
    public var sample: [Response] = []
    /// Where every cell went.
    public var accounting = ImportAccounting()

    public init(file: String) {
        self.file = file
    }

    /// This report, for a file that stops at a problem before any row is read.
    func refusing(_ problem: Diagnostic) -> FileImportReport {
        var report = self
        report.diagnostics.append(problem)
        report.errorCount += 1
        report.refused = true
        return report
    }
}
