import Foundation
import XCTest
@testable import XLSXWriter

/// One workbook with a streamed (constant-memory) sheet beside ordinary in-memory sheets.
final class MemoryModeTests: XCTestCase {
    func testStreamedAndInMemorySheetsInOneWorkbook() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("mixed.xlsx")
        let workbook = try Workbook(path: path, options: WorkbookOptions(constantMemory: true))
        let responses = try workbook.addWorksheet(name: "Responses")
        let summary = try workbook.addWorksheet(name: "Summary", constantMemory: false)
        XCTAssertTrue(responses.isConstantMemory)
        XCTAssertFalse(summary.isConstantMemory)

        let rowCount = 12_000
        let columns = 8
        try responses.writeRow((0..<columns).map { "Q\($0)" }, row: 0)
        var answers = [String](repeating: "", count: columns)
        for row in 1...rowCount {
            for column in 0..<columns { answers[column] = "r\(row)c\(column)" }
            try responses.writeRow(answers, row: row)
        }

        // The summary is written out of order, which only an in-memory sheet allows.
        try summary.writeString("Disagree", row: 3, column: 0)
        try summary.writeNumber(7, row: 3, column: 1)
        try summary.writeString("Agree", row: 1, column: 0)
        try summary.writeNumber(21, row: 1, column: 1)
        try summary.writeString("Neutral", row: 2, column: 0)
        try summary.writeNumber(2, row: 2, column: 1)
        try summary.writeRow(["Answer", "Count"], row: 0)
        try summary.addTable(CellRange(firstRow: 0, firstColumn: 0, lastRow: 3, lastColumn: 1), headers: ["Answer", "Count"])

        let chart = try workbook.addChart(.bar)
        try chart.addSeries(values: .column(1, rows: 1...3), categories: .column(0, rows: 1...3), in: summary, name: "Count")
        try summary.insertChart(chart, row: 5, column: 0)
        let streamedChart = try workbook.addChart(.column)
        try streamedChart.addSeries(values: .column(0, rows: 1...3), in: responses)
        try summary.insertChart(streamedChart, row: 25, column: 0)

        // Rows already streamed stay closed on the big sheet.
        XCTAssertThrowsError(try responses.writeString("late", row: 5, column: 0))
        try workbook.close()

        let big = try ReadBack.read(path, mode: "rows", extra: ["Responses"])
        XCTAssertEqual(big["rows"] as? Int, rowCount + 1)
        XCTAssertEqual(big["cells"] as? Int, (rowCount + 1) * columns)
        XCTAssertEqual(big["first"] as? [String], (0..<columns).map { "Q\($0)" })
        XCTAssertEqual(big["last"] as? [String], (0..<columns).map { "r\(rowCount)c\($0)" })
        XCTAssertEqual(big["sheets"] as? [String], ["Responses", "Summary"])

        let book = try ReadBackWorkbook(path: path)
        // The streamed sheet used inline strings, the in-memory one the shared-string table.
        XCTAssertTrue(book.sheetXML(index: 1).contains("t=\"inlineStr\""))
        XCTAssertFalse(book.sheetXML(index: 2).contains("inlineStr"))
        XCTAssertTrue(book.sheetXML(index: 2).contains("t=\"s\""))
        XCTAssertEqual(book.cell("Summary", "A2")?["value"] as? String, "Agree")
        XCTAssertEqual(book.cell("Summary", "B2")?["value"] as? Double, 21)
        XCTAssertEqual(book.cell("Summary", "A4")?["value"] as? String, "Disagree")
        let tables = try XCTUnwrap(book.sheet("Summary")?["tables"] as? [[String: Any]])
        XCTAssertEqual(tables.first?["ref"] as? String, "A1:B4")
        XCTAssertEqual(book.sheet("Summary")?["charts"] as? Int, 2)

        let cached = try XCTUnwrap(book.charts["xl/charts/chart1.xml"])
        XCTAssertEqual(cached["numCache"] as? [[Double]], [[21, 2, 7]])
        XCTAssertEqual(cached["strCache"] as? [[String]], [["Agree", "Neutral", "Disagree"]])
        // libxlsxwriter cannot read back a streamed sheet, so that chart has references only.
        let uncached = try XCTUnwrap(book.charts["xl/charts/chart2.xml"])
        XCTAssertEqual(uncached["numCache"] as? [[Double]], [])
        XCTAssertEqual(uncached["formulas"] as? [String], ["Responses!$A$2:$A$4"])
    }

    func testConstantMemorySheetNeedsAConstantMemoryWorkbook() throws {
        let dir = try TemporaryDirectory()
        let workbook = try Workbook(path: dir.path("normal.xlsx"))
        XCTAssertThrowsError(try workbook.addWorksheet(name: "Big", constantMemory: true)) {
            guard case .invalidArgument = $0 as? XLSXError else { return XCTFail("unexpected \($0)") }
        }
        XCTAssertFalse(try workbook.addWorksheet(name: "Small", constantMemory: false).isConstantMemory)
        XCTAssertFalse(try workbook.addWorksheet(name: "Default").isConstantMemory)
    }

    /// Writes 200,000 rows × 10 cells to a streamed sheet and watches resident memory: after
    /// the first rows it must not keep growing with the data (an in-memory sheet would need
    /// several hundred megabytes for this).
    func testStreamedSheetKeepsMemoryFlat() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("flat.xlsx")
        let workbook = try Workbook(path: path, options: WorkbookOptions(constantMemory: true))
        let small = try workbook.addWorksheet(name: "Summary", constantMemory: false)
        try small.writeString("summary", row: 0, column: 0)
        let sheet = try workbook.addWorksheet(name: "Responses")
        var samples: [Int] = []
        var row = [String](repeating: "", count: 10)
        let total = 200_000
        for index in 0..<total {
            for column in 0..<10 { row[column] = "answer \(index) in column \(column), with some more words" }
            try sheet.writeRow(row, row: index)
            if index % 40_000 == 39_999 { samples.append(try residentBytes()) }
        }
        let growth = samples.last! - samples.first!
        XCTAssertLessThan(growth, 16 << 20, "resident memory grew by \(growth >> 20) MB while streaming: \(samples.map { $0 >> 20 }) MB")
        try workbook.close()

        let counted = try ReadBack.read(path, mode: "count", extra: ["xl/worksheets/sheet2.xml"])
        XCTAssertEqual(counted["rows"] as? Int, total)
        XCTAssertEqual(counted["lastRow"] as? Int, total)
    }

    /// Current resident set size. Linux-only source (/proc), like the CI machines.
    private func residentBytes() throws -> Int {
        let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else {
            throw ReadBack.Failure(description: "cannot parse /proc/self/statm: \(statm)")
        }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// libxlsxwriter 1.1.4 closes a streamed sheet's temporary file only when it copies rows
    /// out of it; the wrapper closes the rest (empty sheets, sheets switched to in-memory,
    /// workbooks dropped without closing).
    func testNoTemporaryFileIsLeaked() throws {
        let dir = try TemporaryDirectory()
        let before = try openDescriptors()
        for round in 0..<20 {
            let workbook = try Workbook(path: dir.path("leak\(round).xlsx"), options: WorkbookOptions(constantMemory: true))
            _ = try workbook.addWorksheet(name: "Empty")
            _ = try workbook.addWorksheet(name: "InMemory", constantMemory: false)
            let used = try workbook.addWorksheet(name: "Used")
            try used.writeString("x", row: 0, column: 0)
            if round % 2 == 0 { try workbook.close() }
        }
        XCTAssertEqual(try openDescriptors(), before)
    }

    private func openDescriptors() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
    }
}
