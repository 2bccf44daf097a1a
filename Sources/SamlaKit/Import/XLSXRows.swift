import CSVReader
import Foundation
import XLSXReader

/// The rows of one worksheet of an .xlsx export, through `XLSXReader`: the first sheet, or the
/// one `--sheet` names. Cells are located as Excel names them (`Form1!C5`).
final class XLSXRows: ExportRowSource {
    let path: String
    let sheet: String
    private let reader: SheetReader
    private var lastRow = 0
    private var returned = 0

    init(path: String, sheet: String?) throws(ExportProblem) {
        self.path = path
        do {
            let workbook = try XLSXWorkbook(url: URL(fileURLWithPath: path))
            let info = try workbook.sheet(named: sheet)
            self.sheet = info.name
            reader = try workbook.rows(of: info, headerRows: 1)
        } catch {
            throw ExportProblem(file: path, error: error)
        }
    }

    /// How many rows at the top a merged cell spreads its value across: the layout's header rows.
    var headerRows: Int {
        get { reader.headerRows }
        set { reader.headerRows = newValue }
    }

    func next() throws -> CSVRecord? {
        do {
            guard let row = try reader.next() else { return nil }
            lastRow = row.number
            returned += 1
            return CSVRecord(fields: row.cells, line: row.number, index: returned - 1)
        } catch {
            throw ExportProblem(file: path, error: error)
        }
    }

    func locationOfField(_ field: Int) -> (line: Int, column: Int) { (lastRow, field + 1) }

    func location(ofField field: Int, file: String) -> SourceLocation {
        SourceLocation(file: file, line: lastRow, column: field + 1, sheet: sheet)
    }

    // A workbook has no reading problems to collect: it reads, or it stops with an ExportProblem.
    var problems: [CSVProblem] { [] }
    var problemCount: Int { 0 }
}

extension ExportProblem {
    init(file: String, error: XLSXError) {
        self.init(diagnostic: .error(error.description, at: SourceLocation(file: file), hint: error.hint))
    }
}
