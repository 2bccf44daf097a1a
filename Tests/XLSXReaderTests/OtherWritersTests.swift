import Foundation
import SamlaTestSupport
import XCTest
import XLSXReader
import XLSXWriter

/// Workbooks from real writers: openpyxl (shared strings, styles it picks itself, the 1904 epoch)
/// and libxlsxwriter through the project's XLSXWriter (inline and shared strings, date formats).
final class OtherWritersTests: XCTestCase {
    var directory: URL!

    override func setUp() {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    func testOpenpyxlValuesOfEveryKind() throws {
        let url = try Workbooks.openpyxl("""
            import sys, datetime, openpyxl
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = "Svar"
            ws.append(["Name", "Age", "Height", "Member", "Born", "Arrived", "At", "Score"])
            ws.append(["Åsa Öberg", 34, 1.72, True, datetime.date(1990, 3, 12), datetime.datetime(2024, 3, 12, 9, 15, 30),
                       datetime.time(14, 5), 0.1 + 0.2])
            ws.append(["Bo", None, -3, False, datetime.date(1900, 3, 1), None, None, 1e-9])
            ws.append([])
            ws.append(["Cia\\nnew line", 7])
            other = wb.create_sheet("Other")
            other["C3"] = "elsewhere"
            wb.save(sys.argv[1])
            """, in: directory)
        let rows = try Workbooks.rows(url)
        XCTAssertEqual(rows, [
            XLSXRow(number: 1, cells: ["Name", "Age", "Height", "Member", "Born", "Arrived", "At", "Score"]),
            XLSXRow(number: 2, cells: ["Åsa Öberg", "34", "1.72", "TRUE", "1990-03-12", "2024-03-12T09:15:30", "14:05:00", "0.3"]),
            XLSXRow(number: 3, cells: ["Bo", "", "-3", "FALSE", "1900-03-01", "", "", "1e-09"]),
            XLSXRow(number: 5, cells: ["Cia\nnew line", "7"]),
        ])
        XCTAssertEqual(try Workbooks.rows(url, sheet: "Other"), [XLSXRow(number: 3, cells: ["", "", "elsewhere"])])
    }

    func testOpenpyxl1904Epoch() throws {
        let url = try Workbooks.openpyxl("""
            import sys, datetime, openpyxl
            from openpyxl.utils.datetime import CALENDAR_MAC_1904
            wb = openpyxl.Workbook()
            wb.epoch = CALENDAR_MAC_1904
            ws = wb.active
            ws.append(["When", "Day"])
            ws.append([datetime.datetime(2024, 3, 12, 18, 0), datetime.date(1904, 1, 2)])
            wb.save(sys.argv[1])
            """, in: directory)
        XCTAssertTrue(try XLSXWorkbook(url: url).date1904)
        XCTAssertEqual(try Workbooks.rows(url).map(\.cells), [["When", "Day"], ["2024-03-12T18:00:00", "1904-01-02"]])
    }

    func testOpenpyxlMergedHeaderAndManySharedStrings() throws {
        let url = try Workbooks.openpyxl("""
            import sys, openpyxl
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.append(["Id", "Fruit", None, "Comment"])
            ws.merge_cells("B1:C1")
            for i in range(1, 2001):
                ws.append([i, "apple %d" % (i % 50), "pear", "text %d" % i])
            wb.save(sys.argv[1])
            """, in: directory)
        let rows = try Workbooks.rows(url)
        XCTAssertEqual(rows.count, 2001)
        XCTAssertEqual(rows[0].cells, ["Id", "Fruit", "Fruit", "Comment"])
        XCTAssertEqual(rows[1].cells, ["1", "apple 1", "pear", "text 1"])
        XCTAssertEqual(rows[2000], XLSXRow(number: 2001, cells: ["2000", "apple 0", "pear", "text 2000"]))
        XCTAssertEqual(rows.map(\.number), Array(1...2001))
    }

    func testLibxlsxwriterWorkbook() throws {
        let path = directory.appendingPathComponent("libxlsxwriter.xlsx").path
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(name: "Responses")
        let dateFormat = try workbook.addFormat(CellStyle(numberFormat: "yyyy-mm-dd hh:mm"))
        let dayFormat = try workbook.addFormat(CellStyle(numberFormat: "d mmm yyyy"))
        try sheet.writeRow(["Submitted", "Name", "Rating", "Day"], row: 0)
        try sheet.writeDate(Date(timeIntervalSince1970: 1_710_234_930), row: 1, column: 0, format: dateFormat)
        try sheet.writeString("Ärlig <åsikt> & \"citat\"", row: 1, column: 1)
        try sheet.writeNumber(4, row: 1, column: 2)
        try sheet.writeDate(Date(timeIntervalSince1970: 1_710_201_600), row: 1, column: 3, format: dayFormat)
        try sheet.writeString("shared", row: 2, column: 1)
        try sheet.writeNumber(2.5, row: 2, column: 2)
        try sheet.writeBoolean(true, row: 2, column: 3)
        try workbook.close()
        let rows = try Workbooks.rows(URL(fileURLWithPath: path), sheet: "Responses")
        XCTAssertEqual(rows.map(\.cells), [
            ["Submitted", "Name", "Rating", "Day"],
            ["2024-03-12T09:15:30", "Ärlig <åsikt> & \"citat\"", "4", "2024-03-12"],
            ["", "shared", "2.5", "TRUE"],
        ])
    }

    /// Rows XLSXWriter writes itself (``SplicedRows``, fast paths on: cells without references,
    /// short gaps filled with empty cells) read as the same rows as every cell through libxlsxwriter.
    func testSplicedRowsReadAsTheLibrarysCells() throws {
        var read: [Bool: [XLSXRow]] = [:]
        for fast in [true, false] {
            let path = directory.appendingPathComponent("spliced-\(fast).xlsx").path
            let (spliced, splices) = try FastPaths.with(enabled: fast) { () throws -> (Bool, Bool) in
                let workbook = try Workbook(path: path, options: WorkbookOptions(constantMemory: true, compression: .fast))
                let sheet = try workbook.addWorksheet(name: "Responses")
                try sheet.writeRow(["Id", "Choice", "Other", "Far"], row: 0)
                let rows = try sheet.splicedRows(from: 1)
                for row in 1...300 {
                    // Columns from the row's start or not, next to each other or after gaps of 1 to 30.
                    for column in [0, 1, 2, 3, 5, 9, 18, 40] where (row + column) % (column % 4 + 2) != 0 {
                        let text = column % 3 == 0 ? "" : "svar \(row)-\(column) <&>"
                        if let rows {
                            try rows.writeString(text, row: row, column: column)
                            if column == 9 { try rows.writeNumber(Double(row) / 4, row: row, column: column + 1) }
                        } else {
                            try sheet.writeString(text, row: row, column: column)
                            if column == 9 { try sheet.writeNumber(Double(row) / 4, row: row, column: column + 1) }
                        }
                    }
                }
                try workbook.close()
                return (rows != nil, FastPaths.splicesRows)
            }
            XCTAssertEqual(spliced, fast && splices, "spliced only with the fast paths on")
            read[fast] = try Workbooks.rows(URL(fileURLWithPath: path), sheet: "Responses")
        }
        let on = try XCTUnwrap(read[true]), off = try XCTUnwrap(read[false])
        XCTAssertEqual(on.count, 301)
        XCTAssertEqual(on, off)
        XCTAssertEqual(on[7].cells.count, 41, "row 8 reaches column AO")
        XCTAssertEqual(on[7].cells[40], "svar 7-40 <&>")
    }

    /// A reader left half-way stops its thread; many in a row do not pile up.
    func testReadersAbandonedEarlyEndCleanly() throws {
        let url = try Workbooks.openpyxl("""
            import sys, openpyxl
            wb = openpyxl.Workbook(write_only=True)
            ws = wb.create_sheet("Big")
            for i in range(20000):
                ws.append([i, "row %d" % i])
            wb.save(sys.argv[1])
            """, in: directory)
        let workbook = try XLSXWorkbook(url: url)
        for _ in 0..<20 {
            let reader = try workbook.rows(of: workbook.sheet(named: nil))
            XCTAssertEqual(try reader.next(), XLSXRow(number: 1, cells: ["0", "row 0"]))
        }
        let reader = try workbook.rows(of: workbook.sheet(named: "Big"))
        var count = 0
        var last: XLSXRow?
        while let row = try reader.next() { count += 1; last = row }
        XCTAssertEqual(count, 20000)
        XCTAssertEqual(last, XLSXRow(number: 20000, cells: ["19999", "row 19999"]))
    }
}
