import Foundation
import SamlaKit
import XCTest

/// `samla summary` as hosts run it: the built binary on a real store, its JSON read back by
/// Foundation and checked against the schema by Python, its mistakes reported with exit codes.
final class SummaryCommandTests: XCTestCase {
    private var directory: URL!
    private var storePath: String { directory.appendingPathComponent("workshop.sqlite").path }
    private let surveyPath = EndToEndPaths.repo("surveys/tnc-workshop.yaml")
    private var survey: Survey!

    override func setUpWithError() throws {
        directory = EndToEndPaths.temporaryDirectory()
        survey = try SurveyLoader.require(path: surveyPath)
        // Eight complete responses in two sessions and one draft, written as collect writes them.
        let answers: [(String, Answers)] = [
            ("Umeå", ["role": .choice("municipality"), "city": .choice("umea"), "focus": .choices(["scale-up", "housing"], other: nil),
                      "collaboration": .number(5), "entry-point": .choice("yes"), "similar": .text("Viable Cities och kollektivtrafiken"),
                      "email": .text("anna@example.se")]),
            ("Umeå", ["role": .choice("municipality"), "city": .choice("umea"), "focus": .choices(["housing"], other: nil),
                      "collaboration": .number(4), "entry-point": .choice("maybe"), "similar": .text("Bättre kollektivtrafik")]),
            ("Umeå", ["role": .choice("region"), "city": .choice("umea"), "focus": .choices(["skills"], other: "Turism"),
                      "collaboration": .number(2)]),
            ("Umeå", ["role": .other("Folkhögskola"), "city": .choice("lulea"), "collaboration": .number(3),
                      "entry-point": .choice("no")]),
            ("Luleå", ["role": .choice("region"), "city": .choice("lulea"), "focus": .choices(["scale-up"], other: nil),
                       "collaboration": .number(5), "entry-point": .choice("yes")]),
            ("Luleå", ["role": .choice("municipality"), "city": .choice("lulea"), "collaboration": .number(1)]),
            ("Luleå", ["role": .choice("agency"), "city": .other("Kiruna"), "collaboration": .number(4), "entry-point": .choice("yes")]),
            ("Luleå", ["role": .choice("municipality"), "city": .choice("lulea"), "focus": .choices(["scale-up", "skills", "housing"], other: nil),
                       "collaboration": .number(5), "entry-point": .choice("maybe")]),
        ]
        let store = try ResponseStore(path: storePath)
        try store.write { writer in
            try writer.register(self.survey)
            for (session, values) in answers {
                try writer.insert(Response(surveyID: self.survey.id, definitionHash: self.survey.definitionHash, session: session,
                                           language: "sv", answers: values))
            }
            try writer.insert(Response(surveyID: self.survey.id, definitionHash: self.survey.definitionHash, session: "Umeå",
                                       status: .draft, answers: ["role": .choice("agency")]))
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func summary(_ arguments: [String]) throws -> [String: Any] {
        let result = try SamlaProcess.run(["summary", surveyPath, "--store", storePath, "--json"] + arguments)
        XCTAssertEqual(result.status, 0, result.stderr)
        let data = Data(result.stdout.utf8)
        let schema = EndToEndPaths.repo("schema/summary.schema.json")
        let validate = """
            import json, sys, jsonschema
            jsonschema.validate(json.load(sys.stdin), json.load(open(sys.argv[1])), cls=jsonschema.Draft202012Validator)
            """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", validate, schema]
        let input = Pipe()
        python.standardInput = input
        try python.run()
        input.fileHandleForWriting.write(data)
        try input.fileHandleForWriting.close()
        python.waitUntilExit()
        XCTAssertEqual(python.terminationStatus, 0, "the JSON does not match schema/summary.schema.json")
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    private func question(_ document: [String: Any], _ id: String) -> [String: Any] {
        (document["questions"] as! [[String: Any]]).first { $0["id"] as? String == id }!
    }

    private func counts(_ question: [String: Any]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: (question["choices"] as! [[String: Any]]).map { ($0["id"] as! String, $0["count"] as! Int) })
    }

    func testJSONCountsEveryCompleteResponseAndNoDraft() throws {
        let document = try summary([])
        XCTAssertEqual(document["responses"] as? Int, 8)
        let role = question(document, "role")
        XCTAssertEqual(counts(role), ["municipality": 4, "region": 2, "agency": 1, "academia": 0, "business": 0, "civil-society": 0])
        XCTAssertEqual((role["other"] as! [String: Any])["count"] as? Int, 1)
        let entry = question(document, "entry-point")
        XCTAssertEqual([entry["shown"], entry["answered"], entry["not_shown"]] as? [Int], [6, 6, 2], "collaboration 1 and 2 hide it")
        let collaboration = question(document, "collaboration")
        XCTAssertEqual((collaboration["distribution"] as! [[String: Any]]).map { $0["count"] as! Int }, [1, 1, 1, 2, 3])
        XCTAssertEqual(collaboration["median"] as? Double, 4)
        XCTAssertEqual(collaboration["mean"] as? Double, 29.0 / 8.0)
        let similar = question(document, "similar")
        XCTAssertEqual((similar["terms"] as! [[String: Any]]).first?["term"] as? String, "kollektivtrafik")
        XCTAssertNil(question(document, "email")["themes"] as? [Any])
        XCTAssertFalse(String(data: try JSONSerialization.data(withJSONObject: document), encoding: .utf8)!.contains("anna@example.se"))
    }

    func testSessionsWhereAndBySelectAndGroup() throws {
        XCTAssertEqual(try summary(["--session", "Luleå"])["responses"] as? Int, 4)
        XCTAssertEqual(try summary(["--session", "Luleå", "--session", "Umeå"])["responses"] as? Int, 8)
        let municipalities = try summary(["--where", "role=municipality", "--where", "focus=housing"])
        XCTAssertEqual(municipalities["responses"] as? Int, 3, "municipalities that chose housing among others")
        let byCity = try summary(["--by", "city", "--session", "Luleå"])
        let crosstab = byCity["crosstab"] as! [String: Any]
        let groups = crosstab["groups"] as! [[String: Any]]
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: groups.map { ($0["id"] as! String, $0["responses"] as! Int) }),
                       ["umea": 0, "sundsvall": 0, "ornskoldsvik": 0, "lulea": 3, "ostersund": 0])
        let lulea = groups.first { $0["id"] as? String == "lulea" }!
        let role = (lulea["questions"] as! [[String: Any]]).first { $0["id"] as? String == "role" }!
        XCTAssertEqual(counts(role).filter { $0.value > 0 }, ["municipality": 2, "region": 1])

        // --by session: one group per session, each with its responses.
        let bySession = try summary(["--by", "session"])["crosstab"] as! [String: Any]
        XCTAssertEqual(bySession["by_session"] as? Bool, true)
        let sessions = bySession["groups"] as! [[String: Any]]
        XCTAssertEqual(Set(sessions.map { $0["id"] as! String }), ["Umeå", "Luleå"])
        XCTAssertEqual(sessions.map { $0["responses"] as! Int }.reduce(0, +), 8)
        let terminal = try SamlaProcess.run(["summary", surveyPath, "--store", storePath, "--lang", "en", "--by", "session"])
        XCTAssertEqual(terminal.status, 0, terminal.stderr)
        XCTAssertTrue(terminal.stdout.contains("Cross-tab by Session (session)"), terminal.stdout)
    }

