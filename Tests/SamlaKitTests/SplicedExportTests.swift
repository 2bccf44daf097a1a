import Foundation
import SamlaTestSupport
import XCTest
import XLSXWriter
@testable import SamlaKit

/// A streamed export (Responses, Free text and the Follow-up list continued on numbered sheets)
/// with the fast paths on, where those sheets' rows are written as XML and spliced in
/// (``SplicedRows``), and off, where every cell goes through libxlsxwriter: every other part the
/// same bytes, the spliced sheets the same cells, parsed and through openpyxl, and LibreOffice
/// reads the file; respondents' text that looks like the XML around it, like the markers, or like
/// a formula stays the text it was.
final class SplicedExportTests: XCTestCase {
    static let hostile = [
        "<row r=\"2\"><c r=\"A2\"><v>1</v></c></row>", "</row></sheetData>", "<is><t>x</t></is>", "=1+1",
        "=HYPERLINK(\"http://example.invalid\",\"click\")", "@SUM(A1)", "  leading and trailing  ", "\ttab first",
        "emoji 🙂 och åäö", "bell\u{07} and nul\u{00} and esc\u{1B}", "crlf\r\nline", "_x0041_ as typed",
        "samla-rows-00000000000000000000000000000000-0-first", "& < > \" '", String(repeating: "lång text ", count: 3_500),
    ]

    func testASplicedExportSaysWhatTheLibraryWrites() throws {
        let directory = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let survey = try SurveyLoader.require(path: TestPaths.repo("surveys/tnc-workshop.yaml"))
        let store = try ResponseStore(path: directory.appendingPathComponent("store.sqlite").path)
        let start = Date(timeIntervalSince1970: 1_741_780_800)
        var responses: [Response] = []
        for i in 0..<300 {
            let text = Self.hostile[i % Self.hostile.count]
            var answers: Answers = ["role": .choice(i % 3 == 0 ? "municipality" : "region"), "collaboration": .number(Double(i % 5 + 1)),
                                    "involvement": .choices(["contact"], other: nil), "similar": .text(text),
                                    "ongoing": .text(Self.hostile[(i + 5) % Self.hostile.count]),
                                    "name": .text("Person \(i) \(text.prefix(40))"), "email": .text("p\(i)@example.se")]
            if i % 7 == 0 { answers["city"] = .choice("umea") }
            responses.append(Response(surveyID: survey.id, definitionHash: survey.definitionHash, session: i % 2 == 0 ? "Umeå" : "Luleå",
                                      language: "sv", startedAt: start.addingTimeInterval(Double(i) * 61.7),
                                      submittedAt: start.addingTimeInterval(Double(i) * 61.7 + 333.3), answers: answers))
        }
        try store.write { writer in
            try writer.register(survey)
            for response in responses { try writer.insert(response) }
        }
        let summary = try Analyzer(survey: survey, options: AnalysisOptions(language: "en")).summarize(store: store)
        // Streamed from three responses on, as the bench's workbooks are from 10,001, and 120 rows a sheet.
        let options = ExportOptions(created: Date(timeIntervalSince1970: 1_750_000_000), responsesTableLimit: 2, rowsPerSheet: 120)
        var paths: [Bool: String] = [:]
        var spliced: [Bool: UInt64] = [:]
        for fast in [true, false] {
            let path = directory.appendingPathComponent(fast ? "on.xlsx" : "off.xlsx").path
            try FastPaths.with(enabled: fast) {
                let before = FastPaths.sheetsSpliced
                _ = try SurveyExport.write(survey: survey, store: store, summary: summary, targets: SurveyExport.Targets(xlsx: path),
                                           options: options)
                spliced[fast] = FastPaths.sheetsSpliced - before
            }
            paths[fast] = path
        }
        let on = try XCTUnwrap(paths[true]), off = try XCTUnwrap(paths[false])
        let book = try WorkbookReadBack.read(on)
        let offBook = try WorkbookReadBack.read(off)
        XCTAssertEqual(book.sheets, offBook.sheets)
        let series = book.sheets.filter { $0.hasPrefix("Responses") || $0.hasPrefix("Free text") || $0.hasPrefix("Follow-up") }
        XCTAssertTrue(series.contains("Responses (3)") && series.contains("Free text (2)") && series.contains("Follow-up (2)"), "\(book.sheets)")
        XCTAssertEqual(spliced[true], UInt64(series.count), "every sheet of the three lists spliced with the fast paths on")
        XCTAssertEqual(spliced[false], 0)

        let parts = try WorkbookParts.compare(on, off)
        XCTAssertEqual(parts.problems, [])
        let seriesParts = Set(series.compactMap { book.sheets.firstIndex(of: $0) }.map { "xl/worksheets/sheet\($0 + 1).xml" })
        XCTAssertTrue(Set(parts.differentBytes).isSubset(of: seriesParts), "only the spliced sheets may differ in bytes: \(parts.differentBytes)")
        print("SplicedExportTests: spliced sheets whose bytes differ from the library's: \(parts.differentBytes) of \(seriesParts.sorted())")

        for sheet in book.sheets {
            let a = book.cells[sheet] ?? [:], b = offBook.cells[sheet] ?? [:]
            let differing = Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
            XCTAssertEqual(differing, [], "\(sheet): " + differing.prefix(3).map { "\($0): \(String(describing: a[$0])) on, \(String(describing: b[$0])) off" }.joined(separator: "; "))
        }
        XCTAssertEqual(book.autofilter, offBook.autofilter)
        XCTAssertEqual(book.freeze, offBook.freeze)
        XCTAssertEqual(book.formulaCount, 0, "no respondent text became a formula")
        let freeText = (book.cells["Free text"] ?? [:]).values.compactMap(\.value)
        for text in Self.hostile.prefix(5) {
            XCTAssertTrue(freeText.contains(text), "the free text \(text) is listed as written")
        }

        // LibreOffice's reading of every sheet, spliced (cells without references, gaps filled
        // with empty cells) and not: the same text, cell for cell.
        let csv = try Python.run(["-c", #"""
import json, os, subprocess, sys, tempfile
on, off, folder = sys.argv[1], sys.argv[2], sys.argv[3]
profile = tempfile.mkdtemp(prefix="samla-lo-")
read = {}
for path, side in ((on, "on"), (off, "off")):
    out = os.path.join(folder, side)
    subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", out, path],
                   check=True, capture_output=True, timeout=600)
    read[side] = {n[len(side) + 1:-4]: open(os.path.join(out, n), encoding="utf-8").read() for n in os.listdir(out) if n.endswith(".csv")}
print(json.dumps({"sheets": sorted(read["on"]), "differing": sorted(n for n in set(read["on"]) | set(read["off"]) if read["on"].get(n) != read["off"].get(n))}))
"""#, on, off, directory.appendingPathComponent("csv").path])
        let office = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(csv.utf8)) as? [String: Any])
        let sheetsRead = Set(office["sheets"] as? [String] ?? [])
        for sheet in series {
            XCTAssertTrue(sheetsRead.contains(sheet), "LibreOffice reads \(sheet): \(sheetsRead.sorted())")
        }
        XCTAssertEqual(office["differing"] as? [String], [], "LibreOffice reads the same cells with the fast paths on and off")
    }
}
