import Foundation
import XCTest

/// `samla inspect` through the built binary: the csv-spectrum conformance files read to exactly
/// their expected rows, and a file no code page reads is refused with its place.
final class InspectEndToEndTests: XCTestCase {
    private func json(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try XCTUnwrap(object as? [String: Any], file: file, line: line)
    }

    func testCsvSpectrumGivesExactlyTheExpectedRows() throws {
        let directory = EndToEndPaths.shared("corpora/csv-spectrum")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory + "/csvs")
            .filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) }
            // Upstream's expectation for this one is wrong (see corpora/README.md).
            .filter { $0 != "location_coordinates" }.sorted()
        XCTAssertEqual(names.count, 11)
        for name in names {
            let result = try SamlaProcess.run(["inspect", "\(directory)/csvs/\(name).csv", "--json"])
            XCTAssertEqual(result.status, 0, "\(name): \(result.stderr)")
            let output = try json(result.stdout)
            let header = try XCTUnwrap(output["header"] as? [String], name)
            let rows = try XCTUnwrap(output["rows"] as? [[String]], name)
            let expected = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(directory)/json/\(name).json"))) as? [[String: String]])
            XCTAssertEqual(rows.map { Dictionary(zip(header, $0), uniquingKeysWith: { a, _ in a }) }, expected, name)
            XCTAssertTrue(rows.allSatisfy { $0.count == header.count }, name)
            XCTAssertEqual((output["problems"] as? [Any])?.count, 0, name)
            XCTAssertEqual(output["encoding"] as? String, "utf-8", name)
            XCTAssertEqual(output["delimiter"] as? String, ",", name)
            XCTAssertEqual(output["layout"] as? String, "generic", name)
            XCTAssertTrue(output["mapping"] is NSNull, name)
        }
    }

    func testCzechWindows1250IsRefusedWithARequestForTheEncoding() throws {
        for name in ["TH_20180101-20180523_strana_1.csv", "Movements_1234512345_201805271848.csv"] {
            let path = EndToEndPaths.shared("corpora/bank2ynab-testdata/\(name)")
            let result = try SamlaProcess.run(["inspect", path, "--json"])
            XCTAssertEqual(result.status, 1, name)
            XCTAssertEqual(result.stdout, "", "nothing half-decoded is printed")
            XCTAssertTrue(result.stderr.hasPrefix("\(path):1:"), result.stderr)
            XCTAssertTrue(result.stderr.contains("error: The file is not UTF-8"), result.stderr)
            XCTAssertTrue(result.stderr.contains("--encoding"), result.stderr)
        }
    }

    func testRaggedRowsAreLocatedAndTheTableIsReadable() throws {
        let path = EndToEndPaths.shared("corpora/csvkit-examples/bad.csv")
        let result = try SamlaProcess.run(["inspect", path, "--json"])
        XCTAssertEqual(result.status, 0)
        let problems = try XCTUnwrap(try json(result.stdout)["problems"] as? [[String: Any]])
        XCTAssertEqual(problems.map { [$0["line"] as? Int, $0["column"] as? Int] }, [[2, 7], [3, 18]])
        let table = try SamlaProcess.run(["inspect", path, "--limit", "2"])
        XCTAssertEqual(table.status, 0)
        XCTAssertTrue(table.stdout.contains("rows       3 (the first 2 shown)"), table.stdout)
        XCTAssertTrue(table.stdout.contains("\(path):2:7: error: This record has 4 fields"), table.stdout)
        XCTAssertTrue(table.stdout.contains("column_a │ column_b"), table.stdout)
    }

    func testASparseSurveyMonkeyHeaderIsShownAsTheHeader() throws {
        // Only multiple-choice columns: the first row is mostly empty and the second holds option
        // labels, so the CSV reader's guess sees no header; the tool's signature says where it is.
        let directory = EndToEndPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("monkey.csv").path
        let tools = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1"]
        let options = (1...8).map { "Option \($0)" }
        var lines = [(tools + ["Which options?"] + Array(repeating: "", count: 7)).joined(separator: ",")]
        lines.append((Array(repeating: "", count: 9) + options).joined(separator: ","))
        for respondent in 1...3 {
            lines.append((["\(respondent)", "7", "11/18/2020 10:02:33 AM", "11/18/2020 10:05:00 AM", "192.0.2.\(respondent)", "", "", "", ""]
                          + options.enumerated().map { $0.offset % respondent == 0 ? $0.element : "" }).joined(separator: ","))
        }
        try (lines.joined(separator: "\r\n") + "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
        let result = try SamlaProcess.run(["inspect", path, "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let output = try json(result.stdout)
        XCTAssertEqual(output["layout"] as? String, "surveymonkey", result.stdout)
        XCTAssertEqual((output["header"] as? [String])?.first, "Respondent ID", result.stdout)
        XCTAssertEqual((output["rows"] as? [[String]])?.map { $0.first }, ["1", "2", "3"], "the option row is header, not a row")
    }
}
