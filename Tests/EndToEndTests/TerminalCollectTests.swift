import Foundation
import SamlaKit
import XCTest

/// `samla collect` in a real terminal: tmux runs it, send-keys types, capture-pane reads the screen.
final class TerminalCollectTests: TerminalTestCase {
    private func screen() throws -> String {
        try terminal.screen()
    }

    private func type(_ text: String) throws {
        try terminal.type(text)
    }

    func testTheFirstQuestionShowsInTheChosenLanguageAndTypedAnswersAreStored() throws {
        let store = directory.appendingPathComponent("tty.sqlite").path
        let survey = EndToEndPaths.repo("surveys/tnc-workshop.yaml")
        let command = "env -u NO_COLOR TERM=xterm SAMLA_HOST_PIN=2468 \(SamlaProcess.binary) collect '\(survey)' --store '\(store)' --participants 1; sleep 30"
        try terminal.start(command)

        try eventually("the language menu") { try screen().contains("Välj språk / Choose a language") }
        try type("1")
        try eventually("the first question in Swedish") { try screen().contains("Vilken organisation företräder du?") }
        XCTAssertTrue(try screen().contains("fråga 1 av"))
        try type("")
        try eventually("a blank required answer asked again") { try screen().contains("Den här frågan behöver ett svar.") }
        for answer in ["2", "1", "1,3", "2", "5", "1", "Norrbottens innovationsarena", "", "", ""] {
            try type(answer)
        }
        try eventually("the thank-you") { try screen().contains("Tack! Ditt svar är sparat.") }
        let responses = try ResponseStore(path: store).responses(.init(surveyID: "tnc-workshop"))
        XCTAssertEqual(responses.count, 1)
        XCTAssertEqual(responses.first?.language, "sv")
        XCTAssertEqual(responses.first?.answers, [
            "role": .choice("region"), "city": .choice("umea"), "focus": .choices(["scale-up", "housing"], other: nil),
            "involvement": .choices(["information"], other: nil), "collaboration": .number(5),
            "entry-point": .choice("yes"), "similar": .text("Norrbottens innovationsarena"),
        ])
    }
}

/// A section heading and a hint on the terminal's screen, for a follow-up a compound `show_if` opens.
final class TerminalSectionAndHintTests: TerminalTestCase {
    func testTheScreenShowsTheSectionAboveAndTheHintUnderTheQuestion() throws {
        let store = directory.appendingPathComponent("tty.sqlite").path
        let survey = directory.appendingPathComponent("logic.yaml").path
        try CompoundConditionSurvey.text.write(toFile: survey, atomically: true, encoding: .utf8)
        let command = "env -u NO_COLOR TERM=xterm SAMLA_HOST_PIN=2468 \(SamlaProcess.binary) collect '\(survey)' --store '\(store)' --participants 1; sleep 30"
        try terminal.start(command)

        try eventually("the first question") { try terminal.screen().contains("Role") }
        XCTAssertFalse(try terminal.screen().contains("Follow-up part"), "no heading before its part")
        for answer in ["2", "", ""] { try terminal.type(answer) }
        try eventually("the follow-up that role b opens") { try terminal.screen().contains("Only asked when it applies <b>now</b>") }
        let screen = try terminal.screen().components(separatedBy: "\n")
        let heading = try XCTUnwrap(screen.firstIndex { $0.contains("Follow-up part") }, screen.joined(separator: "\n"))
        let question = try XCTUnwrap(screen.firstIndex { $0.hasPrefix("Follow-up") && !$0.contains("part") })
        let hint = try XCTUnwrap(screen.firstIndex { $0.contains("Only asked when it applies") })
        XCTAssertLessThan(heading, question, "the heading above the question")
        XCTAssertEqual(hint, question + 1, "the hint right under the question")
        try terminal.type("Because")
        try eventually("the last part") { try terminal.screen().contains("The end") }
        try terminal.type("Done")
        try eventually("the answer stored") {
            try ResponseStore(path: store).count(.init(surveyID: "logic")) == 1
        }
        let response = try XCTUnwrap(try ResponseStore(path: store).responses(.init(surveyID: "logic")).first)
        XCTAssertEqual(response.answers, ["role": .choice("b"), "follow": .text("Because"), "last": .text("Done")])
    }
}

