import Foundation
import XCTest
@testable import SamlaKit

/// The call list: one row per person who asked to be contacted, read back from the workbook by
/// openpyxl and from the `--contacts` CSV by Python's csv module.
final class CallListTests: XCTestCase {
    private var fixture: ContactFixture!

    override func setUpWithError() throws {
        fixture = try ContactFixture()
    }

    override func tearDownWithError() throws {
        fixture.remove()
    }

    func testEmailAndPhoneKeysIgnoreHowTheyWereTyped() {
        XCTAssertEqual(ContactDetails.emailKey("Anna@Example.se"), ContactDetails.emailKey(" anna@example.se "))
        XCTAssertNil(ContactDetails.emailKey("anna at example.se"))
        XCTAssertNil(ContactDetails.emailKey("@example.se"))
        let forms = ["070-123 45 67", "+46 70 123 45 67", "0046 70 123 45 67", "+46 (0)70 123 45 67", "0701234567", "+46 0 70 123 45 67"]
        XCTAssertEqual(Set(forms.compactMap(ContactDetails.phoneKey)), ["+46701234567"], "\(forms.map(ContactDetails.phoneKey))")
        XCTAssertEqual(ContactDetails.phoneKey("+44 20 7946 0958"), "+442079460958")
        XCTAssertNotEqual(ContactDetails.phoneKey("070-123 45 68"), ContactDetails.phoneKey("070-123 45 67"))
        XCTAssertNil(ContactDetails.phoneKey("ring mig"))
        XCTAssertNil(ContactDetails.phoneKey("12"))
    }

    func testTheWorkbookListsEachConsentingPersonOnceWithBothWorkshops() throws {
        let path = fixture.path("calls.xlsx")
        try fixture.export(SurveyExport.Targets(xlsx: path))
        let book = try WorkbookReadBack.read(path)
        let sheet = "Uppföljning"
        let header = book.headerColumns(sheet)
        let columns = try ["Namn", "Organisation", "Roll", "Vilken kommun?", "E-post", "Telefon", "Workshoppar",
                           "Hur vill du vara med?", "Senaste svar"].map { try XCTUnwrap(header[$0], $0) }
        XCTAssertEqual(columns, ["A", "B", "C", "D", "E", "F", "G", "H", "I"])
        // Anna (twice), Karin and Cecilia asked to be contacted; Bo left an address but did not.
        let names = book.column("A", in: sheet).map { $0?.value }
        XCTAssertEqual(names.count, 3, "\(names)")
        XCTAssertEqual(Set(names.compactMap { $0 }), ["Anna Lindberg", "Karin Holm", "Cecilia Berg"])
        XCTAssertNil(book.row(of: "Bo Ek", in: sheet), "no consent, no row, whatever was left")
        XCTAssertNil(book.row(of: "bo.ek@example.se", in: sheet, column: "E"))
        // Sorted by municipality: Luleå (Cecilia) before Umeå; Anna's latest answer was in Luleå.
        let anna = try XCTUnwrap(book.row(of: "Anna Lindberg", in: sheet))
        XCTAssertEqual(book.cell(sheet, "D\(anna)")?.value, "Luleå", "the latest answer to each detail")
        XCTAssertEqual(book.cell(sheet, "E\(anna)")?.value, "anna@example.se", "one address, not two")
        XCTAssertEqual(book.cell(sheet, "F\(anna)")?.value, "070-123 45 67", "one number, as first written")
        XCTAssertEqual(book.cell(sheet, "G\(anna)")?.value, "\(ContactFixture.umea); \(ContactFixture.lulea)")
        XCTAssertEqual(book.cell(sheet, "H\(anna)")?.value, "Bli kontaktad; Få information; Delta i aktiviteter",
                       "what she chose, merged over both responses")
        XCTAssertEqual(book.cell(sheet, "I\(anna)")?.value, "2025-04-02")
        XCTAssertEqual(book.cell(sheet, "B\(anna)")?.value, "Umeå kommun")
        XCTAssertEqual(book.cell(sheet, "J\(anna)")?.value, "1, 10", "her rows on the Responses sheet")
        let order = names.compactMap { $0 }
        XCTAssertEqual(order, ["Anna Lindberg", "Cecilia Berg", "Karin Holm"], "Luleå, Luleå, Umeå; by name within")
    }

