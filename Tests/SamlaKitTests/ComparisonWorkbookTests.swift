import Foundation
import XCTest
import XLSXWriter
@testable import SamlaKit

/// Comparisons across groups (`--by session`, `--by` a multiple-choice question), the tests that
/// hold, intervals, number notation, charts and print settings: the figures come from the real
/// analysis of the export fixture's store, and the workbook is read back by openpyxl and by
/// parsing its XML parts.
final class ComparisonWorkbookTests: XCTestCase {
    private var fixture: ExportFixture!

    override func setUpWithError() throws {
        fixture = try ExportFixture()
    }

    override func tearDownWithError() throws {
        fixture.remove()
    }

    private static let umea = "Umeå 2025-03-12", lulea = "Luleå 2025-04-02"

    private func analyse(by: String, language: String = "en") throws -> Summary {
        let options = try AnalysisOptions.parse(survey: fixture.survey, language: language, by: by)
        return try Analyzer(survey: fixture.survey, options: options).summarize(store: fixture.store)
    }

    private func export(_ summary: Summary, name: String = "compare.xlsx") throws -> String {
        let path = fixture.path(name)
        let options = ExportOptions(created: Date(timeIntervalSince1970: 1_750_000_000))
        _ = try WorkbookExport.write(to: path, survey: fixture.survey, summary: summary, store: fixture.store,
                                     options: options, anonymizer: try Anonymizer.forStore(fixture.store, enabled: false))
        return path
    }

    /// Print settings, column ranges, number formats and chart titles, read from the file.
    private struct Layout: Decodable {
        struct Sheet: Decodable {
            let paper: Int?
            let orientation: String?
            let fitToPage: Bool?
            let fitToWidth: Int?
            let fitToHeight: Int?
            let printTitleRows: String?
            let cols: [[Int]]
            let formats: [String: String]
        }

        let sheets: [String: Sheet]
        let printTitles: Int
        let chartTitles: [String]
    }

