import Foundation
import XCTest
@testable import XLSXWriter

final class ReproducibilityTests: XCTestCase {
    /// A streamed workbook (its summary held and written at close) or one kept in memory, with a table.
    private func build(_ path: String, created: Date?, streamed: Bool = true) throws {
        let workbook = try Workbook(path: path, options: WorkbookOptions(constantMemory: streamed))
        try workbook.setProperties(DocumentProperties(title: "Workshop =report", author: "Samla", created: created))
        let data = try workbook.addWorksheet(name: "Responses")
        let summary = try workbook.addWorksheet(name: "Summary", constantMemory: false)
        for row in 0..<50 { try data.writeRow(["a\(row)", "b\(row)"], row: row) }
        try summary.writeRow([.string("x"), .number(1)], row: 0)
        try summary.writeRow([.string("y"), .number(2)], row: 1)
        if !streamed {
            try summary.addTable(CellRange(firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 1), headers: ["k", "v"])
        }
        let chart = try workbook.addChart(.pie)
        try chart.addSeries(values: .column(1, rows: 0...1), categories: .column(0, rows: 0...1), in: summary)
        try summary.insertChart(chart, row: 3, column: 0)
        try workbook.close()
    }

    func testFixedCreationDateGivesIdenticalFiles() throws {
        let dir = try TemporaryDirectory()
        let created = Date(timeIntervalSince1970: 1_600_000_000)
        for streamed in [true, false] {
            try build(dir.path("one-\(streamed).xlsx"), created: created, streamed: streamed)
        }
        Thread.sleep(forTimeInterval: 1.1)  // a leaked wall-clock time would now differ
        for streamed in [true, false] {
            try build(dir.path("two-\(streamed).xlsx"), created: created, streamed: streamed)
            let one = try Data(contentsOf: URL(fileURLWithPath: dir.path("one-\(streamed).xlsx")))
            let two = try Data(contentsOf: URL(fileURLWithPath: dir.path("two-\(streamed).xlsx")))
            XCTAssertEqual(one, two, streamed ? "streamed" : "in memory")
        }

        let book = try ReadBackWorkbook(path: dir.path("one-true.xlsx"))
        let core = try XCTUnwrap(book.json["core"] as? String)
        XCTAssertTrue(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2020-09-13T12:26:40Z</dcterms:created>"), core)
        XCTAssertTrue(core.contains("<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2020-09-13T12:26:40Z</dcterms:modified>"), core)
        let properties = try XCTUnwrap(book.json["properties"] as? [String: Any])
        XCTAssertEqual(properties["title"] as? String, "Workshop =report")
        XCTAssertEqual(properties["creator"] as? String, "Samla")
    }

    func testWithoutADateTheCurrentTimeIsUsed() throws {
        let dir = try TemporaryDirectory()
        try build(dir.path("now.xlsx"), created: nil)
        let core = try XCTUnwrap(try ReadBackWorkbook(path: dir.path("now.xlsx")).json["core"] as? String)
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        XCTAssertTrue(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(year)-"), core)
    }

    func testSourceDateEpoch() {
        XCTAssertEqual(DocumentProperties.sourceDateEpoch(in: ["SOURCE_DATE_EPOCH": "1600000000"]),
                       Date(timeIntervalSince1970: 1_600_000_000))
        XCTAssertNil(DocumentProperties.sourceDateEpoch(in: [:]))
        XCTAssertNil(DocumentProperties.sourceDateEpoch(in: ["SOURCE_DATE_EPOCH": "soon"]))
        XCTAssertNil(DocumentProperties.sourceDateEpoch(in: ["SOURCE_DATE_EPOCH": "-5"]))
        // libxlsxwriter reads 0 as "now"; the epoch is moved one second on instead.
        XCTAssertEqual(DocumentProperties(created: Date(timeIntervalSince1970: 0)).createdTimestamp, 1)
        XCTAssertEqual(DocumentProperties(created: nil).createdTimestamp, 0)
    }
}
