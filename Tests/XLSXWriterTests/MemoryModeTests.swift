import Foundation
import XCTest
@testable import XLSXWriter

/// One constant-memory workbook with a streamed sheet beside sheets written in any order, whose
/// writes the wrapper holds and streams in row order at close (`HeldRows`), through libxlsxwriter's
/// public API only.
final class MemoryModeTests: XCTestCase {
    func testStreamedAndHeldSheetsInOneWorkbook() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("mixed.xlsx")
        let workbook = try Workbook(path: path, options: WorkbookOptions(constantMemory: true))
        let responses = try workbook.addWorksheet(name: "Responses")
        let summary = try workbook.addWorksheet(name: "Summary", constantMemory: false)
        XCTAssertTrue(responses.isConstantMemory)
        XCTAssertFalse(summary.isConstantMemory)
        XCTAssertTrue(summary.isStreamed, "libxlsxwriter streams every sheet of a constant-memory workbook")

        let rowCount = 12_000
        let columns = 8
        try responses.writeRow((0..<columns).map { "Q\($0)" }, row: 0)
        var answers = [String](repeating: "", count: columns)
        for row in 1...rowCount {
            for column in 0..<columns { answers[column] = "r\(row)c\(column)" }
            try responses.writeRow(answers, row: row)
        }

        // The summary is written out of order, row heights and a merge after the cells below them,
        // and a cell written twice keeps the last value, as on an in-memory sheet.
        let bold = try workbook.addFormat(CellStyle(bold: true))
        try summary.writeString("Disagree", row: 3, column: 0)
        try summary.writeNumber(7, row: 3, column: 1)
        try summary.writeString("Agree", row: 1, column: 0)
        try summary.writeNumber(20, row: 1, column: 1)
        try summary.writeNumber(21, row: 1, column: 1)
        try summary.writeString("Neutral", row: 2, column: 0)
        try summary.writeNumber(2, row: 2, column: 1)
        try summary.writeRow(["Answer", "Count"], row: 0)
        try summary.setRowHeight(30, row: 0)
        try summary.mergeRange(CellRange(firstRow: 5, firstColumn: 0, lastRow: 5, lastColumn: 1), text: "Total 30", format: bold)
        try summary.writeURL("internal:'Responses'!A1", text: "Responses", row: 4, column: 0)
        XCTAssertThrowsError(try summary.addTable(CellRange(firstRow: 0, firstColumn: 0, lastRow: 3, lastColumn: 1), headers: ["Answer", "Count"])) {
            guard case .constantMemoryUnsupported = $0 as? XLSXError else { return XCTFail("unexpected \($0)") }
        }
        XCTAssertThrowsError(try summary.mergeRange(CellRange(firstRow: 7, firstColumn: 0, lastRow: 8, lastColumn: 0), text: "two rows")) {
            guard case .constantMemoryUnsupported = $0 as? XLSXError else { return XCTFail("unexpected \($0)") }
        }

        let chart = try workbook.addChart(.bar)
        try chart.addSeries(values: .column(1, rows: 1...3), categories: .column(0, rows: 1...3), in: summary, name: "Count")
        try summary.insertChart(chart, row: 7, column: 0)

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
        XCTAssertTrue(book.sheetXML(index: 1).contains("t=\"inlineStr\""))
        XCTAssertTrue(book.sheetXML(index: 2).contains("t=\"inlineStr\""), "a held sheet is streamed too")
        XCTAssertEqual(book.cell("Summary", "A1")?["value"] as? String, "Answer")
        XCTAssertEqual(book.cell("Summary", "A2")?["value"] as? String, "Agree")
        XCTAssertEqual(book.cell("Summary", "B2")?["value"] as? Double, 21)
        XCTAssertEqual(book.cell("Summary", "A4")?["value"] as? String, "Disagree")
        XCTAssertEqual(book.cell("Summary", "B4")?["value"] as? Double, 7)
        XCTAssertEqual(book.cell("Summary", "A6")?["value"] as? String, "Total 30")
        XCTAssertTrue(book.sheetXML(index: 2).contains("<mergeCell ref=\"A6:B6\"/>"))
        XCTAssertTrue(book.sheetXML(index: 2).contains("<row r=\"1\" ht=\"30\" customHeight=\"1\""))
        XCTAssertTrue(book.sheetXML(index: 2).contains("<hyperlink ref=\"A5\""))
        XCTAssertEqual(book.sheet("Summary")?["charts"] as? Int, 1)
        // libxlsxwriter cannot read a streamed sheet back, so the chart has references only:
        // Excel and LibreOffice draw it from the cells (ExportEndToEndTests renders one).
        let chartInfo = try XCTUnwrap(book.charts["xl/charts/chart1.xml"])
        XCTAssertEqual(chartInfo["numCache"] as? [[Double]], [])
        XCTAssertEqual(chartInfo["formulas"] as? [String], ["Summary!$A$2:$A$4", "Summary!$B$2:$B$4"])
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

