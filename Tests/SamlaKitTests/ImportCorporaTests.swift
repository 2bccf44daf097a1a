import Foundation
import SamlaKit
import XCTest

/// Every CSV of the shared corpora (written by others) read the way `samla inspect` and
/// `samla import` read them: each either reads, or is refused with a located reason; nothing is
/// ever silently mis-decoded.
final class ImportCorporaTests: XCTestCase {
    private struct Entry: Decodable {
        var path: String
        var valid_utf8: Bool
        var utf16_bom: Bool
    }

    private func manifest() throws -> [Entry] {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestPaths.shared("corpora/MANIFEST.json")))
        return try JSONDecoder().decode([Entry].self, from: data)
            .filter { ["csv", "tsv", "psv", "ssv", "xls", ""].contains(URL(fileURLWithPath: $0.path).pathExtension.lowercased()) }
    }

    func testEveryCorpusFileReadsOrIsRefusedWithALocatedReason() throws {
        let entries = try manifest()
        XCTAssertGreaterThan(entries.count, 140)
        var refused: [String] = []
        for entry in entries {
            let path = TestPaths.shared("corpora/" + entry.path)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            let lines = bytes.reduce(1) { $1 == 10 ? $0 + 1 : $0 } + bytes.filter { $0 == 13 }.count
            do {
                let inspection = try ExportInspection.inspect(path: path, limit: .max)
                // U+FFFD in a cell only where the file's own bytes spell it (mojibake baked in upstream).
                let replacement = Data([0xEF, 0xBF, 0xBD])
                if bytes.range(of: replacement) == nil {
                    XCTAssertFalse(inspection.rows.joined().contains { $0.contains("\u{FFFD}") }, "\(entry.path) decoded with U+FFFD")
                }
                if !entry.valid_utf8 && !entry.utf16_bom {
                    XCTAssertNotEqual(inspection.encoding.rawValue, "utf-8", "\(entry.path) is not UTF-8 but was read as UTF-8")
                }
                for problem in inspection.problems {
                    XCTAssertEqual(problem.location.file, path)
                    XCTAssertTrue((1...lines).contains(problem.location.line) && problem.location.column >= 1,
                                  "\(entry.path): \(problem) is not at a place in the file")
                }
            } catch let error as DiagnosticsError {
                refused.append(entry.path)
                for problem in error.diagnostics {
                    XCTAssertTrue(problem.location.line >= 1 && problem.location.column >= 1, "\(entry.path): \(problem)")
                    XCTAssertTrue("\(problem)".contains("--encoding"), "\(entry.path): a refusal says how to go on: \(problem)")
                }
            }
        }
        // The refusals are the files no single-byte code page reads plausibly, Czech Windows-1250 among them.
        XCTAssertTrue(refused.contains("bank2ynab-testdata/TH_20180101-20180523_strana_1.csv"), "\(refused)")
        XCTAssertTrue(refused.contains("bank2ynab-testdata/Movements_1234512345_201805271848.csv"), "\(refused)")
        XCTAssertLessThanOrEqual(refused.count, 6, "\(refused)")
    }

    func testLatin1FilesReadAsWindows1252() throws {
        let inspection = try ExportInspection.inspect(path: TestPaths.shared("corpora/csvkit-examples/test_latin1.csv"))
        XCTAssertEqual(inspection.encoding.rawValue, "windows-1252")
        XCTAssertEqual(inspection.header, ["a", "b", "c"])
        XCTAssertEqual(inspection.rows, [["1", "2", "3"], ["4", "5", "©"]])
    }

    func testCzechExportIsRefusedAtTheFirstDoubtfulByteAndImportsNothing() throws {
        let directory = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = TestPaths.shared("corpora/bank2ynab-testdata/TH_20180101-20180523_strana_1.csv")
        let survey = try writeSurvey("""
            format: 1
            id: bank
            title: Bank
            languages: [cs]
            questions:
              - {id: amount, type: number, text: Částka}
            """, in: directory)
        let store = directory.appendingPathComponent("s.sqlite").path
        let report = try SurveyImporter(survey: survey, options: ImportOptions()).run(files: [path], storePath: store)[0]
        XCTAssertTrue(report.refused)
        let problem = try XCTUnwrap(report.diagnostics.errors.first)
        XCTAssertEqual(problem.location.line, 1)
        XCTAssertGreaterThan(problem.location.column, 1)
        XCTAssertTrue(problem.message.contains("not UTF-8"), problem.message)
        XCTAssertTrue(problem.hint?.contains("--encoding") == true, "\(problem)")
        XCTAssertEqual(try ResponseStore(path: store).count(.init(surveyID: "bank", includeDrafts: true)), 0)
    }
}
