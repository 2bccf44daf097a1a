import Foundation
import XCTest

/// Exports of the shared bench survey written by `bench/gen.py`, as the other tools would write them.
enum ImportExports {
    static let survey = EndToEndPaths.shared("bench/bench-survey.yaml")

    static func generate(_ layout: String, language: String = "en", rows: Int = 300, seed: Int = 1, encoding: String? = nil,
                         delimiter: String? = nil, in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("\(layout)-\(language)-\(seed)-\(encoding ?? "utf-8").csv").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", EndToEndPaths.shared("bench/gen.py"), survey, "--rows", String(rows), "--seed", String(seed),
                             "--layout", layout, "--lang", language, "--out", path]
            + (encoding.map { ["--encoding", $0] } ?? []) + (delimiter.map { ["--delimiter", $0] } ?? [])
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "gen.py \(layout)")
        return path
    }
}
