import Foundation
import XCTest
import XLSXWriter
@testable import SamlaKit

/// The XLSX export, read back with openpyxl and zipfile.
final class ExportWorkbookTests: XCTestCase {
    private var fixture: ExportFixture!

    override func setUpWithError() throws {
        fixture = try ExportFixture()
    }

    override func tearDownWithError() throws {
        fixture.remove()
    }

    private let created = Date(timeIntervalSince1970: 1_750_000_000)

    private func export(_ name: String = "out.xlsx", anonymize: Bool = false,
                        summary: Summary? = nil, configure: (inout ExportOptions) -> Void = { _ in }) throws
        -> (path: String, outcome: WorkbookExport.Outcome) {
        var options = ExportOptions(anonymize: anonymize, codebook: fixture.codebook, created: created)
        configure(&options)
        let path = fixture.path(name)
        let anonymizer = try Anonymizer.forStore(fixture.store, enabled: anonymize)
        let outcome = try WorkbookExport.write(to: path, survey: fixture.survey, summary: summary ?? fixture.summary,
                                               store: fixture.store, options: options, anonymizer: anonymizer)
        return (path, outcome)
    }

    func testSheetsComeInReadingOrderWithOverviewFirst() throws {
        let (path, _) = try export()
        let book = try WorkbookReadBack.read(path)
        XCTAssertEqual(book.sheets.first, "Overview")
        XCTAssertEqual(book.sheets.last, "About")
        let expectedOrder = ["Cross-tabs", "Free text", "Themes", "Terms", "Follow-up", "Responses", "About"]
        XCTAssertEqual(book.sheets.filter(expectedOrder.contains), expectedOrder)
        // One sheet per question that is not personal: 8 of the 10.
        XCTAssertEqual(book.sheets.filter { $0.first?.isNumber == true }.count, 8)
    }

    func testEachLabelHasItsCountInTheNextCellAndItsShareAfterIt() throws {
        let (path, _) = try export()
        let book = try WorkbookReadBack.read(path)
        let sheet = try XCTUnwrap(book.sheets.first { $0.hasPrefix("1. ") })
        for choice in fixture.summary.questions[0].choices {
            let row = try XCTUnwrap(book.row(of: choice.label, in: sheet), "no row for \(choice.label)")
            XCTAssertEqual(book.cell(sheet, "B\(row)")?.number, Double(choice.count), choice.label)
            XCTAssertEqual(book.cell(sheet, "C\(row)")?.number ?? -1, choice.share, accuracy: 1e-12)
        }
        let otherRow = try XCTUnwrap(book.row(of: "Other", in: sheet))
        XCTAssertEqual(book.cell(sheet, "B\(otherRow)")?.number, 1)
        XCTAssertNotNil(book.row(of: "Konsultbolag", in: sheet), "the texts written under Other are listed")
    }

    func testScalesKeepScaleOrderWithMeanMedianAndTopTwoBox() throws {
        let (path, _) = try export()
        let book = try WorkbookReadBack.read(path)
        let sheet = try XCTUnwrap(book.sheets.first { $0.hasPrefix("5. ") })
        let labels = ["1 – Not at all", "2", "3 – Maybe", "4", "5 – Very much"]
        let rows = try labels.map { try XCTUnwrap(book.row(of: $0, in: sheet), $0) }
        XCTAssertEqual(rows, rows.sorted(), "scale points in scale order")
        XCTAssertEqual(rows.map { book.cell(sheet, "B\($0)")?.number }, [1, 1, 2, 2, 2])
        XCTAssertEqual(book.cell(sheet, "B\(try XCTUnwrap(book.row(of: "Mean", in: sheet)))")?.number, 3.375)
        XCTAssertEqual(book.cell(sheet, "B\(try XCTUnwrap(book.row(of: "Median", in: sheet)))")?.number, 3.5)
        XCTAssertEqual(book.cell(sheet, "B\(try XCTUnwrap(book.row(of: "Top two box", in: sheet)))")?.number, 0.5)
    }