    /// libxlsxwriter 1.1 closes a streamed sheet's temporary file only when it copies rows out of
    /// it at close; the wrapper gives every sheet a row (empty sheets, held sheets never written),
    /// so a closed workbook leaves no file open. (One dropped without closing keeps its streamed
    /// sheets' files open: nothing in the library's API closes them but packing the workbook.)
    func testNoTemporaryFileIsLeaked() throws {
        let dir = try TemporaryDirectory()
        let before = try openDescriptors()
        for round in 0..<20 {
            let path = dir.path("leak\(round).xlsx")
            let workbook = try Workbook(path: path, options: WorkbookOptions(constantMemory: true))
            _ = try workbook.addWorksheet(name: "Empty")
            _ = try workbook.addWorksheet(name: "Held", constantMemory: false)
            let held = try workbook.addWorksheet(name: "HeldUsed", constantMemory: false)
            try held.writeString("y", row: 3, column: 1)
            try held.writeString("", row: 5, column: 1)
            let used = try workbook.addWorksheet(name: "Used")
            try used.writeString("x", row: 0, column: 0)
            let blank = try workbook.addWorksheet(name: "OnlyEmptyText")
            try blank.writeString("", row: 2, column: 0)
            if round == 0 {
                XCTAssertGreaterThan(try openDescriptors(), before, "an open streamed sheet's temporary file is seen")
            }
            try workbook.close()
            if round == 0 {
                let book = try ReadBackWorkbook(path: path)
                XCTAssertEqual(book.cell("HeldUsed", "B4")?["value"] as? String, "y")
                XCTAssertEqual(book.cell("Used", "A1")?["value"] as? String, "x")
                XCTAssertNil(book.cell("Empty", "A1"))
            }
        }
        XCTAssertEqual(try openDescriptors(), before)
    }

    /// The process's open files that are deleted temporary files (what a streamed sheet keeps), not
    /// every descriptor: sockets and event descriptors that earlier tests' servers and connections
    /// close in the background would make a plain count flaky.
    private func openDescriptors() throws -> Int {
        let fds = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
        return fds.filter { fd in
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")) ?? ""
            return target.hasSuffix(" (deleted)")
        }.count
    }

    /// A sheet reserved early keeps its place in the workbook's order; the writer that comes later
    /// asks for it by name and gets that sheet, with its cells where it stands.
    func testAReservedSheetKeepsItsPlaceForTheWriterThatComesLater() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("reserved.xlsx")
        let workbook = try Workbook(path: path, options: WorkbookOptions(constantMemory: true))
        try workbook.reserveWorksheet(name: "Figures", constantMemory: false)
        try workbook.reserveWorksheet(name: "Also: figures?", constantMemory: false)
        let list = try workbook.addWorksheet(name: "List")
        for row in 0..<100 { try list.writeString("item \(row)", row: row, column: 0) }
        XCTAssertEqual(workbook.unclaimedReservations, ["Figures", "Also: figures?"])
        XCTAssertThrowsError(try workbook.addWorksheet(name: "Figures", constantMemory: true), "reserved to be written in any order")
        let figures = try workbook.addWorksheet(name: "Figures", constantMemory: false)
        XCTAssertEqual(figures.name, "Figures")
        try figures.writeString("late", row: 3, column: 1)
        try figures.writeString("first", row: 0, column: 0)
        let other = try workbook.addWorksheet(name: "Also: figures?", constantMemory: false)
        let valid = SheetName.make("Also: figures?", existing: ["Figures"])
        XCTAssertNotEqual(valid, "Also: figures?")
        XCTAssertEqual(other.name, valid, "made valid when reserved")
        try other.writeNumber(7, row: 0, column: 0)
        XCTAssertEqual(workbook.unclaimedReservations, [])
        let again = try workbook.addWorksheet(name: "Figures", constantMemory: false)
        XCTAssertEqual(again.name, "Figures (2)", "a name asked for again is a new sheet once the reservation is taken")
        try workbook.close()

        let book = try ReadBackWorkbook(path: path)
        XCTAssertEqual(book.sheetNames, ["Figures", valid, "List", "Figures (2)"])
        XCTAssertEqual(book.cell("Figures", "B4")?["value"] as? String, "late")
        XCTAssertEqual(book.cell("Figures", "A1")?["value"] as? String, "first")
        XCTAssertEqual(book.cell(valid, "A1")?["value"] as? Double, 7)
        XCTAssertEqual(book.cell("List", "A100")?["value"] as? String, "item 99")
    }
}
