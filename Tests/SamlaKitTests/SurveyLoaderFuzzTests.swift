import Foundation
import SamlaTestSupport
import XCTest
@testable import SamlaKit

/// Thousands of malformed survey files through `SurveyLoader`: none may trap (a trap would kill
/// this test process), and every file that is not valid gets a diagnostic with a line number.
final class SurveyLoaderFuzzTests: XCTestCase {
    static var seeds: [String] {
        let files = [TestPaths.repo("surveys/tnc-workshop.yaml"), TestPaths.shared("bench/bench-survey.yaml"),
                     TestPaths.repo("Tests/Fixtures/three-mistakes.yaml")]
        // The note survey too: mutated notes (keys a note cannot have, tests naming a note) must be located.
        return files.compactMap { try? String(contentsOfFile: $0, encoding: .utf8) } + [NoteSurvey.text]
    }

    func testMalformedSurveyFilesNeverTrapAndAlwaysPointAtALine() throws {
        let mutator = SurveyMutator(seeds: Self.seeds)
        XCTAssertEqual(mutator.seeds.count, 4)
        let cases = Int(ProcessInfo.processInfo.environment["SAMLA_FUZZ_CASES"] ?? "") ?? 3_000
        var invalid = 0
        var byKind: [SurveyMutator.Kind: Int] = [:]
        var secondsByKind: [SurveyMutator.Kind: Double] = [:]
        let started = Date()
        for number in 0 ..< cases {
            let (kind, bytes) = mutator.mutant(number)
            let caseStarted = Date()
            defer { secondsByKind[kind, default: 0] += Date().timeIntervalSince(caseStarted) }
            let result = SurveyLoader.parse(data: bytes, file: "case-\(number).yaml")
            if result.isValid {
                XCTAssertFalse(result.diagnostics.hasErrors)
                continue
            }
            invalid += 1
            byKind[kind, default: 0] += 1
            let located = result.diagnostics.errors.filter { $0.location.line > 0 }
            XCTAssertFalse(located.isEmpty, "case \(number) (\(kind)) has no located error: \(result.diagnostics)")
            // The renderer quotes the line under the message: it must cope with every location.
            _ = DiagnosticRenderer(sources: [result.file: result.source]).render(result.diagnostics)
        }
        let seconds = Date().timeIntervalSince(started)
        print("survey fuzz: \(cases) cases, \(invalid) invalid, 0 traps, \(String(format: "%.1f", seconds)) s; invalid by kind: "
              + byKind.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
              + "; seconds by kind: " + secondsByKind.sorted { $0.key.rawValue < $1.key.rawValue }
                .map { "\($0.key.rawValue) \(String(format: "%.2f", $0.value))" }.joined(separator: ", "))
        // Most mutations break the file; if none did, the mutator would be testing nothing.
        XCTAssertGreaterThan(invalid, cases / 2)
        for kind in SurveyMutator.Kind.allCases where kind != .duplicateLine && kind != .reindent && kind != .swapLines {
            XCTAssertGreaterThan(byKind[kind] ?? 0, 0, "no invalid file from \(kind)")
        }
    }

    func testAScaleUpsideDownWithLabelsIsAnErrorNotATrap() {
        let yaml = """
            format: 1
            id: t
            title: T
            languages: [en]
            questions:
              - id: s
                type: scale
                text: Rate
                scale: {min: 5, max: 1, labels: {1: Low, 5: High}}
            """
        let result = SurveyLoader.parse(text: yaml, file: "t.yaml")
        XCTAssertFalse(result.isValid)
        XCTAssertTrue(result.diagnostics.errors.contains { $0.message.contains("min 5 not below max 1") && $0.location.line == 9 },
                      "\(result.diagnostics)")
    }

    func testHugeNumbersAreLocatedErrors() {
        for (low, high, expected) in [("99999999999999999999", "5", "too large"),
                                      ("-9223372036854775808", "9223372036854775807", "more than 101 points"),
                                      ("1", "1e400", "too large"), ("1", "2.5", "whole number")] {
            let yaml = """
                format: 1
                id: t
                title: T
                languages: [en]
                questions:
                  - id: s
                    type: scale
                    text: Rate
                    scale: {min: \(low), max: \(high)}
                """
            let result = SurveyLoader.parse(text: yaml, file: "t.yaml")
            XCTAssertFalse(result.isValid)
            XCTAssertTrue(result.diagnostics.errors.contains { $0.message.contains(expected) && $0.location.line == 9 },
                          "\(low)…\(high): \(result.diagnostics)")
        }
    }

    func testDeepNestingAndAliasBombsAreRefusedWithALine() {
        let deep = "format: 1\nid: t\ndescription: " + String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        let deepResult = SurveyLoader.parse(text: deep, file: "deep.yaml")
        XCTAssertTrue(deepResult.diagnostics.errors.contains { $0.message.contains("nests deeper") && $0.location.line == 3 },
                      "\(deepResult.diagnostics)")

        var bomb = ["format: 1", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1 ... 12 { bomb.append("a\(level): &a\(level) [\(Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", "))]") }
        bomb.append("? *a12\n: boom")
        let started = Date()
        let bombResult = SurveyLoader.parse(text: bomb.joined(separator: "\n"), file: "bomb.yaml")
        XCTAssertTrue(bombResult.diagnostics.errors.contains { $0.message.contains("aliases") && $0.location.line == 3 },
                      "\(bombResult.diagnostics)")
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "refused before the tree is built")

        // One shared label set used by many questions stays fine.
        var shared = ["format: 1", "id: t", "title: T", "languages: [en]", "questions:",
                      "  - id: q0", "    type: scale", "    text: Rate", "    scale: {min: 1, max: 3, labels: &agree {1: No, 3: Yes}}"]
        for q in 1 ... 40 {
            shared += ["  - id: q\(q)", "    type: scale", "    text: Rate", "    scale: {min: 1, max: 3, labels: *agree}"]
        }
        let sharedResult = SurveyLoader.parse(text: shared.joined(separator: "\n"), file: "shared.yaml")
        XCTAssertTrue(sharedResult.isValid, "\(sharedResult.diagnostics)")
    }

    func testBytesThatAreNotUTF8ArePointedAt() {
        var bytes = Array("format: 1\nid: t\ntitle: caf".utf8)
        bytes.append(0xFF)
        let result = SurveyLoader.parse(data: Data(bytes), file: "latin.yaml")
        XCTAssertEqual(result.diagnostics.errors.first?.location.line, 3)
        XCTAssertEqual(result.diagnostics.errors.first?.location.column, 11)
    }
}
