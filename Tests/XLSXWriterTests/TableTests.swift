import XCTest
@testable import XLSXWriter

final class TableTests: XCTestCase {
    func testTableIsWrittenWithCleanHeaders() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("table.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(name: "Counts")
        let bold = try workbook.addFormat(CellStyle(bold: true))
        for row in 1...3 {
            try sheet.writeString("Choice \(row)", row: row, column: 0)
            try sheet.writeNumber(Double(row * 10), row: row, column: 1)
            try sheet.writeNumber(Double(row) / 6, row: row, column: 2)
        }
        let name = try sheet.addTable(
            CellRange(firstRow: 0, firstColumn: 0, lastRow: 3, lastColumn: 2),
            headers: ["Answer", "answer", "Line\nbreak"],
            options: TableOptions(name: "Counts per answer!", style: .light(9), headerFormat: bold))
        let second = try sheet.addTable(CellRange(firstRow: 10, firstColumn: 0, lastRow: 11, lastColumn: 0), headers: [""],
                                        options: TableOptions(name: "Counts_per_answer_"))
        try workbook.close()

        XCTAssertEqual(name, "Counts_per_answer_")
        XCTAssertEqual(second, "Counts_per_answer__2")
        let book = try ReadBackWorkbook(path: path)
        let tables = try XCTUnwrap(book.sheet("Counts")?["tables"] as? [[String: Any]])
        XCTAssertEqual(tables.count, 2)
        let first = try XCTUnwrap(tables.first { $0["name"] as? String == name })
        XCTAssertEqual(first["ref"] as? String, "A1:C4")
        XCTAssertEqual(first["columns"] as? [String], ["Answer", "answer 2", "Line break"])
        XCTAssertEqual(first["style"] as? String, "TableStyleLight9")
        XCTAssertEqual(book.cell("Counts", "B1")?["value"] as? String, "answer 2")
        XCTAssertEqual(book.cell("Counts", "A1")?["bold"] as? Bool, true)
        let other = try XCTUnwrap(tables.first { $0["name"] as? String == second })
        XCTAssertEqual(other["columns"] as? [String], ["Column1"])
    }

    func testTableOnAConstantMemorySheetIsATypedError() throws {
        let dir = try TemporaryDirectory()
        let workbook = try Workbook(path: dir.path("cm-table.xlsx"), options: WorkbookOptions(constantMemory: true))
        let sheet = try workbook.addWorksheet(name: "Responses")
        try sheet.writeString("a", row: 0, column: 0)
        try sheet.writeString("b", row: 1, column: 0)
        XCTAssertThrowsError(try sheet.addTable(CellRange(firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 0), headers: ["A"])) {
            guard case .constantMemoryUnsupported = $0 as? XLSXError else { return XCTFail("unexpected \($0)") }
        }
        try workbook.close()
    }

    func testTableArgumentsAreChecked() throws {
        let dir = try TemporaryDirectory()
        let workbook = try Workbook(path: dir.path("table-args.xlsx"))
        let sheet = try workbook.addWorksheet()
        XCTAssertThrowsError(try sheet.addTable(CellRange(firstRow: 0, firstColumn: 0, lastRow: 3, lastColumn: 1), headers: ["only one"]))
        XCTAssertThrowsError(try sheet.addTable(CellRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 0), headers: ["no rows"]))
        XCTAssertThrowsError(try sheet.addTable(CellRange(firstRow: 0, firstColumn: 0, lastRow: 2, lastColumn: 0), headers: ["x"],
                                                options: TableOptions(style: .medium(40))))
    }

    func testTableNames() {
        XCTAssertEqual(TableName.make("Q1 results", existing: []), "Q1_results")
        XCTAssertEqual(TableName.make("1st", existing: []), "_1st")
        XCTAssertEqual(TableName.make("A1", existing: []), "Table_A1")
        XCTAssertEqual(TableName.make("R1C1", existing: []), "Table_R1C1")
        XCTAssertEqual(TableName.make("c", existing: []), "Table_c")
        XCTAssertEqual(TableName.make("", existing: []), "Table_")
        XCTAssertEqual(TableName.make("Svar", existing: ["SVAR", "svar_2"]), "Svar_3")
        XCTAssertEqual(TableName.make("Åsikter", existing: []), "Åsikter")
    }
}
