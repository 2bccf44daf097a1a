import CSVReader
import Foundation
import XLSXReader

/// One record of an export: its cells and where it starts (the line of a CSV, the row of a sheet).
struct ExportRecord {
    var fields: [String]
    var line: Int
}

/// How an export's bytes became rows: a CSV's encoding and delimiter, or the sheet of a workbook.
public enum ExportFormat: Sendable, Equatable {
    case csv(encoding: TextEncoding, reason: String, delimiter: UInt8)
    case xlsx(sheet: String)
}

/// Where the rows of an export come from, so that mapping, decoding, the accounting and the
/// messages are the same for a CSV file and an .xlsx worksheet.
protocol ExportRows: AnyObject {
    var format: ExportFormat { get }
    /// The header the source found by itself (CSV header sniffing); nil to take the first record.
    var detectedHeader: [String]? { get }
    func next() throws -> ExportRecord?
    /// Reading problems kept so far (a capped list) and all counted; a workbook has none, as it
    /// reads or stops.
    var problems: [CSVProblem] { get }
    var problemCount: Int { get }
    /// Where field `index` of the record read last starts.
    func location(ofField index: Int) -> SourceLocation
    /// How far reading has come, for a progress bar; nil when it cannot be told.
    var progress: CSVProgress? { get }
}

/// How a file is to be read: by what it holds (a zip signature is a workbook, whatever the name;
/// bank and survey tools write text files named .xls), then by its name: an `.xlsx` that is
/// not a zip is refused as a workbook, which says more than a CSV reading of its bytes would.
enum ExportFileKind {
    case csv, xlsx, legacyExcel

    static func of(path: String) -> ExportFileKind {
        let url = URL(fileURLWithPath: path)
        if XLSXWorkbook.looksLikeZip(url) { return .xlsx }
        if XLSXWorkbook.looksLikeLegacyExcel(url) { return .legacyExcel }
        switch url.pathExtension.lowercased() {
        case "xlsx", "xlsm": return .xlsx
        default: return .csv
        }
    }
}
