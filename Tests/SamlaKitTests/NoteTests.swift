import Foundation
import SamlaTestSupport
import XCTest
@testable import SamlaKit

/// `type: note`: a text that asks nothing. Its place among the questions, its located mistakes,
/// the writer's round trip, collect at a line prompt, the server's judge, the import's mapping, and
/// the analysis, which never sees it.
final class NoteTests: XCTestCase {
    private var directory: URL!

    override func setUp() {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    private func survey(_ yaml: String = NoteSurvey.text) throws -> Survey {
        let result = SurveyLoader.parse(text: yaml, file: "notes.yaml")
        return try XCTUnwrap(result.survey, "\(result.diagnostics)")
    }

    func testNotesStandWhereTheFileHasThemAndAreNoQuestions() throws {
        let survey = try survey()
        XCTAssertEqual(survey.questions.map(\.id), ["role", "size", "plans"])
        XCTAssertEqual(survey.notes.map(\.id), ["welcome", "region-note", "goodbye"])
        XCTAssertEqual(survey.notes.map(\.position), [0, 2, 3])
        XCTAssertEqual(survey.items.map(\.id), ["welcome", "role", "size", "region-note", "plans", "goodbye"])
        XCTAssertNil(survey.question("welcome"), "a note is not a question")
        XCTAssertEqual(survey.note("welcome")?.text.text("en"), "Welcome <b>all</b> & thanks\nIt takes two minutes.")
        XCTAssertEqual(survey.note("welcome")?.hint, LocalizedText("Nothing is kept until you finish", language: "en"))
        let plans = try XCTUnwrap(survey.question("plans"))
        XCTAssertNil(plans.heading)
        XCTAssertEqual(survey.heading(of: plans), LocalizedText("Regional part", language: "en"), "a note's section heads the questions after it")
        let note = try XCTUnwrap(survey.note("region-note"))
        for role in [nil, "a", "b"] {
            for size in [nil, 10.0, 50, 60] {
                var answers = Answers()
                answers["role"] = role.map(AnswerValue.choice)
                answers["size"] = size.map(AnswerValue.number)
                XCTAssertEqual(survey.isShown(note, given: answers), NoteSurvey.regionNoteShows(role: role, size: size), "\(answers)")
            }
        }
    }

    private static let header = """
        format: 1
        id: bad
        title: Bad
        languages: [en]
        questions:
          - id: role
            type: single_choice
            text: Role
            choices: [{id: a, label: A}]

        """

    /// The error at the line holding `needle`, at the column where `needle` starts.
    private func error(_ yaml: String, at needle: String, file: StaticString = #filePath, line: UInt = #line) -> Diagnostic? {
        let lines = yaml.components(separatedBy: "\n")
        guard let index = lines.firstIndex(where: { $0.contains(needle) }), let range = lines[index].range(of: needle) else {
            XCTFail("no line holds \(needle)", file: file, line: line)
            return nil
        }
        let column = lines[index].distance(from: lines[index].startIndex, to: range.lowerBound) + 1
        let found = SurveyLoader.parse(text: yaml, file: "t.yaml").diagnostics.errors
        let match = found.first { $0.location.line == index + 1 && $0.location.column == column }
        XCTAssertNotNil(match, "no error at \(index + 1):\(column) ('\(needle)'): \(found.map { "\($0.location) \($0.message)" })", file: file, line: line)
        return match
    }

    func testWhatANoteCannotHaveIsAnErrorWhereItStands() throws {
        let yaml = Self.header + """
              - id: intro
                type: note
                text: Hello
                required: true
                choices: [{id: x, label: X}]
                personal: true
                hnit: typo
              - id: later
                type: text
                text: Later
                show_if: {question: intro, equals: x}
              - id: nested
                type: note
                text: Nested
                show_if:
                  any:
                    - {question: role, equals: a}
                    - not: {question: intro, equals: x}
              - id: role
                type: note
                text: Twice
              - id: untitled
                type: note
              - id: typed
                type: nots
                text: Typo
            """
        XCTAssertEqual(error(yaml, at: "required: true")?.message, "'required' does not apply to a note (note 'intro')")
        XCTAssertTrue(error(yaml, at: "required: true")?.hint?.contains("asks nothing") == true)
        XCTAssertEqual(error(yaml, at: "choices: [{id: x")?.message, "'choices' does not apply to a note (note 'intro')")
        XCTAssertEqual(error(yaml, at: "personal: true")?.message, "'personal' does not apply to a note (note 'intro')")
        XCTAssertEqual(error(yaml, at: "hnit")?.message, "unknown key 'hnit' in note 'intro'")
        XCTAssertEqual(error(yaml, at: "hnit")?.hint, "did you mean 'hint'?")
        XCTAssertEqual(error(yaml, at: "{question: intro, equals: x}")?.message,
                       "show_if of 'later' points at 'intro', which is a note: a note has no answer to test")
        let nestedLine = yaml.components(separatedBy: "\n").lastIndex { $0.contains("{question: intro, equals: x}") }! + 1
        let errors = SurveyLoader.parse(text: yaml, file: "t.yaml").diagnostics.errors
        XCTAssertTrue(errors.contains { $0.location.line == nestedLine && $0.message.hasPrefix("show_if of 'nested' points at 'intro', which is a note") },
                      "a test inside not, at its own line: \(errors.map(\.message))")
        XCTAssertTrue(errors.contains { $0.message == "duplicate question id 'role'" }, "notes and questions share their ids")
        XCTAssertTrue(errors.contains { $0.message == "note 'untitled' has no 'text'" }, errors.map(\.message).joined(separator: "\n"))
        XCTAssertEqual(error(yaml, at: "nots")?.hint, "did you mean 'note'?")
        XCTAssertNil(SurveyLoader.parse(text: yaml, file: "t.yaml").survey)
    }

    func testASurveyOfNotesAloneAsksNothingAndIsRefused() throws {
        let yaml = """
            format: 1
            id: bad
            title: Bad
            languages: [en]
            questions:
              - {id: hello, type: note, text: Hello}
            """
        let errors = SurveyLoader.parse(text: yaml, file: "t.yaml").diagnostics.errors
        XCTAssertEqual(errors.map(\.message), ["the survey has notes but no questions"])
        XCTAssertEqual(errors.first?.location.line, 6)
    }

    func testTheWriterWritesNotesWhereTheyStandAndReadsBackTheSame() throws {
        let original = try survey()
        let yaml = SurveyWriter.yaml(original)
        XCTAssertTrue(yaml.contains("""
              - id: region-note
                section: Regional part
                type: note
                text: Questions for regions only
                hint: Skip what does not apply
                show_if:
                  all:
            """), yaml)
        let back = try survey(yaml)
        XCTAssertEqual(back.notes, original.notes)
        XCTAssertEqual(back.questions, original.questions)
        XCTAssertEqual(back.items, original.items)
        // Two notes in a row, one before the first question and two after the last, in two languages.
        var twoLanguages = Survey(id: "two", title: LocalizedText(["sv": "Två", "en": "Two"]), languages: ["sv", "en"],
                                  questions: [Question(id: "q", type: .text, text: LocalizedText(["sv": "Fråga", "en": "Question"]))])
        twoLanguages.notes = [
            Note(id: "a", text: LocalizedText(["sv": "Först: yes", "en": "First: no"]), position: 0),
            Note(id: "b", text: LocalizedText(["sv": "Sedan\nrad två", "en": "Then\nline two"]), position: 0, hint: LocalizedText(["sv": "1", "en": "2"])),
            Note(id: "c", text: LocalizedText(["sv": "Slut", "en": "End"]), position: 1,
                 showIf: .test(Condition(question: "q", test: .equals("x")))),
        ]
        let written = SurveyWriter.yaml(twoLanguages)
        let result = SurveyLoader.parse(text: written, file: "two.yaml")
        // A text question cannot be a show_if condition: the rule for questions holds for notes too.
        XCTAssertTrue(result.diagnostics.errors.contains { $0.message.contains("needs a single_choice question, but 'q' is text") }, written)
        twoLanguages.notes[2].showIf = nil
        let again = try survey(SurveyWriter.yaml(twoLanguages))
        XCTAssertEqual(again.notes, twoLanguages.notes)
        XCTAssertEqual(again.items.map(\.id), ["a", "b", "q", "c"])
    }

    // MARK: Collect at a line prompt

    private func collect(_ lines: [String]) throws -> (answers: [Answers], output: String) {
        let survey = try survey()
        let store = try ResponseStore(path: directory.appendingPathComponent("collect-\(UUID().uuidString).sqlite").path)
        let io = ScriptedPromptIO(lines: lines)
        _ = try CollectSession(survey: survey, store: store, io: io, options: .init(participants: 1)).run()
        return (try store.responses(.init(surveyID: "notes")).map(\.answers), io.output)
    }

    func testCollectShowsEachShownNoteAboveTheNextQuestionAndAsksNothing() throws {
        let (answers, output) = try collect(["2", "10", "Grow"])
        XCTAssertEqual(answers, [["role": .choice("b"), "size": .number(10), "plans": .text("Grow")]], "three lines answer three questions")
        func at(_ text: String) throws -> String.Index { try XCTUnwrap(output.range(of: text), "\(text) in:\n\(output)").lowerBound }
        XCTAssertLessThan(try at("Welcome <b>all</b> & thanks\nIt takes two minutes.\nNothing is kept until you finish\n"), try at("Role"))
        XCTAssertLessThan(try at("Size"), try at("== Regional part =="))
        XCTAssertLessThan(try at("== Regional part =="), try at("Questions for regions only\nSkip what does not apply\n"))
        XCTAssertLessThan(try at("Questions for regions only"), try at("Plans"))
        XCTAssertLessThan(try at("Plans"), try at("See you at the next workshop"))
        XCTAssertLessThan(try at("See you at the next workshop"), try at("Thank you"))
        XCTAssertEqual(output.components(separatedBy: "== Regional part ==").count, 2, "the heading once: at the note, not again at its question")
        XCTAssertTrue(output.contains("[question 1 of 3]") && output.contains("[question 3 of 3]"), "notes are not numbered: \(output)")
    }

    func testAConditionalNoteStaysAwayWhenItsShowIfDoesNotHold() throws {
        for (lines, shows) in [(["1", "10", "x"], false), (["2", "60", "x"], false), (["2", "", "x"], true)] {
            let (answers, output) = try collect(lines)
            XCTAssertEqual(answers.count, 1)
            XCTAssertEqual(output.contains("Questions for regions only"), shows, "\(lines)")
            XCTAssertEqual(output.contains("== Regional part =="), true, "the section heads Plans whichever: \(lines)")
            XCTAssertTrue(output.contains("See you at the next workshop"))
        }
    }

    // MARK: Serve's judge and import's mapping

    func testAnAnswerSentForANoteIsRefusedByName() throws {
        let judge = SubmissionJudge(survey: try survey())
        let judged = judge.judge(["role": SubmittedAnswer(values: ["a"]), "welcome": SubmittedAnswer(values: ["hi"])], language: "en")
        XCTAssertEqual(judged, .rejected([SubmissionProblem(question: "welcome", message: "That is a note in the survey, not a question: it takes no answer.")]))
        let sv = judge.judge(["goodbye": SubmittedAnswer(values: [""])], language: "sv")
        guard case .rejected(let problems) = sv else { return XCTFail("accepted an answer to a note") }
        XCTAssertEqual(problems.map(\.question), ["goodbye"])
        XCTAssertEqual(judge.judge(["role": SubmittedAnswer(values: ["a"])], language: "en"), .accepted(["role": .choice("a")]))
    }

    func testAnExportsNoteColumnsAreNotesNotUnmatched() throws {
        let survey = try survey()
        let header = ["start", "welcome", "role", "size", "regional/region-note", "plans", "Questions for regions only", "goodbye_x"]
        let mapping = try ColumnMapping.make(header: header, survey: survey, layout: .kobo, locate: { SourceLocation(file: "k.csv", line: 1, column: $0 + 1) })
        XCTAssertEqual(mapping.roles[1], .note("welcome"))
        XCTAssertEqual(mapping.roles[2], .answer(question: "role"))
        XCTAssertEqual(mapping.roles[4], .note("region-note"), "Kobo's group path")
        XCTAssertEqual(mapping.roles[6], .note("region-note"), "a note's text as the header")
        XCTAssertEqual(mapping.roles[7], .unmatched)
        XCTAssertEqual(mapping.diagnostics.warnings.map(\.message), ["column 'goodbye_x' matches no question of 'notes' and is left out"],
                       "a note column is no unmatched column")
        XCTAssertEqual(mapping.notAsked, [], "notes are never 'not asked'")
    }

    // MARK: The analysis never sees a note

    func testSummariesCountQuestionsOnly() throws {
        let survey = try survey()
        let store = try ResponseStore(path: directory.appendingPathComponent("summary.sqlite").path)
        for (role, size) in [("a", 10.0), ("b", 20), ("b", 70)] {
            try store.save(Response(surveyID: survey.id, definitionHash: survey.definitionHash,
                                    answers: ["role": .choice(role), "size": .number(size), "plans": .text("Grow")]), definition: survey)
        }
        let summary = try Analyzer(survey: survey).summarize(store: store)
        XCTAssertEqual(summary.questions.map(\.id), ["role", "size", "plans"])
        let json = SummaryJSON.render(summary)
        for note in survey.notes {
            XCTAssertFalse(json.contains(note.id), "\(note.id) in the summary JSON")
            XCTAssertFalse(json.contains(note.text.text("en").prefix(12)), "\(note.id)'s text in the summary JSON")
        }
    }
}
