import Foundation
import XLSXReader

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
