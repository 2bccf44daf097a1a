import Foundation
import SamlaKit
import XCTest

/// `samla collect` as one laptop passed round the room, in a real terminal (tmux): privacy between
/// participants, kiosk mode and the host's PIN, key prompts, and what reaches the store.
final class TerminalKioskTests: TerminalTestCase {
    private let survey = EndToEndPaths.repo("surveys/tnc-workshop.yaml")
    private var storePath: String { directory.appendingPathComponent("kiosk.sqlite").path }
    private var pidFile: String { directory.appendingPathComponent("samla.pid").path }
    private let pin = "2468"

    /// Starts collect in the terminal; the shell prints a marker first (the host's command line)
    /// and the exit status after.
    private func start(_ arguments: String, environment: String = "", windowOptions: [(String, String)] = []) throws {
        let go = directory.appendingPathComponent("go").path
        let command = "echo HOST-COMMAND-LINE; BEFORE=$(stty -g); while [ ! -e '\(go)' ]; do sleep 0.05; done; "
            + "sh -c 'echo $$ > \"\(pidFile)\"; exec env -u NO_COLOR TERM=xterm SAMLA_HOST_PIN=\(pin) \(environment) "
            + "\"$0\" collect \"$1\" --store \"$2\" \(arguments)' '\(SamlaProcess.binary)' '\(survey)' '\(storePath)'; "
            + "echo SAMLA-EXITED-$?; if [ \"$(stty -g)\" = \"$BEFORE\" ]; then echo TTY-RESTORED; else echo TTY-CHANGED; fi; sleep 60"
        try terminal.start(command)
        for (option, value) in windowOptions {
            try terminal.tmux(["set-option", "-w", "-t", terminal.name, option, value])
        }
        _ = FileManager.default.createFile(atPath: go, contents: nil)
    }

    private func screen() throws -> String { try terminal.screen() }

    /// Everything the terminal holds: its scrollback and the screen.
    private func everything() throws -> String {
        try terminal.tmux(["capture-pane", "-p", "-S", "-", "-t", terminal.name])
    }

    private func press(_ keys: String...) throws {
        for key in keys { try terminal.press(key) }
    }

    /// Types text as it is, without Enter.
    private func typeOnly(_ text: String) throws {
        try terminal.tmux(["send-keys", "-t", terminal.name, "-l", text])
    }

    private func waitFor(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        var last = ""
        try eventually(file: file, line: line, "'\(text)' on the screen") {
            last = try screen()
            return last.contains(text)
        }
        if !last.contains(text) { XCTFail("the screen was:\n\(last)", file: file, line: line) }
    }

    private func stored(includeDrafts: Bool = false) throws -> [Response] {
        guard FileManager.default.fileExists(atPath: storePath) else { return [] }
        return try ResponseStore(path: storePath).responses(.init(surveyID: "tnc-workshop", includeDrafts: includeDrafts))
    }

    /// One participant in Swedish by typed numbers and text, up to the thank-you.
    private func participant(similar: String, name: String, email: String) throws {
        try waitFor("Välj språk / Choose a language")
        try terminal.type("1")
        try waitFor("Vilken organisation företräder du?")
        for answer in ["2", "1", "1,3", "2", "5", "1", similar, "", name, email] {
            try terminal.type(answer)
        }
        try waitFor("Tack! Ditt svar är sparat.")
    }

    func testTheNextParticipantFindsNothingOfTheLastOnScreenOrInTheScrollback() throws {
        try start("")
        try participant(similar: "Hemlig satsning 7f3a", name: "Anna Hemligsson", email: "anna.7f3a@example.org")
        XCTAssertEqual(try stored().count, 1, "the response is stored before the thank-you shows")
        try press("Enter")
        try waitFor("Välj språk / Choose a language")
        let all = try everything()
        for secret in ["7f3a", "Hemligsson", "example.org", "HOST-COMMAND-LINE", "Tack!"] {
            XCTAssertFalse(all.contains(secret), "'\(secret)' is still in the terminal for participant 2:\n\(all)")
        }
    }

