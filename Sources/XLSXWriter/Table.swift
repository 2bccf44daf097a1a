import CXLSXWriter

/// How an Excel table (Insert > Table) looks and behaves.
public struct TableOptions {
    /// The table's name in formulas; made valid and unique, see ``TableName/make(_:existing:)``.
    /// Nil gives "Table1", "Table2", ….
    public var name: String?
    public var style: TableStyle
    /// When false the range has no header row and `headers` only name the columns internally.
    public var headerRow: Bool
    public var autofilter: Bool
    public var bandedRows: Bool
    public var bandedColumns: Bool
    public var emphasizeFirstColumn: Bool
    public var emphasizeLastColumn: Bool
    /// Format of the header cells.
    public var headerFormat: Format?

    public init(
        name: String? = nil,
        style: TableStyle = .medium(9),
        headerRow: Bool = true,
        autofilter: Bool = true,
        bandedRows: Bool = true,
        bandedColumns: Bool = false,
        emphasizeFirstColumn: Bool = false,
        emphasizeLastColumn: Bool = false,
        headerFormat: Format? = nil
    ) {
        self.name = name
        self.style = style
        self.headerRow = headerRow
        self.autofilter = autofilter
        self.bandedRows = bandedRows
        self.bandedColumns = bandedColumns
        self.emphasizeFirstColumn = emphasizeFirstColumn
        self.emphasizeLastColumn = emphasizeLastColumn
        self.headerFormat = headerFormat
    }
}

/// Excel's built-in table styles.
public enum TableStyle: Hashable, Sendable {
    case none
    case light(Int)
    case medium(Int)
    case dark(Int)

    /// libxlsxwriter quietly swaps an out-of-range number for Medium 9; refusing is clearer.
    func lxwValues() throws -> (type: UInt8, number: UInt8) {
        switch self {
        case .none:
            return (UInt8(LXW_TABLE_STYLE_TYPE_LIGHT.rawValue), 0)
        case .light(let number) where (1...21).contains(number):
            return (UInt8(LXW_TABLE_STYLE_TYPE_LIGHT.rawValue), UInt8(number))
        case .medium(let number) where (1...28).contains(number):
            return (UInt8(LXW_TABLE_STYLE_TYPE_MEDIUM.rawValue), UInt8(number))
        case .dark(let number) where (1...11).contains(number):
            return (UInt8(LXW_TABLE_STYLE_TYPE_DARK.rawValue), UInt8(number))
        default:
            throw XLSXError.invalidArgument("no such table style: \(self) (light 1-21, medium 1-28, dark 1-11)")
        }
    }
}

/// Valid, unique names for tables and their columns.
public enum TableName {
    /// A defined name Excel accepts: letters, digits, `_` and `.` only, starting with a letter or
    /// `_`, not readable as a cell reference (A1, XFD100, R1C1, R, C), at most 255 characters,
    /// and different (ignoring case) from every name in `existing`.
    public static func make<S: Sequence>(_ proposed: String, existing: S) -> String where S.Element == String {
        var name = ""
        for scalar in proposed.unicodeScalars {
            let allowed = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "."
            name.unicodeScalars.append(allowed ? scalar : "_")
        }
        if let first = name.unicodeScalars.first, !(first.properties.isAlphabetic || first == "_") {
            name = "_" + name
        }
        if name.isEmpty || looksLikeReference(name) { name = "Table_" + name }
        name = String(name.prefix(240))
        let taken = Set(existing.map { $0.lowercased() })
        if !taken.contains(name.lowercased()) { return name }
        var number = 2
        while taken.contains("\(name)_\(number)".lowercased()) { number += 1 }
        return "\(name)_\(number)"
    }

    private static func looksLikeReference(_ name: String) -> Bool {
        let upper = name.uppercased()
        if upper == "R" || upper == "C" { return true }
        // A1 style: one to three letters then digits.
        let letters = upper.prefix { $0.isASCII && $0.isLetter }
        let rest = upper.dropFirst(letters.count)
        if (1...3).contains(letters.count), !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        // R1C1 style: R, optional digits, C, optional digits.
        if upper.hasPrefix("R") {
            let afterR = upper.dropFirst().drop { $0.isASCII && $0.isNumber }
            if afterR.hasPrefix("C"), afterR.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        }
        return false
    }

    /// Column headers Excel accepts: cell-safe text on one line, at most 255 characters,
    /// never empty ("Column N"), and unique ignoring case (" 2", " 3", … appended), because
    /// Excel repairs (drops) a table whose column names clash.
    static func headers(_ proposed: [String]) -> [String] {
        var taken = Set<String>()
        var result: [String] = []
        for (index, header) in proposed.enumerated() {
            var text = ""
            for character in header {
                text.append(character.isNewline || character == "\t" ? " " : character)
            }
            text = text.trimmingSpaces()
            if text.isEmpty { text = "Column\(index + 1)" }
            var candidate = CellText.safe(text, limit: 250)
            var number = 2
            while taken.contains(candidate.lowercased()) {
                candidate = CellText.safe(text, limit: 250 - 5) + " \(number)"
                number += 1
            }
            taken.insert(candidate.lowercased())
            result.append(candidate)
        }
        return result
    }
}

extension String {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}
