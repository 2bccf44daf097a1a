import CXLSXFastPaths
import Foundation

/// Whether this libxlsxwriter writes a streamed sheet the way ``SplicedRows`` relies on: found once
/// a program, before the first splice, by splicing two rows into a small workbook in the temporary
/// folder and closing it.
///
/// The splicing relies on no code of the library's, only on the XML it writes for a marker cell
/// (an inline string inside `<row …>…</row>`). A version that wrote it otherwise (a shared string,
/// say) would make every large export fail at close, since a marker not found fails the close
/// rather than leave a wrong file. The probe finds that out on a workbook of its own, so the
/// export's sheets then go through the library's API instead, as with the fast paths off. It costs
/// a few milliseconds, once. Run with the fast paths off (``FastPaths/with(enabled:_:)``) it says
/// no and is not remembered: it is run again when they are on.
final class SpliceProbe: @unchecked Sendable {
    static let shared = SpliceProbe()

    private let lock = NSLock()
    private var outcome: Bool?
    /// The probe's own spliced sheets, left out of ``FastPaths/sheetsSpliced``.
    private var ownSplices: UInt64 = 0

    /// Whether streamed sheets' rows may be spliced: the fast paths pack the file, and the probe
    /// placed its rows.
    func splicingWorks() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if let outcome { return outcome }
        guard FastPaths.packOnEveryCore else { return false }
        let before = UInt64(cxlsx_sheets_spliced())
        let works = Self.probe()
        ownSplices = UInt64(cxlsx_sheets_spliced()) &- before
        outcome = works
        return works
    }

    var probeSplices: UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return ownSplices
    }

    /// A streamed workbook of one sheet: a header row through the library, then two spliced rows
    /// (text that looks like the markup around it, a number), closed. The close fails when the
    /// markers are not found or anything else lies between them.
    private static func probe() -> Bool {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("samla-splice-probe-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let workbook = try Workbook(path: path, options: WorkbookOptions(constantMemory: true, compression: .fast))
            let sheet = try workbook.addWorksheet(name: "Probe")
            try sheet.writeString("probe", row: 0, column: 0)
            guard let rows = try sheet.makeSplicedRows(from: 1) else { return false }
            try rows.writeString("</t></is></c></row><row r=\"2\">", row: 1, column: 0)
            try rows.writeNumber(2, row: 2, column: 1)
            try workbook.close()
            return FileManager.default.fileExists(atPath: path)
        } catch {
            return false
        }
    }
}
