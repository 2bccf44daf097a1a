import Foundation
import XCTest
@testable import XLSXWriter

/// Shared strings on a constant-memory sheet: repeated labels stored once, read back exactly.
final class SharedStringTests: XCTestCase {
    func testRepeatedLabelsOnAStreamedSheetAreStoredOnceAndReadBackExactly() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("shared.xlsx")
        let workbook = try Workbook(path: path, options: WorkbookOptions(constantMemory: true))
        let sheet = try workbook.addWorksheet(name: "Responses")
        let summary = try workbook.addWorksheet(name: "Summary", constantMemory: false)
        let bold = try workbook.addFormat(CellStyle(bold: true))
        let labels = ["Kommun", "Region", "Lärosäte <&> \"forskning\"", "_x0041_ stays as typed", "två\nrader"]
        try summary.writeString("Kommun", row: 0, column: 0)
        let rows = 1_500
        for row in 0..<rows {
            try sheet.writeNumber(Double(row), row: row, column: 0)
            try sheet.writeSharedString(labels[row % labels.count], row: row, column: 1)
            try sheet.writeString("free \(row)", row: row, column: 2)
            try sheet.writeSharedString(labels[(row + 1) % labels.count], row: row, column: 3, format: row == 0 ? bold : nil)
        }
        try workbook.close()

        let book = try ReadBackWorkbook(path: path)
        let xml = book.sheetXML(index: 1)
        XCTAssertEqual(xml.components(separatedBy: "t=\"s\"").count - 1, rows * 2, "every label cell refers to the table")
        XCTAssertEqual(xml.components(separatedBy: "t=\"inlineStr\"").count - 1, rows, "free text stays inline")
        XCTAssertFalse(xml.contains("Region"))
        for row in [0, 1, 2, 3, 4, 1_234, rows - 1] {
            XCTAssertEqual(book.cell("Responses", "A\(row + 1)")?["value"] as? Double, Double(row))
            XCTAssertEqual(book.cell("Responses", "B\(row + 1)")?["value"] as? String, labels[row % labels.count])
            XCTAssertEqual(book.cell("Responses", "C\(row + 1)")?["value"] as? String, "free \(row)")
            XCTAssertEqual(book.cell("Responses", "D\(row + 1)")?["value"] as? String, labels[(row + 1) % labels.count])
        }
        XCTAssertEqual(book.excelText(sheetIndex: 1, "B4"), "_x0041_ stays as typed", "Excel would show the text as typed")
        XCTAssertEqual(book.cell("Responses", "D1")?["bold"] as? Bool, true)
        XCTAssertEqual(book.cell("Summary", "A1")?["value"] as? String, "Kommun", "the in-memory sheet shares the same table")
    }

    func testPastTheLimitStringsAreWrittenInline() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("limit.xlsx")
        let workbook = try Workbook(path: path, options: WorkbookOptions(constantMemory: true))
        let sheet = try workbook.addWorksheet(name: "Many")
        let count = Int(Worksheet.sharedStringLimit) + 10
        for row in 0..<count {
            try sheet.writeSharedString("value \(row)", row: row, column: 0)
        }
        try workbook.close()
        let read = try ReadBack.read(path, mode: "rows", extra: ["Many"])
        XCTAssertEqual(read["rows"] as? Int, count)
        XCTAssertEqual(read["last"] as? [String], ["value \(count - 1)"])
        let book = try ReadBackWorkbook(path: path)
        XCTAssertEqual(book.sheetXML(index: 1).components(separatedBy: "t=\"inlineStr\"").count - 1, 10)
    }
}