    func testChartsCarryCachedValuesFromTheirTables() throws {
        let (path, _) = try export()
        let book = try WorkbookReadBack.read(path)
        // Six choice and scale questions plus the two free-text ones with themes, and the comparison
        // of the one question the fixture's cross-tab holds (involvement by role).
        XCTAssertEqual(book.charts.count, 9)
        for chart in book.charts {
            XCTAssertFalse(chart.numCache.isEmpty, "\(chart.part) has no numCache")
            XCTAssertFalse(chart.numCache[0].isEmpty, "\(chart.part) has an empty numCache")
            XCTAssertFalse(chart.strCache.isEmpty, "\(chart.part) has no category cache")
        }
        let roleChart = try XCTUnwrap(book.charts.first { $0.formulas.contains { $0.contains("1. Which") } })
        let roleShares = fixture.summary.questions[0].choices.map(\.share) + [1.0 / 8]
        XCTAssertEqual(roleChart.numCache[0].count, roleShares.count)
        for (cached, share) in zip(roleChart.numCache[0], roleShares) {
            XCTAssertEqual(cached, share, accuracy: 1e-9)
        }
        XCTAssertEqual(roleChart.strCache[0].first, "Municipality")
    }

    /// Above the table limit the workbook streams (libxlsxwriter's constant-memory mode, its public
    /// API only), so its charts carry references without cached values. Each reference must hold
    /// exactly the values the in-memory workbook caches, and LibreOffice, opening the streamed file
    /// and saving it again, must draw every chart from those cells: its saved caches are the
    /// in-memory workbook's, chart by chart.
    func testAStreamedWorkbooksChartsReadTheirValuesFromTheCells() throws {
        let (memoryPath, memoryOutcome) = try export("memory.xlsx")
        let (streamedPath, streamedOutcome) = try export("streamed.xlsx") { $0.responsesTableLimit = 2 }
        XCTAssertTrue(memoryOutcome.responsesTable)
        XCTAssertFalse(streamedOutcome.responsesTable)
        let memory = try WorkbookReadBack.read(memoryPath)
        let streamed = try WorkbookReadBack.read(streamedPath)
        XCTAssertEqual(streamed.charts.count, memory.charts.count)
        XCTAssertEqual(streamed.charts.map(\.formulas), memory.charts.map(\.formulas), "the same references")
        XCTAssertTrue(streamed.charts.allSatisfy(\.numCache.isEmpty), "a streamed sheet gives no cached values")
        let script = #"""
import json, os, re, subprocess, sys, tempfile, zipfile
import openpyxl
from openpyxl.utils import range_boundaries
path, outdir = sys.argv[1], sys.argv[2]
book = openpyxl.load_workbook(path)
def values(formula):
    sheet, ref = formula.rsplit("!", 1)
    sheet = sheet.strip("'").replace("''", "'")
    c1, r1, c2, r2 = range_boundaries(ref.replace("$", ""))
    ws = book[sheet]
    return [ws.cell(row=r, column=c).value for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]
charts = []
with zipfile.ZipFile(path) as z:
    names = sorted((n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n)), key=lambda n: int(re.findall(r"\d+", n)[0]))
    for name in names:
        data = z.read(name).decode()
        charts.append([values(f) for f in re.findall(r"<c:f>(.*?)</c:f>", data)])
profile = tempfile.mkdtemp(prefix="samla-lo-")
subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
                "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outdir, path], check=True, capture_output=True, timeout=240)
saved = os.path.join(outdir, os.path.basename(path))
caches = []
with zipfile.ZipFile(saved) as z:
    for name in sorted(n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n)):
        data = z.read(name).decode()
        caches.append([[float(v) for v in re.findall(r"<c:pt idx=\"\d+\">\s*<c:v>(.*?)</c:v>", cache)]
                       for cache in re.findall(r"<c:numCache>(.*?)</c:numCache>", data, re.S)])