/// Notes on the kiosk's screen: above the question they stand before, the section heading over
/// the note that starts it, the last one over the thank-you; no key is asked for them, and the next
/// participant starts at the first note again.
final class TerminalNoteTests: TerminalTestCase {
    func testNotesShowAboveTheirQuestionAndTheLastOverTheThanks() throws {
        let store = directory.appendingPathComponent("tty.sqlite").path
        let survey = directory.appendingPathComponent("notes.yaml").path
        try NoteSurvey.text.write(toFile: survey, atomically: true, encoding: .utf8)
        let command = "env -u NO_COLOR TERM=xterm SAMLA_HOST_PIN=2468 \(SamlaProcess.binary) collect '\(survey)' --store '\(store)' --kiosk; echo SAMLA-EXITED-$?; sleep 30"
        try terminal.start(command)

        try eventually("the first question") { try terminal.screen().contains("Role") }
        var screen = try terminal.screen().components(separatedBy: "\n")
        let welcome = try XCTUnwrap(screen.firstIndex { $0.contains("Welcome <b>all</b> & thanks") }, screen.joined(separator: "\n"))
        XCTAssertEqual(screen[welcome + 1].trimmingCharacters(in: .whitespaces), "It takes two minutes.", "a line break is a new paragraph")
        XCTAssertEqual(screen[welcome + 2].trimmingCharacters(in: .whitespaces), "Nothing is kept until you finish")
        let role = try XCTUnwrap(screen.firstIndex { $0.hasPrefix("Role") })
        XCTAssertLessThan(welcome, role)
        XCTAssertTrue(screen.contains { $0.contains("question 1 of 3") }, "notes are not numbered")
        for answer in ["2", "10"] { try terminal.type(answer) }
        try eventually("the regional note above Plans") { try terminal.screen().contains("Questions for regions only") }
        screen = try terminal.screen().components(separatedBy: "\n")
        let heading = try XCTUnwrap(screen.firstIndex { $0.contains("Regional part") }, screen.joined(separator: "\n"))
        let note = try XCTUnwrap(screen.firstIndex { $0.contains("Questions for regions only") })
        let plans = try XCTUnwrap(screen.firstIndex { $0.hasPrefix("Plans") })
        XCTAssertEqual(screen.filter { $0.contains("Regional part") }.count, 1, "the heading once, over its note")
        XCTAssertLessThan(heading, note)
        XCTAssertLessThan(note, plans)
        XCTAssertFalse(screen.contains { $0.contains("Welcome") }, "the first note stays with the first question")
        try terminal.type("Grow")
        try eventually("the last note over the thank-you") { try terminal.screen().contains("See you at the next workshop") }
        screen = try terminal.screen().components(separatedBy: "\n")
        let last = try XCTUnwrap(screen.firstIndex { $0.contains("See you at the next workshop") })
        let thanks = try XCTUnwrap(screen.firstIndex { $0.contains("Thank you") }, screen.joined(separator: "\n"))
        XCTAssertLessThan(last, thanks)
        try eventually("the answer stored") { try ResponseStore(path: store).count(.init(surveyID: "notes")) == 1 }
        let response = try XCTUnwrap(try ResponseStore(path: store).responses(.init(surveyID: "notes")).first)
        XCTAssertEqual(response.answers, ["role": .choice("b"), "size": .number(10), "plans": .text("Grow")])

        // Enter: the next participant starts at the first note, with nothing of the last on the screen.
        try terminal.type("")
        try eventually("the next participant's first screen") { try terminal.screen().contains("Welcome <b>all</b>") }
        let next = try terminal.screen()
        XCTAssertTrue(next.contains("Role"), next)
        XCTAssertFalse(next.contains("See you at the next workshop") || next.contains("Grow"), next)
        try terminal.press("C-x")
        try eventually("the PIN prompt") { try terminal.screen().contains("Host PIN") }
        try terminal.type("2468")
        try eventually("the kiosk ended by the host") { try terminal.screen().contains("SAMLA-EXITED-0") }
    }
}