    func testContactsCSVHoldsTheSameRows() throws {
        let xlsx = fixture.path("calls.xlsx"), csv = fixture.path("calls.csv")
        let report = try fixture.export(SurveyExport.Targets(xlsx: xlsx, contacts: csv))
        XCTAssertEqual(report.contactPeople, 3)
        let book = try WorkbookReadBack.read(xlsx)
        let read = try Python.run(["-c", """
            import csv, json, sys
            with open(sys.argv[1], newline="", encoding="utf-8") as f:
                print(json.dumps(list(csv.reader(f))))
            """, csv])
        let records = try JSONDecoder().decode([[String]].self, from: Data(read.utf8))
        let cells = book.cells["Uppföljning"] ?? [:]
        let columns = (0..<records[0].count).map { String(UnicodeScalar(UInt8(65 + $0))) }
        for (index, record) in records.enumerated() {
            let fromSheet = columns.map { cells["\($0)\(index + 1)"]?.value ?? "" }
            XCTAssertEqual(record, fromSheet, "row \(index + 1)")
        }
        XCTAssertEqual(records.count, 4)
    }

    func testEntriesAndRowsSurviveTheTemporaryFileWhateverTheyHold() {
        let entry = CallListEntry(number: 7, details: ["A\u{1F}B", nil, ""], emails: ["a@b.se", "c@d.se"], phones: [],
                                  wanted: ["Bli kontaktad", "Få\u{1E}info"], session: nil, answeredAt: nil)
        let back = CallListCoding.decode(CallListCoding.encode(entry), number: 7, answeredAt: nil, details: 3)
        XCTAssertEqual(back.details, ["A B", nil, nil], "separators inside a text become spaces; blanks are unanswered")
        XCTAssertEqual(back.emails, ["a@b.se", "c@d.se"])
        XCTAssertEqual(back.phones, [])
        XCTAssertEqual(back.wanted, ["Bli kontaktad", "Få info"])
        XCTAssertNil(back.session)
        var withSession = entry
        withSession.session = ""
        XCTAssertEqual(CallListCoding.decode(CallListCoding.encode(withSession), number: 7, answeredAt: nil, details: 3).session, "")
        let cells: [ResponseCell] = [.text("x"), .empty, .label("2025-03-12"), .text("")]
        XCTAssertEqual(CallListCoding.decodeCells(CallListCoding.encode(cells)), cells)
    }

    func testSortKeysFollowTheSwedishAlphabet() {
        let places = ["Östersund", "Umeå", "Ängelholm", "Åre", "Luleå", "örebro", "Eskilstuna", "Ékerö", "Zinkgruvan"]
        XCTAssertEqual(places.sorted { SwedishSortKey.make($0) < SwedishSortKey.make($1) },
                       ["Ékerö", "Eskilstuna", "Luleå", "Umeå", "Zinkgruvan", "Åre", "Ängelholm", "örebro", "Östersund"])
    }

    func testContactsAreRefusedWhenAnonymising() {
        XCTAssertThrowsError(try fixture.export(SurveyExport.Targets(contacts: fixture.path("no.csv")), anonymize: true))
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.path("no.csv")))
    }

    func testWithoutAContactSectionTheGuessListsThoseWhoLeftDetails() throws {
        var survey = fixture.survey
        survey.contact = nil
        let plan = CallListPlan(survey: survey, language: "sv")
        XCTAssertTrue(plan.isGuessed)
        XCTAssertEqual(plan.emailQuestions.map(\.id), ["epost"])
        XCTAssertEqual(plan.phoneQuestions.map(\.id), ["telefon"])
        XCTAssertEqual(plan.wantedQuestions.map(\.id), ["involvering"])
        let listed = fixture.responses.enumerated().compactMap { plan.entry(of: $1, number: $0 + 1) }
        XCTAssertEqual(listed.count, 5, "everyone who left a contact detail, Bo too")
    }
}
