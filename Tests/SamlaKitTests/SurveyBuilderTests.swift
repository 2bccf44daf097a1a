import XCTest
@testable import SamlaKit

/// The `samla new` prompt engine driven by scripted lines: what is typed becomes the survey that
/// the written file holds, mistakes are explained and asked again, and nothing is written early.
final class SurveyBuilderTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func build(_ lines: [String], language: String? = nil, file: String? = nil,
                       before: (SurveyBuilder) -> Void = { _ in }) -> (outcome: SurveyBuilder.Outcome, output: String) {
        let io = ScriptedPromptIO(lines: lines)
        let builder = SurveyBuilder(io: io, options: .init(language: language, file: file, surveysDirectory: directory.path))
        before(builder)
        return (builder.run(), io.output)
    }

    private func written(_ name: String) throws -> Survey {
        var survey = try SurveyLoader.require(path: directory.appendingPathComponent(name).path)
        survey.definitionHash = ""
        survey.sourceText = ""
        return survey
    }

    private func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    private func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    private func text(_ en: String, _ sv: String) -> LocalizedText {
        LocalizedText(["en": en, "sv": sv])
    }

    /// Every question type with its options, in English first and Swedish.
    private let everyType = [
        "en, sv", "Workshop feedback", "Återkoppling", "", "Day 2", "Dag 2",
        // A single choice, required, with Other.
        "1", "Which organisation do you represent?", "Vilken organisation företräder du?", "role",
        "Municipality", "Kommun", "", "Region", "Region", "", "Yes", "Ja", "", "", "y", "y",
        // A multiple choice of at most 2, shown when role is Region.
        "2", "What would you like to focus on?", "Vad vill ni fokusera på?", "focus",
        "Housing", "Bostäder", "", "Mobility", "Mobilitet", "", "Energy", "Energi", "", "", "n", "n", "2", "y", "1", "2",
        // A 0–10 scale with labelled ends, shown when Housing is among the focus.
        "3", "How interested are you?", "Hur intresserade är ni?", "",
        "0", "10", "0", "Not at all", "Inte alls", "10", "Very", "Mycket", "", "n", "y", "2", "1",
        // A whole number from 0, shown when the interest is at least 3.
        "4", "How many people work on this?", "Hur många arbetar med detta?", "staff", "", "0", "", "n", "y", "3", "1", "3",
        // Personal free text.
        "5", "E-mail", "E-post", "email", "n", "y", "n",
        // Done, then Enter writes.
        "", "",
    ]

    func testEveryTypeAndOptionBecomesTheSurveyThatIsWritten() throws {
        let (outcome, output) = build(everyType)
        XCTAssertEqual(outcome, .written(path: path("workshop-feedback.yaml")), output)
        XCTAssertEqual(try files(), ["workshop-feedback.yaml"], "no temporary file is left beside it")
        let expected = Survey(
            id: "workshop-feedback", title: text("Workshop feedback", "Återkoppling"), description: text("Day 2", "Dag 2"),
            languages: ["en", "sv"],
            questions: [
                Question(id: "role", type: .singleChoice,
                         text: text("Which organisation do you represent?", "Vilken organisation företräder du?"), required: true,
                         choices: [Choice(id: "municipality", label: text("Municipality", "Kommun")),
                                   Choice(id: "region", label: text("Region", "Region")),
                                   Choice(id: "yes", label: text("Yes", "Ja"))],
                         allowsOther: true),
                Question(id: "focus", type: .multipleChoice,
                         text: text("What would you like to focus on?", "Vad vill ni fokusera på?"),
                         choices: [Choice(id: "housing", label: text("Housing", "Bostäder")),
                                   Choice(id: "mobility", label: text("Mobility", "Mobilitet")),
                                   Choice(id: "energy", label: text("Energy", "Energi"))],
                         maxSelected: 2, showIf: .test(Condition(question: "role", test: .equals("region")))),
                Question(id: "how-interested-are-you", type: .scale,
                         text: text("How interested are you?", "Hur intresserade är ni?"),
                         scale: ScaleRange(min: 0, max: 10, labels: [0: text("Not at all", "Inte alls"), 10: text("Very", "Mycket")]),
                         showIf: .test(Condition(question: "focus", test: .includes("housing")))),
                Question(id: "staff", type: .number,
                         text: text("How many people work on this?", "Hur många arbetar med detta?"),
                         bounds: NumberBounds(integer: true, min: 0),
                         showIf: .test(Condition(question: "how-interested-are-you", test: .atLeast(3)))),
                Question(id: "email", type: .text, text: text("E-mail", "E-post"), personal: true),
            ]
        )
        XCTAssertEqual(try written("workshop-feedback.yaml"), expected)
        // The preview showed the definition that was written, under the file's name.
        let source = try String(contentsOfFile: path("workshop-feedback.yaml"), encoding: .utf8)
        XCTAssertTrue(output.contains("This is what will be written to \(path("workshop-feedback.yaml")):\n" + source), output)
        XCTAssertTrue(source.hasPrefix("# Written with samla new. Check it with: samla validate \(path("workshop-feedback.yaml"))\n"))
    }

    func testWithAnEmailAndAContactChoiceTheCallListIsOfferedAtTheEnd() throws {
        let lines = [
            "en, sv", "Follow-up", "Uppföljning", "", "",
            "2", "How do you want to be involved?", "Hur vill ni bli involverade?", "involvement",
            "Be contacted", "Bli kontaktad", "", "Get news", "Få nyheter", "", "", "n", "n", "",
            "5", "E-mail", "E-post", "email", "n", "n", "n",
            "", "y", "",
        ]
        let (outcome, output) = build(lines)
        XCTAssertEqual(outcome, .written(path: path("follow-up.yaml")), output)
        XCTAssertTrue(output.contains("Should the call list take those who answer \"Be contacted\" to \"How do you want to be involved?\", with E-mail?"),
                      output)
        let survey = try written("follow-up.yaml")
        XCTAssertEqual(survey.contact, ContactSection(consent: Condition(question: "involvement", test: .includes("be-contacted")),
                                                      fields: [.email: "email"]))
        XCTAssertEqual(survey.question("email")?.personal, true, "a contact detail is personal even if not said so")
        // Saying no writes no section.
        var declined = lines
        declined[declined.count - 2] = "n"
        try FileManager.default.removeItem(atPath: path("follow-up.yaml"))
        let (second, secondOutput) = build(declined)
        XCTAssertEqual(second, .written(path: path("follow-up.yaml")), secondOutput)
        XCTAssertNil(try written("follow-up.yaml").contact)
    }

    func testMistakesAreExplainedInOneLineAndAskedAgain() throws {
        let sv = UIText(language: "sv")
        let lines = [
            ", ,", "sv, xx1", "sv sv", "sv",
            "", "Kurs i Umeå",
            "Kurs I Umeå", "",
            "",
            // Question 1: no type yet, an unknown type, then a type by its Swedish name.
            "", "9", "skala", "Hur nöjd är du?", "",
            "x", "2000", "1", "1", "200", "", "7", "", "kanske", "j",
            // Question 2: a taken id, a word for a number, a decimal comma, a max below the min.
            "tal", "Hur många?", "hur-nojd-ar-du", "", "", "tre", "2,5", "1", "10", "n",
            "j", "5", "1", "3", "2", "9", "2",
            "",
            // The preview: an unknown command, a question that is not there, one that another depends on.
            "x", "d 9", "d 1", "",
        ]
        let (outcome, output) = build(lines)
        XCTAssertEqual(outcome, .written(path: path("kurs-i-umea.yaml")), output)
        let messages = [
            UIText.either(nil) { $0.newNotALanguageCode(", ,") }, UIText.either(nil) { $0.newNotALanguageCode("xx1") }, UIText.either(nil) { $0.newLanguageTwice("sv") }, sv.newNeedsText,
            sv.newNotAnID("Kurs I Umeå", example: "kurs-i-umea"), sv.newNeedsAQuestion, sv.newNotAType("9"),
            sv.newNotAWholeNumber("x"), sv.newWholeNumberBetween("2000", min: -1000, max: 1000),
            sv.newWholeNumberBetween("1", min: 2, max: 101), sv.newWholeNumberBetween("200", min: 2, max: 101),
            sv.newWholeNumberBetween("7", min: 1, max: 5), sv.newNotYesOrNo("kanske"), sv.newQuestionIDTaken("hur-nojd-ar-du"),
            sv.newNotANumber("tre"), sv.newNotBelow(2.5), sv.newNotOnTheList("5", count: 1), sv.newNotOnTheList("3", count: 2),
            sv.newWholeNumberBetween("9", min: 1, max: 5), sv.newNotACommand("x"), sv.newNotOnTheList("9", count: 2),
            sv.newCannotDeleteUsed("hur-nojd-ar-du", by: "hur-manga"),
        ]
        for message in messages {
            XCTAssertEqual(output.components(separatedBy: message + "\n").count - 1, 1, "once: \(message)")
        }
        // Before the languages are known the prompts are in both; after, in the first language.
        XCTAssertTrue(output.contains("Språk, det första är standard / Languages, the first is the default [sv, en]: "))
        XCTAssertTrue(output.contains("Titel: "))
        XCTAssertFalse(output.contains("Title"))
        let survey = try written("kurs-i-umea.yaml")
        XCTAssertEqual(survey.languages, ["sv"])
        XCTAssertEqual(survey.questions, [
            Question(id: "hur-nojd-ar-du", type: .scale, text: LocalizedText(["sv": "Hur nöjd är du?"]), required: true,
                     scale: ScaleRange(min: 1, max: 5)),
            Question(id: "hur-manga", type: .number, text: LocalizedText(["sv": "Hur många?"]),
                     bounds: NumberBounds(integer: true, min: 2.5, max: 10),
                     showIf: .test(Condition(question: "hur-nojd-ar-du", test: .atMost(2)))),
        ])
    }

    func testEndOfInputAtAnyPromptWritesNothing() throws {
        for count in 0..<everyType.count {
            let (outcome, output) = build(Array(everyType.prefix(count)))
            XCTAssertEqual(outcome, .endOfInput, "after \(count) lines:\n\(output)")
            // Nothing written; the questions finished so far are kept in the hidden draft, which must read back.
            XCTAssertEqual(try files().filter { !$0.hasSuffix(".draft.yaml") }, [], "after \(count) lines")
            for name in try files() where name.hasSuffix(".draft.yaml") {
                XCTAssertTrue(SurveyLoader.load(path: path(name)).isValid, "draft after \(count) lines")
                try FileManager.default.removeItem(atPath: path(name))
            }
        }
    }

    func testTheLangOptionSetsThePromptLanguage() throws {
        let (outcome, output) = build(["sv, en", "Enkät", "Survey", "", "", "5", "Namn", "Name", "", "n", "n", "", ""], language: "en")
        XCTAssertEqual(outcome, .written(path: path("survey.yaml")))
        XCTAssertTrue(output.hasPrefix("New survey\n"), output)
        XCTAssertTrue(output.contains("Languages, the first is the default [en, sv]: Title (sv): Title (en): Survey id [survey]: "))
        XCTAssertFalse(output.contains("Titel"))
        XCTAssertEqual(try written("survey.yaml").languages, ["sv", "en"])
    }

    /// A one-question survey in English, ending at the preview, for the tests of writing.
    private let short = ["en", "Short", "", "", "5", "Name", "", "n", "n", ""]

    func testAnExistingFileIsReplacedOnlyWhenConfirmed() throws {
        let target = path("short.yaml")
        try "keep me\n".write(toFile: target, atomically: false, encoding: .utf8)

        // Enter at the question means no; Enter at the other file's name quits.
        var (outcome, output) = build(short + ["", "", ""])
        XCTAssertEqual(outcome, .quit)
        XCTAssertTrue(output.contains("\(target) already exists. Overwrite it? (y/N): "), output)
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "keep me\n")

        (outcome, output) = build(short + ["", "n", path("elsewhere.yaml")])
        XCTAssertEqual(outcome, .written(path: path("elsewhere.yaml")))
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "keep me\n")
        XCTAssertEqual(try written("elsewhere.yaml").id, "short")

        (outcome, output) = build(short + ["", "y"])
        XCTAssertEqual(outcome, .written(path: target))
        XCTAssertEqual(try written("short.yaml").questions.map(\.id), ["name"])
        XCTAssertEqual(try files(), ["elsewhere.yaml", "short.yaml"])
    }

    func testAFileThatCannotBeWrittenLetsTheHostNameAnother() throws {
        try "not a folder\n".write(toFile: path("blocker"), atomically: false, encoding: .utf8)
        let (outcome, output) = build(short + ["", path("fine.yaml")], file: path("blocker/short.yaml"))
        XCTAssertEqual(outcome, .written(path: path("fine.yaml")))
        XCTAssertTrue(output.contains("Cannot write \(path("blocker/short.yaml")): "), output)
        XCTAssertEqual(try files(), ["blocker", "fine.yaml"])
    }

    func testQuestionsCanBeAddedAndDeletedAtThePreview() throws {
        let lines = [
            "en", "Edit", "", "",
            "1", "Colour", "", "Red", "", "Blue", "", "", "n", "n",
            "5", "Why", "", "n", "n", "n",
            "",
            // Add a number question shown for Blue, then delete the text question.
            "a", "4", "Age", "", "n", "", "", "n", "y", "1", "2",
            "d 2", "q",
        ]
        let (outcome, output) = build(lines)
        XCTAssertEqual(outcome, .quit)
        XCTAssertTrue(output.contains("\nQuestion 3\n"), output)
        XCTAssertTrue(output.contains("Deleted question 2 'why'.\n"), output)
        XCTAssertEqual(try files(), [])
        // The last preview showed what would have been written.
        let lastPreview = try XCTUnwrap(output.components(separatedBy: "This is what will be written to").last)
        let yaml = String(lastPreview.drop { $0 != "\n" }.dropFirst()).components(separatedBy: "\nWrite ")[0]
        let survey = try XCTUnwrap(SurveyLoader.parse(text: yaml, file: "preview.yaml").survey, lastPreview)
        XCTAssertEqual(survey.questions.map(\.id), ["colour", "age"])
        XCTAssertEqual(survey.questions.last?.bounds, NumberBounds(integer: false))
        XCTAssertEqual(survey.questions.last?.showIf, .test(Condition(question: "colour", test: .equals("blue"))))
    }

    func testSuggestedIDsAreShortUniqueAndEditable() throws {
        let lines = [
            "sv", "Hösten på Öland", "", "",
            "1", "Vad vill ni fokusera på under det kommande året tillsammans?", "",
            "Ja", "", "Ja", "", "Nej", "Ja!", "", "ع", "", "Other", "", "", "n",
            "1", "Vad vill ni fokusera på under det kommande året tillsammans?", "", "A", "", "B", "", "", "n", "n", "n",
            "", "",
        ]
        let (outcome, output) = build(lines)
        XCTAssertEqual(outcome, .written(path: path("hosten-pa-oland.yaml")), output)
        let survey = try written("hosten-pa-oland.yaml")
        XCTAssertEqual(survey.questions.map(\.id), ["vad-vill-ni-fokusera-pa", "vad-vill-ni-fokusera-pa-2"])
        // A repeated label is numbered, an id with '!' is refused, a label with no Latin letters is numbered
        // by its place, and a choice with the id 'other' is the host's own Other, so Other is not offered.
        XCTAssertEqual(survey.questions[0].choices.map(\.id), ["ja", "ja-2", "nej", "4", "other"])
        XCTAssertTrue(output.contains(UIText(language: "sv").newNotAChoiceID("Ja!", example: "ja")))
        XCTAssertFalse(survey.questions[0].allowsOther)
    }

    func testAnInterruptBeforeTheWriteStopsIt() throws {
        let (outcome, _) = build(everyType) { builder in
            XCTAssertNil(builder.progress.interrupt())
        }
        XCTAssertEqual(outcome, .interrupted)
        XCTAssertEqual(try files(), [])
    }

    func testAWindowsByteOrderMarkAndLineEndsInPipedAnswersAreIgnored() throws {
        let (outcome, output) = build(["\u{FEFF}en\r", " \u{FEFF}Short\r", "\r", "\r", "5\r", "Name\r", "\r", "n\r", "n\r", "\r", "\r"])
        XCTAssertEqual(outcome, .written(path: path("short.yaml")), output)
        XCTAssertEqual(try written("short.yaml").title, LocalizedText(["en": "Short"]))
    }
}

