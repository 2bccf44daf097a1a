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
    func tmux(_ arguments: [String]) throws -> String {
        // Output goes through a file, and tmux is spawned here rather than through Foundation's
        // Process: the server that the first new-session forks inherits the client's descriptors,
        // and Process learns of an exit through a socket the child holds, so with no server yet
        // running (a fresh CI machine) waitUntilExit would wait for the server, for ever.
        let capture = scratch.appendingPathComponent("tmux-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: capture) }
        try Self.spawnAndWait(["/usr/bin/tmux"] + arguments, stdout: capture.path)
        return (try? String(contentsOf: capture, encoding: .utf8)) ?? ""
    }

    struct SpawnFailure: Error, CustomStringConvertible {
        var code: Int32
        var description: String { "could not start tmux: \(String(cString: strerror(code)))" }
    }

    /// Runs `command` with standard input and error on /dev/null, standard output into the file
    /// at `stdout` and no other descriptor inherited, and waits for it.
    private static func spawnAndWait(_ command: [String], stdout: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        closeTheRest(&actions, from: 3)
        var argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, command[0], &actions, nil, &argv, environ)
        guard code == 0 else { throw SpawnFailure(code: code) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }

    /// glibc's posix_spawn_file_actions_addclosefrom_np (2.34 on), looked up at run time because
    /// Swift's Glibc module does not declare it: without it the tmux server would inherit every
    /// open pipe of the test process and keep it from ever reaching end of file.
    private static func closeTheRest(_ actions: inout posix_spawn_file_actions_t, from lowest: Int32) {
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, lowest)
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