    func testWithoutAnAlternateScreenTheScrollbackIsClearedToo() throws {
        // A terminal without an alternate screen, at line prompts: here only ED 3 keeps the last
        // participant's answers from the next one.
        try start("--plain", windowOptions: [("alternate-screen", "off")])
        try waitFor("Välj språk / Choose a language")
        try terminal.type("1")
        try waitFor("Vilken organisation företräder du?")
        for answer in ["2", "1", "1,3", "2", "5", "1", "Hemlig satsning 9c1e", "", "Bo Hemligsson"] {
            try terminal.type(answer)
        }
        try waitFor("E-post om ni vill bli kontaktade")
        // Enough lines went by for the first answers to be in the scrollback, not on the screen.
        let before = try everything()
        XCTAssertTrue(before.contains("9c1e") && before.contains("Välj språk"), "the test proves nothing unless the answers were there first:\n\(before)")
        XCTAssertFalse(try screen().contains("Välj språk"), "the start should have scrolled into the scrollback")
        try terminal.type("bo.9c1e@example.org")
        try waitFor("Tack! Ditt svar är sparat.")
        XCTAssertFalse(try everything().contains("9c1e"), "nothing of a response shows after it is stored")
        try press("Enter")
        try waitFor("Välj språk / Choose a language")
        let all = try everything()
        for secret in ["9c1e", "Hemligsson", "HOST-COMMAND-LINE"] {
            XCTAssertFalse(all.contains(secret), "'\(secret)' is still in the terminal for participant 2:\n\(all)")
        }
    }

    func testCtrlKeysDoNotLeaveAWrongPINReturnsAndTheRightOneEnds() throws {
        try start("--lang sv --ui-lang en")
        try waitFor("Vilken organisation företräder du?")
        try terminal.type("2")
        try waitFor("Var är ni baserade?")
        try eventually("the first answer kept as a draft") { try ResponseStore(path: storePath).draftCount(surveyID: "tnc-workshop") == 1 }
        for key in ["C-c", "C-z", "C-d", "C-\\"] {
            try press(key)
            Thread.sleep(forTimeInterval: 0.3)
            let shown = try screen()
            XCTAssertTrue(shown.contains("Var är ni baserade?"), "after \(key): \(shown)")
            XCTAssertFalse(try screen().contains("SAMLA-EXITED"), "\(key) ended collect")
        }
        try press("C-x")
        try waitFor("Host PIN")
        try terminal.type("1357")
        try waitFor("Wrong PIN. The collection goes on.")
        XCTAssertTrue(try screen().contains("Var är ni baserade?"))
        try press("C-x")
        try waitFor("Host PIN")
        try typeOnly(pin)
        XCTAssertFalse(try screen().contains(pin), "the PIN shows as typed")
        try press("Enter")
        try waitFor("SAMLA-EXITED-0")
        try waitFor("TTY-RESTORED")
        let end = try screen()
        XCTAssertTrue(end.contains("HOST-COMMAND-LINE"), "the host's own screen is back:\n\(end)")
        XCTAssertTrue(end.contains("Saved 0 responses"), end)
        XCTAssertTrue(end.contains("1 unfinished response discarded"), end)
        XCTAssertEqual(try stored(includeDrafts: true).count, 0, "the host ended part-way: nothing of that participant stays")
    }

    func testWithoutSAMLA_HOST_PINTheHostTypesThePINTwiceHidden() throws {
        try start("--lang en --ui-lang en", environment: "SAMLA_HOST_PIN=")
        try waitFor("Choose a PIN to end the collection:")
        try terminal.type("12")
        try waitFor("At least 4 characters.")
        try terminal.type("9876")
        try waitFor("The same PIN again:")
        try terminal.type("9875")
        try waitFor("The PINs differ; try again.")
        try terminal.type("9876")
        try terminal.type("9876")
        try waitFor("Which organisation do you represent?")
        XCTAssertFalse(try everything().contains("9876"), "the PIN is not shown as typed")
        try press("C-x")
        try waitFor("Host PIN")
        try terminal.type("9876")
        try waitFor("SAMLA-EXITED-0")
        XCTAssertFalse(try everything().contains("9876"))
    }

