import Foundation
import SamlaTestSupport
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

    /// The list joins people as the entries come (`CallList.add`); its rows must be those of
    /// joining every entry at the end: the groups of entries that share an address or a number
    /// (also through a third entry), each merged from its entries in answer order, sorted by key
    /// and first response. 5,000 entries over three spooling batches, drawn from small pools of
    /// addresses and numbers typed in different ways, some with neither, some undated.
    func testPeopleJoinedAsEntriesComeAreThoseOfJoiningThemAtTheEnd() throws {
        let plan = CallListPlan(survey: fixture.survey, language: "sv")
        let details = plan.detailQuestions.count
        var random = SurveyMutator.Random(seed: 17)
        let places = ["Umeå", "Luleå", "Östersund", "Sundsvall", "Ékerö", "örnsköldsvik", "Boden", nil]
        let names = ["Anna Lindberg", "anna lindberg", "Bo Ek", "Cecilia Berg", "Émile Roux", "Åsa Öberg", "Karin Holm", nil]
        func email(_ n: Int) -> String { ["p\(n)@example.se", " P\(n)@Example.SE", "p\(n)@EXAMPLE.se "][Int.random(in: 0..<3, using: &random)] }
        func phone(_ n: Int) -> String { ["070-\(100_000 + n)", "+46 70 \(100_000 + n)", "0046 (0)70 \(100_000 + n)"][Int.random(in: 0..<3, using: &random)] }
        var entries: [CallListEntry] = []
        for number in 1...5_000 {
            let emails = (0..<Int.random(in: 0...2, using: &random)).map { _ in email(Int.random(in: 0..<1_500, using: &random)) }
            let phones = (0..<Int.random(in: 0...1, using: &random)).map { _ in phone(Int.random(in: 0..<1_500, using: &random)) }
            let detailValues: [String?] = (0..<details).map { column in
                column == 0 ? names.randomElement(using: &random)! : places.randomElement(using: &random)!
            }
            let day = Int.random(in: 0..<40, using: &random)
            entries.append(CallListEntry(
                number: number, details: detailValues, emails: emails, phones: phones,
                wanted: Array(["Bli kontaktad", "Få information", "Delta i aktiviteter"].shuffled(using: &random).prefix(Int.random(in: 0...2, using: &random))),
                session: ["Umeå 2025-03-12", "Luleå 2025-04-02", nil].randomElement(using: &random)!,
                answeredAt: day == 0 ? nil : Date(timeIntervalSince1970: 1_740_000_000 + Double(day) * 86_400)))
        }
        let list = try CallList(plan: plan, survey: fixture.survey)
        for entry in entries { try list.add(entry) }
        var rows: [[ResponseCell]] = []
        try list.forEachRow { rows.append($0) }

        // The same people joined at the end, by a plain union-find over every key.
        var parent = Array(entries.indices)
        func root(_ index: Int) -> Int { parent[index] == index ? index : root(parent[index]) }
        var owner: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            for key in CallList.keys(of: entry) {
                if let first = owner[key] {
                    let (a, b) = (root(first), root(index))
                    parent[max(a, b)] = min(a, b)
                } else {
                    owner[key] = index
                }
            }
        }
        let groups = Dictionary(grouping: entries.indices, by: root).values.map { members in
            members.map { entries[$0] }.sorted { ($0.answeredAt?.timeIntervalSince1970 ?? -1e300, $0.number)
                < ($1.answeredAt?.timeIntervalSince1970 ?? -1e300, $1.number) }
        }
        XCTAssertLessThan(groups.count, entries.count - 500, "many entries are one person with another")
        XCTAssertGreaterThan(groups.filter { $0.count == 1 }.count, 100, "and some stand alone")
        let people = groups.map { CallList.merge($0, details: details) }
            .map { (key: list.sortKey($0), first: $0.responses.first ?? 0, cells: CallList.cells(of: $0, plan: plan)) }
            .sorted { ($0.key, $0.first) < ($1.key, $1.first) }
        XCTAssertEqual(rows.count, people.count)
        for (index, (row, person)) in zip(rows, people).enumerated() {
            XCTAssertEqual(row, CallListCoding.decodeCells(CallListCoding.encode(person.cells)), "row \(index + 1)")
        }
    }

    /// Entries drawn from small pools of addresses and numbers typed in different ways, with
    /// details, sessions and labels that hold the file's separators or are empty.
    private func trickyEntries(_ count: Int, details: Int, seed: UInt64) -> [CallListEntry] {
        var random = SurveyMutator.Random(seed: seed)
        func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
        let places: [String?] = ["Umeå", "Luleå", "Östersund", "Ékerö", "örnsköldsvik", "Bo\u{1F}den", "Kiruna\u{1E}", nil]
        let names: [String?] = ["Anna Lindberg", "anna lindberg", "Bo Ek", "Émile Roux", "Åsa Öberg", "Ka\u{1F}rin", nil]
        var entries: [CallListEntry] = []
        for number in 1...count {
            let emails = (0..<Int.random(in: 0...2, using: &random)).map { _ -> String in
                let n = Int.random(in: 0..<300, using: &random)
                return pick(["p\(n)@example.se", " P\(n)@Example.SE", "p\(n)@EXAMPLE.se ", "P\(n)\u{1F}@x.se", "p\(n)\u{1E}@x.se"])
            }
            let phones = (0..<Int.random(in: 0...1, using: &random)).map { _ -> String in
                let n = 100_000 + Int.random(in: 0..<300, using: &random)
                return pick(["070-\(n)", "+46 70 \(n)", "0046 (0)70 \(n)", "070\u{1E}\(n)"])
            }
            let detailValues = (0..<details).map { column -> String? in column == 0 ? pick(names) : pick(places) }
            let day = Int.random(in: 0..<40, using: &random)
            entries.append(CallListEntry(
                number: number, details: detailValues, emails: emails, phones: phones,
                wanted: Array(["Bli kontaktad", "Få information", "Annat: a\u{1E}b", ""].shuffled(using: &random)
                    .prefix(Int.random(in: 0...2, using: &random))),
                session: pick(["Umeå 2025-03-12", "Luleå 2025-04-02", "", "Kiruna\u{1F}", nil]),
                answeredAt: day == 0 ? nil : Date(timeIntervalSince1970: 1_740_000_000.3 + Double(day) * 86_400.7)))
        }
        return entries
    }

    /// Held in memory, spooled to the file from the first entry, or moved to the file midway:
    /// the same rows in the same order, whatever the entries hold.
    func testHeldSpooledAndSpilledListsGiveTheSameRows() throws {
        let plan = CallListPlan(survey: fixture.survey, language: "sv")
        let entries = trickyEntries(4_000, details: plan.detailQuestions.count, seed: 29)
        func rows(memoryLimit: Int) throws -> (rows: [[ResponseCell]], held: Bool) {
            let list = try CallList(plan: plan, survey: fixture.survey, memoryLimit: memoryLimit)
            for entry in entries { try list.add(entry) }
            try list.merge()
            var rows: [[ResponseCell]] = []
            try list.forEachRow { rows.append($0) }
            return (rows, list.isHeld)
        }
        let held = try rows(memoryLimit: 64 << 20)
        let spooled = try rows(memoryLimit: 0)
        let spilled = try rows(memoryLimit: 200_000)
        XCTAssertTrue(held.held)
        XCTAssertFalse(spooled.held)
        XCTAssertFalse(spilled.held, "4,000 entries outgrow 200 kB")
        XCTAssertLessThan(held.rows.count, entries.count - 500, "many entries are one person with another")
        XCTAssertEqual(held.rows.count, spooled.rows.count)
        XCTAssertEqual(spilled.rows.count, spooled.rows.count)
        for (index, row) in spooled.rows.enumerated() {
            XCTAssertEqual(held.rows[index], row, "row \(index + 1), held")
            XCTAssertEqual(spilled.rows[index], row, "row \(index + 1), spilled")
        }
        // A list started with a count too large to hold goes to the file at once.
        XCTAssertFalse(try CallList(plan: plan, survey: fixture.survey, responses: 10_000_000).isHeld)
        XCTAssertTrue(try CallList(plan: plan, survey: fixture.survey, responses: 1_000).isHeld)
    }

    /// An entry is held as its coded text only where decoding gives it back; and the sort key of an
    /// entry alone is its person's.
    func testHeldEntriesAreCodedOnlyWhereTheCodingKeepsThem() throws {
        let plan = CallListPlan(survey: fixture.survey, language: "sv")
        let details = plan.detailQuestions.count
        let list = try CallList(plan: plan, survey: fixture.survey)
        var lossless = 0
        for entry in trickyEntries(3_000, details: details, seed: 31) {
            let back = CallListCoding.decode(CallListCoding.encode(entry), number: entry.number, answeredAt: entry.answeredAt,
                                             details: details)
            XCTAssertEqual(CallListCoding.isLossless(entry, details: details), back == entry, "\(entry)")
            if back == entry {
                lossless += 1
                var coded: [UInt8] = []
                CallListCoding.appendLossless(entry, to: &coded)
                XCTAssertEqual(coded, Array(CallListCoding.encode(entry).utf8))
                let row = coded.withUnsafeBufferPointer { list.row(ofLosslessCoded: $0, number: entry.number, answeredAt: entry.answeredAt) }
                XCTAssertEqual(row, CallListCoding.asStored(CallList.cells(of: CallList.merge([entry], details: details), plan: plan)))
            }
            XCTAssertEqual(list.sortKey(of: entry), list.sortKey(CallList.merge([entry], details: details)))
            let cells = CallList.cells(of: CallList.merge([entry], details: details), plan: plan)
            XCTAssertEqual(CallListCoding.asStored(cells), CallListCoding.decodeCells(CallListCoding.encode(cells)))
        }
        XCTAssertGreaterThan(lossless, 300)
        XCTAssertLessThan(lossless, 2_700)
        XCTAssertEqual(CallListCoding.asStored([.number(2.5), .date(Date(timeIntervalSince1970: 86_400)), .text("a\u{1F}b")]),
                       CallListCoding.decodeCells(CallListCoding.encode([.number(2.5), .date(Date(timeIntervalSince1970: 86_400)),
                                                                         .text("a\u{1F}b")])))
    }

    /// The workbook and the contacts CSV with the list held in memory are those with it in the file.
    func testTheWorkbookIsTheSameWithTheListHeldOrInTheFile() throws {
        let limit = CallList.defaultMemoryLimit
        defer { CallList.defaultMemoryLimit = limit }
        var files: [[Data]] = []
        for memoryLimit in [limit, 0] {
            CallList.defaultMemoryLimit = memoryLimit
            let xlsx = fixture.path("calls-\(memoryLimit).xlsx"), csv = fixture.path("calls-\(memoryLimit).csv")
            try fixture.export(SurveyExport.Targets(xlsx: xlsx, contacts: csv))
            files.append([try Data(contentsOf: URL(fileURLWithPath: xlsx)), try Data(contentsOf: URL(fileURLWithPath: csv))])
        }
        XCTAssertEqual(files[0], files[1])
    }

    /// The keys and sort keys of ASCII texts come from bytes; they must be what the general
    /// path, character by character, makes of the same text.
    func testASCIIKeysAreTheGeneralPathsKeys() {
        var random = SurveyMutator.Random(seed: 5)
        let pieces = ["a", "Z", "q", "@", ".", "-", "+", "(0)", "(", ")", "0", "7", "46", "00", " ", "\t", "\r\n", "\u{0B}",
                      "\u{1F}", "/", "x@y", "Example", ",", "_"]
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...9, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let trimmed = WhitespaceTrim.trimmed(text)
            XCTAssertEqual(ContactDetails.emailKey(text), ContactDetails.generalEmailKey(trimmed), "e-mail \(text.debugDescription)")
            XCTAssertEqual(ContactDetails.phoneKey(text), ContactDetails.generalPhoneKey(trimmed), "phone \(text.debugDescription)")
            XCTAssertEqual(SwedishSortKey.make(text), SwedishSortKey.generalKey(text), "sort key \(text.debugDescription)")
        }
        XCTAssertEqual(ContactDetails.phoneKey("((0)0)) 70 123 45"), ContactDetails.generalPhoneKey("((0)0)) 70 123 45"))
    }
}
