import CXLSXWriter

/// A rectangle of cells, zero-based and inclusive at both ends, as libxlsxwriter counts.
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    public var firstRow: Int
    public var firstColumn: Int
    public var lastRow: Int
    public var lastColumn: Int

    /// Corners may be given in any order; they are normalised.
    public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.firstRow = min(firstRow, lastRow)
        self.lastRow = max(firstRow, lastRow)
        self.firstColumn = min(firstColumn, lastColumn)
        self.lastColumn = max(firstColumn, lastColumn)
    }

    /// A single cell.
    public init(row: Int, column: Int) {
        self.init(firstRow: row, firstColumn: column, lastRow: row, lastColumn: column)
    }

    /// Part of one column.
    public static func column(_ column: Int, rows: ClosedRange<Int>) -> CellRange {
        CellRange(firstRow: rows.lowerBound, firstColumn: column, lastRow: rows.upperBound, lastColumn: column)
    }

    /// Part of one row.
    public static func row(_ row: Int, columns: ClosedRange<Int>) -> CellRange {
        CellRange(firstRow: row, firstColumn: columns.lowerBound, lastRow: row, lastColumn: columns.upperBound)
    }

    public var rowCount: Int { lastRow - firstRow + 1 }
    public var columnCount: Int { lastColumn - firstColumn + 1 }

    /// A1 notation, e.g. "B2:D10".
    public var description: String {
        let first = CellRange.a1(row: firstRow, column: firstColumn)
        if rowCount == 1 && columnCount == 1 { return first }
        return first + ":" + CellRange.a1(row: lastRow, column: lastColumn)
    }

    static func a1(row: Int, column: Int) -> String {
        var letters = ""
        var remaining = column + 1
        while remaining > 0 {
            let digit = (remaining - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
            remaining = (remaining - 1) / 26
        }
        return letters + String(row + 1)
    }

    /// Excel's grid: 1,048,576 rows and 16,384 columns.
    public static let maxRows = Int(LXW_ROW_MAX)
    public static let maxColumns = Int(LXW_COL_MAX)

    /// Checked conversion to libxlsxwriter's index types; never traps on bad input.
    static func cell(_ row: Int, _ column: Int) throws -> (lxw_row_t, lxw_col_t) {
        guard row >= 0, row < maxRows, column >= 0, column < maxColumns else {
            throw XLSXError.worksheetIndexOutOfRange
        }
        return (lxw_row_t(row), lxw_col_t(column))
    }

    func checked() throws -> (lxw_row_t, lxw_col_t, lxw_row_t, lxw_col_t) {
        let (r1, c1) = try CellRange.cell(firstRow, firstColumn)
        let (r2, c2) = try CellRange.cell(lastRow, lastColumn)
        return (r1, c1, r2, c2)
    }
}
