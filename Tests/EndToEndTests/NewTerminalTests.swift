import Foundation
import SamlaKit
import XCTest

/// `samla new` in a real terminal: tmux runs it, send-keys types, capture-pane reads the screen.
final class NewTerminalTests: XCTestCase {
    private var directory: URL!
    private var session: String!

    override func setUpWithError() throws {
        directory = EndToEndPaths.temporaryDirectory()
        session = "samla-new-\(UUID().uuidString.prefix(8))"
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else {
            XCTFail("tmux is needed for the terminal test: apt-get install tmux (scripts/install-deps.sh --with-test-tools)")
            throw XCTestError(.failureWhileWaiting)
        }
    }

    override func tearDownWithError() throws {
        _ = try? tmux(["kill-session", "-t", session])
        try? FileManager.default.removeItem(at: directory)
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
        process.arguments = arguments
        // The tmux server that new-session starts inherits its descriptors and would hold a pipe
        // open for ever, so the screen comes back through a file.
        let capture = directory.appendingPathComponent("screen-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: capture.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: capture) }
        process.standardOutput = arguments.first == "new-session" ? FileHandle.nullDevice : try FileHandle(forWritingTo: capture)
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (try? String(contentsOf: capture, encoding: .utf8)) ?? ""
    }

    private func screen(withEscapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p"] + (withEscapes ? ["-e"] : []) + ["-t", session])
    }

    private func type(_ lines: [String]) throws {
        for line in lines {
            try tmux(["send-keys", "-t", session, "-l", line])
            try tmux(["send-keys", "-t", session, "Enter"])
        }
    }

    /// Starts `samla new` in the test's folder, in colour, and types up to the preview.
    private func startAndTypeAShortSurvey() throws {
        let command = "cd '\(directory.path)' && env -u NO_COLOR TERM=xterm \(SamlaProcess.binary) new; sleep 30"
        try tmux(["new-session", "-d", "-s", session, "-x", "140", "-y", "50", command])
        try eventually("the first prompt") {
            try screen().contains("Språk, det första är standard / Languages, the first is the default [sv, en]:")
        }
        XCTAssertTrue(try screen(withEscapes: true).contains("\u{1B}[1mNy enkät / New survey"), "a bold heading on a terminal")
        try type(["en", "Short", "", "", "5", "Your name?", "name", "n", "y", ""])
        try eventually("the preview") { try screen().contains("This is what will be written to surveys/short.yaml:") }
    }

    func testTheFirstPromptAppearsAndAShortSurveyIsWritten() throws {
        try startAndTypeAShortSurvey()
        try type([""])
        try eventually("the file written") { try screen().contains("Wrote surveys/short.yaml.") }
        let survey = try SurveyLoader.require(path: directory.appendingPathComponent("surveys/short.yaml").path)
        XCTAssertEqual(survey.title, LocalizedText(["en": "Short"]))
        XCTAssertEqual(survey.questions, [Question(id: "name", type: .text, text: LocalizedText(["en": "Your name?"]), personal: true)])
    }

    func testCtrlCAtThePreviewLeavesNoFile() throws {
        try startAndTypeAShortSurvey()
        try tmux(["send-keys", "-t", session, "C-c"])
        try eventually("the interrupt message") { try screen().contains("Interrupted; nothing was written.") }
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("surveys").path))
    }
}
