import Foundation
import XCTest
@testable import SamlaKit

/// An anonymised export is safe to e-mail: every part of the workbook, the CSV and the JSON are
/// searched for what the fixture planted (contact details, e-mail addresses, phone numbers,
/// personal identity numbers, names, a link, the source file's folder, source rows, times) and
/// for counts under the threshold in the question tables, the cross-tab and the chart caches.
final class AnonymisedExportTests: XCTestCase {
    private var fixture: ContactFixture!

    override func setUpWithError() throws {
        fixture = try ContactFixture()
    }

    override func tearDownWithError() throws {
        fixture.remove()
    }

    private var needles: [String] {
        ContactFixture.planted + ["Hemligt projekt", "/home/organiser", fixture.directory.path]
            + fixture.responses.map(\.id.uuidString) + fixture.responses.map { UUIDText.format($0.id) }
    }

    func testNothingPlantedSurvivesInAnyPartOfAnyFile() throws {
        let xlsx = fixture.path("anon.xlsx"), csv = fixture.path("anon.csv"), json = fixture.path("anon.json")
        try fixture.export(SurveyExport.Targets(xlsx: xlsx, csv: csv, json: json), anonymize: true, by: "kommun")
        let book = try WorkbookReadBack.read(xlsx, searching: needles)
        XCTAssertGreaterThan(book.parts.filter { $0.hasSuffix(".xml") }.count, 10, "every XML part was searched")
        for needle in needles {
            XCTAssertEqual(book.found[needle], [], "\(needle) found in \(book.found[needle] ?? [])")
        }
        for file in [csv, json] {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            for needle in needles { XCTAssertFalse(text.contains(needle), "\(file) holds \(needle)") }
            XCTAssertNil(text.range(of: #"T\d\d:\d\d"#, options: .regularExpression), "\(file) holds a time of day")
        }
        // The search is not blind: the plain export holds them.
        let plain = fixture.path("plain.xlsx")
        try fixture.export(SurveyExport.Targets(xlsx: plain))
        let plainBook = try WorkbookReadBack.read(plain, searching: needles)
        for needle in ["Anna@Example.se", "+46 70 555 12 34", "850709-1234", "Strateg", "Hemligt projekt"] {
            XCTAssertFalse(plainBook.found[needle]?.isEmpty ?? true, needle)
        }
    }

    func testFreeTextKeepsItsOrdinaryNumbersAndSaysWhatWasReplaced() throws {
        let xlsx = fixture.path("anon.xlsx"), json = fixture.path("anon.json")
        try fixture.export(SurveyExport.Targets(xlsx: xlsx, json: json), anonymize: true)
        let book = try WorkbookReadBack.read(xlsx)
        let answers = Set(book.column("C", in: "Fritext").compactMap { $0?.value })
        XCTAssertTrue(answers.contains("Vi var 12 personer 2025; nästa möte 2025-03-12 kl. 13.30 kostar 4500 kr."), "\(answers)")
        XCTAssertTrue(answers.contains("Prata med [namn], hon har bra idéer."), "\(answers)")
        XCTAssertTrue(answers.contains("Ring [namn] på [telefon] eller [telefon]."), "\(answers)")
        XCTAssertTrue(answers.contains("Mitt personnummer är [personnummer] (eller [personnummer]), barnets [personnummer]."), "\(answers)")
        XCTAssertTrue(answers.contains("Växeln [telefon], kontoret i London [telefon], mobil [telefon]."), "\(answers)")
        XCTAssertTrue(answers.contains("Se [länk] för mer."), "\(answers)")
        XCTAssertTrue(answers.contains("[namn] och [namn] borde träffas."), "\(answers)")
        XCTAssertTrue(answers.contains("[namn] ringer på [telefon]."), "\(answers)")
        let text = try String(contentsOfFile: json, encoding: .utf8)
        XCTAssertTrue(text.contains("Vi var 12 personer 2025; nästa möte 2025-03-12 kl. 13.30 kostar 4500 kr."))
        XCTAssertTrue(text.contains("\"date\":\"2025-04-02\""), "dates stay, as days")
    }

    func testResponsesHaveNoSourceRowsNoTimesAndNoContactColumns() throws {
        let xlsx = fixture.path("anon.xlsx"), csv = fixture.path("anon.csv")
        try fixture.export(SurveyExport.Targets(xlsx: xlsx, csv: csv), anonymize: true)
        let book = try WorkbookReadBack.read(xlsx)
        let header = book.headerColumns("Svar")
        XCTAssertNil(header["Rad i källfilen"] ?? header["Källrad"] ?? header[UIText(language: "sv").export.sourceRow])
        XCTAssertNil(header[UIText(language: "sv").export.started])
        for heading in ["Namn", "E-post", "Telefon", "Organisation", "Roll"] { XCTAssertNil(header[heading], heading) }
        XCTAssertNotNil(header["Vilken kommun?"], "a choice list of places stays a figure")
        let cells = book.cells["Svar"] ?? [:]
        XCTAssertFalse(cells.values.contains { $0.type == "d" }, "no date-time cells")
        XCTAssertFalse(cells.values.contains { ($0.number.map { (100...113).contains(Int($0)) }) ?? false }, "no source row numbers")
        let date = try XCTUnwrap(header["Datum"])
        XCTAssertEqual(book.cell("Svar", "\(date)2")?.value, "2025-03-12")
        let source = try XCTUnwrap(header[UIText(language: "sv").export.source])
        XCTAssertEqual(book.cell("Svar", "\(source)2")?.value, "\(UIText(language: "sv").export.imported): umea-export.csv")
        let csvText = try String(contentsOfFile: csv, encoding: .utf8)
        XCTAssertFalse(csvText.split(separator: ",").contains { ["100", "101", "113"].contains($0) })
    }

    func testRowsDoNotGiveHiddenCellsBackByCounting() throws {
        let xlsx = fixture.path("anon.xlsx"), csv = fixture.path("anon.csv")
        try fixture.export(SurveyExport.Targets(xlsx: xlsx, csv: csv), anonymize: true)
        let book = try WorkbookReadBack.read(xlsx)
        let header = book.headerColumns("Svar")
        let municipality = try XCTUnwrap(header["Vilken kommun?"]), rating = try XCTUnwrap(header["Hur var dagen?"])
        let places = book.column(municipality, in: "Svar").compactMap { $0?.value }
        XCTAssertEqual(places, Array(repeating: "Umeå", count: 9), "Luleå (4) and Östersund (1) are hidden in the table, so in the rows")
        let ratings = book.column(rating, in: "Svar").compactMap { $0?.number }
        XCTAssertEqual(ratings, Array(repeating: 4, count: 7), "5, 3 and 2 were each given fewer than 5 times")
        let involvement = try XCTUnwrap(header["Hur vill du vara med? [Bli kontaktad]"])
        XCTAssertEqual(book.column(involvement, in: "Svar").compactMap { $0?.number }.count, 0,
                       "4 asked for contact: hidden in the table, so no row says who")
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        XCTAssertFalse(text.contains("Östersund") || text.contains(",Luleå,"), "the CSV rows hide them too")
    }

    func testNoCountUnderTheThresholdInTablesCrosstabsOrChartCaches() throws {
        let xlsx = fixture.path("anon.xlsx")
        try fixture.export(SurveyExport.Targets(xlsx: xlsx), anonymize: true, by: "kommun")
        let book = try WorkbookReadBack.read(xlsx)
        func isSmall(_ cell: WorkbookReadBack.Cell?) -> Bool {
            guard let number = cell?.number else { return false }
            return number == number.rounded() && (1..<5).contains(Int(number))
        }
        var hiddenSeen = 0
        for sheet in book.sheets where sheet.first?.isNumber == true {
            // The table: from the header row (4) down to the first empty label.
            var row = QuestionSheets.headerRow + 2
            while let label = book.cell(sheet, "A\(row)")?.value, !label.isEmpty, book.cell(sheet, "B\(row)") != nil {
                XCTAssertFalse(isSmall(book.cell(sheet, "B\(row)")), "\(sheet) B\(row) = \(book.cell(sheet, "B\(row)")?.number ?? 0)")
                if book.cell(sheet, "B\(row)")?.value == "<5" {
                    hiddenSeen += 1
                    XCTAssertNil(book.cell(sheet, "C\(row)"), "\(sheet) C\(row): no share that gives the count back")
                }
                row += 1
            }
        }
        XCTAssertGreaterThanOrEqual(hiddenSeen, 3, "Luleå 4 and Östersund 1 on the municipality sheet, and small scale points")
        // Cross-tab count columns (B, D, F, …).
        for (reference, cell) in book.cells["Korstabeller"] ?? [:] {
            let column = reference.prefix { $0.isLetter }
            guard column.count == 1, let letter = column.unicodeScalars.first, (letter.value - 65) % 2 == 1 else { continue }
            XCTAssertFalse(isSmall(cell), "Korstabeller \(reference) = \(cell.number ?? 0)")
        }
        // Every chart of a question all 14 answered: share × 14 is the count behind each bar.
        let charted = book.charts.filter { !$0.numCache.isEmpty }
        XCTAssertFalse(charted.isEmpty)
        for chart in charted {
            for value in chart.numCache.flatMap({ $0 }) {
                let count = Int((value * 14).rounded())
                XCTAssertFalse((1..<5).contains(count), "\(chart.part) caches \(value) (\(count) of 14)")
            }
        }
        let overview = book.cells["Översikt"] ?? [:]
        for (reference, cell) in overview where reference.hasPrefix("C") || reference.hasPrefix("D") {
            if cell.type == "n" { XCTAssertFalse(isSmall(cell), "Översikt \(reference)") }
        }
        // No heading or title anywhere gives a small n (the comparison sections' group columns,
        // chart titles): "n = 4" would tell how many from Luleå answered.
        let smallN = try NSRegularExpression(pattern: "n = [1-4](?![0-9])")
        for (sheet, cells) in book.cells {
            for (reference, cell) in cells {
                guard let text = cell.value else { continue }
                let found = smallN.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
                XCTAssertNil(found, "\(sheet) \(reference): \(text)")
            }
        }
    }

    func testTheAboutSheetSaysWhatWasRemovedAndNamesFilesWithoutFolders() throws {
        let xlsx = fixture.path("anon.xlsx")
        try fixture.export(SurveyExport.Targets(xlsx: xlsx), anonymize: true, minimumCount: 7)
        let book = try WorkbookReadBack.read(xlsx)
        let about = book.cells["Om"] ?? [:]
        XCTAssertTrue(about.values.contains { ($0.value ?? "").contains("Antal under 7 visas som <7") }, "\(about.values.compactMap(\.value))")
        XCTAssertTrue(about.values.contains { $0.value == "umea-export.csv" })
        XCTAssertTrue(about.values.contains { $0.value == "store.sqlite" })
        XCTAssertFalse(about.values.contains { ($0.value ?? "").contains("/") && !($0.value ?? "").contains("<") && ($0.value ?? "").contains("sqlite") })
        let municipality = try XCTUnwrap(book.sheets.first { $0.hasPrefix("1. ") })
        let lulea = try XCTUnwrap(book.row(of: "Luleå", in: municipality))
        XCTAssertEqual(book.cell(municipality, "B\(lulea)")?.value, "<7", "the threshold is --min-count")
    }
}
