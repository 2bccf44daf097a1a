import Foundation
import SamlaKit
import XCTest

/// A `show_if` with any / all / not through the built binary: `samla collect` asks the follow-up
/// exactly when the tree holds, `samla import` leaves out answers the tree hides, `samla summary`
/// counts shown and not shown the same way, and `samla export-form` / `samla draft` carry it
/// through an XLSForm as `relevant`.
final class CompoundShowIfEndToEndTests: XCTestCase {
    private var directory: URL!
    private var surveyPath: String { directory.appendingPathComponent("logic.yaml").path }
    private var storePath: String { directory.appendingPathComponent("logic.sqlite").path }

    static let yaml = CompoundConditionSurvey.text

    override func setUpWithError() throws {
        directory = EndToEndPaths.temporaryDirectory()
        try Self.yaml.write(toFile: surveyPath, atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func stored() throws -> [Response] {
        try ResponseStore(path: storePath).responses(.init(surveyID: "logic"))
    }

    private func figures(_ id: String) throws -> (shown: Int, answered: Int, notShown: Int) {
        let summary = try SamlaProcess.run(["summary", surveyPath, "--store", storePath, "--json"])
        XCTAssertEqual(summary.status, 0, summary.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any])
        let question = try XCTUnwrap((json["questions"] as? [[String: Any]])?.first { $0["id"] as? String == id })
        return (question["shown"] as? Int ?? -1, question["answered"] as? Int ?? -1, question["not_shown"] as? Int ?? -1)
    }

    func testCollectAsksTheFollowUpExactlyWhenTheTreeHolds() throws {
        let validate = try SamlaProcess.run(["validate", surveyPath])
        XCTAssertEqual(validate.status, 0, validate.stderr + validate.stdout)
        let lines = [
            "1", "2", "10", "F1", "L1",   // a, y, 10: all(includes y, not(size >= 50)) holds
            "1", "2", "60", "L2",         // a, y, 60: hidden, the next line is the last question
            "2", "", "", "F3", "L3",      // b: any holds on its first part
            "3", "1 3", "", "L4",         // c, x z: hidden
            "", "2", "", "F5", "L5",      // no role, y, no size: not(at_least) of an unanswered number holds
        ]
        let result = try SamlaProcess.run(["collect", surveyPath, "--store", storePath, "--lang", "en"],
                                          input: lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(result.status, 0, result.stderr)
        let responses = try stored()
        XCTAssertEqual(responses.map { $0.answers["follow"] }, [.text("F1"), nil, .text("F3"), nil, .text("F5")], result.stdout)
        XCTAssertEqual(responses.map { $0.answers["last"] }, ["L1", "L2", "L3", "L4", "L5"].map(AnswerValue.text))
        XCTAssertEqual(responses[1].answers["size"], .number(60))
        XCTAssertEqual(result.stdout.components(separatedBy: "Follow-up\nOnly asked when it applies <b>now</b>\n").count - 1, 3,
                       "the hint under the question, each time it is asked: \(result.stdout)")
        XCTAssertEqual(result.stdout.components(separatedBy: "== Follow-up part ==\n").count - 1, 3, "a section's heading only with its question")
        XCTAssertEqual(result.stdout.components(separatedBy: "== The end ==\n").count - 1, 5)
        let follow = try figures("follow")
        XCTAssertEqual([follow.shown, follow.answered, follow.notShown], [3, 3, 2])
    }

    func testImportLeavesOutAnswersTheTreeHidesAndTheSummaryCountsThem() throws {
        // A Google Forms export: labels as answers, every row with a follow-up written.
        let csv = """
            Timestamp,Role,Topics,Size,Follow-up,Last
            2025/03/12 1:00:00 PM GMT+1,Alpha,Why,10,kept one,l
            2025/03/12 1:01:00 PM GMT+1,Alpha,"Ex, Why",60,hidden one,l
            2025/03/12 1:02:00 PM GMT+1,Beta,,,kept two,l
            2025/03/12 1:03:00 PM GMT+1,Gamma,Zed,,hidden two,l
            2025/03/12 1:04:00 PM GMT+1,Gamma,"Why, Zed",49,kept three,l
            """
        let path = directory.appendingPathComponent("export.csv").path
        try (csv + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let imported = try SamlaProcess.run(["import", surveyPath, path, "--store", storePath, "--session", "A"])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertTrue((imported.stdout + imported.stderr).contains("2 answers to questions hidden by show_if left out"),
                      imported.stdout + imported.stderr)
        let responses = try stored()
        XCTAssertEqual(responses.count, 5)
        XCTAssertEqual(Set(responses.compactMap { $0.answers["follow"] }), [.text("kept one"), .text("kept two"), .text("kept three")])
        let follow = try figures("follow")
        XCTAssertEqual([follow.shown, follow.answered, follow.notShown], [3, 3, 2])
    }

    func testExportFormWritesRelevantAndDraftReadsTheSameTreeBack() throws {
        let form = directory.appendingPathComponent("logic.xlsx").path
        let exported = try SamlaProcess.run(["export-form", surveyPath, "--xlsform", form])
        XCTAssertEqual(exported.status, 0, exported.stderr)
        let back = directory.appendingPathComponent("back.yaml").path
        let draft = try SamlaProcess.run(["draft", form, "--out", back])
        XCTAssertEqual(draft.status, 0, draft.stderr)
        XCTAssertFalse(draft.stderr.contains("warning:"), draft.stderr)
        let original = try SurveyLoader.require(path: surveyPath)
        let read = try SurveyLoader.require(path: back)
        XCTAssertEqual(read.question("follow")?.showIf, original.question("follow")?.showIf)
        XCTAssertEqual(read.questions.map(\.showIf), original.questions.map(\.showIf))
        XCTAssertEqual(read.questions, original.questions, "hints and sections too")
    }

    /// The JSON Schema editors check as you type takes the same shapes the decoder does.
    func testTheShippedSchemaAcceptsTheTreeAndRefusesWhatTheDecoderRefuses() throws {
        let check = """
            import json, sys, yaml, jsonschema
            schema = json.load(open(sys.argv[1]))
            survey = yaml.safe_load(open(sys.argv[2]))
            jsonschema.validate(survey, schema, cls=jsonschema.Draft202012Validator)
            test = {"question": "role", "equals": "b"}
            for bad in [{"all": []}, {"any": test}, {"all": [test], "question": "role"}, {"anyy": [test]}, {"not": [test]}]:
                survey["questions"][3]["show_if"] = bad
                try:
                    jsonschema.validate(survey, schema, cls=jsonschema.Draft202012Validator)
                except jsonschema.ValidationError:
                    continue
                sys.exit("the schema accepts " + json.dumps(bad))
            """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", check, EndToEndPaths.repo("schema/survey.schema.json"), surveyPath]
        let errors = Pipe()
        python.standardError = errors
        try python.run()
        let complaint = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        XCTAssertEqual(python.terminationStatus, 0, complaint)
    }
}
