import Foundation
import XLSXWriter

/// How `samla export` writes its files: everything besides the figures themselves. Sheet names,
/// headings and labels come in the summary's language.
public struct ExportOptions: Sendable {
    /// Personal questions left out everywhere, pseudonyms instead of ids, small cross-tab cells hidden.
    public var anonymize: Bool
    /// Codes free-text answers into themes on the Free text sheet (the Themes sheet comes from the
    /// summary); named with its SHA-256 on the About sheet. The same one the analysis used.
    public var codebook: CodebookFile?
    /// The creation date written into the file and onto Overview; nil means now. Set it (from
    /// SOURCE_DATE_EPOCH) and the same store and options give byte-identical files.
    public var created: Date?
    public var csvLayout: CSVLayout
    /// `;`-separated with a byte order mark, the way Excel with a Swedish locale opens CSV by double-click.
    public var excelCSV: Bool
    /// Up to this many responses the workbook keeps its sheets in memory: Responses holds an Excel
    /// table and charts carry cached values. Above it the workbook streams in constant memory
    /// (libxlsxwriter chooses per workbook), and Responses gets an autofilter instead, since
    /// libxlsxwriter can build tables only on in-memory sheets. Measured on the bench survey
    /// (release build): 10,000 responses in memory peak at 78 MB, 50,000 at 213 MB, while
    /// streaming stays near 45 MB at any size; hence 10,000.
    public var responsesTableLimit: Int
    /// Data rows per sheet before a sheet is continued on "Name (2)"; Excel's grid has room for
    /// 1,048,575 below the header. Smaller values exist for tests.
    public var rowsPerSheet: Int
    /// What the About sheet shows as the command that reproduces the workbook.
    public var commandLine: String?
    /// Where the export reports how far it has got, for a progress line; nil when nobody watches.
    public var progress: ExportProgress?
    /// How hard the workbook is deflated. Fast by default: at 100,000 responses it saves a third
    /// of the export for a file a quarter larger, and a workshop's workbook is small either way.
    public var compression: WorkbookCompression
    /// When anonymising: counts under this are hidden (`--min-count`).
    public var minimumCount: Int = Anonymizer.smallestShownCount

    public init(anonymize: Bool = false, codebook: CodebookFile? = nil, created: Date? = nil, csvLayout: CSVLayout = .wide, excelCSV: Bool = false,
                responsesTableLimit: Int = ExportOptions.defaultTableLimit,
                rowsPerSheet: Int = ExportOptions.maxRowsPerSheet, commandLine: String? = nil,
                progress: ExportProgress? = nil, compression: WorkbookCompression = .fast) {
        self.anonymize = anonymize
        self.codebook = codebook
        self.created = created
        self.csvLayout = csvLayout
        self.excelCSV = excelCSV
        self.responsesTableLimit = responsesTableLimit
        self.rowsPerSheet = max(1, min(rowsPerSheet, ExportOptions.maxRowsPerSheet))
        self.commandLine = commandLine
        self.progress = progress
        self.compression = compression
    }

    /// The creation date SOURCE_DATE_EPOCH asks for, if set: what `created` should be for reproducible files.
    public static func sourceDateEpoch(in environment: [String: String] = ProcessInfo.processInfo.environment) -> Date? {
        DocumentProperties.sourceDateEpoch(in: environment)
    }

    public static let defaultTableLimit = 10_000
    /// Excel's 1,048,576 rows less the header.
    public static let maxRowsPerSheet = 1_048_575
}

/// How hard the workbook's parts are deflated: `.fast` (zlib level 2) or `.small` (zlib's default).
public typealias WorkbookCompression = XLSXWriter.Compression

/// The two shapes of the CSV export.
public enum CSVLayout: String, Sendable, CaseIterable {
    /// One row per response, one column per question (and per choice of a multiple-choice question).
    case wide
    /// Tidy: one row per answer (per chosen choice), columns response, question, value, label.
    case long
}
