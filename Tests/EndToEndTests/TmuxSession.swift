import Foundation
import XCTest

/// A real terminal for end-to-end tests: tmux runs a command, send-keys types, capture-pane reads
/// the screen.
///
/// Each session has a tmux server of its own (`-S`, a socket in the scratch folder), ended with it:
/// on one shared server, a test's ending (its session killed, the server exiting with no session
/// left) meets the next test's `new-session`, which then fails with "server exited unexpectedly"
/// about one time in seven when the two follow at once (`tmux kill-session` then `new-session`
/// in a loop, tmux 3.3a).
final class TmuxSession {
    let name = "samla-test-\(UUID().uuidString.prefix(8))"
    /// Where tmux's answers are captured.
    private let scratch: URL
    /// This session's own server.
    private var socket: String { scratch.appendingPathComponent("\(name).tmux").path }

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

    /// Ends the session and its server.
    func kill() {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
    }

    /// Runs a tmux command on this session's server and returns what it printed; a command tmux
    /// refuses (the session or its server gone) throws with tmux's own words, rather than reading
    /// as an empty screen until a wait times out.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        // Output goes through a file, and tmux is spawned here rather than through Foundation's
        // Process: the server that the first new-session forks inherits the client's descriptors,
        // and Process learns of an exit through a socket the child holds, so with no server yet
        // running (a fresh CI machine) waitUntilExit would wait for the server, for ever.
        let capture = scratch.appendingPathComponent("tmux-\(UUID().uuidString)")
        let errors = scratch.appendingPathComponent("tmux-\(UUID().uuidString).err")
        defer {
            try? FileManager.default.removeItem(at: capture)
            try? FileManager.default.removeItem(at: errors)
        }
        let status = try Self.spawnAndWait(["/usr/bin/tmux", "-S", socket] + arguments, stdout: capture.path, stderr: errors.path)
        guard status == 0 else {
            let said = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw TmuxFailure(arguments: arguments, status: status, said: said.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return (try? String(contentsOf: capture, encoding: .utf8)) ?? ""
    }

    struct SpawnFailure: Error, CustomStringConvertible {
        var code: Int32
        var description: String { "could not start tmux: \(String(cString: strerror(code)))" }
    }

    struct TmuxFailure: Error, CustomStringConvertible {
        var arguments: [String]
        var status: Int32
        var said: String
        var description: String { "tmux \(arguments.joined(separator: " ")) failed (wait status \(status)): \(said)" }
    }

    /// Runs `command` with standard input on /dev/null, standard output and error into the files
    /// at `stdout` and `stderr` and no other descriptor inherited; waits for it and returns its
    /// wait status.
    private static func spawnAndWait(_ command: [String], stdout: String, stderr: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        closeTheRest(&actions, from: 3)
        var argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, command[0], &actions, nil, &argv, environ)
        guard code == 0 else { throw SpawnFailure(code: code) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status
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
