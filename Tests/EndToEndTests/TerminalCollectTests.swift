import Foundation
import SamlaKit
import XCTest

/// `samla collect` in a real terminal: tmux runs it, send-keys types, capture-pane reads the screen.
final class TerminalCollectTests: XCTestCase {
    private var directory: URL!
    private var session: String!

    override func setUpWithError() throws {
        directory = EndToEndPaths.temporaryDirectory()
        session = "samla-test-\(UUID().uuidString.prefix(8))"
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
        // Output goes through a file: the tmux server that new-session starts inherits the
        // descriptors and would hold a pipe open for ever.
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: capture.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: capture) }
        process.standardOutput = arguments.first == "new-session" ? FileHandle.nullDevice : try FileHandle(forWritingTo: capture)
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (try? String(contentsOf: capture, encoding: .utf8)) ?? ""
    }

    private func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", session])
    }

    private func type(_ text: String) throws {
        try tmux(["send-keys", "-t", session, "-l", text])
        try tmux(["send-keys", "-t", session, "Enter"])
    }

    func testTheFirstQuestionShowsInTheChosenLanguageAndTypedAnswersAreStored() throws {
        let store = directory.appendingPathComponent("tty.sqlite").path
        let survey = EndToEndPaths.repo("surveys/tnc-workshop.yaml")
        let command = "env -u NO_COLOR TERM=xterm \(SamlaProcess.binary) collect '\(survey)' --store '\(store)' --participants 1; sleep 30"
        try tmux(["new-session", "-d", "-s", session, "-x", "140", "-y", "50", command])

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