    func testTheTerminalViewSpeaksTheChosenLanguage() throws {
        let swedish = try SamlaProcess.run(["summary", surveyPath, "--store", storePath, "--lang", "sv"])
        XCTAssertEqual(swedish.status, 0, swedish.stderr)
        XCTAssertTrue(swedish.stdout.hasPrefix("Fortsatt gemensamt arbete — 8 svar"), swedish.stdout)
        XCTAssertTrue(swedish.stdout.contains("Kommun") && swedish.stdout.contains("50,0\u{00A0}%"), swedish.stdout)
        XCTAssertTrue(swedish.stdout.contains("█"))
        let english = try SamlaProcess.run(["summary", surveyPath, "--store", storePath, "--lang", "en", "--by", "role"])
        XCTAssertEqual(english.status, 0, english.stderr)
        XCTAssertTrue(english.stdout.contains("Municipality") && english.stdout.contains("Cross-tab by"), english.stdout)
        XCTAssertFalse(english.stdout.contains("\u{1B}["), "no colour into a pipe")
    }

    func testACodebookCodesTheTextAnswers() throws {
        let codebook = directory.appendingPathComponent("codebook.yaml")
        try "themes:\n  - name: Transport\n    keywords: [kollektivtrafik]\n".write(to: codebook, atomically: true, encoding: .utf8)
        let document = try summary(["--codebook", codebook.path])
        let themes = question(document, "similar")["themes"] as! [[String: Any]]
        XCTAssertEqual(themes.first?["count"] as? Int, 2)
        XCTAssertEqual(themes.first?["percent"] as? Double, 100)
        XCTAssertEqual(Set(themes.first?["quotes"] as! [String]), ["Viable Cities och kollektivtrafiken", "Bättre kollektivtrafik"])
        XCTAssertEqual(question(document, "ongoing")["uncoded"] as? Int, 0)
    }

    func testMistakesExitWithTheDocumentedCodesAndSayWhatToDo() throws {
        // --by takes a choice question or session; collaboration is a scale (an earlier version refused focus,
        // a multiple-choice question, which --by now compares).
        let typo = try SamlaProcess.run(["summary", surveyPath, "--store", storePath, "--where", "role=municipalty", "--by", "collaboration"])
        XCTAssertEqual(typo.status, 2, "a usage mistake")
        XCTAssertTrue(typo.stderr.contains("--where role=municipalty: error: 'municipalty' is not a choice of 'role'"), typo.stderr)
        XCTAssertTrue(typo.stderr.contains("did you mean 'municipality'?"), typo.stderr)
        XCTAssertTrue(typo.stderr.contains("--by collaboration: error:"), "both mistakes in one run: \(typo.stderr)")

        let missing = try SamlaProcess.run(["summary", surveyPath, "--store", directory.appendingPathComponent("nope.sqlite").path])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("nope.sqlite: error: no response store here"), missing.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("nope.sqlite").path), "no store is created")

        let codebook = directory.appendingPathComponent("broken.yaml")
        try "themes:\n  - name: Transport\n    keywrds: [buss]\n".write(to: codebook, atomically: true, encoding: .utf8)
        let broken = try SamlaProcess.run(["summary", surveyPath, "--store", storePath, "--codebook", codebook.path])
        XCTAssertEqual(broken.status, 1, "a data problem")
        XCTAssertTrue(broken.stderr.contains("\(codebook.path):3:5: error: unknown key 'keywrds'"), broken.stderr)
        XCTAssertTrue(broken.stderr.contains("        keywrds: [buss]\n        ^"), "the line quoted with a caret: \(broken.stderr)")
    }
}
