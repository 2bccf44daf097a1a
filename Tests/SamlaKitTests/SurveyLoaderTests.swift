import XCTest
@testable import SamlaKit

final class SurveyLoaderTests: XCTestCase {
    private func load(_ yaml: String, file: String = "test.yaml") -> SurveyLoadResult {
        SurveyLoader.parse(text: yaml, file: file)
    }

    private func errors(_ yaml: String) -> [Diagnostic] {
        load(yaml).diagnostics.errors
    }

    private let header = """
        format: 1
        id: t
        title: {sv: Titel, en: Title}
        languages: [sv, en]
        questions:

        """

    func testBundledSurveysAndTheBenchSurveyAreValid() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: TestPaths.repo("surveys"))
            .filter { $0.hasSuffix(".yaml") }.map { TestPaths.repo("surveys/\($0)") }
        XCTAssertFalse(files.isEmpty)
        for file in files + [TestPaths.shared("bench/bench-survey.yaml")] {
            let result = SurveyLoader.load(path: file)
            XCTAssertTrue(result.isValid, "\(file): \(result.diagnostics)")
        }
    }

    func testTheSeedSurveyAsksWhatTheSlideAsks() throws {
        let survey = try SurveyLoader.require(path: TestPaths.repo("surveys/tnc-workshop.yaml"))
        XCTAssertEqual(survey.languages, ["sv", "en"])
        XCTAssertEqual(survey.question("focus")?.text.text("sv"), "Vad skulle ni vilja fokusera på?")
        XCTAssertEqual(survey.question("involvement")?.text.text("sv"), "Hur vill ni bli involverade?")
        XCTAssertEqual(survey.question("focus")?.choice("scale-up")?.label.text("sv"),
                       "Uppväxling av lokala innovationsprojekt för att bidra till regional omställningskapacitet")
        XCTAssertEqual(Set(survey.question("involvement")?.choices.map(\.id) ?? []),
                       ["contact", "information", "activities", "conversations"])
        XCTAssertEqual(survey.question("email")?.personal, true)
        XCTAssertEqual(survey.definitionHash.count, 64)
    }

    func testTheBenchSurveyDecodesFlowStyleMapsAndQuotedStrings() throws {
        let survey = try SurveyLoader.require(path: TestPaths.shared("bench/bench-survey.yaml"))
        XCTAssertEqual(survey.questions.count, 12)
        XCTAssertEqual(survey.question("transition") == nil, true)
        XCTAssertEqual(survey.question("focus")?.choice("transition")?.label.text("en"), "Regional transition capacity, skills and jobs")
        XCTAssertEqual(survey.question("focus")?.maxSelected, 3)
        XCTAssertEqual(survey.question("interest")?.scale, ScaleRange(min: 1, max: 5, labels: [
            1: LocalizedText(["en": "Not at all", "sv": "Inte alls"]), 5: LocalizedText(["en": "Very", "sv": "Mycket"]),
        ]))
        XCTAssertEqual(survey.question("staff")?.bounds, NumberBounds(integer: true, min: 0, max: nil))
        XCTAssertEqual(survey.defaultLanguage, "en")
    }

    func testADuplicateIdAMisspelledTypeAndAMisspelledKeyAreEachReportedAtTheirLine() throws {
        // The same file `samla validate` is tested with end to end.
        let yaml = try String(contentsOfFile: TestPaths.repo("Tests/Fixtures/three-mistakes.yaml"), encoding: .utf8)
        let found = errors(yaml)
        XCTAssertEqual(found.count, 3, "\(found)")
        let byLine = Dictionary(grouping: found, by: \.location.line)
        XCTAssertTrue(byLine[7]?.first?.message.contains("unknown question type 'single_choise'") == true, "\(found)")
        XCTAssertEqual(byLine[7]?.first?.hint, "did you mean 'single_choice'?")
        XCTAssertTrue(byLine[11]?.first?.message.contains("duplicate question id 'role'") == true, "\(found)")
        XCTAssertTrue(byLine[14]?.first?.message.contains("unknown key 'requird'") == true, "\(found)")
        XCTAssertEqual(byLine[14]?.first?.hint, "did you mean 'required'?")
        XCTAssertEqual(byLine[14]?.first?.location.column, 5)
    }

    func testMissingTranslationsAreReportedForEveryText() {
        let yaml = header + """
              - id: a
                type: single_choice
                text: {sv: Fråga}
                choices:
                  - {id: x, label: {en: X}}
            """
        let messages = errors(yaml).map(\.message)
        XCTAssertTrue(messages.contains { $0.contains("has no 'en' text") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("has no 'sv' text") }, "\(messages)")
    }

    func testAPlainStringNeedsASingleLanguageSurvey() {
        let single = """
            format: 1
            id: one
            title: Titel
            languages: [sv]
            questions:
              - {id: a, type: text, text: Vad tycker du?}
            """
        XCTAssertTrue(load(single).isValid, "\(load(single).diagnostics)")
        let double = header + "  - {id: a, type: text, text: Vad tycker du?}\n"
        XCTAssertTrue(errors(double).contains { $0.message.contains("plain text, but the survey has 2 languages") })
    }

    func testShowIfMustPointBackAtAFittingQuestion() {
        let yaml = header + """
              - id: later-target
                type: text
                text: {sv: A, en: A}
                show_if: {question: scale-q, at_least: 3}
              - id: scale-q
                type: scale
                text: {sv: B, en: B}
                scale: {min: 1, max: 5}
              - id: wrong-op
                type: text
                text: {sv: C, en: C}
                show_if: {question: scale-q, equals: x}
              - id: out-of-range
                type: text
                text: {sv: D, en: D}
                show_if: {question: scale-q, at_least: 9}
              - id: multi
                type: multiple_choice
                text: {sv: E, en: E}
                choices: [{id: x, label: {sv: X, en: X}}]
              - id: bad-choice
                type: text
                text: {sv: F, en: F}
                show_if: {question: multi, includes: y}
            """
        let messages = errors(yaml).map(\.message)
        XCTAssertEqual(messages.count, 4, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("'scale-q', which is not an earlier question") })
        XCTAssertTrue(messages.contains { $0.contains("'equals' needs a single_choice question") })
        XCTAssertTrue(messages.contains { $0.contains("outside the scale 1–5") })
        XCTAssertTrue(messages.contains { $0.contains("choice 'y'") })
    }

    func testSharedListsMustStateTheSameChoicesAndListNamesAreSpelledAsIds() {
        let yaml = header + """
              - id: first
                type: single_choice
                list: yes_no
                text: {sv: A, en: A}
                choices: [{id: y, label: {sv: Ja, en: "Yes"}}, {id: n, label: {sv: Nej, en: "No"}}]
              - id: second
                type: multiple_choice
                list: yes_no
                text: {sv: B, en: B}
                choices: [{id: y, label: {sv: Ja, en: "Yes"}}, {id: n, label: {sv: Nej, en: "No"}}]
              - id: third
                type: single_choice
                list: yes_no
                text: {sv: C, en: C}
                choices: [{id: y, label: {sv: Ja, en: "Yes"}}]
              - id: fourth
                type: text
                list: yes_no
                text: {sv: D, en: D}
              - id: fifth
                type: single_choice
                list: "ja nej"
                text: {sv: E, en: E}
                choices: [{id: y, label: {sv: Ja, en: "Yes"}}]
            """
        let found = errors(yaml)
        XCTAssertEqual(found.count, 3, "\(found)")
        let lines = yaml.components(separatedBy: "\n")
        let thirdList = (lines.firstIndex { $0.contains("id: third") } ?? 0) + 3
        let different = found.first { $0.message == "questions 'first' and 'third' both use the list 'yes_no' but state different choices" }
        XCTAssertEqual(different?.location.line, thirdList, "at the list line of the question that differs: \(found)")
        XCTAssertTrue(found.contains { $0.message == "'list' does not apply to a text question (question 'fourth')" }, "\(found)")
        XCTAssertTrue(found.contains { $0.message == "'ja nej' is not a list name (question 'fifth')" }, "\(found)")
        XCTAssertEqual(load(header + """
              - id: first
                type: single_choice
                list: yes_no
                text: {sv: A, en: A}
                choices: [{id: y, label: {sv: Ja, en: "Yes"}}]
              - id: yes_no
                type: single_choice
                text: {sv: B, en: B}
                choices: [{id: y, label: {sv: Ja, en: "Yes"}}]
            """).diagnostics.errors.count, 0, "a question named as the list may share it")
    }

    func testScaleAndBoundsRules() {
        let yaml = header + """
              - id: s
                type: scale
                text: {sv: S, en: S}
                scale: {min: 5, max: 1}
              - id: n
                type: number
                text: {sv: N, en: N}
                min: 10
                max: 2
              - id: m
                type: multiple_choice
                text: {sv: M, en: M}
                max_selected: 4
                choices: [{id: a, label: {sv: A, en: A}}]
              - id: wrong-key-for-type
                type: text
                text: {sv: T, en: T}
                choices: [{id: a, label: {sv: A, en: A}}]
            """
        let messages = errors(yaml).map(\.message)
        XCTAssertTrue(messages.contains { $0.contains("min 5 not below max 1") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("min 10 above max 2") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("max_selected of 'm' is 4 but there are only 1 choices") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("'choices' does not apply to a text question") }, "\(messages)")
    }

    func testBadIdsAndDuplicateChoicesAndUnknownTopLevelKeys() {
        let yaml = """
            format: 1
            id: Bad_Survey
            titel: {sv: T, en: T}
            languages: [sv, en]
            questions:
              - id: q
                type: single_choice
                text: {sv: Q, en: Q}
                choices:
                  - {id: a, label: {sv: A, en: A}}
                  - {id: a, label: {sv: B, en: B}}
            """
        let found = errors(yaml)
        let messages = found.map(\.message)
        XCTAssertTrue(messages.contains { $0.contains("'Bad_Survey' is not a valid id") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("unknown key 'titel'") }, "\(messages)")
        XCTAssertEqual(found.first { $0.message.contains("titel") }?.hint, "did you mean 'title'?")
        XCTAssertTrue(messages.contains { $0.contains("duplicate choice id 'a'") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("has no 'title'") }, "\(messages)")
    }

    func testYAMLSyntaxErrorsArePlaced() {
        let result = load("format: 1\nid: x\ntitle: [unclosed\n")
        XCTAssertNil(result.survey)
        let error = result.diagnostics.errors.first
        XCTAssertNotNil(error)
        XCTAssertGreaterThan(error?.location.line ?? 0, 0)
    }

    func testJSONIsAcceptedAsYAML() {
        let json = """
            {"format": 1, "id": "j", "title": "T", "languages": ["en"],
             "questions": [{"id": "q", "type": "scale", "text": "How?", "scale": {"min": 0, "max": 10}}]}
            """
        let result = load(json, file: "survey.json")
        XCTAssertTrue(result.isValid, "\(result.diagnostics)")
        XCTAssertEqual(result.survey?.question("q")?.scale?.points, 0...10)
    }

    func testRenderedDiagnosticsQuoteTheLineWithACaret() {
        let yaml = header + "  - {id: a, type: txt, text: {sv: A, en: A}}\n"
        let result = load(yaml)
        let rendered = DiagnosticRenderer(sources: ["test.yaml": yaml]).render(result.diagnostics)
        XCTAssertTrue(rendered.hasPrefix("test.yaml:6:19: error: unknown question type 'txt'"), rendered)
        let lines = rendered.split(separator: "\n")
        XCTAssertEqual(lines[1], "      - {id: a, type: txt, text: {sv: A, en: A}}")
        XCTAssertEqual(lines[2], "                      ^")
    }

    func testNearestMatchSuggestsOnlyPlausibleTypos() {
        XCTAssertEqual(NearestMatch.suggestion(for: "requird", among: SurveyDecoder.questionKeys), "required")
        XCTAssertEqual(NearestMatch.suggestion(for: "mulitple_choice", among: QuestionType.allCases.map(\.rawValue)), "multiple_choice")
        XCTAssertNil(NearestMatch.suggestion(for: "banana", among: ["scale", "text"]))
    }
}
