import Foundation
import XCTest
@testable import XLSXWriter

final class LifecycleTests: XCTestCase {
    func testClosingTwiceThrows() throws {
        let dir = try TemporaryDirectory()
        let workbook = try Workbook(path: dir.path("twice.xlsx"))
        try workbook.addWorksheet().writeString("x", row: 0, column: 0)
        XCTAssertFalse(workbook.isClosed)
        try workbook.close()
        XCTAssertTrue(workbook.isClosed)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.path("twice.xlsx")))
        XCTAssertThrowsError(try workbook.close()) { XCTAssertEqual($0 as? XLSXError, .workbookClosed) }
    }

    func testEveryHandleIsDeadAfterClose() throws {
        let dir = try TemporaryDirectory()
        let workbook = try Workbook(path: dir.path("dead.xlsx"))
        let sheet = try workbook.addWorksheet(name: "Data")
        let format = try workbook.addFormat(CellStyle(bold: true))
        try sheet.writeNumber(1, row: 0, column: 0)
        try sheet.writeNumber(2, row: 1, column: 0)
        let chart = try workbook.addChart(.column)
        try chart.addSeries(values: .column(0, rows: 0...1), in: sheet)
        try workbook.close()

        let closed: [(String, () throws -> Void)] = [
            ("writeString", { try sheet.writeString("x", row: 2, column: 0) }),
            ("writeString with format", { try sheet.writeString("x", row: 2, column: 0, format: format) }),
            ("writeNumber", { try sheet.writeNumber(1, row: 2, column: 0) }),
            ("writeBoolean", { try sheet.writeBoolean(true, row: 2, column: 0) }),
            ("writeBlank", { try sheet.writeBlank(row: 2, column: 0, format: format) }),
            ("writeURL", { try sheet.writeURL("https://example.org", row: 2, column: 0) }),
            ("writeFormula", { try sheet.writeFormula("=1", row: 2, column: 0) }),
            ("setColumnWidth", { try sheet.setColumnWidth(10, column: 0) }),
            ("setRowHeight", { try sheet.setRowHeight(10, row: 0) }),
            ("freezePanes", { try sheet.freezePanes(row: 1, column: 0) }),
            ("setAutofilter", { try sheet.setAutofilter(CellRange(firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 0)) }),
            ("mergeRange", { try sheet.mergeRange(CellRange(firstRow: 5, firstColumn: 0, lastRow: 5, lastColumn: 1), text: "m") }),
            ("addTable", { try sheet.addTable(CellRange(firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 0), headers: ["A"]) }),
            ("insertChart", { try sheet.insertChart(chart, row: 3, column: 3) }),
            ("hideGridlines", { try sheet.hideGridlines() }),
            ("chart.addSeries", { try chart.addSeries(values: .column(0, rows: 0...1), in: sheet) }),
            ("chart.setTitle", { try chart.setTitle("t") }),
            ("chart.setLegend", { try chart.setLegend(.none) }),
            ("chart.setValueAxis", { try chart.setValueAxis(ChartAxis(min: 0)) }),
            ("addWorksheet", { _ = try workbook.addWorksheet() }),
            ("addFormat", { _ = try workbook.addFormat(CellStyle(italic: true)) }),
            ("addChart", { _ = try workbook.addChart(.pie) }),
            ("setProperties", { try workbook.setProperties(DocumentProperties(title: "t")) }),
        ]
        for (name, call) in closed {
            XCTAssertThrowsError(try call(), name) { XCTAssertEqual($0 as? XLSXError, .workbookClosed, name) }
        }
    }

    func testFormatFromAnotherWorkbookIsRefused() throws {
        let dir = try TemporaryDirectory()
        let first = try Workbook(path: dir.path("first.xlsx"))
        let second = try Workbook(path: dir.path("second.xlsx"))
        let foreign = try second.addFormat(CellStyle(bold: true))
        let sheet = try first.addWorksheet()
        XCTAssertThrowsError(try sheet.writeString("x", row: 0, column: 0, format: foreign)) {
            XCTAssertEqual($0 as? XLSXError, .foreignHandle)
        }
        XCTAssertThrowsError(try sheet.addTable(CellRange(firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 0), headers: ["a"],
                                                options: TableOptions(headerFormat: foreign))) {
            XCTAssertEqual($0 as? XLSXError, .foreignHandle)
        }
    }

    func testWorkbookNeverClosedWritesNothing() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("abandoned.xlsx")
        do {
            let workbook = try Workbook(path: path, options: WorkbookOptions(constantMemory: true))
            let sheet = try workbook.addWorksheet()
            for row in 0..<100 { try sheet.writeString("row \(row)", row: row, column: 0) }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }

    /// Handles keep their workbook alive, so a sheet outliving every other reference still
    /// works and the workbook is freed only after the sheet goes.
    func testSheetKeepsItsWorkbookAlive() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("alive.xlsx")
        var sheet: Worksheet? = try Workbook(path: path).addWorksheet(name: "Kept")
        weak let weakWorkbook = sheet?.workbook
        try sheet?.writeString("still here", row: 0, column: 0)
        XCTAssertNotNil(weakWorkbook)
        try weakWorkbook?.close()
        sheet = nil
        XCTAssertNil(weakWorkbook)
        XCTAssertEqual(try ReadBackWorkbook(path: path).cell("Kept", "A1")?["value"] as? String, "still here")
    }

    func testUnwritablePathFailsAtClose() throws {
        let dir = try TemporaryDirectory()
        let workbook = try Workbook(path: dir.path("missing-directory/out.xlsx"))
        try workbook.addWorksheet().writeString("x", row: 0, column: 0)
        XCTAssertThrowsError(try workbook.close()) { XCTAssertEqual($0 as? XLSXError, .creatingXLSXFile) }
        XCTAssertTrue(workbook.isClosed)
        XCTAssertThrowsError(try workbook.close()) { XCTAssertEqual($0 as? XLSXError, .workbookClosed) }
    }
}
