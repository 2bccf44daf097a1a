import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SamlaKit
import SamlaTestSupport
import XCTest

/// The real `samla serve` binary: what it prints, and Ctrl-C with answers in flight.
final class ServeBinaryTests: XCTestCase {
    func testItPrintsTheURLsAndStopsOnCtrlCWithEveryAcceptedAnswerStored() async throws {
        let folder = TestPaths.temporaryDirectory()
        let storePath = folder.appendingPathComponent("live.sqlite").path
        let server = try ServeProcess(survey: TestPaths.repo("surveys/tnc-workshop.yaml"), store: storePath,
                                      arguments: ["--session", "Umeå 2025-03-12", "--no-rate-limit"])
        defer { server.stop() }
        let output = server.output
        XCTAssertTrue(output.contains("Participants: http://127.0.0.1:\(server.port)/"), output)
        XCTAssertTrue(output.contains("Projector:    http://127.0.0.1:\(server.port)/live"), output)
        XCTAssertTrue(output.contains("Host:         http://127.0.0.1:\(server.port)/host?key=test-host-key-123"), output)
        XCTAssertTrue(output.contains("▀") || output.contains("▄"), "the QR code in half blocks")
        XCTAssertTrue(output.contains("ready http://127.0.0.1:\(server.port)/\n"), output)

        // Answers keep arriving while Ctrl-C comes: every one that got 201 is in the store.
        let accepted = Counter()
        let port = server.port
        let senders = Task {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        for _ in 0..<200 {
                            guard let status = try? await postResponse(port: port) else { return }
                            if status == 201 { accepted.add() }
                        }
                    }
                }
            }
        }
        try await Task.sleep(for: .milliseconds(400))
        server.interrupt()
        let status = server.waitForExit()
        await senders.value
        XCTAssertEqual(status, 0, server.output)
        XCTAssertTrue(server.output.contains("Stopped; every accepted answer is in"), server.output)
        let stored = try ResponseStore(path: storePath).count(ResponseStore.Selection(surveyID: "tnc-workshop", sessions: ["Umeå 2025-03-12"]))
        XCTAssertGreaterThan(accepted.value, 100, "answers were in flight at Ctrl-C")
        XCTAssertEqual(stored, accepted.value)
    }

    func testEveryAnswerAcknowledgedBeforeAKillIsInTheStore() async throws {
        let folder = TestPaths.temporaryDirectory()
        let storePath = folder.appendingPathComponent("killed.sqlite").path
        let server = try ServeProcess(survey: TestPaths.repo("surveys/tnc-workshop.yaml"), store: storePath,
                                      arguments: ["--no-rate-limit"])
        defer { server.stop() }
        let accepted = AcceptedIDs()
        let port = server.port
        let senders = Task {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        for _ in 0..<400 {
                            let id = UUID()
                            guard let status = try? await postResponse(port: port, id: id) else { return }
                            if status == 201 { accepted.add(id) }
                        }
                    }
                }
            }
        }
        try await Task.sleep(for: .milliseconds(500))
        kill(server.process.processIdentifier, SIGKILL)
        _ = server.waitForExit()
        await senders.value
        // No shutdown ran: what a 201 promised must already have been on disk.
        let stored = Set(try ResponseStore(path: storePath).responses(ResponseStore.Selection(surveyID: "tnc-workshop")).map(\.id))
        XCTAssertGreaterThan(accepted.all.count, 100, "answers were in flight at the kill")
        XCTAssertEqual(Set(accepted.all).subtracting(stored), [], "acknowledged but lost")
    }
}

/// Ids answered 201, gathered from several tasks.
final class AcceptedIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [UUID] = []
    func add(_ id: UUID) { lock.withLock { ids.append(id) } }
    var all: [UUID] { lock.withLock { ids } }
}

func postResponse(port: Int, id: UUID = UUID()) async throws -> Int {
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/responses")!)
    request.httpMethod = "POST"
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    request.httpBody = Data(#"{"id": "\#(id)", "answers": {"role": "region", "collaboration": 3}}"#.utf8)
    request.timeoutInterval = 5
    let (_, response) = try await URLSession.shared.data(for: request)
    return (response as? HTTPURLResponse)?.statusCode ?? 0
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// `samla serve` as a child process on a free loopback port, started and waited for until `ready`.
final class ServeProcess: @unchecked Sendable {
    static let binary = TestPaths.samlaBinary

    let process = Process()
    let port: Int
    private let outputFile: URL
    let hostKey = "test-host-key-123"

    init(survey: String, store: String, arguments: [String] = [], environment: [String: String] = [:]) throws {
        port = try Self.freePort()
        outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID()).out")
        FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: outputFile)
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["serve", survey, "--store", store, "--bind", "127.0.0.1", "--port", String(port),
                             "--host-key", hostKey] + arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while !output.contains("ready http") {
            guard Date() < deadline, process.isRunning else {
                throw NSError(domain: "ServeProcess", code: 1, userInfo: [NSLocalizedDescriptionKey: "not ready: \(output)"])
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    var output: String {
        (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
    }

    var url: String { "http://127.0.0.1:\(port)/" }

    func interrupt() { kill(process.processIdentifier, SIGINT) }

    func waitForExit(timeout: TimeInterval = 30) -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return -1
        }
        return process.terminationStatus
    }

    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            _ = waitForExit(timeout: 10)
        }
    }

    /// A port nothing listens on now.
    static func freePort() throws -> Int {
        try TestPorts.free()
    }
}
