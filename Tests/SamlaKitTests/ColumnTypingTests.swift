import Foundation
@testable import SamlaKit
import XCTest

/// Values typed per column: numbers that are not numbers (dotted dates, IP addresses, phone
/// numbers, codes with leading zeros), day-month order decided by the whole column with the
/// language as tie-breaker, decimal commas; and drafting and importing such columns.
final class ColumnTypingTests: XCTestCase {
    private var directory: URL!
    private var storePath: String { directory.appendingPathComponent("store.sqlite").path }

    override func setUpWithError() throws {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func write(_ text: String, _ name: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testDigitsThatAreNotQuantitiesStayText() {
        for text in ["12.03.1990", "192.168.1.10", "10.0.0.1", "01234", "0701234567", "070 123 45 67", "+46 70 123 45 67",
                     "12345678901234567", "1.2.3"] {
            XCTAssertNil(NumberText.parse(text), "'\(text)' is not a number")
            XCTAssertNotEqual(CellShape.of(text), .text, "'\(text)' is a code or a date, not words")
        }
        XCTAssertNil(NumberText.parse("12,34,56"))
        XCTAssertEqual(CellShape.of("12.03.1990").isDate, true)
        XCTAssertEqual(CellShape.of("192.168.1.10"), .code)
        XCTAssertEqual(CellShape.of("01234"), .code)
        XCTAssertEqual(CellShape.of("14:30"), .time)
        XCTAssertEqual(CellShape.of("Umeå"), .text)
        // Decimal commas and digit groups still are numbers.
        XCTAssertEqual(NumberText.parse("3,5"), 3.5)
        XCTAssertEqual(NumberText.parse("0,75"), 0.75)
        XCTAssertEqual(NumberText.parse("1.234.567"), 1_234_567)
        XCTAssertEqual(NumberText.parse("1 234 567,25"), 1_234_567.25)
        XCTAssertEqual(NumberText.parse("0"), 0)
        XCTAssertEqual(NumberText.parse("0.5"), 0.5)
        // A lone comma before three digits: a decimal comma, except in an English file.
        XCTAssertEqual(NumberText.parse("1,250"), 1.25)
        XCTAssertEqual(NumberText.parse("1,250", groupingComma: true), 1250)
        XCTAssertEqual(NumberText.parse("3,5", groupingComma: true), 3.5)
    }

    private func order(_ cells: [String], _ language: String) -> ToolTimestamp.DayOrder {
        var evidence = DateOrderEvidence()
        for cell in cells { XCTAssertTrue(evidence.add(cell), "'\(cell)' is a date") }
        return evidence.order(language: language)
    }

    func testDayMonthOrderIsDecidedByTheWholeColumn() {
        // One value over 12 in the first place settles the column, whatever the language.
        XCTAssertEqual(order(["03/04/2025", "05/06/2025", "13/04/2025"], "en"), .dayFirst)
        XCTAssertEqual(order(["3/4/2025 10:00:00", "4/13/2025 09:15:00", "5/6/2025 11:00:00"], "sv"), .monthFirst)
        // All ambiguous: the language breaks the tie.
        XCTAssertEqual(order(["03/04/2025", "05/06/2025", "1/2/2025"], "sv"), .dayFirst)
        XCTAssertEqual(order(["03/04/2025", "05/06/2025", "1/2/2025"], "de"), .dayFirst)
        XCTAssertEqual(order(["03/04/2025", "05/06/2025", "1/2/2025"], "en"), .monthFirst)
        // Dotted dates are day first wherever they are written.
        XCTAssertEqual(order(["12.03.1990", "01.02.1985"], "en"), .dayFirst)
        // Both kinds: the column contradicts itself and is not read either way.
        XCTAssertEqual(order(["13/04/2025", "04/13/2025"], "sv"), .unknown)
        // Year first says nothing about the order, and the tie-breaker is not needed for it.
        var evidence = DateOrderEvidence()
        evidence.add("2026/09/08 2:28:27 PM GMT+2")
        evidence.add("1990-03-12")
        XCTAssertEqual([evidence.dates, evidence.yearFirst, evidence.withZone], [2, 2, 1])
        XCTAssertTrue(evidence.settled)

        var timestamps = ToolTimestamp(order: order(["03/04/2025 10:00", "05/06/2025 11:00"], "sv"), zone: TimeZone(identifier: "UTC")!)
        XCTAssertEqual(timestamps.parse("03/04/2025 10:00"), ISO8601DateFormatter().date(from: "2025-04-03T10:00:00Z"), "3 April in a Swedish file")
        timestamps = ToolTimestamp(order: order(["03/04/2025 10:00", "05/06/2025 11:00"], "en"), zone: TimeZone(identifier: "UTC")!)
        XCTAssertEqual(timestamps.parse("03/04/2025 10:00"), ISO8601DateFormatter().date(from: "2025-03-04T10:00:00Z"), "March 4th in an English one")
    }

    /// A file with every kind of column, drafted and then imported with its own draft.
    func testDraftingTypesEachColumnFromAllItsValuesAndImportKeepsThem() throws {
        let csv = """
            Födelsedatum,Serverns IP-adress,Postnummer,Telefon,Vikt i kg,Besöksdatum,Hur ofta deltar du?,Håller du med?,Vill du ha nyhetsbrev?,Antal deltagare
            12.03.1990,192.168.1.10,01234,070-123 45 67,"72,5",03/04/2025,Aldrig,Instämmer helt,Ja,12
            01.02.1985,10.0.0.1,90187,070 555 12 12,"80",05/06/2025,Ofta,Instämmer helt,ja,8
            23.11.1979,192.168.1.11,01234,+46 70 123 45 68,"65,25",13/04/2025,Ibland,Instämmer i hög grad, ja ,25
            05.05.2001,172.16.0.4,05432,0701112233,"91,0",01/02/2025,Ofta,Instämmer delvis,Nej,40
            30.06.1968,10.0.0.2,90187,0702223344,"55,5",07/08/2025,Alltid,Instämmer i hög grad,Ja,11
            14.02.1993,10.0.0.3,01234,0703334455,"70",09/10/2025,Ofta,Instämmer inte alls,JA,10
            """
        let path = try write(csv + "\n", "medlemmar.csv")
        let draft = try SurveyDrafter.draft(path: path)
        XCTAssertEqual(draft.language, "sv", draft.yaml)
        let result = SurveyLoader.parse(text: draft.yaml, file: "draft.yaml")
        let survey = try XCTUnwrap(result.survey, "\(result.diagnostics)\n\(draft.yaml)")
        XCTAssertEqual(survey.questions.map(\.type), [.text, .text, .text, .text, .number, .text, .scale, .scale, .singleChoice, .number],
                       draft.yaml)
        XCTAssertTrue(draft.yaml.contains("all dates (day first)"), draft.yaml)
        XCTAssertTrue(draft.yaml.contains("decimal comma"), draft.yaml)
        XCTAssertFalse(survey.questions[4].bounds.integer)
        // Known scales become scales with their labels, in scale order, not frequency order ("Ofta" is the most chosen).
        let frequency = try XCTUnwrap(survey.questions[6].scale)
        XCTAssertEqual((1...5).map { frequency.labels[$0]?.text("sv") }, ["Aldrig", "Sällan", "Ibland", "Ofta", "Alltid"])
        let agreement = try XCTUnwrap(survey.questions[7].scale)
        XCTAssertEqual([agreement.min, agreement.max], [1, 5])
        XCTAssertEqual((1...5).map { agreement.labels[$0]?.text("sv") },
                       ["Instämmer inte alls", "Instämmer i låg grad", "Instämmer delvis", "Instämmer i hög grad", "Instämmer helt"])
        // Case and space variants are one choice, labelled as most wrote it.
        XCTAssertEqual(survey.questions[8].choices.map { $0.label.text("sv") }, ["Ja", "Nej"])

        let report = try SurveyImporter(survey: survey, options: ImportOptions()).run(files: [path], storePath: storePath)[0]
        XCTAssertTrue(report.committed, "\(report.diagnostics)")
        XCTAssertEqual(report.errorCount, 0)
        let stored = try ResponseStore(path: storePath).responses(.init(surveyID: survey.id))
        XCTAssertEqual(stored.count, 6)
        let ids = survey.questions.map(\.id)
        XCTAssertEqual(stored.map { $0.answers[ids[0]] }, ["12.03.1990", "01.02.1985", "23.11.1979", "05.05.2001", "30.06.1968", "14.02.1993"].map { .text($0) })
        XCTAssertEqual(stored.map { $0.answers[ids[1]] }, ["192.168.1.10", "10.0.0.1", "192.168.1.11", "172.16.0.4", "10.0.0.2", "10.0.0.3"].map { .text($0) })
        XCTAssertEqual(stored.map { $0.answers[ids[2]] }, ["01234", "90187", "01234", "05432", "90187", "01234"].map { .text($0) })
        XCTAssertEqual(stored[0].answers[ids[3]], .text("070-123 45 67"))
        XCTAssertEqual(stored.map { $0.answers[ids[4]] }, [72.5, 80, 65.25, 91, 55.5, 70].map { .number($0) })
        XCTAssertEqual(stored.map { $0.answers[ids[6]] }, [1, 4, 3, 4, 5, 4].map { .number($0) })
        XCTAssertEqual(stored.map { $0.answers[ids[7]] }, [5, 5, 4, 3, 4, 1].map { .number($0) })
        let yes = survey.questions[8].choices[0].id
        XCTAssertEqual(stored.map { $0.answers[ids[8]] }, [yes, yes, yes, survey.questions[8].choices[1].id, yes, yes].map { .choice($0) })
    }

    func testEveryScaleFamilyComesInScaleOrder() throws {
        let scales: [[String]] = [
            ["1", "2", "3", "4", "5"],
            ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"],
            ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"],
            ["Never", "Rarely", "Sometimes", "Often", "Always"],
            ["Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied", "Satisfied", "Very satisfied"],
            ["Instämmer inte alls", "Instämmer i låg grad", "Instämmer delvis", "Instämmer i hög grad", "Instämmer helt"],
            ["Aldrig", "Sällan", "Ibland", "Ofta", "Alltid"],
            ["Mycket missnöjd", "Missnöjd", "Varken nöjd eller missnöjd", "Nöjd", "Mycket nöjd"],
            ["Stimme überhaupt nicht zu", "Stimme nicht zu", "Weder noch", "Stimme zu", "Stimme voll und ganz zu"],
            ["Nie", "Selten", "Manchmal", "Oft", "Immer"],
            ["Totalmente en desacuerdo", "En desacuerdo", "Ni de acuerdo ni en desacuerdo", "De acuerdo", "Totalmente de acuerdo"],
            ["Nunca", "Rara vez", "A veces", "A menudo", "Siempre"],
            ["Pas du tout d'accord", "Pas d'accord", "Ni d'accord ni pas d'accord", "D'accord", "Tout à fait d'accord"],
            ["Jamais", "Rarement", "Parfois", "Souvent", "Toujours"],
        ]
        for scale in scales {
            // The highest point chosen most, the lowest least: frequency order would reverse the scale.
            var distinct: [String: Int] = [:]
            for (index, label) in scale.enumerated() { distinct[label] = 2 + index * 3 }
            let guess = try XCTUnwrap(ChoiceGuess.guess(distinct, separator: ", ", trailingSeparator: false, idsOnly: false), "\(scale)")
            XCTAssertEqual(guess.labels.map(\.label), scale)
            XCTAssertEqual(guess.labels.map(\.count), scale.indices.map { 2 + $0 * 3 })
        }
        // Points nobody chose are drafted too, in the file's spelling where it has one.
        let partial = try XCTUnwrap(ChoiceGuess.guess(["agree": 5, "Strongly Agree": 3, "Disagree": 2], separator: ", ", trailingSeparator: false, idsOnly: false))
        XCTAssertEqual(partial.labels.map(\.label), ["Strongly disagree", "Disagree", "Neither agree nor disagree", "agree", "Strongly Agree"])
        // An answer off the scale comes after it, and the draft is a single choice (a scale could not hold it).
        let offScale = try XCTUnwrap(ChoiceGuess.guess(["Ofta": 5, "Aldrig": 3, "Vet inte": 4], separator: ", ", trailingSeparator: false, idsOnly: false))
        XCTAssertEqual(offScale.labels.map(\.label), ["Aldrig", "Sällan", "Ibland", "Ofta", "Alltid", "Vet inte"])
        var ids = IDMaker()
        var profile = ColumnProfile()
        for (label, count) in ["Ofta": 5, "Aldrig": 3, "Vet inte": 4] { for _ in 0..<count { profile.add(label) } }
        let drafted = SurveyDrafter.guessQuestion(header: "Hur ofta?", profile: profile, otherText: nil, layout: .generic, ids: &ids)
        guard case .singleChoice = drafted.kind else { return XCTFail("\(drafted.kind)") }
        XCTAssertEqual(drafted.choices.map(\.label), ["Aldrig", "Sällan", "Ibland", "Ofta", "Alltid", "Vet inte"])
        XCTAssertTrue(drafted.note.contains("so every answer imports"), drafted.note)
    }

    func testCaseAndSpaceVariantsAreOneChoice() throws {
        let guess = try XCTUnwrap(ChoiceGuess.guess(["Yes": 4, "yes": 2, " yes ": 1, "YES": 1, "No": 3, "no": 1],
                                                   separator: ", ", trailingSeparator: false, idsOnly: false))
        XCTAssertEqual(guess.labels.map(\.label), ["Yes", "No"])
        XCTAssertEqual(guess.labels.map(\.count), [8, 4])
        XCTAssertFalse(guess.isMultiple)
        // In joined multiple-choice cells too.
        let joined = try XCTUnwrap(ChoiceGuess.guess(["Forest, water": 2, "forest": 3, "Water": 2, "A+": 2, "A": 2],
                                                    separator: ", ", trailingSeparator: false, idsOnly: false))
        XCTAssertEqual(Set(joined.labels.map(\.label)), ["forest", "Water", "A+", "A"], "forest 5 (3 of them so spelled), water 4; punctuation still tells A from A+")
        XCTAssertEqual(joined.labels.first?.count, 5)
        XCTAssertTrue(joined.isMultiple)
    }
}

extension CellShape {
    var isDate: Bool {
        if case .date = self { return true }
        return false
    }
}
