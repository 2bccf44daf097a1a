import Foundation
import SamlaKit
import XCTest

/// Each tool's layout (`design/export-layouts.md`), from fixtures written after the layout notes:
/// recognised, its header rows read as headers, its own columns kept as metadata, every answer
/// in its own question, and the accounting naming what did not arrive. Each fixture is imported
/// twice: with a survey drafted from it, and with one written by hand.
final class LayoutImportTests: XCTestCase {
    private var directory: URL!
    private var storePath: String { directory.appendingPathComponent("store.sqlite").path }

    override func setUpWithError() throws {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    static func fixture(_ name: String) -> String { TestPaths.repo("Tests/Fixtures/layouts/\(name)") }

    /// A hand-written survey that every tool's fixture asks, in English.
    private let cities = """
        format: 1
        id: cities
        title: Cities
        languages: [en]
        questions:
          - id: city
            type: single_choice
            text: "Which city are you based in?"
            other: true
            choices:
              - {id: umea, label: "Umeå"}
              - {id: lulea, label: "Luleå"}
              - {id: sundsvall, label: "Sundsvall"}
          - id: focus
            type: multiple_choice
            text: "What should we focus on?"
            other: true
            choices:
              - {id: housing, label: Housing}
              - {id: transport, label: Transport}
              - {id: culture, label: Culture}
          - id: comments
            type: text
            text: "Any comments?"
        """

    private func draft(_ fixture: String) throws -> Survey {
        let draft = try SurveyDrafter.draft(path: Self.fixture(fixture))
        let result = SurveyLoader.parse(text: draft.yaml, file: "\(fixture).yaml")
        return try XCTUnwrap(result.survey, "the draft of \(fixture) does not load: \(result.diagnostics)\n\(draft.yaml)")
    }

    private func importing(_ fixture: String, into survey: Survey, _ options: ImportOptions = ImportOptions()) throws -> (FileImportReport, [Response]) {
        let report = try XCTUnwrap(try SurveyImporter(survey: survey, options: options).run(files: [Self.fixture(fixture)], storePath: storePath).first)
        let responses = try ResponseStore(path: storePath).responses(.init(surveyID: survey.id, includeDrafts: true))
        return (report, responses.sorted { row($0) < row($1) })
    }

    private func row(_ response: Response) -> Int {
        if case .imported(_, let row) = response.source { return row }
        return 0
    }

    /// A response's answers as a person reads them: question text (or id) → labels, "other: …", numbers, text.
    private func shown(_ response: Response, _ survey: Survey, byID: Bool = false) -> [String: String] {
        var out: [String: String] = [:]
        for question in survey.questions {
            guard let answer = response.answers[question.id], answer.isAnswered else { continue }
            func label(_ id: String) -> String { question.choice(id)?.label.text(survey.defaultLanguage) ?? id }
            let text: String
            switch answer {
            case .choice(let id): text = label(id)
            case .other(let other): text = "other: \(other)"
            case .choices(let ids, let other): text = (ids.map(label) + (other.map { ["other: \($0)"] } ?? [])).joined(separator: " | ")
            case .number(let value): text = value == value.rounded() ? String(Int(value)) : String(value)
            case .text(let value): text = value
            }
            out[byID ? question.id : question.text.text(survey.defaultLanguage)] = text
        }
        return out
    }

    private func leftOut(_ report: FileImportReport) -> [String: Int] {
        Dictionary(report.accounting.leftOutColumns.map { ($0.name, $0.nonEmptyCells) }, uniquingKeysWith: +)
    }

    // MARK: Google Forms with sections

    func testGoogleSectionsKeepEachCopyOfARepeatedQuestion() throws {
        let survey = try draft("google-sections.csv")
        let ids = survey.questions.map(\.id)
        XCTAssertEqual(survey.questions.filter { $0.text.text("en") == "Which city are you based in?" }.count, 2, "two columns, two questions: \(ids)")
        XCTAssertEqual(Set(ids).count, ids.count)
        XCTAssertFalse(ids.contains { $0.contains("email") || $0.contains("timestamp") }, "tool columns are not questions: \(ids)")
        let (report, responses) = try importing("google-sections.csv", into: survey)
        XCTAssertEqual(report.layout, .googleForms)
        XCTAssertEqual(responses.count, 4)
        let cities = survey.questions.filter { $0.text.text("en") == "Which city are you based in?" }.map(\.id)
        let firstCity = responses.map { shown($0, survey, byID: true)[cities[0]] }
        let secondCity = responses.map { shown($0, survey, byID: true)[cities[1]] }
        XCTAssertEqual(firstCity, ["Umeå", nil, "Sundsvall", nil])
        XCTAssertEqual(secondCity, [nil, "Luleå", nil, "Umeå"])
        // A '/' in a Google header is text: the question keeps its "no" answers.
        let comments = try XCTUnwrap(survey.questions.first { $0.text.text("en") == "Comments / ideas" })
        XCTAssertEqual(responses.map { shown($0, survey, byID: true)[comments.id] }, ["no", "Yes / more coffee breaks", "no", nil])
        // Q19_1 and Q191 are two questions.
        XCTAssertEqual(Set(survey.questions.filter { $0.text.text("en").hasPrefix("Q19") }.map(\.id)).count, 2)
        XCTAssertEqual(responses.map { shown($0, survey)["Q19_1"] }, ["4", "5", "4", "2"])
        XCTAssertEqual(responses.map { shown($0, survey)["Q191"] }, ["12", "7", "3", "12"])
        XCTAssertEqual(responses.first?.metadata["Email Address"], "ana@example.org")
        XCTAssertEqual(report.accounting.rowsRead, 4)
        XCTAssertEqual(report.accounting.responsesStored, 4)
        XCTAssertEqual(report.accounting.unaccountedCells, 0, "\(report.accounting)")
    }

    func testGoogleSectionsIntoAGivenSurveyWithTwoCopies() throws {
        let survey = try writeSurvey("""
            format: 1
            id: sections
            title: Sections
            languages: [en]
            questions:
              - {id: city, type: text, text: "Which city are you based in?"}
              - {id: travel, type: text, text: "How did you travel here?"}
              - {id: city-again, type: text, text: "Which city are you based in?"}
              - {id: travel-again, type: text, text: "How did you travel here?"}
              - {id: comments, type: text, text: "Comments / ideas"}
            """, in: directory)
        let (report, responses) = try importing("google-sections.csv", into: survey)
        XCTAssertEqual(responses.map { shown($0, survey, byID: true) }, [
            ["city": "Umeå", "travel": "Train", "comments": "no"],
            ["city-again": "Luleå", "travel-again": "Bus", "comments": "Yes / more coffee breaks"],
            ["city": "Sundsvall", "travel": "Train", "comments": "no"],
            ["city-again": "Umeå", "travel-again": "Car"],
        ])
        XCTAssertEqual(leftOut(report), ["Q19_1": 4, "Q191": 4], "the columns no question takes, with their non-empty cells")
        XCTAssertEqual(report.accounting.unaccountedCells, 8)
        XCTAssertTrue(report.committed)

        var options = ImportOptions()
        options.strict = true
        let strict = try importing("google-sections.csv", into: survey, options).0
        XCTAssertTrue(strict.refused, "--strict refuses a file with cells that would not arrive")
        XCTAssertFalse(strict.committed)
        XCTAssertEqual(strict.diagnostics.errors.map(\.location.column), [150, 156], "each left-out column named at its header cell")
    }

    // MARK: Microsoft Forms

    func testMicrosoftFormsKeepsIDEmailAndName() throws {
        let survey = try draft("microsoft.csv")
        XCTAssertEqual(survey.questions.map { $0.text.text("en") }, ["Which city are you based in?", "What should we focus on?", "Anything else?"])
        let (report, responses) = try importing("microsoft.csv", into: survey)
        XCTAssertEqual(report.layout, .microsoftForms)
        XCTAssertEqual(responses.map { $0.metadata["ID"] }, ["1", "2", "3", "4"])
        XCTAssertEqual(responses.map { $0.metadata["Email"] }, ["anonymous", "kim@example.org", "anonymous", "anonymous"])
        XCTAssertEqual(responses.map { $0.metadata["Name"] }, [nil, "Kim Berg", "Anonymous", nil])
        XCTAssertEqual(responses.map { Set((shown($0, survey)["What should we focus on?"] ?? "").components(separatedBy: " | ")) },
                       [["Housing", "Transport"], ["Transport"], ["Housing", "Culture"], ["Transport", "Culture"]])
        XCTAssertEqual(responses.map { shown($0, survey)["Anything else?"] }, ["Good venue", nil, "More time for questions", nil])
        XCTAssertEqual(report.accounting.unaccountedCells, 0)
    }

    // MARK: LimeSurvey, full texts

    func testLimeSurveyGermanFullTextHeadersWithSonstiges() throws {
        let survey = try draft("limesurvey-de.csv")
        let texts = survey.questions.map { $0.text.text(survey.defaultLanguage) }
        XCTAssertFalse(texts.contains { $0.contains("Antwort") || $0.contains("Datum") || $0.contains("Sprache") }, "\(texts)")
        let city = try XCTUnwrap(survey.questions.first { $0.text.text(survey.defaultLanguage) == "In welcher Stadt wohnen Sie?" })
        XCTAssertTrue(city.allowsOther, "the [Sonstiges] column is the question's other")
        XCTAssertFalse(city.choices.contains { $0.label.text(survey.defaultLanguage) == "Sonstiges" })
        let (report, responses) = try importing("limesurvey-de.csv", into: survey)
        XCTAssertEqual(report.layout, .limeSurvey)
        XCTAssertEqual(responses.count, 5)
        XCTAssertEqual(responses.map(\.status), [.complete, .complete, .complete, .complete, .draft], "no submission date: unfinished")
        XCTAssertEqual(responses.map { shown($0, survey)["In welcher Stadt wohnen Sie?"] }, ["Umeå", "other: Kiruna", "Luleå", "Umeå", "Luleå"])
        let important = responses.map { shown($0, survey)["Was ist Ihnen wichtig?"] }
        XCTAssertEqual(important, ["Wohnen", "Verkehr | other: Kultur", "Wohnen | Verkehr", "Verkehr", nil])
        XCTAssertEqual(responses.map { $0.metadata["Antwort ID"] }, ["1", "2", "3", "4", "5"])
        XCTAssertEqual(responses.first?.language, "de")
        XCTAssertEqual(report.accounting.unaccountedCells, 0, "\(report.accounting)")
    }

    func testLimeSurveySpanishMainCellOtroTakesTheTextBeside() throws {
        let survey = try writeSurvey("""
            format: 1
            id: ciudades
            title: Ciudades
            languages: [es]
            questions:
              - id: ciudad
                type: single_choice
                text: "¿En qué ciudad vive?"
                other: true
                choices: [{id: umea, label: "Umeå"}, {id: lulea, label: "Luleå"}]
              - {id: comentarios, type: text, text: "Comentarios"}
            """, in: directory)
        let (report, responses) = try importing("limesurvey-es.csv", into: survey)
        XCTAssertEqual(report.layout, .limeSurvey)
        XCTAssertEqual(responses.map { shown($0, survey, byID: true) }, [
            ["ciudad": "Umeå", "comentarios": "Muy bien"],
            ["ciudad": "other: Kiruna"],
            ["ciudad": "Umeå", "comentarios": "Más café"],
        ])
        XCTAssertEqual(report.accounting.unaccountedCells, 0)
    }

    func testLimeSurveyCommentBesideAChosenAnswerIsKeptAsMetadata() throws {
        let survey = try writeSurvey("""
            format: 1
            id: roles
            title: Roles
            languages: [en]
            questions:
              - id: role
                type: single_choice
                text: "Your role?"
                other: true
                choices: [{id: A1, label: Host}, {id: A2, label: Guest}]
            """, in: directory)
        let path = directory.appendingPathComponent("lime.csv").path
        try """
            "id";"submitdate";"lastpage";"startlanguage";"seed";"role";"role[comment]"
            "1";"2026-03-12 09:00:00";"1";"en";"1";"A1";"because I ran it"
            "2";"2026-03-12 09:01:00";"1";"en";"2";"A2";""
            "3";"2026-03-12 09:02:00";"1";"en";"3";"-oth-";"a visitor"

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let report = try XCTUnwrap(try SurveyImporter(survey: survey, options: ImportOptions()).run(files: [path], storePath: storePath).first)
        let stored = try ResponseStore(path: storePath).responses(.init(surveyID: "roles")).sorted { row($0) < row($1) }
        XCTAssertEqual(stored.map { shown($0, survey, byID: true)["role"] }, ["Host", "Guest", "other: a visitor"])
        XCTAssertEqual(stored.map { $0.metadata["role[comment]"] }, ["because I ran it", nil, nil], "no place in a single choice: metadata")
        XCTAssertEqual(report.accounting.textsKeptAsMetadata, 1)
        XCTAssertEqual(report.accounting.unaccountedCells, 0)
    }

    // MARK: KoboToolbox label export

    func testKoboRepeatedOtherSpecifyGoesToEachQuestion() throws {
        let survey = try draft("kobo-labels.csv")
        XCTAssertEqual(survey.questions.map { $0.text.text(survey.defaultLanguage) }, ["Which city are you based in?", "Transport / travel mode"],
                       "each 'Other (specify)' is its question's other text; a '/' with spaces is a label's text")
        XCTAssertTrue(survey.questions.allSatisfy(\.allowsOther))
        let (report, responses) = try importing("kobo-labels.csv", into: survey)
        XCTAssertEqual(report.layout, .kobo)
        XCTAssertEqual(responses.map { shown($0, survey)["Which city are you based in?"] }, ["Umeå", "other: Kiruna", "Luleå", "Umeå", "Luleå", "Umeå"])
        XCTAssertEqual(responses.map { shown($0, survey)["Transport / travel mode"] }, ["Train", "other: Snowmobile", "Bus", "Train", "Bus", "Train"])
        XCTAssertEqual(responses.map { $0.metadata["_uuid"] }, (1...6).map { "6f1c2a40-0000-4000-8000-00000000000\($0)" })
        XCTAssertEqual(responses.first?.identity, "kobo:6f1c2a40-0000-4000-8000-000000000001")
        XCTAssertEqual(report.accounting.unaccountedCells, 0)
    }

    // MARK: SurveyMonkey, two header rows

    func testSurveyMonkeyTwoHeaderRowsAreNotResponses() throws {
        let given = try writeSurvey(cities, in: directory)
        let (report, responses) = try importing("surveymonkey.csv", into: given)
        XCTAssertEqual(report.layout, .surveyMonkey)
        XCTAssertEqual(report.accounting.headerRows, 2)
        XCTAssertEqual(report.accounting.rowsRead, 3, "the second header row is not a response")
        XCTAssertEqual(responses.map { shown($0, given, byID: true) }, [
            ["city": "Umeå", "focus": "Housing", "comments": "Great day"],
            ["city": "Luleå", "focus": "Transport | other: Bikes", "comments": "no"],
            ["city": "Umeå", "focus": "Housing | Transport"],
        ])
        XCTAssertEqual(responses.map { $0.metadata["Respondent ID"] }, ["11400000001", "11400000002", "11400000003"])
        XCTAssertEqual(responses.map { $0.metadata["IP Address"] }, ["192.0.2.1", "192.0.2.2", "192.0.2.3"])
        XCTAssertEqual(report.accounting.unaccountedCells, 0, "\(report.accounting)")

        let drafted = try draft("surveymonkey.csv")
        XCTAssertEqual(drafted.questions.count, 3, "\(drafted.questions.map(\.id))")
        let focus = try XCTUnwrap(drafted.questions.first { $0.text.text(drafted.defaultLanguage) == "What should we focus on?" })
        XCTAssertEqual(focus.type, .multipleChoice)
        XCTAssertEqual(focus.choices.map { $0.label.text(drafted.defaultLanguage) }, ["Housing", "Transport"])
        XCTAssertTrue(focus.allowsOther)
    }

    func testSurveyMonkeyFirstRowSparseOverManyOptionsIsStillTheHeader() throws {
        // Twelve option columns under one question text leave the first row mostly empty, so the
        // CSV reader's header guess takes the second row; the tool's signature says otherwise.
        let options = (1...12).map { "Option \($0)" }
        let tools = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1"]
        var lines = [(tools + ["Which options?"] + Array(repeating: "", count: 11)).joined(separator: ",")]
        lines.append((Array(repeating: "", count: 9) + options).joined(separator: ","))
        for respondent in 1...3 {
            let chosen = options.enumerated().map { $0.offset % respondent == 0 ? $0.element : "" }
            lines.append((["\(respondent)", "7", "11/18/2020 10:02:33 AM", "11/18/2020 10:05:00 AM", "192.0.2.\(respondent)", "", "", "", ""] + chosen).joined(separator: ","))
        }
        let path = directory.appendingPathComponent("monkey.csv").path
        try (lines.joined(separator: "\r\n") + "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
        let draft = try SurveyDrafter.draft(path: path)
        let survey = try XCTUnwrap(SurveyLoader.parse(text: draft.yaml, file: "monkey.yaml").survey, draft.yaml)
        XCTAssertEqual(survey.questions.count, 1, draft.yaml)
        XCTAssertEqual(survey.questions.first?.choices.count, 12)
        let report = try XCTUnwrap(try SurveyImporter(survey: survey, options: ImportOptions()).run(files: [path], storePath: storePath).first)
        XCTAssertEqual(report.layout, .surveyMonkey)
        XCTAssertEqual(report.accounting.headerRows, 2)
        XCTAssertEqual(report.accounting.rowsRead, 3)
        let stored = try ResponseStore(path: storePath).responses(.init(surveyID: survey.id)).sorted { row($0) < row($1) }
        XCTAssertEqual(stored.map { response -> Int in
            if case .choices(let ids, _) = response.answers[survey.questions[0].id] { return ids.count }
            return 0
        }, [12, 6, 4])
        XCTAssertEqual(stored.map { $0.metadata["Respondent ID"] }, ["1", "2", "3"])
    }

    // MARK: Qualtrics, three header rows

    func testQualtricsThreeHeaderRowsAndCodesThatLookAlike() throws {
        let drafted = try draft("qualtrics.csv")
        XCTAssertEqual(drafted.questions.map { $0.text.text(drafted.defaultLanguage) },
                       ["Which city are you based in?", "What should we focus on?", "How satisfied are you? - Venue", "How many people did you meet?"])
        let (report, responses) = try importing("qualtrics.csv", into: drafted)
        XCTAssertEqual(report.layout, .qualtrics)
        XCTAssertEqual(report.accounting.headerRows, 3)
        XCTAssertEqual(responses.count, 5)
        XCTAssertEqual(responses.map { $0.metadata["ResponseId"] }, ["R_1aBcD", "R_2eFgH", "R_3iJkL", "R_4mNoP", "R_5qRsT"])
        XCTAssertEqual(responses.map { $0.language }, Array(repeating: "en", count: 5), "UserLanguage EN")
        let focus = try XCTUnwrap(drafted.questions.first { $0.text.text(drafted.defaultLanguage) == "What should we focus on?" })
        XCTAssertEqual(focus.type, .multipleChoice)
        XCTAssertTrue(focus.allowsOther, "Q2_4_TEXT is its other text")
        XCTAssertFalse(focus.choices.contains { $0.label.text(drafted.defaultLanguage) == "Other" })
        let chosen = responses.map { response in Set((shown(response, drafted)["What should we focus on?"] ?? "").components(separatedBy: " | ")) }
        XCTAssertEqual(chosen, [["Housing", "Transport"], ["Transport", "other: Bikes and trains"], ["Housing"], ["Culture", "Transport"], ["Housing", "Culture"]])
        XCTAssertEqual(responses.map { shown($0, drafted)["How satisfied are you? - Venue"] }, ["4", "5", "3", "2", "4"], "Q19_1")
        XCTAssertEqual(responses.map { shown($0, drafted)["How many people did you meet?"] }, ["12", "7", "3", "9", "5"], "Q191")
        XCTAssertEqual(report.accounting.unaccountedCells, 0)

        let given = try writeSurvey(cities, in: directory)
        let (givenReport, givenResponses) = try importing("qualtrics.csv", into: given)
        XCTAssertEqual(givenResponses.filter { $0.surveyID == "cities" }.map { shown($0, given, byID: true) }, [
            ["city": "Umeå", "focus": "Housing | Transport"],
            ["city": "Luleå", "focus": "Transport | other: Bikes and trains"],
            ["city": "Umeå", "focus": "Housing"],
            ["city": "Sundsvall", "focus": "Transport | Culture"],
            ["city": "Luleå", "focus": "Housing | Culture"],
        ])
        XCTAssertEqual(leftOut(givenReport), ["Q19_1": 5, "Q191": 5])
    }

    // MARK: Typeform

    func testTypeformOptionColumnsAndHiddenFields() throws {
        let given = try writeSurvey(cities, in: directory)
        let (report, responses) = try importing("typeform.csv", into: given)
        XCTAssertEqual(report.layout, .typeform)
        XCTAssertEqual(responses.map { shown($0, given, byID: true) }, [
            ["city": "Umeå", "focus": "Housing | Culture", "comments": "Great day"],
            ["city": "Luleå", "focus": "Transport | other: Bikes", "comments": "no"],
            ["city": "Umeå", "focus": "Housing | Transport"],
        ])
        XCTAssertEqual(responses.map { $0.metadata["#"] }, ["a1b2c3d4", "e5f6g7h8", "i9j0k1l2"])
        XCTAssertEqual(responses.map { $0.metadata["Network ID"] }, ["1a2b3c4d5e", "6f7a8b9c0d", "1a2b3c4d5e"])
        XCTAssertEqual(responses.map { $0.metadata["workshop"] }, ["umea-spring", "lulea-spring", "umea-spring"], "a hidden field")
        XCTAssertNotNil(responses.first?.submittedAt)
        XCTAssertEqual(report.accounting.unaccountedCells, 0, "\(report.accounting)")

        let drafted = try draft("typeform.csv")
        let focus = try XCTUnwrap(drafted.questions.first { $0.type == .multipleChoice }, "\(drafted.questions.map(\.id))")
        XCTAssertEqual(focus.choices.map { $0.label.text(drafted.defaultLanguage) }, ["Housing", "Transport", "Culture"])
        XCTAssertTrue(focus.allowsOther)
        XCTAssertFalse(drafted.questions.contains { ["Network ID", "workshop", "Start Date (UTC)"].contains($0.text.text(drafted.defaultLanguage)) })
    }

    // MARK: The column model

    func testCodesThatDifferOnlyInPunctuationStayApart() throws {
        let survey = try writeSurvey("""
            format: 1
            id: codes
            title: Codes
            languages: [en]
            questions:
              - {id: q19-1, type: number, text: "Venue"}
              - {id: q191, type: number, text: "People"}
            """, in: directory)
        let mapping = try ColumnMapping.make(header: ["Q19_1", "Q191"], survey: survey, layout: .generic) {
            SourceLocation(file: "f.csv", line: 1, column: $0 + 1)
        }
        XCTAssertEqual(mapping.roles, [.answer(question: "q19-1"), .answer(question: "q191")])
    }

    func testSlashIsAGroupPathOnlyInKobo() throws {
        let survey = try writeSurvey("""
            format: 1
            id: paths
            title: Paths
            languages: [en]
            questions:
              - {id: focus, type: multiple_choice, text: "Focus", choices: [{id: a, label: A}, {id: b, label: B}]}
            """, in: directory)
        let kobo = try ColumnMapping.make(header: ["_uuid", "_submission_time", "focus/a", "group/focus/b"], survey: survey, layout: .kobo) {
            SourceLocation(file: "f.csv", line: 1, column: $0 + 1)
        }
        XCTAssertEqual(Array(kobo.roles.suffix(2)), [.choiceFlag(question: "focus", choice: "a"), .choiceFlag(question: "focus", choice: "b")])
        let generic = try ColumnMapping.make(header: ["focus/a"], survey: survey, layout: .generic) {
            SourceLocation(file: "f.csv", line: 1, column: $0 + 1)
        }
        XCTAssertEqual(generic.roles, [.unmatched])
    }
}
