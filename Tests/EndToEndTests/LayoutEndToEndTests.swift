import Foundation
import SamlaKit
import XCTest

/// Every tool's layout through the binary: `samla draft` → `samla import` → `samla export --json`
/// keeps the words of the answer cells (counted by Python's csv module, not Samla's reader), the
/// import ends with its accounting, and `--strict` refuses a file with cells that would not arrive.
final class LayoutEndToEndTests: XCTestCase {
    private var directory: URL!
    private var storePath: String { directory.appendingPathComponent("store.sqlite").path }

    override func setUpWithError() throws {
        directory = EndToEndPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func fixture(_ name: String) -> String { EndToEndPaths.repo("Tests/Fixtures/layouts/\(name)") }

    /// Header rows as the layout notes describe each tool's export.
    /// LimeSurvey's unfinished responses (no submission date, column 2) are stored as drafts, which no export holds.
    private let layouts: [(file: String, headerRows: Int, rows: Int, unfinishedColumn: Int?)] = [
        ("google-sections.csv", 1, 4, nil), ("microsoft.csv", 1, 4, nil), ("limesurvey-de.csv", 1, 5, 1), ("limesurvey-es.csv", 1, 3, 1),
        ("kobo-labels.csv", 1, 6, nil), ("surveymonkey.csv", 2, 3, nil), ("qualtrics.csv", 3, 5, nil), ("typeform.csv", 1, 3, nil),
    ]

    func testDraftImportExportKeepsTheAnswerWordsOfEveryLayout() throws {
        for layout in layouts {
            let name = (layout.file as NSString).deletingPathExtension
            let surveyPath = directory.appendingPathComponent("\(name).yaml").path
            let store = directory.appendingPathComponent("\(name).sqlite").path
            let draft = try SamlaProcess.run(["draft", fixture(layout.file), "--out", surveyPath])
            XCTAssertEqual(draft.status, 0, "\(layout.file): \(draft.stderr)")
            let imported = try SamlaProcess.run(["import", surveyPath, fixture(layout.file), "--store", store, "--strict"])
            XCTAssertEqual(imported.status, 0, "\(layout.file): \(imported.stdout)\n\(imported.stderr)")
            XCTAssertTrue(imported.stdout.contains("rows read          \(layout.rows) (under \(layout.headerRows) header row"), "\(layout.file): \(imported.stdout)")
            XCTAssertTrue(imported.stdout.contains("responses stored   \(layout.rows)"), "\(layout.file): \(imported.stdout)")
            XCTAssertTrue(imported.stdout.contains("every non-empty cell is accounted for"), "\(layout.file): \(imported.stdout)")
            let json = directory.appendingPathComponent("\(name).json").path
            let exported = try SamlaProcess.run(["export", surveyPath, "--store", store, "--json", json, "--xlsx", directory.appendingPathComponent("\(name).xlsx").path])
            XCTAssertEqual(exported.status, 0, "\(layout.file): \(exported.stderr)")
            let counted = try runPython([EndToEndPaths.repo("Tests/EndToEndTests/word_survival.py"), fixture(layout.file), json, String(layout.headerRows)]
                                    + (layout.unfinishedColumn.map { [String($0)] } ?? []))
            let lines = counted.split(separator: "\n", omittingEmptySubsequences: false)
            let figures = lines.first?.split(separator: " ").compactMap { Int($0) } ?? []
            XCTAssertEqual(figures.count, 2, counted)
            guard figures.count == 2, figures[1] > 0 else { continue }
            let share = Double(figures[0]) / Double(figures[1])
            XCTAssertGreaterThanOrEqual(share, 0.995, "\(layout.file): \(figures[0]) of \(figures[1]) words arrived; missing: \(lines.dropFirst().joined())")
        }
    }

    func testImportPrintsTheAccountingAndStrictRefuses() throws {
        let survey = directory.appendingPathComponent("cities.yaml").path
        try """
            format: 1
            id: cities
            title: Cities
            languages: [en]
            questions:
              - {id: city, type: text, text: "Which city are you based in?"}
              - {id: comments, type: text, text: "Any comments?"}
            """.write(toFile: survey, atomically: true, encoding: .utf8)
        let file = fixture("surveymonkey.csv")
        let strict = try SamlaProcess.run(["import", survey, file, "--store", storePath, "--strict"])
        XCTAssertEqual(strict.status, 1, strict.stdout + strict.stderr)
        XCTAssertTrue(strict.stderr.contains("column 'What should we focus on? [Housing]' matches no question, and its 2 non-empty cells would not be imported (--strict)"), strict.stderr)
        XCTAssertTrue(strict.stdout.contains("the file was refused: nothing imported"), strict.stdout)
        XCTAssertEqual(try countResponses(), 0, "nothing imported")

        let plain = try SamlaProcess.run(["import", survey, file, "--store", storePath])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertTrue(plain.stdout.contains("rows read          3 (under 2 header rows, which are not responses)"), plain.stdout)
        XCTAssertTrue(plain.stdout.contains("responses stored   3"), plain.stdout)
        XCTAssertTrue(plain.stdout.contains("column 11 'What should we focus on? [Housing]': 2 non-empty cells, matches no question: not imported"), plain.stdout)
        XCTAssertTrue(plain.stdout.contains("column 12 'What should we focus on? [Transport]': 2 non-empty cells"), plain.stdout)
        XCTAssertTrue(plain.stdout.contains("column 13 'What should we focus on? [Other (please specify)]': 1 non-empty cell"), plain.stdout)
        XCTAssertTrue(plain.stdout.contains("5 non-empty cells not imported; --strict refuses such a file"), plain.stdout)
        XCTAssertEqual(try countResponses(), 3)

        let inspect = try SamlaProcess.run(["inspect", file, "--survey", survey, "--json"])
        XCTAssertEqual(inspect.status, 0, inspect.stderr)
        let document = try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any]
        let accounting = try XCTUnwrap(document?["accounting"] as? [String: Any], inspect.stdout)
        XCTAssertEqual(accounting["headerRows"] as? Int, 2)
        XCTAssertEqual(accounting["rowsRead"] as? Int, 3)
        XCTAssertEqual(accounting["unaccountedCells"] as? Int, 5)
        XCTAssertEqual((accounting["leftOutColumns"] as? [[String: Any]])?.map { $0["nonEmptyCells"] as? Int }, [2, 2, 1])
    }

    private func countResponses() throws -> Int {
        guard FileManager.default.fileExists(atPath: storePath) else { return 0 }
        return try ResponseStore(path: storePath).count(.init(surveyID: "cities"))
    }

    private func runPython(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        return String(decoding: data, as: UTF8.self)
    }
}