print(json.dumps({"cells": charts, "libreoffice": caches}))
"""#
        struct Drawn: Decodable {
            /// Per chart, per reference, the values in the referenced cells.
            let cells: [[[JSONValue]]]
            /// Per chart LibreOffice saved, its series' cached numbers.
            let libreoffice: [[[Double]]]
        }
        let outdir = fixture.path("relo")
        try FileManager.default.createDirectory(atPath: outdir, withIntermediateDirectories: true)
        let drawn = try JSONDecoder().decode(Drawn.self, from: Data(try Python.run(["-c", script, streamedPath, outdir]).utf8))
        XCTAssertEqual(drawn.cells.count, memory.charts.count)
        for (chart, cells) in zip(memory.charts, drawn.cells) {
            // The in-memory chart caches its categories (strings) and values (numbers) per series.
            let numbers = cells.map { $0.compactMap(\.number) }.filter { !$0.isEmpty }
            XCTAssertEqual(numbers, chart.numCache, "\(chart.part): the referenced cells hold the cached values")
        }
        XCTAssertEqual(drawn.libreoffice.filter { !$0.isEmpty }.count, memory.charts.count, "LibreOffice keeps every chart")
        // LibreOffice writes 15 significant digits, libxlsxwriter 16.
        func canonical(_ charts: [[[Double]]]) -> [[[Double]]] {
            charts.map { $0.map { $0.map { ($0 * 1e12).rounded() / 1e12 } }.sorted { $0.lexicographicallyPrecedes($1) } }
                .sorted { $0.description < $1.description }
        }
        XCTAssertEqual(canonical(drawn.libreoffice), canonical(memory.charts.map(\.numCache)),
                       "LibreOffice draws every chart from the cells with the values the in-memory workbook caches")
    }

    func testEveryCompleteResponseIsListedOnceAndNoDraft() throws {
        let (path, outcome) = try export()
        XCTAssertEqual(outcome.responses, 8)
        let book = try WorkbookReadBack.read(path, searching: [ExportFixture.draftEmail])
        let ids = book.column("B", in: "Responses").compactMap { $0?.value }
        XCTAssertEqual(ids, fixture.responses.map(\.id.uuidString), "in store order")
        XCTAssertEqual(book.column("A", in: "Responses").map { $0?.number }, (1...8).map(Double.init), "numbered")
        XCTAssertEqual(book.found[ExportFixture.draftEmail], [], "a draft is never exported")
        let header = book.headerColumns("Responses")
        // Multiple choice: one 1/0 column per choice and the labels joined.
        let contact = try XCTUnwrap(header["How do you want to be involved? [Establish a contact]"])
        let information = try XCTUnwrap(header["How do you want to be involved? [More information on the territorial strategies and the national platform]"])
        let joined = try XCTUnwrap(header["How do you want to be involved?"])
        let firstRow = try XCTUnwrap(book.row(of: fixture.responses[1].id.uuidString, in: "Responses", column: "B"))
        XCTAssertEqual(book.cell("Responses", "\(contact)\(firstRow)")?.number, 1)
        XCTAssertNil(book.cell("Responses", "\(information)\(firstRow)"), "a choice not chosen stays empty")
        XCTAssertEqual(book.cell("Responses", "\(joined)\(firstRow)")?.value,
                       "Establish a contact; Take part in concrete activities where we work together")
        // Scales are numbers, not text.
        let scale = try XCTUnwrap(header["How interested are you in closer collaboration with Thriving Northern Cities?"])
        XCTAssertEqual(book.cell("Responses", "\(scale)\(firstRow)")?.type, "n")
        XCTAssertEqual(book.cell("Responses", "\(scale)\(firstRow)")?.number, 2)
        // Submitted is a real date.
        // Shown in the survey's zone (Europe/Stockholm, UTC+1 in March), named in the heading.
        let submitted = try XCTUnwrap(header["Submitted (Europe/Stockholm)"])
        XCTAssertEqual(book.cell("Responses", "\(submitted)\(firstRow)")?.type, "d")
        XCTAssertEqual(book.cell("Responses", "\(submitted)\(firstRow)")?.value, "2025-03-12T13:12:00")
    }

    func testSmallExportsGetAnExcelTableAndLargeOnesAnAutofilter() throws {
        let (tablePath, tableOutcome) = try export("table.xlsx")
        let table = try WorkbookReadBack.read(tablePath)
        XCTAssertTrue(tableOutcome.responsesTable)
        XCTAssertEqual(table.tables["Responses"]?.count, 1)
        XCTAssertEqual(table.freeze["Responses"] ?? nil, "B2")

        let (filterPath, filterOutcome) = try export("filter.xlsx") { $0.responsesTableLimit = 5 }
        let filtered = try WorkbookReadBack.read(filterPath)
        XCTAssertFalse(filterOutcome.responsesTable)
        XCTAssertEqual(filtered.tables["Responses"], [])
        XCTAssertEqual(filtered.autofilter["Responses"] ?? nil, table.tables["Responses"]?.first, "the same range, filtered")
        XCTAssertEqual(filtered.freeze["Responses"] ?? nil, "B2")
        XCTAssertEqual(filtered.column("B", in: "Responses").compactMap { $0?.value }, fixture.responses.map(\.id.uuidString))
        // Streamed, every cell reads back as the in-memory table's.
        let streamedCells = try XCTUnwrap(filtered.cells["Responses"])
        XCTAssertGreaterThan(streamedCells.count, fixture.responses.count * 10)
        let inMemoryCells = try XCTUnwrap(table.cells["Responses"])
        let differing = Set(streamedCells.keys).union(inMemoryCells.keys).filter { streamedCells[$0] != inMemoryCells[$0] }.sorted()
        XCTAssertEqual(differing, [], differing.prefix(3).map { "\($0): \(String(describing: streamedCells[$0])) streamed, \(String(describing: inMemoryCells[$0])) in memory" }.joined(separator: "; "))
        let overview = filtered.cells["Overview"]?.values.compactMap(\.value) ?? []
        XCTAssertTrue(overview.contains { $0.hasPrefix("More than 5 responses") }, "Overview says why there is no table")
    }

    /// The fast path under libxlsxwriter (`XLSXWriter.FastPaths`, the deflate level) changes how the
    /// workbook is packed, never what it says: every sheet's cells, tables, filters, panes and chart
    /// caches read back the same with it off.
    func testTheWorkbookSaysTheSameWithTheFastPathsOff() throws {
        // Streamed Responses (an autofilter, not a table), as at bench sizes.
        let (onPath, _) = try FastPaths.with(enabled: true) {
            XCTAssertTrue(FastPaths.packOnEveryCore, "the parts are deflated on the packing threads")
            return try export("on.xlsx") { $0.responsesTableLimit = 2 }
        }
        let (offPath, _) = try FastPaths.with(enabled: false) { try export("off.xlsx") { $0.responsesTableLimit = 2 } }
        let on = try WorkbookReadBack.read(onPath)
        let off = try WorkbookReadBack.read(offPath)
        XCTAssertEqual(on.sheets, off.sheets)
        XCTAssertGreaterThan(on.cells["Responses"]?.count ?? 0, fixture.responses.count * 10)
        for sheet in on.sheets {
            let a = on.cells[sheet] ?? [:]
            let b = off.cells[sheet] ?? [:]
            let differing = Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
            XCTAssertEqual(differing, [], "\(sheet): " + differing.prefix(3).map { "\($0): \(String(describing: a[$0])) on, \(String(describing: b[$0])) off" }.joined(separator: "; "))
        }
        XCTAssertEqual(on.tables, off.tables)
        XCTAssertEqual(on.autofilter, off.autofilter)
        XCTAssertEqual(on.freeze, off.freeze)
        XCTAssertEqual(on.charts.map(\.numCache), off.charts.map(\.numCache))
        XCTAssertEqual(on.charts.map(\.strCache), off.charts.map(\.strCache))
        XCTAssertEqual(on.parts, off.parts)
        XCTAssertEqual(on.formulaCount, 0)
        XCTAssertEqual(off.formulaCount, 0)
    }

    func testResponsesPastTheSheetLimitContinueOnNumberedSheets() throws {
        let (path, outcome) = try export { $0.rowsPerSheet = 3 }
        let book = try WorkbookReadBack.read(path)
        XCTAssertEqual(outcome.responseSheets, ["Responses", "Responses (2)", "Responses (3)"])
        let listed = outcome.responseSheets.flatMap { book.column("B", in: $0).compactMap { $0?.value } }
        XCTAssertEqual(listed, fixture.responses.map(\.id.uuidString), "every response once, in store order")
        XCTAssertEqual(book.rowCount("Responses (3)"), 3, "header and the last two")
        XCTAssertEqual(book.cell("Responses (2)", "B1")?.value, "Response id", "each part has the header")
        XCTAssertEqual(book.cell("Responses (2)", "A2")?.number, 4, "numbering runs on across the parts")
        let overview = book.cells["Overview"]?.values.compactMap(\.value) ?? []
        XCTAssertTrue(overview.contains { $0.contains("split over: Responses, Responses (2), Responses (3)") }, "\(overview)")
        let responsesIndex = try XCTUnwrap(book.sheets.firstIndex(of: "Responses"))
        XCTAssertEqual(Array(book.sheets[responsesIndex...(responsesIndex + 2)]), outcome.responseSheets, "the parts sit together")
    }

    func testFormulaLikeAnswersStayTextEverywhere() throws {
        let (path, _) = try export()
        let book = try WorkbookReadBack.read(path)
        XCTAssertEqual(book.formulaCount, 0, "no cell of any sheet is a formula")
        let matches = book.cells.flatMap { sheet, cells in
            cells.filter { $0.value.value == ExportFixture.formulaAnswer }.map { (sheet, $0.value.type) }
        }
        XCTAssertEqual(Set(matches.map(\.0)), ["Free text", "Responses"])
        XCTAssertTrue(matches.allSatisfy { $0.1 == "s" })
        for text in ["+46 70 123 45 67", "-- see above", "@here please"] {
            XCTAssertTrue(book.cells["Responses"]?.values.contains { $0.value == text && $0.type == "s" } ?? false, text)
        }
    }

    func testTheSameStoreAndOptionsGiveByteIdenticalFiles() throws {
        let first = try export("first.xlsx").path
        let second = try export("second.xlsx").path
        let a = try Data(contentsOf: URL(fileURLWithPath: first))
        let b = try Data(contentsOf: URL(fileURLWithPath: second))
        XCTAssertGreaterThan(a.count, 10_000)
        XCTAssertEqual(a, b)
        let anonymousA = try Data(contentsOf: URL(fileURLWithPath: try export("a1.xlsx", anonymize: true).path))
        let anonymousB = try Data(contentsOf: URL(fileURLWithPath: try export("a2.xlsx", anonymize: true).path))
        XCTAssertEqual(anonymousA, anonymousB, "pseudonyms come from the store's own key, so they repeat")
    }

    func testAnonymisedWorkbookHoldsNoPersonalAnswerAnywhere() throws {
        let (path, _) = try export(anonymize: true)
        let needles = ExportFixture.personalValues + fixture.responses.map(\.id.uuidString)
            + ["Name (if you would like", "E-mail if you would like"]
        let book = try WorkbookReadBack.read(path, searching: needles)
        for needle in needles {
            XCTAssertEqual(book.found[needle], [], "\(needle) found in \(book.found[needle] ?? [])")
        }
        XCTAssertFalse(book.sheets.contains("Follow-up"))
        XCTAssertEqual(book.cell("Responses", "B1")?.value, "Pseudonym")
        let pseudonyms = book.column("B", in: "Responses").compactMap { $0?.value }
        XCTAssertEqual(Set(pseudonyms).count, 8)
        XCTAssertTrue(pseudonyms.allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })
        // Without anonymising, the same search finds them: the search itself works.
        let (plainPath, _) = try export("plain.xlsx")
        let plain = try WorkbookReadBack.read(plainPath, searching: needles)
        XCTAssertFalse(plain.found["karin.holm@example.se"]?.isEmpty ?? true)
    }

    func testAnonymisedCrosstabHidesCountsUnderFive() throws {
        let (plainPath, _) = try export("plain.xlsx")
        let plain = try WorkbookReadBack.read(plainPath)
        let row = try XCTUnwrap(plain.row(of: "Establish a contact", in: "Cross-tabs"))
        XCTAssertEqual(plain.cell("Cross-tabs", "B\(row)")?.number, 2)
        XCTAssertEqual(plain.cell("Cross-tabs", "C\(row)")?.number, 1.0)
        XCTAssertEqual(plain.cell("Cross-tabs", "D\(row)")?.number, 1)
        XCTAssertEqual(plain.cell("Cross-tabs", "F\(row)")?.number, 3, "the whole selection as the last column")

        let (path, _) = try export("anonymous.xlsx", anonymize: true)
        let book = try WorkbookReadBack.read(path)
        let anonymousRow = try XCTUnwrap(book.row(of: "Establish a contact", in: "Cross-tabs"))
        XCTAssertEqual(book.cell("Cross-tabs", "B\(anonymousRow)")?.value, "<5")
        XCTAssertNil(book.cell("Cross-tabs", "C\(anonymousRow)"), "no percent that would give the count away")
        XCTAssertEqual(book.cell("Cross-tabs", "F\(anonymousRow)")?.value, "<5")
        let headers = book.cells["Cross-tabs"]?.values.compactMap(\.value) ?? []
        XCTAssertTrue(headers.contains("Municipality (n = <5)"))
    }

    func testSmallCellsAreFlaggedInTheCrosstab() throws {
        let (path, _) = try export()
        let styles = Data(try Python.run(["-c", #"""
