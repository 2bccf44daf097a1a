import XCTest
@testable import SamlaKit

/// A prompt that answers with scripted replies, as a key prompt would, and records what it was asked.
private final class ScriptedReplies: PromptIO {
    private var replies: [PromptReply]
    private var secrets: [String]
    private(set) var prompts: [QuestionPrompt] = []
    private(set) var output = ""
    private(set) var clears = 0
    let isInteractive = true
    let supportsColour = false
    let usesKeys = true

    init(_ replies: [PromptReply], secrets: [String] = []) {
        self.replies = replies
        self.secrets = secrets
    }

    func ask(_ prompt: QuestionPrompt, again: Bool) -> PromptReply {
        prompts.append(prompt)
        return replies.isEmpty ? .endOfInput : replies.removeFirst()
    }

    func readSecret(_ label: String) -> String? {
        output += label + "\n"
        return secrets.isEmpty ? nil : secrets.removeFirst()
    }

    func readLine() -> String? { nil }
    func write(_ text: String) { output += text }
    func clearScreen() { clears += 1 }
}

final class CollectKioskTests: XCTestCase {
    private var directory: URL!
    private var store: ResponseStore!

    override func setUpWithError() throws {
        directory = TestPaths.temporaryDirectory()
        store = try ResponseStore(path: directory.appendingPathComponent("k.sqlite").path)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func survey() throws -> Survey {
        let yaml = """
            format: 1
            id: kiosk
            title: {sv: Kiosk, en: Kiosk}
            languages: [sv, en]
            questions:
              - id: role
                type: single_choice
                required: true
                text: {sv: Roll, en: Role}
                choices: [{id: a, label: {sv: Kommun, en: Municipality}}, {id: b, label: {sv: Region, en: Region}}]
              - id: score
                type: scale
                text: {sv: Betyg, en: Score}
                scale: {min: 1, max: 5, labels: {3: {sv: Kanske, en: Maybe}}}
              - id: why
                type: text
                text: {sv: Varför, en: Why}
            """
        let result = SurveyLoader.parse(text: yaml, file: "kiosk.yaml")
        guard let survey = result.survey else { throw DiagnosticsError(result.diagnostics) }
        return survey
    }

    private func session(_ io: PromptIO, kiosk: Bool = true, pin: String? = "2468", participants: Int? = nil,
                         language: String? = "sv") throws -> CollectSession {
        CollectSession(survey: try survey(), store: store, io: io,
                       options: .init(language: language, participants: participants, kiosk: kiosk, hostPIN: pin, hostLanguage: "en"))
    }

    func testAParticipantWhoWalksAwayIsDeletedAndTheHostIsToldOnTheNextScreen() throws {
        let io = ScriptedReplies([.line("2"), .line("4"), .idle, .idle, .line("1"), .line("Kanske"), .line("för att"), .line("")])
        let outcome = try session(io, participants: 1).run()
        XCTAssertEqual(outcome.saved, 1)
        XCTAssertEqual(outcome.discarded, 1)
        let stored = try store.responses(.init(surveyID: "kiosk", includeDrafts: true))
        XCTAssertEqual(stored.count, 1, "the walked-away participant's draft is gone")
        XCTAssertEqual(stored.first?.status, .complete)
        XCTAssertEqual(stored.first?.answers, ["role": .choice("a"), "score": .number(3), "why": .text("för att")])
        // The note is on the next participant's first screens, in the host's language, until they answer.
        XCTAssertEqual(io.prompts[3].notice, "1 unfinished response discarded.")
        XCTAssertEqual(io.prompts[4].notice, "1 unfinished response discarded.",
                       "an idle first question with nothing answered is only asked again")
        XCTAssertNil(io.prompts[5].notice)
        XCTAssertEqual(io.prompts[3].question, "Roll *")
        XCTAssertEqual(io.prompts.last?.question, "Tack! Ditt svar är sparat.", "the thank-you in the participant's language")
        XCTAssertTrue(io.prompts.last?.pause == true)
        XCTAssertGreaterThanOrEqual(io.clears, 3, "cleared before each participant and after the answers")
    }

    func testTheHostKeyAsksThePINAWrongOneGoesOnAndTheRightOneEndsWithNothingHalfKept() throws {
        let io = ScriptedReplies([.line("1"), .hostKey, .hostKey], secrets: ["1111", "2468"])
        let outcome = try session(io).run()
        XCTAssertTrue(outcome.endedByHost)
        XCTAssertEqual(outcome.saved, 0)
        XCTAssertEqual(outcome.discarded, 1, "the participant cut short is counted for the host")
        XCTAssertEqual(io.prompts[2].message, "Wrong PIN. The collection goes on.")
        XCTAssertEqual(io.prompts[2].question, io.prompts[1].question, "back at the same question")
        XCTAssertEqual(try store.count(.init(surveyID: "kiosk", includeDrafts: true)), 0)
    }

    func testOutsideKioskModeEndOfInputKeepsTheDraftAsBefore() throws {
        let io = ScriptedReplies([.line("1"), .endOfInput])
        let outcome = try session(io, kiosk: false, pin: nil).run()
        XCTAssertEqual(outcome, .init(saved: 0, unfinished: true))
        XCTAssertEqual(try store.draftCount(surveyID: "kiosk"), 1)
    }

    func testKeyPromptsOpenWithTheEarlierAnswerInPlaceAndBackKeepsIt() throws {
        let io = ScriptedReplies([.line("2"), .line("5"), .back, .back, .line("2"), .line("5"), .line("x"), .line("")])
        _ = try session(io, participants: 1, language: "en").run()
        XCTAssertEqual(io.prompts[2].question, "Why")
        XCTAssertEqual(io.prompts[3].chosen, [4], "the scale keeps 5 when coming back")
        XCTAssertEqual(io.prompts[4].chosen, [1], "role keeps Region when coming back")
        XCTAssertEqual(io.prompts[4].values, ["1", "2"])
        XCTAssertEqual(io.prompts[1].values, ["1", "2", "3", "4", "5"], "a scale answers with its points")
        XCTAssertEqual(io.prompts[1].options[2], "3 Maybe")
        XCTAssertEqual(try store.responses(.init(surveyID: "kiosk")).first?.answers,
                       ["role": .choice("b"), "score": .number(5), "why": .text("x")])
    }

    func testEveryHintAndHelpIsInTheParticipantsLanguage() throws {
        let io = ScriptedReplies([.line("?"), .line("9"), .line("1"), .line("1"), .line("x"), .line("")])
        _ = try session(io, participants: 1).run()
        let words = io.prompts.flatMap { [$0.keyHint, $0.lineHint, $0.message].compactMap { $0 } }.joined(separator: "\n")
        XCTAssertTrue(words.contains("? = hjälp"), words)
        XCTAssertTrue(words.contains("Flytta med"), words)
        for english in ["help", "move", "confirm", "Enter confirms", "not one of"] {
            XCTAssertFalse(words.contains(english), "'\(english)' in Swedish prompts:\n\(words)")
        }
    }

    func testLinePromptsDropControlCharactersAndAcceptScaleWords() throws {
        let lines = ["1", "\u{1B}[Amaybe", "Maybe", "hej\u{07}\u{1B}då\u{9B}", ""]
        let io = ScriptedPromptIO(lines: lines)
        _ = try CollectSession(survey: try survey(), store: store, io: io, options: .init(language: "en")).run()
        let answers = try store.responses(.init(surveyID: "kiosk")).first?.answers
        XCTAssertEqual(answers?["score"], .number(3))
        guard case .text(let text)? = answers?["why"] else { return XCTFail("no text answer") }
        XCTAssertFalse(text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, text)
        XCTAssertEqual(text, "hejdå")
        XCTAssertTrue(io.output.contains("'[Amaybe' is not on the scale"), io.output)
    }

    func testTheThankYouIsInTheLanguageTheParticipantChose() throws {
        let io = ScriptedPromptIO(lines: ["2", "1", "", ""])
        _ = try CollectSession(survey: try survey(), store: store, io: io, options: .init()).run()
        XCTAssertTrue(io.output.contains("Thank you! Your answer is saved."), io.output)
        XCTAssertTrue(io.output.contains("; ? = help)"), io.output)
    }
}
