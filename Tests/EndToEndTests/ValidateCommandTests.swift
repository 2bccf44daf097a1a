import XCTest

final class ValidateCommandTests: XCTestCase {
    func testBundledAndBenchSurveysValidate() throws {
        let surveys = try FileManager.default.contentsOfDirectory(atPath: EndToEndPaths.repo("surveys"))
            .filter { $0.hasSuffix(".yaml") }.map { EndToEndPaths.repo("surveys/\($0)") }
        let result = try SamlaProcess.run(["validate"] + surveys + [EndToEndPaths.shared("bench/bench-survey.yaml")])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("'tnc-workshop'"), result.stdout)
    }

    func testThreeMistakesAreEachReportedAtTheirOwnLine() throws {
        let file = URL(fileURLWithPath: EndToEndPaths.repo("Tests/Fixtures/three-mistakes.yaml"))
        let result = try SamlaProcess.run(["validate", file.path])
        XCTAssertEqual(result.status, 1)
        let located = result.stderr.split(separator: "\n").filter { $0.hasPrefix(file.path + ":") && $0.contains(": error: ") }
        XCTAssertEqual(located.count, 3, result.stderr)
        XCTAssertTrue(located.contains { $0.hasPrefix("\(file.path):7:11: error: unknown question type 'single_choise'") }, result.stderr)
        XCTAssertTrue(located.contains { $0.hasPrefix("\(file.path):11:") && $0.contains("duplicate question id 'role'") }, result.stderr)
        XCTAssertTrue(located.contains { $0.hasPrefix("\(file.path):14:5: error: unknown key 'requird'") }, result.stderr)
        XCTAssertTrue(result.stderr.contains("did you mean 'required'?"))
    }

    func testAnEmptyQuestionTextIsRefusedWithACaret() throws {
        let directory = EndToEndPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("empty-text.yaml").path
        try """
            format: 1
            id: empty
            title: {sv: Tom, en: Empty}
            languages: [sv, en]
            questions:
              - id: fine
                type: text
                text: {sv: Bra, en: Fine}
              - id: blank
                type: text
                text: {sv: "Vad tycker du?", en: "  "}
              - id: none
                type: text
                text: {sv: "", en: "Nothing"}
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try SamlaProcess.run(["validate", file])
        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stderr.contains("\(file):11:38: error: the text of question 'blank' is empty in 'en'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("\(file):14:16: error: the text of question 'none' is empty in 'sv'"), result.stderr)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let quoted = try XCTUnwrap(lines.firstIndex { $0.contains("text: {sv: \"Vad tycker du?\", en: \"  \"}") }, result.stderr)
        XCTAssertTrue(quoted + 1 < lines.count && lines[quoted + 1].hasSuffix("^"), "a caret under the empty text: \(result.stderr)")
    }

    func testUsageMistakesExitWithTwo() throws {
        XCTAssertEqual(try SamlaProcess.run(["validate"]).status, 2)
        XCTAssertEqual(try SamlaProcess.run(["no-such-command"]).status, 2)
        XCTAssertEqual(try SamlaProcess.run(["collect", "x.yaml", "--participants", "0"]).status, 2)
    }

    func testAMissingFileIsADataProblemNamingTheFile() throws {
        let result = try SamlaProcess.run(["validate", "/nonexistent/survey.yaml"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("/nonexistent/survey.yaml"), result.stderr)
    }
}