import json, sys, openpyxl
sheet = openpyxl.load_workbook(sys.argv[1])["Cross-tabs"]
fills = {}
for row in sheet.iter_rows():
    for c in row:
        if c.value is not None and c.fill is not None and c.fill.fgColor is not None and c.fill.fill_type == "solid":
            fills[c.coordinate] = str(c.fill.fgColor.rgb)[-6:]
print(json.dumps(fills))
"""#, path]).utf8)
        let fills = try JSONDecoder().decode([String: String].self, from: styles)
        let book = try WorkbookReadBack.read(path)
        let row = try XCTUnwrap(book.row(of: "Establish a contact", in: "Cross-tabs"))
        XCTAssertEqual(fills["D\(row)"], "FCE4D6", "contact × region has an expected count under 5")
        XCTAssertNil(fills["B\(row)"], "contact × municipality is not flagged")
    }

    func testFreeTextListsEveryAnswerWithLanguageAndThemes() throws {
        let (path, _) = try export()
        let book = try WorkbookReadBack.read(path)
        let answers = book.column("C", in: "Free text").compactMap { $0?.value }
        XCTAssertEqual(answers.count, 8, "four answers to each of the two free-text questions")
        let housingRow = try XCTUnwrap(book.row(of: "We would like more data on housing and the transport strategy.", in: "Free text", column: "C"))
        XCTAssertEqual(book.cell("Free text", "D\(housingRow)")?.value, "en")
        XCTAssertEqual(book.cell("Free text", "E\(housingRow)")?.value, "Housing")
        let swedishRow = try XCTUnwrap(book.row(of: "Samverkan kring bostäder och stadsplanering med kommunerna.", in: "Free text", column: "C"))
        XCTAssertEqual(book.cell("Free text", "D\(swedishRow)")?.value, "sv")
        XCTAssertEqual(book.cell("Free text", "E\(swedishRow)")?.value, "Housing; Cooperation")
        XCTAssertFalse(answers.contains("Anna Lindberg"), "personal questions are not free text")
        // Each answer names its response by number: that row of Responses holds the same text.
        let responseHeader = book.headerColumns("Responses")
        for (offset, number) in book.column("A", in: "Free text").enumerated() {
            let row = Int(try XCTUnwrap(number?.number)) + 1
            let question = try XCTUnwrap(book.cell("Free text", "B\(offset + 2)")?.value)
            let column = try XCTUnwrap(responseHeader[question])
            XCTAssertEqual(book.cell("Responses", "\(column)\(row)")?.value, answers[offset])
        }
        // Themes with counts, shares and quotes.
        let themeRow = try XCTUnwrap(book.row(of: "Cooperation", in: "Themes"))
        XCTAssertNotNil(book.cell("Themes", "B\(themeRow)")?.number)
        let quoted = book.cells["Themes"]?.values.contains { $0.value?.contains("Samverkan kring bostäder") ?? false } ?? false
        XCTAssertTrue(quoted)
        XCTAssertNotNil(book.row(of: "workshop", in: "Terms"))
    }

    func testFollowUpListsThoseWhoAskedForContactOnePerPersonSortedByPlace() throws {
        let (path, _) = try export()
        let book = try WorkbookReadBack.read(path)
        let header = book.headerColumns("Follow-up")
        let name = try XCTUnwrap(header["Name (if you would like to be contacted)"])
        let organisation = try XCTUnwrap(header["Which organisation do you represent?"])
        let place = try XCTUnwrap(header["Where are you based?"])
        let email = try XCTUnwrap(header["E-mail"])
        let workshops = try XCTUnwrap(header["Workshops"])
        let involvement = try XCTUnwrap(header["How do you want to be involved?"])
        XCTAssertEqual([name, organisation, place, email, workshops, involvement], ["A", "B", "C", "D", "E", "F"],
                       "the survey's contact section orders the details: name, organisation, municipality")
        // Anna, Karin and Johan chose "Establish a contact"; Erik left an e-mail but did not.
        XCTAssertEqual(book.column(name, in: "Follow-up").map { $0?.value }, ["Karin Holm", "Johan Åström", "Anna Lindberg"],
                       "sorted by place: Luleå, Other: Kiruna, Sundsvall")
        XCTAssertNil(book.row(of: "erik.nilsson@example.se", in: "Follow-up", column: email))
        XCTAssertEqual(book.cell("Follow-up", "\(email)2")?.value, "karin.holm@example.se")
        XCTAssertEqual(book.cell("Follow-up", "\(involvement)2")?.value,
                       "Establish a contact; Take part in concrete activities where we work together")
        XCTAssertEqual(book.cell("Follow-up", "\(workshops)3")?.value, "Luleå 2025-04-02")
        XCTAssertNil(book.cell("Follow-up", "\(email)3"), "Johan left no address")
    }

    func testFollowUpWithoutAnInvolvementQuestionShowsEveryChoiceQuestion() {
        let choices = fixture.survey.questions.filter { $0.type.hasChoices && $0.id != "involvement" }
        XCTAssertEqual(FollowUpRows.involvementQuestions(choices).map(\.id), choices.map(\.id))
        XCTAssertEqual(FollowUpRows.involvementQuestions(fixture.survey.questions.filter(\.type.hasChoices)).map(\.id), ["involvement"])
    }

    func testOverviewAndAboutSayWhatTheWorkbookCovers() throws {
        let (path, _) = try export()
        let book = try WorkbookReadBack.read(path)
        XCTAssertEqual(book.cell("Overview", "A1")?.value, "Continued joint work")
        let responsesRow = try XCTUnwrap(book.row(of: "Responses", in: "Overview"))
        XCTAssertEqual(book.cell("Overview", "B\(responsesRow)")?.number, 8)
        let madeRow = try XCTUnwrap(book.row(of: "Made", in: "Overview"))
        XCTAssertEqual(book.cell("Overview", "B\(madeRow)")?.value, "2025-06-15T15:06:40", "SOURCE_DATE_EPOCH, not the clock")
        let entryRow = try XCTUnwrap(book.row(of: "Could your organisation be a way in to the regional development work?", in: "Overview"))
        XCTAssertEqual(book.cell("Overview", "C\(entryRow)")?.number, 6)
        XCTAssertEqual(book.cell("Overview", "D\(entryRow)")?.number, 6)
        let umea = try XCTUnwrap(book.row(of: "Umeå 2025-03-12", in: "Overview"))
        XCTAssertEqual(book.cell("Overview", "C\(umea)")?.number, 6)
        let hashRow = try XCTUnwrap(book.row(of: "Survey definition SHA-256", in: "About"))
        XCTAssertEqual(book.cell("About", "B\(hashRow)")?.value, fixture.survey.definitionHash)
        let versionRow = try XCTUnwrap(book.row(of: "Samla version", in: "About"))
        XCTAssertEqual(book.cell("About", "B\(versionRow)")?.value, SamlaVersion.current)
    }

    func testSwedishWorkbookUsesSwedishSheetNamesAndHeadings() throws {
        var summary = fixture.summary
        summary.language = "sv"
        let (path, _) = try export(summary: summary)
        let book = try WorkbookReadBack.read(path)
        for name in ["Översikt", "Korstabeller", "Fritext", "Teman", "Termer", "Uppföljning", "Svar", "Om"] {
            XCTAssertTrue(book.sheets.contains(name), name)
        }
        XCTAssertEqual(book.cell("Svar", "A1")?.value, "Svar nr")
    }

    /// The call list's thread may finish after everything else (its last people merged while the
    /// workbook's thread writes Overview, or long after): the file is the same, streamed or kept
    /// in memory.
    func testTheWorkbookIsTheSameWhenTheCallListFinishesLast() throws {
        defer { CallListFeed.mergeDelayForTesting = 0 }
        for limit in [2, 10_000] {
            CallListFeed.mergeDelayForTesting = 0
            let prompt = try export("prompt-\(limit).xlsx") { $0.responsesTableLimit = limit }.path
            CallListFeed.mergeDelayForTesting = 0.4
            let late = try export("late-\(limit).xlsx") { $0.responsesTableLimit = limit }.path
            let a = try Data(contentsOf: URL(fileURLWithPath: prompt))
            let b = try Data(contentsOf: URL(fileURLWithPath: late))
            XCTAssertEqual(a, b, "responses table limit \(limit)")
            let book = try WorkbookReadBack.read(late)
            XCTAssertGreaterThan(book.rowCount("Follow-up"), 1, "the call list is in it")
        }
    }

    /// A store that changed under a streamed export fails it while the call list's thread is still
    /// at work: the error says so, no file is left, and the thread is waited for.
    func testAChangedStoreFailsAStreamedExportWithoutLeavingAFile() throws {
        defer { CallListFeed.mergeDelayForTesting = 0 }
        CallListFeed.mergeDelayForTesting = 0.3
        var summary = fixture.summary
        summary.responses = 9
        XCTAssertThrowsError(try export("changed.xlsx", summary: summary) { $0.responsesTableLimit = 2 }) { error in
            guard case ExportError.storeChanged(expected: 9, found: 8) = error else { return XCTFail("\(error)") }
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path)
        XCTAssertFalse(left.contains { $0.contains("changed.xlsx") }, "\(left)")
    }

    func testAChangedStoreFailsWithoutLeavingAFile() throws {
        var summary = fixture.summary
        summary.responses = 7
        XCTAssertThrowsError(try export("changed.xlsx", summary: summary)) { error in
            guard case ExportError.storeChanged(expected: 7, found: 8) = error else { return XCTFail("\(error)") }
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path)
        XCTAssertFalse(left.contains { $0.contains("changed.xlsx") }, "\(left)")
    }
}

/// A JSON scalar read back from Python: a number, a string, or null.
private enum JSONValue: Decodable {
    case number(Double), text(String), null

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let number = try? container.decode(Double.self) { self = .number(number) }
        else { self = .text(try container.decode(String.self)) }
    }

    var number: Double? { if case .number(let value) = self { value } else { nil } }
}
