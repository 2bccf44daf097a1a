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

    func testCtrlCAtThePreviewLeavesNoFile() throws {
        try startAndTypeAShortSurvey()
        try terminal.press("C-c")
        try eventually("the interrupt message") { try terminal.screen().contains("Interrupted; nothing was written.") }
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("surveys").path))
    }
}
