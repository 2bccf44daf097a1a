import XCTest
@testable import XLSXWriter

final class ChartTests: XCTestCase {
    /// Writes a small table of counts: labels in A2:A4, values in B2:B4 and C2:C4.
    private func writeCounts(_ sheet: Worksheet) throws {
        try sheet.writeRow(["Answer", "Yes", "No"], row: 0)
        let rows: [(String, Double, Double)] = [("Agree", 12, 3), ("Neutral", 5, 5), ("Disagree", 2, 9)]
        for (index, row) in rows.enumerated() {
            try sheet.writeString(row.0, row: index + 1, column: 0)
            try sheet.writeNumber(row.1, row: index + 1, column: 1)
            try sheet.writeNumber(row.2, row: index + 1, column: 2)
        }
    }

    func testColumnChartHasCachedValuesAndLiteralText() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("chart.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(name: "Q1 'summary' data")
        try writeCounts(sheet)
        let chart = try workbook.addChart(.column)
        try chart.addSeries(values: .column(1, rows: 1...3), categories: .column(0, rows: 1...3), in: sheet,
                            name: "=SUM(A1)", color: Color(rgb: 0x2E75B6), dataLabels: DataLabels())
        try chart.addSeries(values: .column(2, rows: 1...3), categories: .column(0, rows: 1...3), in: sheet,
                            name: "No", color: Color(rgb: 0xC00000))
        try chart.setTitle("=1+1 is not a formula")
        try chart.setValueAxis(ChartAxis(title: "Count", min: 0, max: 20))
        try chart.setCategoryAxis(ChartAxis(title: "=Answer"))
        try chart.setLegend(.bottom)
        try sheet.insertChart(chart, row: 5, column: 4, size: ChartSize(width: 720, height: 400), altText: "Counts")
        XCTAssertThrowsError(try sheet.insertChart(chart, row: 20, column: 4))
        try workbook.close()

        let book = try ReadBackWorkbook(path: path)
        XCTAssertEqual(book.sheet("Q1 'summary' data")?["charts"] as? Int, 1)
        let info = try XCTUnwrap(book.charts["xl/charts/chart1.xml"])
        XCTAssertEqual(info["numCache"] as? [[Double]], [[12, 5, 2], [3, 5, 9]])
        XCTAssertEqual(info["strCache"] as? [[String]], [["Agree", "Neutral", "Disagree"], ["Agree", "Neutral", "Disagree"]])
        XCTAssertEqual(info["seriesNames"] as? [String], ["=SUM(A1)", "No"])
        let titles = try XCTUnwrap(info["titles"] as? [String])
        XCTAssertTrue(titles.contains("=1+1 is not a formula"))
        XCTAssertTrue(titles.contains("Count"))
        XCTAssertTrue(titles.contains("=Answer"))
        // Only the four data ranges are references; none of the texts became one.
        let formulas = try XCTUnwrap(info["formulas"] as? [String])
        XCTAssertEqual(formulas, ["'Q1 ''summary'' data'!$A$2:$A$4", "'Q1 ''summary'' data'!$B$2:$B$4",
                                  "'Q1 ''summary'' data'!$A$2:$A$4", "'Q1 ''summary'' data'!$C$2:$C$4"])
        XCTAssertEqual(info["colors"] as? [String], ["2E75B6", "C00000"])
        XCTAssertEqual(info["min"] as? [String], ["0"])
        XCTAssertEqual(info["max"] as? [String], ["20"])
        XCTAssertEqual(info["legendPos"] as? [String], ["b"])
        XCTAssertEqual(info["dataLabels"] as? Bool, true)
        // 720 × 400 pixels from E6, with 64-pixel columns and 20-pixel rows, ends 11.25 columns
        // right (16 px = 152,400 EMU into column P) and 20 rows down (row 26).
        let anchors = try XCTUnwrap(book.json["drawingAnchors"] as? [String: [[String]]])
        XCTAssertEqual(anchors["xl/drawings/drawing1.xml"], [["15", "152400", "25", "0"]])
    }

