import Foundation
import XCTest

/// The built `samla` binary run as a child process, the way hosts and scripts run it.
struct SamlaProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let binary = EndToEndPaths.samlaBinary

    /// Runs to the end with `input` on standard input; output goes through files so a chatty child
    /// never blocks on a full pipe.
    @discardableResult
    static func run(_ arguments: [String], input: String = "", environment: [String: String] = [:],
                    directory: URL? = nil) throws -> Result {
        let running = try start(arguments, environment: environment, directory: directory)
        running.send(input)
        running.closeInput()
        return running.wait()
    }

    /// Starts `samla` without waiting; with `startSignal`, it is held back by a shell until that file
    /// exists, so several can be let go at the same moment.
    static func start(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil,
                      startSignal: String? = nil) throws -> Running {
        try Running(arguments: arguments, environment: environment, directory: directory, startSignal: startSignal)
    }

    final class Running {
        let process = Process()
        private let input = Pipe()
        private let outputFile: URL
        private let errorFile: URL

        init(arguments: [String], environment: [String: String], directory: URL?, startSignal: String? = nil) throws {
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("samla-proc-\(UUID().uuidString)")
            outputFile = scratch.appendingPathExtension("out")
            errorFile = scratch.appendingPathExtension("err")
            _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
            if let startSignal {
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["-c", "while [ ! -e \"$0\" ]; do :; done; exec \"$@\"", startSignal, SamlaProcess.binary] + arguments
            } else {
                process.executableURL = URL(fileURLWithPath: SamlaProcess.binary)
                process.arguments = arguments
            }
            var env = ProcessInfo.processInfo.environment
            env["NO_COLOR"] = "1"
            for (key, value) in environment { env[key] = value }
            process.environment = env
            if let directory { process.currentDirectoryURL = directory }
            process.standardInput = input
            process.standardOutput = try FileHandle(forWritingTo: outputFile)
            process.standardError = try FileHandle(forWritingTo: errorFile)
            try process.run()
        }

        var pid: Int32 { process.processIdentifier }

        /// What the child has written to standard output so far (a server's "ready" line).
        var outputSoFar: String { (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "" }

        func send(_ text: String) {
            try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        }

        func closeInput() {
            try? input.fileHandleForWriting.close()
        }

        func kill(_ signal: Int32) {
            Foundation.kill(process.processIdentifier, signal)
        }

        /// Waits for the child to end; one that is still running after `timeout` is killed and the
        /// test fails, so a hang shows as one failed test instead of a CI run that never ends.
        func wait(timeout: TimeInterval = 300, file: StaticString = #filePath, line: UInt = #line) -> Result {
            let pid = process.processIdentifier
            let fired = Flag()
            let watchdog = DispatchWorkItem {
                fired.set()
                Foundation.kill(pid, SIGKILL)
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
            process.waitUntilExit()
            watchdog.cancel()
            if fired.isSet {
                XCTFail("samla \(process.arguments?.joined(separator: " ") ?? "") still ran after \(Int(timeout)) s and was killed",
                        file: file, line: line)
            }
            let out = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
            let err = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(at: outputFile)
            try? FileManager.default.removeItem(at: errorFile)
            return Result(status: process.terminationStatus, stdout: out, stderr: err)
        }
    }
}

/// A flag one thread sets and another reads.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}

/// Waits for a condition that another process brings about, failing the test after `timeout`.
func eventually(timeout: TimeInterval = 20, file: StaticString = #filePath, line: UInt = #line,
                _ message: String, _ condition: () throws -> Bool) rethrows {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return }
        Thread.sleep(forTimeInterval: 0.02)
    }
    XCTFail("timed out waiting: \(message)", file: file, line: line)
}
