/// Why a workbook cannot be read, said so that the person holding the file knows what to do.
public enum XLSXError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is an Excel 97–2003 workbook (OLE2 compound file), not Office Open XML.
    case legacyExcel
    /// The file is not a zip archive at all.
    case notAZip
    /// A zip, but damaged or cut short: its directory or an entry cannot be read.
    case damagedZip(reason: String)
    /// A zip without the parts every workbook has.
    case missingPart(String)
    /// A part that is not well-formed XML, with the line and column the parser stopped at.
    case malformedPart(part: String, line: Int, column: Int, reason: String)
    /// A cell reference outside Excel's grid, or not a reference at all.
    case badCellReference(part: String, reference: String)
    /// No sheet of that name; the names there are, in workbook order.
    case noSuchSheet(String, available: [String])
    /// The workbook has no worksheet (only chart sheets, or none).
    case noWorksheet
    /// The file could not be opened.
    case unreadable(reason: String)

    public var description: String {
        switch self {
        case .legacyExcel:
            return "this is an Excel 97–2003 workbook (.xls), which samla does not read"
        case .notAZip:
            return "this is not an .xlsx workbook: an .xlsx file is a zip archive, and this one is not"
        case .damagedZip(let reason):
            return "the workbook is damaged or cut short (\(reason))"
        case .missingPart(let part):
            return "the zip holds no \(part): it is not an Excel workbook"
        case .malformedPart(let part, let line, let column, let reason):
            return line > 0 ? "\(part):\(line):\(column): malformed XML: \(reason)" : "\(part): malformed XML: \(reason)"
        case .badCellReference(let part, let reference):
            return "\(part): \"\(reference)\" is not a cell reference"
        case .noSuchSheet(let name, let available):
            return "the workbook has no sheet \"\(name)\"; its sheets are " + available.map { "\"\($0)\"" }.joined(separator: ", ")
        case .noWorksheet:
            return "the workbook has no worksheet"
        case .unreadable(let reason):
            return "cannot read the file: \(reason)"
        }
    }

    /// What to do about it.
    public var hint: String? {
        switch self {
        case .legacyExcel: return "open it in Excel or LibreOffice and save it as .xlsx or CSV"
        case .notAZip: return "export the responses as .xlsx or CSV again"
        case .damagedZip, .malformedPart, .badCellReference: return "download or save the workbook again"
        case .missingPart: return "export the responses as .xlsx or CSV"
        case .noSuchSheet: return "pass one of these names to --sheet"
        case .noWorksheet, .unreadable: return nil
        }
    }
}
