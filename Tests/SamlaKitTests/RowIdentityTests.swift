import Foundation
import XCTest
@testable import SamlaKit

/// A row's identity is what makes importing the same export again add nothing, so its text must
/// stay what earlier Samlas stored: checked here against `sha256sum` over the same bytes.
final class RowIdentityTests: XCTestCase {
    private func sha256sum(_ fields: [String]) throws -> String {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("identity-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: input) }
        // Each field followed by a unit separator (0x1F).
        try Data(fields.map { $0 + "\u{1F}" }.joined().utf8).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [input.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }

    func testContentIdentitiesAreLedByTheWallClockAndCountRepeats() throws {
        var identity = RowIdentity(layout: .googleForms)
        let row = ["2025/03/12 9:00:00 AM CET", "Region", "Umeå", "", "a \"quoted\", text"]
        let hash = try sha256sum(row)
        XCTAssertEqual(identity.identity(responseID: nil, fields: row, wallClock: 1_741_770_000), "01741770000/sha256:\(hash)")
        // The same cells again in one file are a second response, not a re-import.
        XCTAssertEqual(identity.identity(responseID: nil, fields: row, wallClock: 1_741_770_000), "01741770000/sha256:\(hash)#2")
        XCTAssertEqual(identity.identity(responseID: nil, fields: row, wallClock: 1_741_770_000), "01741770000/sha256:\(hash)#3")

        let other = ["x", "y"]
        let otherHash = try sha256sum(other)
        XCTAssertEqual(identity.identity(responseID: nil, fields: other, wallClock: nil), "sha256:\(otherHash)")
        var fresh = RowIdentity(layout: .googleForms)
        XCTAssertEqual(fresh.identity(responseID: nil, fields: other, wallClock: 0), "00000000000/sha256:\(otherHash)")
        var another = RowIdentity(layout: .googleForms)
        XCTAssertEqual(another.identity(responseID: nil, fields: other, wallClock: -5), "sha256:\(otherHash)")
        var late = RowIdentity(layout: .googleForms)
        XCTAssertEqual(late.identity(responseID: nil, fields: other, wallClock: 123_456_789_012), "123456789012/sha256:\(otherHash)")
    }

    func testAToolsResponseIDIsTheIdentity() {
        var identity = RowIdentity(layout: .limeSurvey)
        XCTAssertEqual(identity.identity(responseID: "42", fields: ["42", "a"], wallClock: 1), "\(ExportLayout.limeSurvey.rawValue):42")
    }
}