    private static let layoutScript = #"""
import json, re, sys, zipfile
import xml.etree.ElementTree as ET
import openpyxl
path = sys.argv[1]
book = openpyxl.load_workbook(path)
out = {"sheets": {}, "chartTitles": []}
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
with zipfile.ZipFile(path) as z:
    workbook = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    parts = {}
    for s in workbook.find("m:sheets", ns):
        parts[s.get("name")] = "xl/" + targets[s.get("{%s}id" % ns["r"])]
    names = workbook.find("m:definedNames", ns)
    out["printTitles"] = sum(1 for d in (names if names is not None else []) if d.get("name") == "_xlnm.Print_Titles")
    cols = {}
    for name, part in parts.items():
        root = ET.fromstring(z.read(part))
        block = root.find("m:cols", ns)
        cols[name] = [[int(c.get("min")), int(c.get("max"))] for c in (block if block is not None else [])]
    for name in sorted(z.namelist()):
        if re.match(r"xl/charts/chart\d+\.xml$", name):
            data = z.read(name).decode()
            title = re.search(r"<c:title>(.*?)</c:title>", data, re.S)
            out["chartTitles"].append("".join(re.findall(r"<a:t>(.*?)</a:t>", title.group(1), re.S)) if title else "")
for ws in book.worksheets:
    ps = ws.page_setup
    pr = ws.sheet_properties.pageSetUpPr
    formats = {}
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                formats[c.coordinate] = c.number_format
    out["sheets"][ws.title] = {
        "paper": int(ps.paperSize) if ps.paperSize is not None else None, "orientation": ps.orientation,
        "fitToPage": bool(pr.fitToPage) if pr is not None and pr.fitToPage is not None else None,
        "fitToWidth": int(ps.fitToWidth) if ps.fitToWidth is not None else None,
        "fitToHeight": int(ps.fitToHeight) if ps.fitToHeight is not None else None,
        "printTitleRows": ws.print_title_rows, "cols": cols[ws.title], "formats": formats}
print(json.dumps(out))
"""#

    private func layout(_ path: String) throws -> Layout {
        try JSONDecoder().decode(Layout.self, from: Data(try Python.run(["-c", Self.layoutScript, path]).utf8))
    }

    private func questionSheet(_ book: WorkbookReadBack.Dump, number: Int) throws -> String {
        try XCTUnwrap(book.sheets.first { $0.hasPrefix("\(number). ") }, "no sheet for question \(number)")
    }

    /// The row (1-based) whose cells include `text`, and the column letter of that cell.
    private func locate(_ text: String, in sheet: String, _ book: WorkbookReadBack.Dump) -> (row: Int, column: String)? {
        for (key, cell) in book.cells[sheet] ?? [:] where cell.value == text {
            let letters = String(key.prefix { $0.isLetter })
            if let row = Int(key.dropFirst(letters.count)) { return (row, letters) }
        }
        return nil
    }

    // MARK: --by session

    func testBySessionGivesAColumnPerWorkshopWithTheQuestionsOwnBase() throws {
        let summary = try analyse(by: "session")
        let crosstab = try XCTUnwrap(summary.crosstab)
        XCTAssertTrue(crosstab.bySession)
        XCTAssertEqual(crosstab.groups.map(\.id), [Self.umea, Self.lulea], "in the order the sessions were held")
        XCTAssertEqual(crosstab.groups.map(\.responses), [6, 2])
        XCTAssertEqual(summary.responses, 8)
        // Where are you based: five of the six in Umeå answered (one left it blank), both in Luleå.
        let city = try XCTUnwrap(summary.questions.firstIndex { $0.id == "city" })
        XCTAssertEqual(crosstab.groups.map { $0.questions[city].answered }, [5, 2])

        let book = try WorkbookReadBack.read(try export(summary))
        let sheet = try questionSheet(book, number: 2)
        let umeaHead = try XCTUnwrap(locate("\(Self.umea) (n = 5)", in: sheet, book), "the Umeå column with its n")
        XCTAssertEqual(umeaHead.column, "B")
        XCTAssertEqual(book.cell(sheet, "C\(umeaHead.row)")?.value, "\(Self.lulea) (n = 2)")
        XCTAssertEqual(book.cell(sheet, "D\(umeaHead.row)")?.value, "Total (n = 7)")
        // The Umeå row of the comparison: 2 of 5 in Umeå, 1 of 2 in Luleå, 3 of 7 in all.
        let rows = (umeaHead.row + 1)...(umeaHead.row + 6)
        let umeaRow = try XCTUnwrap(rows.first { book.cell(sheet, "A\($0)")?.value == "Umeå" })
        XCTAssertEqual(book.cell(sheet, "B\(umeaRow)")?.number ?? -1, 2.0 / 5, accuracy: 1e-12)
        XCTAssertEqual(book.cell(sheet, "C\(umeaRow)")?.number ?? -1, 1.0 / 2, accuracy: 1e-12)
        XCTAssertEqual(book.cell(sheet, "D\(umeaRow)")?.number ?? -1, 3.0 / 7, accuracy: 1e-12)
        // The cross-tab sheet uses the same base in its headings.
        XCTAssertNotNil(locate("\(Self.umea) (n = 5)", in: "Cross-tabs", book))
        // And the terminal shows the sessions side by side.
        let text = SummaryText(useColour: false).render(summary)
        XCTAssertTrue(text.contains("Cross-tab by Session (session)"), text)
        XCTAssertTrue(text.contains("Umeå 2025") && text.contains("Luleå 2025"), text)
    }

    func testBySessionIsRefusedWhenTheSurveyHasNoSuchQuestionOnlyForOtherWords() throws {
        XCTAssertNoThrow(try AnalysisOptions.parse(survey: fixture.survey, by: "session"))
        XCTAssertThrowsError(try AnalysisOptions.parse(survey: fixture.survey, by: "sessions"))
        XCTAssertThrowsError(try AnalysisOptions.parse(survey: fixture.survey, by: "collaboration"), "a scale does not group")
    }

    // MARK: Tests that hold

    func testSmallTablesGetNoChiSquareAndMultipleChoiceNoneAsAWhole() throws {
        // Eight responses in two sessions: every expected count is under 5.
        let summary = try analyse(by: "session")
        let crosstab = try XCTUnwrap(summary.crosstab)
        XCTAssertTrue(crosstab.tests.isEmpty, "\(crosstab.tests.keys)")
        for id in ["role", "city", "entry-point"] {
            XCTAssertEqual(crosstab.untested[id], .expectedBelowFive, id)
        }
        for id in ["focus", "involvement"] {
            XCTAssertNil(crosstab.tests[id])
            XCTAssertNil(crosstab.exactTests[id])
            // Each choice as chosen or not by session is 2×2: Fisher's test, Holm-adjusted.
            for test in crosstab.choiceTests[id] ?? [] {
                XCTAssertNotNil(test.exact, "\(id)/\(test.choice)")
                XCTAssertGreaterThanOrEqual(test.adjustedPValue, test.pValue)
            }
        }
        let book = try WorkbookReadBack.read(try export(summary))
        let texts = book.cells.values.flatMap { $0.values.compactMap(\.value) }
        XCTAssertFalse(texts.contains { $0.hasPrefix("Chi-square =") }, "no chi-square where expected counts are under 5")
        XCTAssertTrue(texts.contains("no test: an expected count is under 5 and the table is larger than 2×2"))
    }

    func testTheRuleGivesChiSquareFisherOrNothing() {
        guard case .chiSquare(let large) = IndependenceTests.test([[30, 10], [10, 30]]) else { return XCTFail("chi-square") }
        XCTAssertEqual(large.degreesOfFreedom, 1)
        // scipy.stats.fisher_exact([[3, 1], [1, 3]]).pvalue = 0.48571428571428565
        guard case .exact(let small) = IndependenceTests.test([[3, 1], [1, 3]]) else { return XCTFail("Fisher") }
        XCTAssertEqual(small.pValue, 0.48571428571428565, accuracy: 1e-12)
        XCTAssertEqual(small.oddsRatio ?? 0, 9, accuracy: 1e-12)
        // Empty rows and columns do not count: this is 2×2 once the empty ones are left out.
        guard case .exact = IndependenceTests.test([[3, 0, 1], [0, 0, 0], [1, 0, 3]]) else { return XCTFail("reduced 2×2") }
        guard case .none(.expectedBelowFive) = IndependenceTests.test([[3, 1, 2], [1, 3, 2]]) else { return XCTFail("3×2 small") }
        guard case .none(.tooFewAnswers) = IndependenceTests.test([[3, 1]]) else { return XCTFail("one row") }
    }

    // MARK: --by a multiple-choice question

    func testByAMultipleChoiceQuestionPutsARespondentInEveryGroupChosenAndTestsNothing() throws {
        let summary = try analyse(by: "focus")
        let crosstab = try XCTUnwrap(summary.crosstab)
        XCTAssertTrue(crosstab.groupsOverlap)
        XCTAssertEqual(crosstab.groups.map(\.id), ["scale-up", "skills", "housing", "mobility", "energy", "attractiveness"])
        XCTAssertEqual(crosstab.groups.map(\.responses), [2, 2, 2, 1, 2, 1], "a respondent counts in each group chosen")
        XCTAssertTrue(crosstab.tests.isEmpty && crosstab.exactTests.isEmpty && crosstab.choiceTests.isEmpty)
        for id in ["role", "city", "involvement", "entry-point"] {
            XCTAssertEqual(crosstab.untested[id], .overlappingGroups, id)
        }
        // Skills and new jobs: responses 2 (municipality) and 6 (academia).
        let skills = crosstab.groups[1]
        XCTAssertEqual(skills.questions[0].choices.first { $0.id == "municipality" }?.share, 0.5)

        let book = try WorkbookReadBack.read(try export(summary))
        let sheet = try questionSheet(book, number: 1)
        let head = try XCTUnwrap(locate("Skills and new jobs (n = 2)", in: sheet, book))
        XCTAssertEqual(head.column, "C")
        let texts = book.cells.values.flatMap { $0.values.compactMap(\.value) }
        XCTAssertFalse(texts.contains { $0.contains("Chi-square =") || $0.contains("Fisher's exact test:") }, "no test with overlapping groups")
        XCTAssertTrue(texts.contains("no test: the groups overlap (one person can be in several)"))
    }

    // MARK: Intervals, notation, whole numbers

    func testQuestionTablesCarryWilsonIntervals() throws {
        let summary = try analyse(by: "session")
        let book = try WorkbookReadBack.read(try export(summary))
        let sheet = try questionSheet(book, number: 1)
        XCTAssertEqual(book.cell(sheet, "D4")?.value, "95 % CI, low")
        XCTAssertEqual(book.cell(sheet, "E4")?.value, "95 % CI, high")
        let role = try XCTUnwrap(summary.question("role"))
        for (offset, choice) in role.choices.enumerated() {
            let row = 5 + offset
            XCTAssertEqual(book.cell(sheet, "A\(row)")?.value, choice.label)
            let wilson = try XCTUnwrap(Statistics.wilsonInterval(successes: choice.count, trials: role.answered))
            XCTAssertEqual(book.cell(sheet, "D\(row)")?.number ?? -1, wilson.lower, accuracy: 1e-12, choice.id)
            XCTAssertEqual(book.cell(sheet, "E\(row)")?.number ?? -1, wilson.upper, accuracy: 1e-12, choice.id)
        }
    }

    func testSwedishTextUsesDecimalCommaAndWholeValuesShowAsWholeNumbers() throws {
        let summary = try analyse(by: "session", language: "sv")
        let path = try export(summary)
        let book = try WorkbookReadBack.read(path)
        // Text Samla writes itself: the headline of "role" is "Kommun 37,5 %; Region 25,0 %; …".
        let headline = try XCTUnwrap(book.cells["Översikt"]?.values.compactMap(\.value).first { $0.hasPrefix("Kommun ") })
        XCTAssertTrue(headline.hasPrefix("Kommun 37,5\u{00A0}%"), headline)
        XCTAssertNil(headline.range(of: #"\d\.\d"#, options: .regularExpression), "no decimal point in Swedish text")
        // Cells keep Excel's locale-independent codes; whole values as whole numbers.
        let sheet = try questionSheet(book, number: 5)
        let formats = try XCTUnwrap(layout(path).sheets[sheet]?.formats)
        let minimum = try XCTUnwrap(book.row(of: "Minsta", in: sheet))
        let mean = try XCTUnwrap(book.row(of: "Medelvärde", in: sheet))
        XCTAssertEqual(book.cell(sheet, "B\(minimum)")?.number, 1)
        XCTAssertEqual(formats["B\(minimum)"], "#,##0", "a whole minimum is shown as 1, not 1.00")
        XCTAssertEqual(formats["B\(mean)"], "#,##0.00")
    }

    // MARK: Charts, names, print

    func testChartTitlesCarryNAndSeveralAnswersAndSheetNamesAreWholeWords() throws {
        let summary = try analyse(by: "session")
        let path = try export(summary)
        let book = try WorkbookReadBack.read(path)
        let titles = try layout(path).chartTitles
        XCTAssertFalse(titles.isEmpty)
        for title in titles { XCTAssertTrue(title.contains("(n = "), title) }
        let focus = try XCTUnwrap(summary.question("focus"))
        let focusTitles = titles.filter { $0.hasPrefix(focus.text) }
        XCTAssertEqual(focusTitles.count, 2, "the question's chart and its comparison")
        for title in focusTitles { XCTAssertTrue(title.contains("n = 6; several answers possible"), title) }
        // "Other" nobody chose gets no bar: involvement allows no other, role's one is chosen once.
        for (number, question) in summary.questions.enumerated() where !question.personal {
            let name = try questionSheet(book, number: number + 1)
            XCTAssertLessThanOrEqual(name.utf16.count, SheetName.maxLength, name)
            XCTAssertTrue(SheetName.isValid(name), name)
            var words = String(name.drop { $0 != " " }.dropFirst())
            let cut = words.hasSuffix("…")
            if cut { words.removeLast() }
            let cleaned = question.text.filter { !SheetName.forbiddenCharacters.contains($0) }
            if cut {
                XCTAssertTrue(cleaned.hasPrefix(words + " "), "\(name) is cut mid-word of '\(question.text)'")
            } else {
                XCTAssertEqual(words, cleaned, name)
            }
        }
        XCTAssertEqual(Set(book.sheets).count, book.sheets.count)
    }

    func testEverySheetPrintsOnA4OneWideWithTitlesAndColumnsSetOnce() throws {
        let path = try export(try analyse(by: "session"))
        let layout = try layout(path)
        XCTAssertEqual(layout.printTitles, layout.sheets.count, "every sheet repeats its header rows")
        for (name, sheet) in layout.sheets {
            XCTAssertEqual(sheet.paper, 9, "\(name): A4")
            XCTAssertEqual(sheet.fitToPage, true, name)
            XCTAssertEqual(sheet.fitToWidth ?? 1, 1, "\(name): one page wide")
            XCTAssertEqual(sheet.fitToHeight, 0, "\(name): as many pages down as needed")
            XCTAssertNotNil(sheet.printTitleRows, name)
            XCTAssertFalse(sheet.cols.isEmpty, name)
            let ranges = sheet.cols.sorted { $0[0] < $1[0] }
            for range in ranges { XCTAssertLessThanOrEqual(range[0], range[1], name) }
            for (left, right) in zip(ranges, ranges.dropFirst()) {
                XCTAssertLessThan(left[1], right[0], "\(name): <col> \(left) overlaps \(right)")
            }
        }
        for name in ["Overview", "Cross-tabs"] + layout.sheets.keys.filter({ $0.first?.isNumber == true }) {
            XCTAssertEqual(layout.sheets[name]?.orientation, "landscape", name)
        }
    }

    func testNumberQuestionsGetAHistogramByAStatedRule() throws {
        let survey = try AnalysisFixture.survey()
        let answers: [Answers] = (0 ..< 30).map { ["role": .choice("a"), "staff": .number(Double($0 % 7))] }
        let summary = try Analyzer(survey: survey).summarize(answers.map { AnalysisFixture.response(survey, $0) })
        let staff = try XCTUnwrap(summary.question("staff"))
        XCTAssertEqual(staff.histogram.map(\.count), [5, 5, 4, 4, 4, 4, 4], "one bin per whole number 0…6")
        let path = fixture.path("numbers.xlsx")
        let workbook = try Workbook(path: path)
        let styles = try WorkbookStyles(workbook)
        let names = try QuestionSheets(styles: styles, language: "en").write(in: workbook, summary: summary)
        try workbook.close()
        let book = try WorkbookReadBack.read(path)
        let sheet = try XCTUnwrap(names["staff"])
        XCTAssertNotNil(book.row(of: "Bars: one per whole number.", in: sheet))
        let first = try XCTUnwrap(book.row(of: "Range", in: sheet))
        XCTAssertEqual((1...7).map { book.cell(sheet, "B\(first + $0)")?.number }, [5, 5, 4, 4, 4, 4, 4])
        XCTAssertTrue(book.charts.contains { chart in chart.formulas.contains { $0.contains(sheet) } }, "a histogram chart")
    }
}
