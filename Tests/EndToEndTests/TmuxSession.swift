import Foundation
import XCTest

/// A real terminal for end-to-end tests: tmux runs a command, send-keys types, capture-pane reads
/// the screen.
final class TmuxSession {
    let name = "samla-test-\(UUID().uuidString.prefix(8))"
    /// Where tmux's answers are captured.
    private let scratch: URL

    /// Fails the test (and throws) where tmux is not installed.
    init(scratch: URL) throws {
        self.scratch = scratch
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else {
            XCTFail("tmux is needed for the terminal test: apt-get install tmux (scripts/install-deps.sh --with-test-tools)")
            throw XCTestError(.failureWhileWaiting)
        }
    }

    /// Runs `command` through the shell in a detached 140×50 terminal.
    func start(_ command: String) throws {
        try tmux(["new-session", "-d", "-s", name, "-x", "140", "-y", "50", command])
    }

    /// The visible screen; with `escapes`, with its colour and style codes.
    func screen(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p"] + (escapes ? ["-e"] : []) + ["-t", name])
    }

    /// Types `text` as it is, then Enter.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
        try press("Enter")
    }

    /// Presses a key by its tmux name, such as Enter or C-c.
    func press(_ key: String) throws {
        try tmux(["send-keys", "-t", name, key])
    }

    func kill() {
        _ = try? tmux(["kill-session", "-t", name])
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
        process.arguments = arguments
        // Output goes through a file: the tmux server that new-session starts inherits the
        // descriptors and would hold a pipe open for ever.
        let capture = scratch.appendingPathComponent("tmux-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: capture.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: capture) }
        process.standardOutput = arguments.first == "new-session" ? FileHandle.nullDevice : try FileHandle(forWritingTo: capture)
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (try? String(contentsOf: capture, encoding: .utf8)) ?? ""
    }
}

/// A test that drives `samla` in a real terminal: a tmux session and a scratch folder, both
/// removed after each test.
class TerminalTestCase: XCTestCase {
    var directory: URL!
    var terminal: TmuxSession!

    override func setUpWithError() throws {
        directory = EndToEndPaths.temporaryDirectory()
        terminal = try TmuxSession(scratch: FileManager.default.temporaryDirectory)
    }

    override func tearDownWithError() throws {
        terminal?.kill()
        try? FileManager.default.removeItem(at: directory)
    }
}