    func testLongLabelsAreWrappedToTheWindowAndRewrappedWhenItChanges() throws {
        try start("--lang en")
        try waitFor("Which organisation do you represent?")
        try press("Down", "Enter")
        try waitFor("Where are you based?")
        try press("Enter")
        try waitFor("What would you like to focus on?")
        // At 140 columns the longest label fits on its line.
        XCTAssertTrue(try screen().contains("[ ] Scaling up local innovation projects to build regional transition capacity"))
        try terminal.tmux(["resize-window", "-t", terminal.name, "-x", "50", "-y", "40"])
        // Re-drawn for 50 columns (SIGWINCH): the label goes on under itself, indented past the box.
        try eventually("the label wrapped by samla") {
            let lines = try screen().split(separator: "\n", omittingEmptySubsequences: false)
            return lines.contains { $0.hasPrefix("       ") && $0.contains("transition") }
                && lines.allSatisfy { $0.count <= 50 }
        }
    }

    func testAtLinePromptsInKioskModeCtrlDDoesNotEndInputAndCtrlXWithThePINDoes() throws {
        try start("--plain --lang sv --ui-lang en")
        try waitFor("Vilken organisation företräder du?")
        for key in ["C-d", "C-c", "C-z", "C-\\", "C-d"] {
            try press(key)
        }
        Thread.sleep(forTimeInterval: 0.3)
        let still = try screen()
        XCTAssertFalse(still.contains("SAMLA-EXITED"), still)
        try terminal.type("2")
        try waitFor("Var är ni baserade?")
        try press("C-x", "Enter")
        try waitFor("Host PIN")
        try terminal.type(pin)
        try waitFor("SAMLA-EXITED-0")
        try waitFor("TTY-RESTORED")
        XCTAssertEqual(try stored(includeDrafts: true).count, 0)
    }

