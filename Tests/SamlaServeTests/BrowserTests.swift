import Foundation
import SamlaKit
import SamlaTestSupport
import XCTest

/// The real binary in real headless Chromium (Debian's chromium and chromium-driver, Selenium
/// from PyPI): a phone-sized participant with and without JavaScript, and the projector.
final class BrowserTests: XCTestCase {
    func testAPhoneAnswersEveryQuestionTypeAndTheProjectorUpdatesWithoutReload() throws {
        let folder = TestPaths.temporaryDirectory()
        let surveyPath = folder.appendingPathComponent("serve-test.yaml").path
        try ServeFixture.yaml.write(toFile: surveyPath, atomically: true, encoding: .utf8)
        let storePath = folder.appendingPathComponent("browser.sqlite").path
        let server = try ServeProcess(survey: surveyPath, store: storePath)
        defer { server.stop() }

        let shots = ProcessInfo.processInfo.environment["SAMLA_SCREENSHOTS"] ?? folder.path
        let printed = try runBrowserScript("phone_and_projector.py", [server.url, shots])

        let measured = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(printed.utf8)) as? [String: Any], printed)
        XCTAssertLessThanOrEqual(measured["phone_width"] as? Int ?? 999, 400)
        XCTAssertLessThan(measured["projector_update_seconds"] as? Double ?? 9, 1.0)
        XCTAssertEqual(measured["no_javascript"] as? String, "stored")

        // What the browsers sent is in the store, as typed, each in the language it was given in.
        let responses = try ResponseStore(path: storePath).responses(ResponseStore.Selection(surveyID: "serve-test"))
        XCTAssertEqual(responses.count, 2)
        let withScript = try XCTUnwrap(responses.first { $0.language == "en" })
        XCTAssertEqual(withScript.answers["role"], .other("Folkbildning <b>&</b>"))
        XCTAssertEqual(withScript.answers["focus"], .choices(["skills", "housing"], other: nil))
        XCTAssertEqual(withScript.answers["collaboration"], .number(5))
        XCTAssertEqual(withScript.answers["entry-point"], .choice("yes"))
        XCTAssertEqual(withScript.answers["people"], .number(12))
        XCTAssertEqual(withScript.answers["ideas"], .text("<script>alert(1)</script> Fler samtal mellan kommunerna"))
        XCTAssertEqual(withScript.answers["email"], .text("anna@example.se"))
        let withoutScript = try XCTUnwrap(responses.first { $0.language == "sv" })
        XCTAssertEqual(withoutScript.answers["role"], .choice("region"))
        XCTAssertEqual(withoutScript.answers["collaboration"], .number(3))
        XCTAssertEqual(withoutScript.answers["entry-point"], .choice("no"))

        for name in ["phone-form.png", "projector.png"] {
            let size = (try? FileManager.default.attributesOfItem(atPath: shots + "/" + name)[.size] as? Int) ?? 0
            XCTAssertGreaterThan(size, 10_000, name)
        }
    }

    /// form.js against `Survey.isShown` on a show_if with any / all / not: every combination of the
    /// answers it looks at, then real taps that open, close and reopen the follow-up and send it.
    func testFormJSShowsACompoundConditionExactlyWhenTheServerWould() throws {
        let folder = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let surveyPath = folder.appendingPathComponent("logic.yaml").path
        try CompoundShowIfServeTests.yaml.write(toFile: surveyPath, atomically: true, encoding: .utf8)
        let survey = CompoundShowIfServeTests.survey
        let follow = try XCTUnwrap(survey.question("follow"))
        var cases: [[String: Any]] = []
        for role in [nil, "a", "b", "c"] {
            for topics in [[], ["y"], ["x", "y"], ["z"]] {
                for size in ["", "10", "50", "60"] {
                    var answers: Answers = [:]
                    answers["role"] = role.map(AnswerValue.choice)
                    if !topics.isEmpty { answers["topics"] = .choices(topics, other: nil) }
                    answers["size"] = Double(size).map(AnswerValue.number)
                    cases.append(["role": role.map { $0 as Any } ?? NSNull(), "topics": topics, "size": size, "shown": survey.isShown(follow, given: answers)])
                }
            }
        }
        XCTAssertTrue(cases.contains { $0["shown"] as? Bool == true } && cases.contains { $0["shown"] as? Bool == false })
        let casesPath = folder.appendingPathComponent("cases.json")
        try JSONSerialization.data(withJSONObject: cases).write(to: casesPath)

        let storePath = folder.appendingPathComponent("logic.sqlite").path
        let server = try ServeProcess(survey: surveyPath, store: storePath)
        defer { server.stop() }
        let printed = try runBrowserScript("compound_show_if.py", [server.url, casesPath.path])
        let measured = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(printed.utf8)) as? [String: Any], printed)
        XCTAssertEqual(measured["cases"] as? Int, cases.count)

        let responses = try ResponseStore(path: storePath).responses(ResponseStore.Selection(surveyID: "logic"))
        XCTAssertEqual(responses.count, 1)
        XCTAssertEqual(responses.first?.answers, ["role": .choice("b"), "topics": .choices(["y"], other: nil), "size": .number(60),
                                                  "follow": .text("Because <b>beta</b>")])
    }

    /// A note with a compound show_if among the questions: form.js shows and hides it at once as
    /// real taps and typing change the answers, keeps it out of the shown field, and its text stays text.
    func testFormJSShowsAConditionalNoteExactlyWhenItsShowIfHolds() throws {
        let folder = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let surveyPath = folder.appendingPathComponent("notes.yaml").path
        try NoteSurvey.text.write(toFile: surveyPath, atomically: true, encoding: .utf8)
        let storePath = folder.appendingPathComponent("notes.sqlite").path
        let server = try ServeProcess(survey: surveyPath, store: storePath)
        defer { server.stop() }
        let printed = try runBrowserScript("conditional_note.py", [server.url])
        let measured = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(printed.utf8)) as? [String: Any], printed)
        XCTAssertEqual((measured["steps"] as? [String])?.count, 6, printed)
        let responses = try ResponseStore(path: storePath).responses(ResponseStore.Selection(surveyID: "notes"))
        XCTAssertEqual(responses.map(\.answers), [["role": .choice("b"), "size": .number(4), "plans": .text("Grow <i>fast</i>")]])
    }

    /// Runs one of `browser/`'s Selenium scripts with python3 and returns what it printed; a
    /// non-zero exit fails the test with the script's reason.
    private func runBrowserScript(_ name: String, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestPaths.repo("Tests/SamlaServeTests/browser/\(name)")] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let complaint = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, complaint + printed, file: file, line: line)
        return printed
    }
}
