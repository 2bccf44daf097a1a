import CLibXML2

/// Reads a worksheet part's `<sheetData>` into rows of text, one cell at a time, keeping no more
/// than the row being read and the rows not yet handed on.
final class SheetRowsHandler: SAXContentHandler {
    private enum CellType {
        case number, sharedString, inlineString, formulaString, boolean, error, isoDate
    }

    private let part: String
    private let sharedStrings: SharedStrings
    private let styles: DateStyles
    private let date1904: Bool

    /// Rows read and not yet taken.
    private(set) var pending: [XLSXRow] = []
    /// Set at `</sheetData>`: what follows holds no cells.
    private(set) var done = false
    /// The first problem in the cells; the parse stops there.
    private(set) var failure: XLSXError?

    private var rowNumber = 0
    private var cells: [String] = []
    private var column = -1
    private var cellType = CellType.number
    private var cellStyle = 0
    private var value: [UInt8] = []
    private var capturing = false
    private var inInlineString = false
    private var phoneticDepth = 0
    private var inRow = false

    init(part: String, sharedStrings: SharedStrings, styles: DateStyles, date1904: Bool) {
        self.part = part
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.date1904 = date1904
        value.reserveCapacity(256)
    }

    func takePending() -> [XLSXRow] {
        defer { pending = [] }
        return pending
    }

    func start(_ name: UnsafePointer<xmlChar>, _ attributes: SAXAttributes) {
        guard failure == nil, !done else { return }
        if XMLName.equals(name, "c") {
            guard inRow else { return }
            if let reference = attributes.raw("r") {
                guard let cell = CellReference(bytes: reference) else {
                    failure = .badCellReference(part: part, reference: String(decoding: reference, as: UTF8.self))
                    return
                }
                column = cell.column
            } else {
                column += 1
            }
            guard column < CellReference.maximumColumns else {
                failure = .badCellReference(part: part, reference: "column \(column + 1) of row \(rowNumber)")
                return
            }
            cellStyle = attributes.integer("s") ?? 0
            cellType = Self.type(attributes.raw("t"))
            value.removeAll(keepingCapacity: true)
        } else if XMLName.equals(name, "v") {
            capturing = cellType != .inlineString
        } else if XMLName.equals(name, "is") {
            inInlineString = true
        } else if XMLName.equals(name, "rPh") {
            phoneticDepth += 1
        } else if XMLName.equals(name, "t") {
            capturing = inInlineString && phoneticDepth == 0
        } else if XMLName.equals(name, "row") {
            rowNumber = attributes.integer("r") ?? rowNumber + 1
            guard rowNumber >= 1, rowNumber <= CellReference.maximumRows else {
                failure = .badCellReference(part: part, reference: "row \(rowNumber)")
                return
            }
            inRow = true
            column = -1
            cells = []
        }
    }

    func end(_ name: UnsafePointer<xmlChar>) {
        guard failure == nil, !done else { return }
        if XMLName.equals(name, "c") {
            guard inRow else { return }
            let text = cellText()
            if !text.isEmpty {
                if cells.count <= column { cells.append(contentsOf: repeatElement("", count: column + 1 - cells.count)) }
                cells[column] = text
            }
            capturing = false
            inInlineString = false
        } else if XMLName.equals(name, "v") || XMLName.equals(name, "t") {
            capturing = false
        } else if XMLName.equals(name, "is") {
            inInlineString = false
        } else if XMLName.equals(name, "rPh") {
            phoneticDepth = max(0, phoneticDepth - 1)
        } else if XMLName.equals(name, "row") {
            pending.append(XLSXRow(number: rowNumber, cells: cells))
            inRow = false
        } else if XMLName.equals(name, "sheetData") {
            done = true
        }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if capturing { value.append(contentsOf: bytes) }
    }

    private static func type(_ raw: UnsafeBufferPointer<UInt8>?) -> CellType {
        guard let raw, let first = raw.first else { return .number }
        switch (first, raw.count) {
        case (UInt8(ascii: "s"), 1): return .sharedString
        case (UInt8(ascii: "s"), 3): return .formulaString
        case (UInt8(ascii: "i"), _): return .inlineString
        case (UInt8(ascii: "b"), _): return .boolean
        case (UInt8(ascii: "e"), _): return .error
        case (UInt8(ascii: "d"), _): return .isoDate
        default: return .number
        }
    }

    private func cellText() -> String {
        switch cellType {
        case .sharedString:
            guard let index = Self.integer(value) else { return "" }
            guard let text = sharedStrings[index] else {
                failure = .malformedPart(part: part, line: 0, column: 0,
                                         reason: "cell \(CellReference(column: column, row: rowNumber)) names shared string \(index), which the workbook does not have")
                return ""
            }
            return text
        case .inlineString, .formulaString, .error, .isoDate:
            return String(decoding: value, as: UTF8.self)
        case .boolean:
            switch Self.integer(value) {
            case 1?: return "TRUE"
            case 0?: return "FALSE"
            default: return String(decoding: value, as: UTF8.self)
            }
        case .number:
            guard !value.isEmpty else { return "" }
            let raw = String(decoding: value, as: UTF8.self).trimmingSpaces()
            if let kind = styles.kind(ofStyle: cellStyle) {
                return CellText.date(serial: raw, kind: kind, date1904: date1904)
            }
            return CellText.number(raw)
        }
    }

    private static func integer(_ bytes: [UInt8]) -> Int? {
        var number = 0
        var digits = 0
        for byte in bytes {
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { continue }
            guard byte >= 0x30, byte <= 0x39, digits < 18 else { return nil }
            number = number * 10 + Int(byte - 0x30)
            digits += 1
        }
        return digits > 0 ? number : nil
    }
}

extension String {
    func trimmingSpaces() -> String {
        guard let first = utf8.first, let last = utf8.last, first == 0x20 || last == 0x20 || first == 0x0A || last == 0x0A else { return self }
        return String(self.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
