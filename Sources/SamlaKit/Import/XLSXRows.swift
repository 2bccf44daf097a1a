import CSVReader
import Foundation
import XLSXReader

/// The rows of one worksheet of an .xlsx export, through `XLSXReader`: the first sheet, or the
/// one `--sheet` names. Cells are located as Excel names them (`Form1!C5`).
final class XLSXRows: ExportRows {
    let path: String
    let sheet: String
    private let reader: SheetReader
    private var lastRow = 0

    /// `headerRows`: how many rows at the top a merged cell spreads its value across.
    init(path: String, sheet: String?, headerRows: Int = 1) throws(ExportProblem) {
        self.path = path
        do {
            let workbook = try XLSXWorkbook(url: URL(fileURLWithPath: path))
            let info = try workbook.sheet(named: sheet)
            self.sheet = info.name
            reader = try workbook.rows(of: info, headerRows: headerRows)
        } catch {
            throw ExportProblem(file: path, error: error)
        }
    }

    var format: ExportFormat { .xlsx(sheet: sheet) }
    var detectedHeader: [String]? { nil }
    var problems: [CSVProblem] { [] }
    var problemCount: Int { 0 }
    var progress: CSVProgress? { nil }

    func next() throws -> ExportRecord? {
        do {
            guard let row = try reader.next() else { return nil }
            lastRow = row.number
            return ExportRecord(fields: row.cells, line: row.number)
        } catch {
            throw ExportProblem(file: path, error: error)
        }
    }

    func location(ofField index: Int) -> SourceLocation {
        SourceLocation(file: path, line: lastRow, column: index + 1, sheet: sheet)
    }
}

extension ExportProblem {
    init(file: String, error: XLSXError) {
        self.init(diagnostic: .error(error.description, at: SourceLocation(file: file), hint: error.hint))
    }
}
