import XCTest
@testable import SamlaKit

final class CollectSessionTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func survey(_ yaml: String) throws -> Survey {
        let result = SurveyLoader.parse(text: yaml, file: "test.yaml")
        guard let survey = result.survey else { throw DiagnosticsError(result.diagnostics) }
        return survey
    }

    private let fourQuestions = """
        format: 1
        id: four
        title: {sv: Fyra, en: Four}
        languages: [sv, en]
        questions:
          - id: role
            type: single_choice
            required: true
            text: {sv: Roll, en: Role}
            choices: [{id: a, label: {sv: Kommun, en: Municipality}}, {id: b, label: {sv: Region, en: Region}}]
            other: true
          - id: focus
            type: multiple_choice
            max_selected: 2
            text: {sv: Fokus, en: Focus}
            choices: [{id: x, label: {sv: X, en: X}}, {id: y, label: {sv: Y, en: Y}}, {id: z, label: {sv: Z, en: Z}}]
          - id: score
            type: scale
            text: {sv: Betyg, en: Score}
            scale: {min: 1, max: 5}
          - id: why
            type: text
            text: {sv: Varför, en: Why}
            show_if: {question: score, at_most: 2}
          - id: staff
            type: number
            text: {sv: Antal, en: Staff}
            min: 0
        """

    private func run(_ lines: [String], survey: Survey, options: CollectSession.Options) throws -> (CollectSession.Outcome, [Response], String) {
        let store = try ResponseStore(path: directory.appendingPathComponent("s.sqlite").path)
        let io = ScriptedPromptIO(lines: lines)
        let outcome = try CollectSession(survey: survey, store: store, io: io, options: options).run()
        return (outcome, try store.responses(.init(surveyID: survey.id)), io.output)
    }

    func testInvalidAnswersAreAskedAgainAndNeverStored() throws {
        let survey = try survey(fourQuestions)
        let lines = [
            "", "9", "3", "Folkhögskola",   // required blank, out of range, Other with its text
            "1 2 3", "3,1",                 // too many, then two in any order
            "7", "x", "2",                  // off the scale, not a number, then 2: shows "why"
            "Too far away",
            "3,5", "-1", "4",               // English has no decimal comma; below min
        ]
        let (outcome, stored, output) = try run(lines, survey: survey, options: .init(language: "en"))
        XCTAssertEqual(outcome, .init(saved: 1, unfinished: false))
        XCTAssertEqual(stored.count, 1)
        XCTAssertEqual(stored.first?.answers, [
            "role": .other("Folkhögskola"), "focus": .choices(["x", "z"], other: nil),
            "score": .number(2), "why": .text("Too far away"), "staff": .number(4),
        ])
        XCTAssertTrue(output.contains("This question needs an answer."))
        XCTAssertTrue(output.contains("Choose at most 2."))
        XCTAssertTrue(output.contains("'7' is not on the scale"))
        XCTAssertTrue(output.contains("question 4 of 5"), output)
    }

    func testSwedishPromptsAcceptADecimalCommaAndHiddenQuestionsStayUnasked() throws {
        var yaml = fourQuestions
        yaml = yaml.replacingOccurrences(of: "min: 0", with: "min: 0\n    integer: false")
        let survey = try survey(yaml)
        let (_, stored, output) = try run(["2", "", "4", "3,5"], survey: survey, options: .init(language: "sv"))
        XCTAssertEqual(stored.first?.answers, ["role": .choice("b"), "score": .number(4), "staff": .number(3.5)])
        XCTAssertTrue(output.contains("fråga 1 av 4"), output)
        XCTAssertFalse(output.contains("Varför"))
    }

    func testBackKeepsAnswersAndChangingThemHidesDependents() throws {
        let survey = try survey(fourQuestions)
        // score 1 shows "why"; going back to score and answering 5 hides it again.
        let lines = ["1", "", "1", "<", "<", "<", "<", "?", "2", "", "5", ""]
        let (_, stored, output) = try run(lines, survey: survey, options: .init(language: "en"))
        XCTAssertEqual(stored.first?.answers, ["role": .choice("b"), "score": .number(5)])
        XCTAssertTrue(output.contains("This is the first question."))
        XCTAssertTrue(output.contains("'<' goes back one question"))
    }

    func testEachParticipantChoosesALanguageWhenNoneIsGiven() throws {
        let survey = try survey(fourQuestions)
        let lines = ["2", "1", "", "", "", "1", "a", "", "", ""]
        let (outcome, stored, output) = try run(lines, survey: survey, options: .init(participants: 2))
        XCTAssertEqual(outcome.saved, 2)
        XCTAssertEqual(stored.map(\.language), ["en", "sv"])
        XCTAssertTrue(output.contains("Välj språk / Choose a language"))
        XCTAssertTrue(output.contains("Role") && output.contains("Roll"))
    }

    func testEndOfInputKeepsFinishedResponsesAndTheUnfinishedOneAsADraft() throws {
        let survey = try survey(fourQuestions)
        let store = try ResponseStore(path: directory.appendingPathComponent("s.sqlite").path)
        let io = ScriptedPromptIO(lines: ["1", "", "", "", "2", "1"])
        let outcome = try CollectSession(survey: survey, store: store, io: io, options: .init(language: "en")).run()
        XCTAssertEqual(outcome, .init(saved: 1, unfinished: true))
        XCTAssertEqual(try store.count(.init(surveyID: survey.id)), 1)
        XCTAssertEqual(try store.draftCount(surveyID: survey.id), 1)
    }

    func testAnswerInputReadsNumbersIdsAndLabels() {
        let question = Question(id: "q", type: .multipleChoice, text: LocalizedText(["en": "Q"]),
                                choices: [Choice(id: "scale-up", label: LocalizedText(["en": "Scaling up"])),
                                          Choice(id: "housing", label: LocalizedText(["en": "Housing"]))],
                                allowsOther: true)
        XCTAssertEqual(AnswerInput.parse("2 scale-up", for: question, language: "en"), .answer(.choices(["scale-up", "housing"], other: nil)))
        XCTAssertEqual(AnswerInput.parse("housing,3", for: question, language: "en"), .needsOtherText(chosen: ["housing"]))
        XCTAssertEqual(AnswerInput.parse("", for: question, language: "en"), .skip)
        if case .invalid = AnswerInput.parse("4", for: question, language: "en") {} else { XCTFail("4 is out of range") }
        XCTAssertEqual(AnswerInput.parseNumber("1,5", language: "sv"), 1.5)
        XCTAssertNil(AnswerInput.parseNumber("1e5", language: "en"))
    }
}
