import Foundation
import SamlaTestSupport
import XCTest
import XLSXReader

/// Files that are not what they claim get a located message, never a crash: and a few hundred
/// damaged copies of a good workbook (cut short, bytes flipped) each end in rows or an error.
final class DamagedFilesTests: XCTestCase {
    var directory: URL!

    override func setUp() {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    private func error(reading url: URL, sheet: String? = nil) -> XLSXError? {
        do {
            _ = try Workbooks.rows(url, sheet: sheet)
            return nil
        } catch {
            return error as? XLSXError
        }
    }

    private func write(_ bytes: [UInt8], name: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    func testNotAZip() throws {
        let url = try write(Array("Name,Age\nÅsa,3\n".utf8), name: "export.xlsx")
        XCTAssertEqual(error(reading: url), .notAZip)
        XCTAssertFalse(XLSXWorkbook.looksLikeZip(url))
    }

    func testLegacyExcelSaysToSaveAsXlsx() throws {
        let url = try write([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504), name: "old.xls")
        XCTAssertEqual(error(reading: url), .legacyExcel)
        XCTAssertTrue(XLSXWorkbook.looksLikeLegacyExcel(url))
        XCTAssertEqual(XLSXError.legacyExcel.hint, "open it in Excel or LibreOffice and save it as .xlsx or CSV")
    }

    func testZipWithoutAWorkbook() throws {
        let url = try Workbooks.zip([("readme.txt", "hello")], in: directory, name: "other.zip")
        XCTAssertTrue(XLSXWorkbook.looksLikeZip(url))
        XCTAssertEqual(error(reading: url), .missingPart("xl/workbook.xml"))
    }

    func testTruncatedZip() throws {
        let good = try Workbooks.zip(Workbooks.parts(sheets: [("Sheet1", "<sheetData/>")]), in: directory)
        let bytes = Array(try Data(contentsOf: good))
        let url = try write(Array(bytes.prefix(bytes.count / 2)), name: "cut.xlsx")
        guard case .damagedZip? = error(reading: url) else { return XCTFail("expected a damaged zip, got \(String(describing: error(reading: url)))") }
    }

    func testMalformedSheetXMLIsLocated() throws {
        let body = "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>\n<row r=\"2\"><c r=\"A2\"><v>2</v></row></sheetData>"
        let url = try Workbooks.zip(Workbooks.parts(sheets: [("Sheet1", body)]), in: directory)
        let workbook = try XLSXWorkbook(url: url)
        let reader = try workbook.rows(of: workbook.sheet(named: nil))
        // The row before the break still arrives; then the problem, with its line.
        XCTAssertEqual(try reader.next(), XLSXRow(number: 1, cells: ["1"]))
        XCTAssertThrowsError(try reader.next()) { error in
            guard case .malformedPart(let part, let line, _, _)? = error as? XLSXError else { return XCTFail("\(error)") }
            XCTAssertEqual(part, "xl/worksheets/sheet1.xml")
            XCTAssertEqual(line, 3)
        }
    }

    func testMalformedWorkbookPartAndBadReferences() throws {
        var parts = Workbooks.parts(sheets: [("Sheet1", "<sheetData><row r=\"1\"><c r=\"1A\"><v>1</v></c></row></sheetData>")])
        XCTAssertEqual(error(reading: try Workbooks.zip(parts, in: directory)), .badCellReference(part: "xl/worksheets/sheet1.xml", reference: "1A"))
        parts = parts.map { $0.0 == "xl/workbook.xml" ? ($0.0, "<workbook><sheets>") : $0 }
        guard case .malformedPart(part: "xl/workbook.xml", _, _, _)? = error(reading: try Workbooks.zip(parts, in: directory)) else {
            return XCTFail("expected malformed workbook.xml")
        }
    }

    func testSharedStringIndexOutOfRange() throws {
        let body = "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row></sheetData>"
        let url = try Workbooks.zip(Workbooks.parts(sheets: [("Sheet1", body)], sharedStrings: ["<si><t>only</t></si>"]), in: directory)
        guard case .malformedPart(_, _, _, let reason)? = error(reading: url) else { return XCTFail("expected an error") }
        XCTAssertTrue(reason.contains("A1"), reason)
    }

    func testEntitiesAreNotExpandedFromOutside() throws {
        // An external entity must not pull a file into the cells.
        let parts = Workbooks.parts(sheets: [("Sheet1", "")]).map { path, text -> (String, String) in
            guard path == "xl/worksheets/sheet1.xml" else { return (path, text) }
            return (path, """
                <?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
                <worksheet xmlns="\(Workbooks.mainNamespace)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a&secret;b</t></is></c></row></sheetData></worksheet>
                """)
        }
        let url = try Workbooks.zip(parts, in: directory)
        if let rows = try? Workbooks.rows(url) {
            XCTAssertEqual(rows, [XLSXRow(number: 1, cells: ["ab"])])
        }
    }

    /// Cut short at every few hundred bytes, and single bytes flipped all over: each copy is read
    /// to the end or refused with an XLSXError, never a crash or another error type.
    func testFuzzedCopiesOfAGoodWorkbookNeverCrash() throws {
        let strings = (0..<40).map { "<si><t>answer \($0) ÅÄÖ</t></si>" }
        let rowsXML = (1...60).map { row in
            "<row r=\"\(row)\"><c r=\"A\(row)\" t=\"s\"><v>\(row % 40)</v></c><c r=\"B\(row)\" s=\"1\"><v>\(45000 + row)</v></c>"
                + "<c r=\"C\(row)\" t=\"inlineStr\"><is><t>free \(row)</t></is></c><c r=\"D\(row)\"><v>\(Double(row) / 7)</v></c></row>"
        }.joined()
        let body = "<sheetData>\(rowsXML)</sheetData><mergeCells><mergeCell ref=\"A1:B1\"/></mergeCells>"
        let good = try Workbooks.zip(Workbooks.parts(sheets: [("Sheet1", body)], sharedStrings: strings,
                                                     styles: "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>"), in: directory)
        let original = Array(try Data(contentsOf: good))
        XCTAssertEqual(try Workbooks.rows(good).count, 60)
        var generator = SplitMix(seed: 12)
        var outcomes = (read: 0, refused: 0)
        let url = directory.appendingPathComponent("fuzzed.xlsx")
        for trial in 0..<400 {
            var bytes = original
            if trial < 100 {
                bytes = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count))))
            } else {
                for _ in 0..<(1 + Int(generator.next() % 4)) {
                    let index = Int(generator.next() % UInt64(bytes.count))
                    bytes[index] ^= UInt8(truncatingIfNeeded: 1 + generator.next() % 255)
                }
            }
            try Data(bytes).write(to: url)
            do {
                _ = try Workbooks.rows(url)
                outcomes.read += 1
            } catch is XLSXError {
                outcomes.refused += 1
            } catch {
                XCTFail("trial \(trial): not an XLSXError: \(error)")
            }
        }
        XCTAssertEqual(outcomes.read + outcomes.refused, 400)
        XCTAssertGreaterThanOrEqual(outcomes.refused, 100, "every cut-short copy is refused")
    }
}

/// A small seeded generator, so a failing trial can be run again.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
