/// A cell's place in A1 notation: `C5` is column 3 (zero-based 2) of row 5.
public struct CellReference: Sendable, Hashable, CustomStringConvertible {
    /// Zero-based column: A is 0.
    public var column: Int
    /// One-based row, as Excel numbers them.
    public var row: Int

    /// Excel's last column, XFD.
    public static let maximumColumns = 16_384
    /// Excel's last row.
    public static let maximumRows = 1_048_576

    public init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }

    /// Parses `C5`, `$C$5` or `c5`; nil when it is not a cell in Excel's grid.
    public init?<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "$"):
                continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 3 else { return nil }
                column = column * 26 + Int((byte | 0x20) - UInt8(ascii: "a")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, digits < 7 else { return nil }
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            default:
                return nil
            }
        }
        guard letters > 0, digits > 0, column <= Self.maximumColumns, row >= 1, row <= Self.maximumRows else { return nil }
        self.column = column - 1
        self.row = row
    }

    public init?(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// The column's letters: 0 is A, 26 is AA.
    public static func letters(ofColumn column: Int) -> String {
        var number = column + 1
        var scalars: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            scalars.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            number = (number - 1) / 26
        }
        return String(scalars.reversed())
    }

    public var description: String { "\(Self.letters(ofColumn: column))\(row)" }
}

/// A rectangle of cells, `A1:C2`, as a merge names it.
public struct CellRange: Sendable, Hashable, CustomStringConvertible {
    public var first: CellReference
    public var last: CellReference

    public init(first: CellReference, last: CellReference) {
        self.first = CellReference(column: min(first.column, last.column), row: min(first.row, last.row))
        self.last = CellReference(column: max(first.column, last.column), row: max(first.row, last.row))
    }

    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard let start = parts.first.flatMap({ CellReference(bytes: Array($0.utf8)) }) else { return nil }
        guard parts.count <= 2 else { return nil }
        let end = parts.count == 2 ? CellReference(bytes: Array(parts[1].utf8)) : start
        guard let end else { return nil }
        self.init(first: start, last: end)
    }

    public func contains(_ cell: CellReference) -> Bool {
        (first.column...last.column).contains(cell.column) && (first.row...last.row).contains(cell.row)
    }

    public var description: String { "\(first):\(last)" }
}
