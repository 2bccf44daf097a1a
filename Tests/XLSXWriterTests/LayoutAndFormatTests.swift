import XCTest
@testable import XLSXWriter

final class LayoutAndFormatTests: XCTestCase {
    func testFormatsReachTheCells() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("formats.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(name: "Formats")
        let percent = try workbook.addFormat(CellStyle(numberFormat: "0.0%"))
        let header = try workbook.addFormat(CellStyle(bold: true, fontColor: Color(hex: "#FFFFFF"), backgroundColor: Color(rgb: 0x1F4E79), border: .thin))
        let note = try workbook.addFormat(CellStyle(italic: true, fontColor: .black, textWrap: true, horizontalAlignment: .right, indent: 2))
        let headerAgain = try workbook.addFormat(CellStyle(bold: true, fontColor: Color(hex: "FFFFFF"), backgroundColor: Color(rgb: 0x1F4E79), border: .thin))
        XCTAssertEqual(header.handle, headerAgain.handle, "equal styles should share one format")

        try sheet.writeString("Share", row: 0, column: 0, format: header)
        try sheet.writeNumber(0.375, row: 1, column: 0, format: percent)
        try sheet.writeString("long note", row: 2, column: 0, format: note)
        try workbook.close()

        let book = try ReadBackWorkbook(path: path)
        let a1 = try XCTUnwrap(book.cell("Formats", "A1"))
        XCTAssertEqual(a1["bold"] as? Bool, true)
        XCTAssertEqual(a1["fontColor"] as? String, "FFFFFF")
        XCTAssertEqual(a1["fill"] as? String, "1F4E79")
        XCTAssertEqual(a1["border"] as? String, "thin")
        let a2 = try XCTUnwrap(book.cell("Formats", "A2"))
        XCTAssertEqual(a2["numberFormat"] as? String, "0.0%")
        XCTAssertEqual(a2["value"] as? Double, 0.375)
        let a3 = try XCTUnwrap(book.cell("Formats", "A3"))
        XCTAssertEqual(a3["italic"] as? Bool, true)
        XCTAssertEqual(a3["fontColor"] as? String, "000000")
        XCTAssertEqual(a3["wrap"] as? Bool, true)
        XCTAssertEqual(a3["horizontal"] as? String, "right")
        XCTAssertEqual(a3["indent"] as? Double, 2)
    }

    func testInvalidStylesAreRefused() throws {
        let dir = try TemporaryDirectory()
        let workbook = try Workbook(path: dir.path("bad-formats.xlsx"))
        XCTAssertThrowsError(try workbook.addFormat(CellStyle(numberFormat: String(repeating: "0", count: 200))))
        XCTAssertThrowsError(try workbook.addFormat(CellStyle(indent: 16)))
        XCTAssertNil(Color(hex: "#12345"))
        XCTAssertEqual(Color(hex: "#00ff7f")?.rgb, 0x00FF7F)
        XCTAssertEqual(Color(rgb: 0x0A0B0C).description, "#0A0B0C")
    }

    func testSheetLayout() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("layout.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(name: "Layout")
        for row in 0..<5 {
            for column in 0..<3 {
                try sheet.writeNumber(Double(row * 3 + column), row: row, column: column)
            }
        }
        try sheet.setColumnWidth(30, column: 0)
        try sheet.setColumnWidth(12.5, columns: 1...2)
        try sheet.setRowHeight(40, row: 0)
        try sheet.freezePanes(row: 1, column: 1)
        try sheet.setAutofilter(CellRange(firstRow: 0, firstColumn: 0, lastRow: 4, lastColumn: 2))
        try sheet.mergeRange(CellRange(firstRow: 6, firstColumn: 0, lastRow: 6, lastColumn: 2), text: "Merged title")
        try sheet.hideGridlines()
        try workbook.close()

        let book = try ReadBackWorkbook(path: path)
        let layout = try XCTUnwrap(book.sheet("Layout"))
        XCTAssertEqual(layout["freeze"] as? String, "B2")
        XCTAssertEqual(layout["autofilter"] as? String, "A1:C5")
        XCTAssertEqual(layout["merged"] as? [String], ["A7:C7"])
        XCTAssertEqual(layout["gridlines"] as? Bool, false)
        let widths = try XCTUnwrap(layout["columnWidths"] as? [String: Double])
        XCTAssertEqual(widths["A"] ?? 0, 30.71, accuracy: 0.5)
        XCTAssertEqual(widths["B"] ?? 0, 13.21, accuracy: 0.5)
        XCTAssertEqual((layout["rowHeights"] as? [String: Double])?["1"], 40)
        XCTAssertEqual(book.cell("Layout", "A7")?["value"] as? String, "Merged title")
    }

    func testSheetNamesAreSanitisedAndUnique() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("names.xlsx")
        let workbook = try Workbook(path: path)
        let proposed = ["Q1: How satisfied? [1/5]", "q1: how satisfied? [1/5]", "'Quoted'", "",
                        String(repeating: "Long name ", count: 6), String(repeating: "long name ", count: 6), "History"]
        var made: [String] = []
        for name in proposed {
            let sheet = try workbook.addWorksheet(name: name)
            try sheet.writeString(sheet.name, row: 0, column: 0)
            made.append(sheet.name)
        }
        let unnamed = try workbook.addWorksheet()
        made.append(unnamed.name)
        XCTAssertEqual(workbook.worksheetNames, made)
        try workbook.close()

        XCTAssertEqual(made[0], "Q1_ How satisfied_ _1_5_")
        XCTAssertEqual(made[1], "q1_ how satisfied_ _1_5_ (2)")
        XCTAssertEqual(made[2], "Quoted")
        XCTAssertEqual(made[3], "Sheet")
        XCTAssertEqual(made[4].utf16.count, 31)
        XCTAssertTrue(made[5].hasSuffix(" (2)"))
        XCTAssertEqual(made[6], "History (2)")
        let book = try ReadBackWorkbook(path: path)
        XCTAssertEqual(book.sheetNames, made)
        XCTAssertEqual(Set(made.map { $0.lowercased() }).count, made.count)
    }
}
