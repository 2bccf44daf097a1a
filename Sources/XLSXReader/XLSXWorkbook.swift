import Foundation
import ZIPFoundation

/// An .xlsx workbook opened for reading: its sheets in workbook order, the date system, the cell
/// styles that are dates and the shared strings (which cells name by index, so they stay in
/// memory, compactly). Rows are read with `rows(ofSheet:)`, streamed.
public final class XLSXWorkbook: @unchecked Sendable {
    public let url: URL
    public let sheets: [SheetInfo]
    /// Serial 0 is 1904-01-01 (old Mac Excel) rather than Excel's 1900 count.
    public let date1904: Bool
    public let sharedStrings: SharedStrings
    let styles: DateStyles

    /// The zip's signatures: a local file header, or the end record of an empty zip.
    private static let zipSignatures: [[UInt8]] = [[0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06]]
    /// The OLE2 compound file that Excel 97–2003 wrote.
    private static let compoundFileSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// Whether the file starts like a zip, whatever its name says.
    public static func looksLikeZip(_ url: URL) -> Bool {
        guard let head = try? leadingBytes(of: url, count: 4) else { return false }
        return zipSignatures.contains(head)
    }

    /// Whether the file is an Excel 97–2003 workbook (or another OLE2 compound file).
    public static func looksLikeLegacyExcel(_ url: URL) -> Bool {
        (try? leadingBytes(of: url, count: 8)) == compoundFileSignature
    }

    private static func leadingBytes(of url: URL, count: Int) throws -> [UInt8] {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        return Array(try handle.read(upToCount: count) ?? Data())
    }

    public init(url: URL) throws(XLSXError) {
        self.url = url
        let head: [UInt8]
        do {
            head = try Self.leadingBytes(of: url, count: 8)
        } catch {
            throw .unreadable(reason: (error as NSError).localizedDescription)
        }
        if head == Self.compoundFileSignature { throw .legacyExcel }
        guard Self.zipSignatures.contains(Array(head.prefix(4))) else { throw .notAZip }
        let archive = try Self.openArchive(url)

        let rootRelationships = try Self.read("_rels/.rels", from: archive, into: RelationshipsHandler(), required: false)
        let workbookPart = rootRelationships?.first(ofKind: "officeDocument").map { PartPath.resolve($0.target, from: "") } ?? "xl/workbook.xml"
        guard let workbook = try Self.read(workbookPart, from: archive, into: WorkbookHandler(), required: true) else {
            throw .missingPart("workbook (\(workbookPart))")
        }
        let relationships = try Self.read(PartPath.relationships(of: workbookPart), from: archive, into: RelationshipsHandler(), required: false)
            ?? RelationshipsHandler()
        date1904 = workbook.date1904
        sheets = workbook.sheets.map { sheet in
            let relationship = relationships.relationships[sheet.relationship]
            return SheetInfo(name: sheet.name, isHidden: sheet.hidden,
                             part: relationship.map { PartPath.resolve($0.target, from: workbookPart) },
                             isWorksheet: relationship.map { $0.type.hasSuffix("/worksheet") } ?? false)
        }
        let stylesPart = relationships.first(ofKind: "styles").map { PartPath.resolve($0.target, from: workbookPart) }
        if let stylesPart, let handler = try Self.read(stylesPart, from: archive, into: StylesHandler(), required: false) {
            styles = handler.styles
        } else {
            styles = DateStyles()
        }
        let stringsPart = relationships.first(ofKind: "sharedStrings").map { PartPath.resolve($0.target, from: workbookPart) }
        if let stringsPart, let handler = try Self.read(stringsPart, from: archive, into: SharedStringsHandler(), required: false) {
            sharedStrings = handler.table
        } else {
            sharedStrings = SharedStrings()
        }
    }

    /// The sheet `--sheet NAME` names (exact name first, then ignoring case), or the first
    /// visible worksheet.
    public func sheet(named name: String?) throws(XLSXError) -> SheetInfo {
        if let name {
            let match = sheets.first { $0.name == name } ?? sheets.first { $0.name.lowercased() == name.lowercased() }
            guard let match, match.isWorksheet, match.part != nil else {
                throw .noSuchSheet(name, available: sheets.filter(\.isWorksheet).map(\.name))
            }
            return match
        }
        guard let first = sheets.first(where: { $0.isWorksheet && !$0.isHidden && $0.part != nil })
                ?? sheets.first(where: { $0.isWorksheet && $0.part != nil }) else { throw .noWorksheet }
        return first
    }

    /// The rows of a sheet, streamed. Merged ranges that start in the first `headerRows` rows
    /// present give their value to every cell of the range within those rows (a header spanning
    /// columns names each of them); merges further down are left alone, as copying an answer
    /// into other rows would make up data.
    public func rows(of sheet: SheetInfo, headerRows: Int = 1) throws(XLSXError) -> SheetReader {
        guard let part = sheet.part else { throw .missingPart("sheet \"\(sheet.name)\"") }
        let merges = try mergedRanges(part: part)
        return try SheetReader(workbook: self, part: part, sheetName: sheet.name, merges: merges, headerRows: headerRows)
    }

    private func mergedRanges(part: String) throws(XLSXError) -> [CellRange] {
        let archive = try Self.openArchive(url)
        guard let entry = archive[part] else { throw .missingPart(part) }
        var scanner = MergeScanner()
        try Self.extract(entry, from: archive) { chunk in
            chunk.withUnsafeBytes { scanner.scan($0) }
        }
        return scanner.ranges
    }

    static func openArchive(_ url: URL) throws(XLSXError) -> Archive {
        do {
            return try Archive(url: url, accessMode: .read)
        } catch {
            throw .damagedZip(reason: "its directory, at the end of the file, is missing or broken")
        }
    }

    /// Inflates an entry chunk by chunk, with zip and inflate errors said as a damaged file.
    static func extract(_ entry: Entry, from archive: Archive, consumer: (Data) throws -> Void) throws(XLSXError) {
        do {
            _ = try archive.extract(entry, bufferSize: 64 * 1024, consumer: consumer)
        } catch let error as XLSXError {
            throw error
        } catch let error as StopReading {
            _ = error
        } catch Archive.ArchiveError.invalidCRC32 {
            throw .damagedZip(reason: "\(entry.path) fails its checksum")
        } catch {
            throw .damagedZip(reason: "\(entry.path) cannot be inflated")
        }
    }

    /// Parses a whole (small) part with `handler`; nil when the part is absent and not required.
    private static func read<Handler: SAXContentHandler>(_ part: String, from archive: Archive, into handler: Handler,
                                                         required: Bool) throws(XLSXError) -> Handler? {
        guard let entry = archive[part] else {
            if required { throw .missingPart(part) }
            return nil
        }
        let parser = SAXPushParser(part: part, handler: handler)
        try extract(entry, from: archive) { chunk in
            try chunk.withUnsafeBytes { try parser.feed($0) }
        }
        try parser.finish()
        return handler
    }
}

/// Thrown from inside an extraction to end it early: the rest of the part is not needed.
struct StopReading: Error {}