    func testPercentStackedBarForALikertScale() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("likert.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(name: "Scale")
        try sheet.writeRow(["Item", "Disagree", "Neutral", "Agree"], row: 0)
        try sheet.writeRow([.string("Q1"), .number(4), .number(2), .number(10)], row: 1)
        try sheet.writeRow([.string("Q2"), .number(7), .number(3), .number(1)], row: 2)
        let chart = try workbook.addChart(.percentStackedBar)
        let colors = [Color(rgb: 0xD7301F), Color(rgb: 0xBDBDBD), Color(rgb: 0x2B8CBE)]
        for column in 1...3 {
            try chart.addSeries(values: .column(column, rows: 1...2), categories: .column(0, rows: 1...2), in: sheet,
                                name: ["Disagree", "Neutral", "Agree"][column - 1], color: colors[column - 1],
                                dataLabels: DataLabels(position: .center))
        }
        try chart.setOverlap(100)
        try chart.setGap(50)
        try chart.setCategoryAxis(ChartAxis(reversed: true))
        try chart.setLegend(.top)
        try sheet.insertChart(chart, row: 4, column: 0)
        try workbook.close()

        let info = try XCTUnwrap(try ReadBackWorkbook(path: path).charts["xl/charts/chart1.xml"])
        XCTAssertEqual(info["types"] as? [String], ["barChart"])
        XCTAssertEqual(info["barDir"] as? [String], ["bar"])
        XCTAssertEqual(info["grouping"] as? String, "percentStacked")
        XCTAssertEqual(info["overlap"] as? [String], ["100"])
        XCTAssertEqual(info["numCache"] as? [[Double]], [[4, 7], [2, 3], [10, 1]])
        XCTAssertEqual(info["colors"] as? [String], ["D7301F", "BDBDBD", "2B8CBE"])
    }

    func testPieWithSliceColoursAndNoLegend() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("pie.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(name: "Pie")
        try writeCounts(sheet)
        let chart = try workbook.addChart(.pie)
        try chart.addSeries(values: .column(1, rows: 1...3), categories: .column(0, rows: 1...3), in: sheet,
                            pointColors: [Color(rgb: 0x111111), Color(rgb: 0x222222), Color(rgb: 0x333333)],
                            dataLabels: DataLabels(showValue: false, showPercentage: true))
        try chart.setLegend(.none)
        try chart.setTitle(nil)
        try chart.setValueAxis(ChartAxis(min: 0))  // no axes on a pie: ignored, not an error
        try sheet.insertChart(chart, row: 0, column: 4)
        try workbook.close()

        let info = try XCTUnwrap(try ReadBackWorkbook(path: path).charts["xl/charts/chart1.xml"])
        XCTAssertEqual(info["types"] as? [String], ["pieChart"])
        XCTAssertEqual(info["legend"] as? Bool, false)
        XCTAssertEqual(info["colors"] as? [String], ["111111", "222222", "333333"])
        XCTAssertEqual(info["numCache"] as? [[Double]], [[12, 5, 2]])
    }

    func testChartArgumentsAreChecked() throws {
        let dir = try TemporaryDirectory()
        let workbook = try Workbook(path: dir.path("chart-args.xlsx"))
        let sheet = try workbook.addWorksheet()
        let chart = try workbook.addChart(.bar)
        XCTAssertThrowsError(try sheet.insertChart(chart, row: 0, column: 0)) // no series yet
        XCTAssertThrowsError(try chart.addSeries(values: CellRange(firstRow: 0, firstColumn: 0, lastRow: 2, lastColumn: 2), in: sheet))
        XCTAssertThrowsError(try chart.setCategoryAxis(ChartAxis(min: 1)))
        XCTAssertThrowsError(try chart.setOverlap(101))
        let other = try Workbook(path: dir.path("other.xlsx"))
        let otherSheet = try other.addWorksheet()
        XCTAssertThrowsError(try chart.addSeries(values: .column(0, rows: 0...1), in: otherSheet)) {
            XCTAssertEqual($0 as? XLSXError, .foreignHandle)
        }
        try chart.addSeries(values: .column(0, rows: 0...1), in: sheet)
        XCTAssertThrowsError(try otherSheet.insertChart(chart, row: 0, column: 0)) {
            XCTAssertEqual($0 as? XLSXError, .foreignHandle)
        }
    }
}
