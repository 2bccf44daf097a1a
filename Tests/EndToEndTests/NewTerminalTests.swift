import Foundation
import SamlaKit
import XCTest

/// `samla new` in a real terminal (tmux): the first prompt, colour, a written file, and Ctrl-C.
final class NewTerminalTests: TerminalTestCase {
    /// Starts `samla new` in the test's folder, in colour, and types up to the preview.
    private func startAndTypeAShortSurvey() throws {
        try terminal.start("cd '\(directory.path)' && env -u NO_COLOR TERM=xterm \(SamlaProcess.binary) new; sleep 30")
        try eventually("the first prompt") {
            try terminal.screen().contains("Språk, det första är standard / Languages, the first is the default [sv, en]:")
        }
        XCTAssertTrue(try terminal.screen(escapes: true).contains("\u{1B}[1mNy enkät / New survey"), "a bold heading on a terminal")
        for line in ["en", "Short", "", "", "5", "Your name?", "name", "n", "y", ""] {
            try terminal.type(line)
        }
        try eventually("the preview") { try terminal.screen().contains("This is what will be written to surveys/short.yaml:") }
    }

    func testTheFirstPromptAppearsAndAShortSurveyIsWritten() throws {
        try startAndTypeAShortSurvey()
        try terminal.type("")
        try eventually("the file written") { try terminal.screen().contains("Wrote surveys/short.yaml.") }
        let survey = try SurveyLoader.require(path: directory.appendingPathComponent("surveys/short.yaml").path)
        XCTAssertEqual(survey.title, LocalizedText(["en": "Short"]))
        XCTAssertEqual(survey.questions, [Question(id: "name", type: .text, text: LocalizedText(["en": "Your name?"]), personal: true)])
    }

    /// Ctrl-C writes no survey but keeps the draft (before, it lost everything and this test asserted
    /// no surveys folder at all); the next `samla new` resumes it, and the host edits, moves and
    /// deletes at the preview.
    func testCtrlCAtThePreviewKeepsADraftThatTheNextRunResumes() throws {
        try startAndTypeAShortSurvey()
        try terminal.press("C-c")
        try eventually("the interrupt message") {
            try terminal.screen().contains("Interrupted; nothing was written. The draft is kept in surveys/.short.draft.yaml")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("surveys/short.yaml").path))
        XCTAssertEqual(try SurveyLoader.require(path: directory.appendingPathComponent("surveys/.short.draft.yaml").path)
            .questions.map(\.id), ["name"])

        terminal.kill()
        terminal = try TmuxSession(scratch: FileManager.default.temporaryDirectory)
        try terminal.start("cd '\(directory.path)' && TERM=xterm \(SamlaProcess.binary) new; sleep 30")
        try eventually("the offer to resume") { try terminal.screen().contains("A draft of 'short' with 1 questions is saved") }
        // Resume, add a single choice, then at the preview: edit 1's text, move 2 first, delete the name question.
        for line in ["", "1", "Role?", "role", "Host", "", "Guest", "", "", "n", "n", ""] { try terminal.type(line) }
        try eventually("the preview") { try terminal.screen().contains("e N edits question N") }
        for line in ["e 1", "", "Your full name?", "", "n", "y", "m 2 1"] { try terminal.type(line) }
        try eventually("the move") { try terminal.screen().contains("Moved question 2 to place 1.") }
        try terminal.type("d 2")
        try eventually("the delete") { try terminal.screen().contains("Deleted question 2 'name'.") }
        try terminal.type("")
        try eventually("the file written") { try terminal.screen().contains("Wrote surveys/short.yaml.") }
        let survey = try SurveyLoader.require(path: directory.appendingPathComponent("surveys/short.yaml").path)
        XCTAssertEqual(survey.questions.map(\.id), ["role"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("surveys/.short.draft.yaml").path))
    }
}