/// `samla new`'s menu at the preview (edit, move), the way out of a `show_if` begun by mistake,
/// and the draft that survives an interrupted build.
final class SurveyBuilderEditingTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func build(_ lines: [String]) -> (outcome: SurveyBuilder.Outcome, output: String) {
        let io = ScriptedPromptIO(lines: lines)
        let builder = SurveyBuilder(io: io, options: .init(surveysDirectory: directory.path))
        return (builder.run(), io.output)
    }

    private func written(_ name: String) throws -> Survey {
        try SurveyLoader.require(path: directory.appendingPathComponent(name).path)
    }

    private let twoQuestions = [
        "en", "Edit", "", "",
        "1", "Colour", "", "Red", "", "Blue", "", "", "n", "n",
        "5", "Why", "", "n", "n", "n",
        "",
    ]

    func testAQuestionIsEditedAndMovedAtThePreview() throws {
        let lines = twoQuestions + [
            // Edit question 1: keep the type, change the text, keep the id, new choices.
            "e 1", "", "Favourite colour", "", "Green", "", "Red", "", "", "y", "n",
            // Move the text question first, then write.
            "m 2 1", "",
        ]
        let (outcome, output) = build(lines)
        XCTAssertEqual(outcome, .written(path: directory.appendingPathComponent("edit.yaml").path), output)
        XCTAssertTrue(output.contains("Edited question 1 'colour'."), output)
        XCTAssertTrue(output.contains("Moved question 2 to place 1."), output)
        let survey = try written("edit.yaml")
        XCTAssertEqual(survey.questions.map(\.id), ["why", "colour"])
        XCTAssertEqual(survey.question("colour")?.text.text("en"), "Favourite colour")
        XCTAssertEqual(survey.question("colour")?.choices.map(\.id), ["green", "red"])
        XCTAssertEqual(survey.question("colour")?.required, true)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["edit.yaml"], "the draft is gone once written")
    }

    func testLessThanAtTheNextTypeGoesBackToThePreviousQuestion() throws {
        let lines = [
            "en", "Edit", "", "",
            "1", "Colour", "", "Red", "", "Blue", "", "", "n", "n",
            // At question 2's type: back to question 1, make it a multiple choice with new text.
            "<", "2", "Colours", "", "Red", "", "Blue", "", "", "n", "n", "",
            "5", "Why", "", "n", "n", "n",
            "", "",
        ]
        let (outcome, output) = build(lines)
        XCTAssertEqual(outcome, .written(path: directory.appendingPathComponent("edit.yaml").path), output)
        XCTAssertTrue(output.contains("< edits the previous question"), output)
        XCTAssertTrue(output.contains("Edited question 1 'colour'."), output)
        let survey = try written("edit.yaml")
        XCTAssertEqual(survey.questions.map(\.id), ["colour", "why"])
        XCTAssertEqual(survey.question("colour")?.type, .multipleChoice)
        XCTAssertEqual(survey.question("colour")?.text.text("en"), "Colours")
    }

    func testAMoveThatBreaksAShowIfIsRefusedWithTheReason() throws {
        // Why is shown only for Blue: it cannot move above Colour.
        let lines = [
            "en", "Edit", "", "",
            "1", "Colour", "", "Red", "", "Blue", "", "", "n", "n",
            "5", "Why", "", "n", "n", "y", "1", "2",
            "",
            "m 2 1", "",
        ]
        let (outcome, output) = build(lines)
        XCTAssertEqual(outcome, .written(path: directory.appendingPathComponent("edit.yaml").path), output)
        XCTAssertTrue(output.contains("The change was not made, since the survey would then not validate:"), output)
        XCTAssertTrue(output.contains("which is not an earlier question"), output)
        XCTAssertEqual(try written("edit.yaml").questions.map(\.id), ["colour", "why"])
    }

    func testEnterAfterAYesToShowIfLeavesTheQuestionWithoutACondition() throws {
        let lines = [
            "en", "Edit", "", "",
            "1", "Colour", "", "Red", "", "Blue", "", "", "n", "n",
            // y to show_if, then Enter at "Which earlier question": no dead end, no condition.
            "5", "Why", "", "n", "n", "y", "",
            "", "",
        ]
        let (outcome, output) = build(lines)
        XCTAssertEqual(outcome, .written(path: directory.appendingPathComponent("edit.yaml").path), output)
        XCTAssertTrue(output.contains("Which earlier question (1–1), Enter for none: "), output)
        XCTAssertNil(try written("edit.yaml").question("why")?.showIf)
    }

    func testAnInterruptedBuildIsResumedFromItsDraft() throws {
        // Input ends after two questions (as when Ctrl-C or a closed terminal stops samla new).
        let (ended, _) = build(Array(twoQuestions.dropLast()))
        XCTAssertEqual(ended, .endOfInput)
        let draft = directory.appendingPathComponent(".edit.draft.yaml").path
        XCTAssertEqual(try SurveyLoader.require(path: draft).questions.map(\.id), ["colour", "why"])

        // The next run offers it; yes goes on after question 2.
        let (outcome, output) = build(["", "4", "Age", "", "n", "", "", "n", "n", "", ""])
        XCTAssertTrue(output.contains("A draft of 'edit' with 2 questions is saved"), output)
        XCTAssertTrue(output.contains("Going on after question 2."), output)
        XCTAssertTrue(output.contains("\nQuestion 3\n"), output)
        XCTAssertEqual(outcome, .written(path: directory.appendingPathComponent("edit.yaml").path), output)
        XCTAssertEqual(try written("edit.yaml").questions.map(\.id), ["colour", "why", "age"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: draft))
    }

    /// A draft edited by hand with a compound show_if, a hint, a section and a list: the builder
    /// refuses to delete a question a nested test names, and editing keeps what it does not ask for.
    func testAHandEditedDraftKeepsItsCombinedConditionHintSectionAndList() throws {
        let draft = """
            format: 1
            id: edit
            title: Edit
            languages: [en]
            questions:
              - id: colour
                section: Colours
                type: single_choice
                text: Colour
                hint: Pick one
                list: colours
                choices: [{id: red, label: Red}, {id: blue, label: Blue}]
              - id: size
                type: number
                text: Size
              - id: why
                type: text
                text: Why
                show_if:
                  all:
                    - {question: colour, equals: blue}
                    - not: {question: size, at_least: 5}
            """
        try draft.write(to: directory.appendingPathComponent(".edit.draft.yaml"), atomically: true, encoding: .utf8)
        let (outcome, output) = build(["", "", "d 2", "e 3", "", "", "", "n", "n",
                                    "e 1", "", "", "", "Red", "", "Blue", "", "", "n", "n", ""])
        XCTAssertTrue(output.contains(UIText(language: "en").newCannotDeleteUsed("size", by: "why")), output)
        XCTAssertTrue(output.contains(UIText(language: "en").newKeepsCombinedShowIf), output)
        XCTAssertEqual(outcome, .written(path: directory.appendingPathComponent("edit.yaml").path), output)
        let survey = try written("edit.yaml")
        XCTAssertEqual(survey.questions.map(\.id), ["colour", "size", "why"])
        XCTAssertEqual(survey.question("why")?.showIf, .all([.test(Condition(question: "colour", test: .equals("blue"))),
                                                            .not(.test(Condition(question: "size", test: .atLeast(5))))]))
        XCTAssertEqual(survey.question("colour")?.hint, LocalizedText(["en": "Pick one"]))
        XCTAssertEqual(survey.question("colour")?.heading, LocalizedText(["en": "Colours"]))
        XCTAssertEqual(survey.question("colour")?.list, "colours")
    }
}
