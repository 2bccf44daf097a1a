/// One row of a worksheet: its number as Excel shows it and its cells as text, from column A on
/// (an empty string where the sheet has no cell).
public struct XLSXRow: Sendable, Equatable {
    /// One-based, as in the sheet: rows the sheet skips are not there, so numbers can jump.
    public var number: Int
    public var cells: [String]

    public init(number: Int, cells: [String]) {
        self.number = number
        self.cells = cells
    }

    /// Where cell `column` of this row is, as Excel names it (`C5`).
    public func reference(ofColumn column: Int) -> CellReference {
        CellReference(column: column, row: number)
    }
}