    func testSIGTERMAndSIGHUPPutTheTerminalBack() throws {
        for (signal, status) in [(SIGTERM, 143), (SIGHUP, 129)] {
            terminal.kill()
            terminal = try TmuxSession(scratch: FileManager.default.temporaryDirectory)
            try? FileManager.default.removeItem(atPath: directory.appendingPathComponent("go").path)
            try start("--lang en")
            try waitFor("Which organisation do you represent?")
            let pid = try XCTUnwrap(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
            XCTAssertEqual(kill(pid, signal), 0)
            try waitFor("SAMLA-EXITED-\(status)")
            try waitFor("TTY-RESTORED")
            XCTAssertTrue(try screen().contains("HOST-COMMAND-LINE"), "left the alternate screen")
        }
    }

    func testArrowsSpaceAndTheLineEditorGiveExactlyTheAnswersMeant() throws {
        try start("--lang en --participants 1")
        try waitFor("Which organisation do you represent?")
        try press("Down", "Enter")                                  // Region
        try waitFor("Where are you based?")
        try press("Down", "Down", "Up", "Down", "Enter")           // Örnsköldsvik
        try waitFor("What would you like to focus on?")
        try press("Space", "Down", "Down", "Space", "Enter")       // scale-up, housing
        try waitFor("How do you want to be involved?")
        try press("j", "Space", "k", "Space", "Space", "Enter")     // information only
        try waitFor("How interested are you")
        try press("BSpace")                                         // back twice: the answers are kept
        try waitFor("How do you want to be involved?")
        try press("BSpace")
        try waitFor("What would you like to focus on?")
        let kept = try screen()
        XCTAssertTrue(kept.contains("[x] Scaling up") && kept.contains("[x] Housing") && kept.contains("[ ] Skills"), kept)
        try press("Enter")
        try waitFor("How do you want to be involved?")
        try press("Enter")
        try waitFor("How interested are you")
        try terminal.type("Maybe")                                  // a scale word
        try waitFor("Could your organisation be a way in")
        try press("End", "Enter")                                   // No
        try waitFor("Do you know of similar initiatives?")
        try typeOnly("abc")
        try press("Left", "Left")
        try typeOnly("X")
        try press("Home")
        try typeOnly("Y")
        try press("End", "Escape", "F1", "F5", "F12", "Up", "Down", "PageUp", "IC")
        try typeOnly("Z")
        try press("Enter")                                          // YaXbcZ
        try waitFor("Do you have similar ongoing dialogues")
        try press("BSpace")
        try waitFor("Do you know of similar initiatives?")
        let back = try screen()
        XCTAssertTrue(back.contains("> YaXbcZ"), back)
        try press("Enter")
        try waitFor("Do you have similar ongoing dialogues")
        try terminal.tmux(["set-buffer", "-b", "samla-test", "pasted \u{1B}[31mred\u{1B}[0m\u{07} line\u{1B}]0;title\u{07}\r\nnext\u{08}"])
        try terminal.tmux(["paste-buffer", "-p", "-r", "-b", "samla-test", "-t", terminal.name])
        try typeOnly(" åäö ÅÄÖ")
        try press("DC", "Home", "DC", "End")
        try press("Enter")
        try waitFor("Name (if you would like to be contacted)")
        try press("Enter")
        try waitFor("E-mail if you would like to be contacted")
        try typeOnly("örjan@example.se")
        try press("Enter")
        try waitFor("Thank you! Your answer is saved.")
        let responses = try stored()
        XCTAssertEqual(responses.count, 1)
        XCTAssertEqual(responses.first?.answers, [
            "role": .choice("region"), "city": .choice("ornskoldsvik"), "focus": .choices(["scale-up", "housing"], other: nil),
            "involvement": .choices(["information"], other: nil), "collaboration": .number(3), "entry-point": .choice("no"),
            "similar": .text("YaXbcZ"), "ongoing": .text("asted red line next åäö ÅÄÖ"), "email": .text("örjan@example.se"),
        ])
        for (question, answer) in responses.first?.answers ?? [:] {
            guard case .text(let text) = answer else { continue }
            XCTAssertFalse(text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) },
                           "\(question): \(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        try press("Enter")
        try waitFor("SAMLA-EXITED-0")
    }

    func testKillNineDuringAParticipantKeepsTheFinishedAndCountsNothingOfTheRest() throws {
        try start("")
        try participant(similar: "", name: "", email: "first@example.org")
        try press("Enter")
        try waitFor("Välj språk / Choose a language")
        try terminal.type("2")
        try waitFor("Which organisation do you represent?")
        try terminal.type("1")
        try terminal.type("3")
        try waitFor("What would you like to focus on?")
        let store = try ResponseStore(path: storePath)
        try eventually("the second participant's draft") { try store.draftCount(surveyID: "tnc-workshop") == 1 }
        let pid = try XCTUnwrap(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertEqual(kill(pid, SIGKILL), 0)
        try waitFor("SAMLA-EXITED-137")
        // Nothing can restore the terminal after SIGKILL: this shows the restored checks above can fail.
        try waitFor("TTY-CHANGED")
        let complete = try stored()
        XCTAssertEqual(complete.count, 1)
        XCTAssertEqual(complete.first?.answers["email"], .text("first@example.org"))
        let drafts = try stored(includeDrafts: true).filter { $0.status == .draft }
        XCTAssertEqual(drafts.count, 1, "the unfinished participant stays a draft, which no figure counts")
        XCTAssertEqual(drafts.first?.answers["city"], .choice("ornskoldsvik"))
    }

    func testAParticipantWhoWalksAwayIsDiscardedWithANoteToTheHost() throws {
        try start("--lang sv --ui-lang en --idle-minutes 0.1")
        try waitFor("Vilken organisation företräder du?")
        try terminal.type("2")
        try terminal.type("1")
        try waitFor("Vad skulle ni vilja fokusera på?")
        try eventually("the draft") { try ResponseStore(path: storePath).draftCount(surveyID: "tnc-workshop") == 1 }
        try eventually(timeout: 20, "the note to the host") { try screen().contains("1 unfinished response discarded") }
        XCTAssertTrue(try screen().contains("Vilken organisation företräder du?"), "the next participant starts afresh")
        XCTAssertEqual(try stored(includeDrafts: true).count, 0)
        try terminal.type("5")
        try waitFor("Var är ni baserade?")
        XCTAssertFalse(try screen().contains("discarded"), "the note goes once the next participant answers")
    }
}
