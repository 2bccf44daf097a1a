import Foundation
import SamlaTestSupport
import XCTest
import XLSXReader

/// Workbooks whose XML the tests write themselves, for what writers differ in: inline strings,
/// rich text, sparse and missing cells, merges, several sheets, date formats and systems.
final class HandWrittenPartsTests: XCTestCase {
    var directory: URL!

    override func setUp() {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    func testSharedStringsPlainAndRichTextWithPhoneticGuidesLeftOut() throws {
        let strings = [
            "<si><t>Name</t></si>",
            "<si><r><rPr><b/></rPr><t>Very </t></r><r><t xml:space=\"preserve\">good &amp; kind</t></r></si>",
            "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></si>",
            "<si><t/></si>",
            "<si><t>Ö &lt;3</t></si>",
        ]
        let body = """
            <sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>
            <row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2</v></c><c r="C2" t="s"><v>3</v></c><c r="D2" t="s"><v>4</v></c></row></sheetData>
            """
        let url = try Workbooks.zip(Workbooks.parts(sheets: [("Sheet1", body)], sharedStrings: strings), in: directory)
        let rows = try Workbooks.rows(url)
        XCTAssertEqual(rows, [XLSXRow(number: 1, cells: ["Name"]), XLSXRow(number: 2, cells: ["Very good & kind", "東京", "", "Ö <3"])])
    }

    func testInlineStringsFormulaStringsBooleansAndErrors() throws {
        let body = """
            <sheetData><row r="1">
            <c r="A1" t="inlineStr"><is><t>plain</t></is></c>
            <c r="B1" t="inlineStr"><is><r><t>rich </t></r><r><rPr><i/></rPr><t>runs</t></r></is></c>
            <c r="C1" t="str"><f>A1&amp;"!"</f><v>plain!</v></c>
            <c r="D1" t="b"><v>1</v></c><c r="E1" t="b"><v>0</v></c>
            <c r="F1" t="e"><f>1/0</f><v>#DIV/0!</v></c>
            <c r="G1"><f>1+1</f><v>2</v></c>
            </row></sheetData>
            """
        let url = try Workbooks.zip(Workbooks.parts(sheets: [("Sheet1", body)]), in: directory)
        XCTAssertEqual(try Workbooks.rows(url), [XLSXRow(number: 1, cells: ["plain", "rich runs", "plain!", "TRUE", "FALSE", "#DIV/0!", "2"])])
    }

    func testSparseCellsMissingReferencesAndSkippedRows() throws {
        // Row 2 is missing, row 4 has only a styled empty cell, row 6 has no r attributes.
        let body = """
            <sheetData>
            <row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="C1" t="inlineStr"><is><t>c</t></is></c></row>
            <row r="3"><c r="B3"><v>7</v></c><c r="E3"><v>8</v></c></row>
            <row r="4"><c r="A4" s="0"/></row>
            <row r="5" spans="1:3"><c r="AA5"><v>9</v></c></row>
            <row><c><v>1</v></c><c/><c><v>3</v></c></row>
            </sheetData>
            """
        let url = try Workbooks.zip(Workbooks.parts(sheets: [("Sheet1", body)]), in: directory)
        let rows = try Workbooks.rows(url)
        XCTAssertEqual(rows.map(\.number), [1, 3, 5, 6])
        XCTAssertEqual(rows[0].cells, ["a", "", "c"])
        XCTAssertEqual(rows[1].cells, ["", "7", "", "", "8"])
        XCTAssertEqual(rows[2].cells.count, 27)
        XCTAssertEqual(rows[2].cells[26], "9")
        XCTAssertEqual(rows[3].cells, ["1", "", "3"])
    }

    func testNumbersAsAPersonWritesThem() throws {
        let values = ["3", "3.0", "-12", "0.1", "0.30000000000000004", "3.3333333333333299", "1.0000000000000001E-2",
                      "123456789012", "2.5E-3", "1E+21", "0", "-0.5", " 42 "]
        let cells = values.enumerated().map { index, value in "<c r=\"\(CellReference(column: index, row: 1))\"><v>\(value)</v></c>" }.joined()
        let url = try Workbooks.zip(Workbooks.parts(sheets: [("Sheet1", "<sheetData><row r=\"1\">\(cells)</row></sheetData>")]), in: directory)
        XCTAssertEqual(try Workbooks.rows(url).first?.cells,
                       ["3", "3", "-12", "0.1", "0.3", "3.33333333333333", "0.01", "123456789012", "0.0025", "1e+21", "0", "-0.5", "42"])
    }

    /// Built-in date formats, custom ones (with quoted text and colours that must not count),
    /// and Excel's 1900 count with its phantom 29 February.
    func testDateSerialsInThe1900SystemByStyle() throws {
        let styles = """
            <numFmts count="4">
            <numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>
            <numFmt numFmtId="165" formatCode="[Red]0.00;&quot;days&quot; 0"/>
            <numFmt numFmtId="166" formatCode="d/m/yyyy h:mm"/>
            <numFmt numFmtId="167" formatCode="#,##0 &quot;kr&quot;"/>
            </numFmts>
            <cellXfs count="8"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/><xf numFmtId="164"/>
            <xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="21"/><xf numFmtId="167"/></cellXfs>
            """
        let cells: [(String, Int)] = [("45363", 1), ("45363.385763888888", 2), ("45363", 3), ("45363", 4), ("45363.5", 5),
                                      ("0.5", 6), ("59", 1), ("60", 1), ("61", 1), ("1", 1), ("45363", 0), ("1500", 7)]
        let xml = cells.enumerated().map { index, cell in
            "<c r=\"\(CellReference(column: index, row: 1))\" s=\"\(cell.1)\"><v>\(cell.0)</v></c>"
        }.joined()
        let url = try Workbooks.zip(Workbooks.parts(sheets: [("Sheet1", "<sheetData><row r=\"1\">\(xml)</row></sheetData>")], styles: styles),
                                    in: directory)
        XCTAssertEqual(try Workbooks.rows(url).first?.cells, [
            "2024-03-12", "2024-03-12T09:15:30", "2024-03-12", "45363", "2024-03-12T12:00:00",
            "12:00:00", "1900-02-28", "1900-02-29", "1900-03-01", "1900-01-01", "45363", "1500",
        ])
    }

    func testDateSerialsInThe1904System() throws {
        let styles = "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>"
        let body = "<sheetData><row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>43901</v></c></row></sheetData>"
        let url = try Workbooks.zip(Workbooks.parts(sheets: [("Sheet1", body)], styles: styles,
                                                    workbookProperties: "<workbookPr date1904=\"1\"/>"), in: directory)
        XCTAssertTrue(try XLSXWorkbook(url: url).date1904)
        XCTAssertEqual(try Workbooks.rows(url).first?.cells, ["1904-01-01", "2024-03-12"])
    }

    /// A header spanning columns names each of them; merges below the header rows do not copy data.
    func testMergedHeaderCellsFillTheirRangeInTheHeaderRowsOnly() throws {
        let body = """
            <sheetData>
            <row r="1"><c r="A1" t="inlineStr"><is><t>Respondent</t></is></c><c r="B1" t="inlineStr"><is><t>Which fruit?</t></is></c>
            <c r="E1" t="inlineStr"><is><t>Age</t></is></c></row>
            <row r="2"><c r="B2" t="inlineStr"><is><t>Apple</t></is></c><c r="C2" t="inlineStr"><is><t>Pear</t></is></c>
            <c r="D2" t="inlineStr"><is><t>Other</t></is></c></row>
            <row r="3"><c r="A3"><v>1</v></c><c r="B3" t="inlineStr"><is><t>Apple</t></is></c><c r="E3"><v>30</v></c></row>
            <row r="4"><c r="A4"><v>2</v></c></row>
            </sheetData>
            <mergeCells count="4"><mergeCell ref="A1:A2"/><mergeCell ref="B1:D1"/><mergeCell ref="E1:E2"/><mergeCell ref="E3:E4"/></mergeCells>
            """
        let url = try Workbooks.zip(Workbooks.parts(sheets: [("Sheet1", body)]), in: directory)
        let twoRowHeader = try Workbooks.rows(url, headerRows: 2)
        XCTAssertEqual(twoRowHeader.map(\.cells), [
            ["Respondent", "Which fruit?", "Which fruit?", "Which fruit?", "Age"],
            ["Respondent", "Apple", "Pear", "Other", "Age"],
            ["1", "Apple", "", "", "30"],
            ["2"],
        ])
        let oneRowHeader = try Workbooks.rows(url, headerRows: 1)
        XCTAssertEqual(oneRowHeader[1].cells, ["", "Apple", "Pear", "Other"])
        XCTAssertEqual(oneRowHeader[0].cells, ["Respondent", "Which fruit?", "Which fruit?", "Which fruit?", "Age"])
    }

    func testTheFirstSheetInWorkbookOrderOrTheOneNamed() throws {
        let first = "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>first</t></is></c></row></sheetData>"
        let second = "<sheetData><row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>second</t></is></c></row></sheetData>"
        let url = try Workbooks.zip(Workbooks.parts(sheets: [("Svar &amp; data", first), ("Form1", second)]), in: directory)
        let workbook = try XLSXWorkbook(url: url)
        XCTAssertEqual(workbook.sheets.map(\.name), ["Svar & data", "Form1"])
        XCTAssertEqual(try Workbooks.rows(url), [XLSXRow(number: 1, cells: ["first"])])
        XCTAssertEqual(try Workbooks.rows(url, sheet: "Form1"), [XLSXRow(number: 2, cells: ["", "second"])])
        XCTAssertEqual(try Workbooks.rows(url, sheet: "form1"), [XLSXRow(number: 2, cells: ["", "second"])])
        XCTAssertThrowsError(try workbook.sheet(named: "Responses")) { error in
            XCTAssertEqual(error as? XLSXError, .noSuchSheet("Responses", available: ["Svar & data", "Form1"]))
            XCTAssertEqual("\(error)", "the workbook has no sheet \"Responses\"; its sheets are \"Svar & data\", \"Form1\"")
        }
    }

    func testPrefixedElementsAreReadByTheirLocalNames() throws {
        // Some writers put the main namespace under a prefix: <x:row>, <x:c>.
        let parts = Workbooks.parts(sheets: [("Sheet1", "")]).map { path, text -> (String, String) in
            guard path == "xl/worksheets/sheet1.xml" else { return (path, text) }
            return (path, """
                <?xml version="1.0"?><x:worksheet xmlns:x="\(Workbooks.mainNamespace)"><x:sheetData><x:row r="1">\
                <x:c r="A1" t="inlineStr"><x:is><x:t>prefixed</x:t></x:is></x:c><x:c r="B1"><x:v>5</x:v></x:c></x:row></x:sheetData>\
                <x:mergeCells><x:mergeCell ref="B1:C1"/></x:mergeCells></x:worksheet>
                """)
        }
        let url = try Workbooks.zip(parts, in: directory)
        XCTAssertEqual(try Workbooks.rows(url), [XLSXRow(number: 1, cells: ["prefixed", "5", "5"])])
    }

    func testCellReferences() {
        XCTAssertEqual(CellReference("C5"), CellReference(column: 2, row: 5))
        XCTAssertEqual(CellReference("$AA$10"), CellReference(column: 26, row: 10))
        XCTAssertEqual(CellReference("XFD1048576"), CellReference(column: 16_383, row: 1_048_576))
        XCTAssertNil(CellReference("XFE1"))
        XCTAssertNil(CellReference("A0"))
        XCTAssertNil(CellReference("5C"))
        XCTAssertEqual(CellReference(column: 701, row: 3).description, "ZZ3")
        XCTAssertEqual(CellReference(column: 702, row: 3).description, "AAA3")
    }
}
