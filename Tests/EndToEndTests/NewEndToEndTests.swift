import Foundation
import SamlaKit
import XCTest

/// `samla new` through a pipe, as a script or a host without a terminal runs it: the survey it
/// writes passes `samla validate` and `samla collect` asks it.
final class NewEndToEndTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = EndToEndPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func input(_ lines: [String]) -> String {
        lines.joined(separator: "\n") + "\n"
    }

    private let threeQuestions = [
        "sv, en", "Uppföljning", "Follow-up", "", "",
        "1", "Vilken organisation?", "Which organisation?", "role",
        "Kommun", "Municipality", "", "Region", "Region", "", "", "j", "j",
        "2", "Vad vill ni fokusera på?", "What would you like to focus on?", "focus",
        "Bostäder", "Housing", "", "Energi", "Energy", "", "Kultur", "Culture", "", "", "n", "n", "2", "j", "1", "2",
        "3", "Hur intresserade är ni?", "How interested are you?", "interest", "", "", "1", "Inte alls", "Not at all", "", "n", "n",
        "", "",
    ]

    func testASurveyBuiltThroughAPipeValidatesAndCollectsAResponse() throws {
        // NO_COLOR empty counts as unset: the output has no colour because it is not a terminal.
        let built = try SamlaProcess.run(["new"], input: input(threeQuestions), environment: ["NO_COLOR": ""], directory: directory)
        XCTAssertEqual(built.status, 0, built.stderr + built.stdout)
        XCTAssertTrue(built.stderr.contains("Skrev surveys/follow-up.yaml."), built.stderr)
        XCTAssertFalse(built.stdout.contains("\u{1B}"), "colour codes in a pipe")
        XCTAssertTrue(built.stdout.contains("Språk, det första är standard / Languages, the first is the default [sv, en]: "))
        XCTAssertTrue(built.stdout.contains("Frågetext (sv): Frågetext (en): "), built.stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("surveys").path),
                       ["follow-up.yaml"])

        let survey = directory.appendingPathComponent("surveys/follow-up.yaml").path
        let validated = try SamlaProcess.run(["validate", survey])
        XCTAssertEqual(validated.status, 0, validated.stderr)
        XCTAssertTrue(validated.stdout.contains("ok: 'follow-up', 3 questions in sv, en"), validated.stdout)

        let store = directory.appendingPathComponent("answers.sqlite").path
        let collected = try SamlaProcess.run(["collect", survey, "--store", store, "--lang", "en", "--participants", "1"],
                                             input: input(["2", "3,1", "4"]))
        XCTAssertEqual(collected.status, 0, collected.stderr)
        XCTAssertTrue(collected.stdout.contains("How interested are you?"), collected.stdout)
        let responses = try ResponseStore(path: store).responses(.init(surveyID: "follow-up"))
        XCTAssertEqual(responses.count, 1)
        XCTAssertEqual(responses.first?.answers, [
            "role": .choice("region"), "focus": .choices(["housing", "culture"], other: nil), "interest": .number(4),
        ])
    }

    func testInputEndingEarlyWritesNothingAndSaysSo() throws {
        let result = try SamlaProcess.run(["new"], input: input(Array(threeQuestions.prefix(30))), directory: directory)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("Indata tog slut innan enkäten var klar; ingenting skrevs."), result.stderr)
        // No survey file; what was answered is kept as a draft, which a later samla new offers to resume.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["surveys"])
        let kept = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("surveys").path)
        XCTAssertEqual(kept.count, 1)
        XCTAssertTrue(kept[0].hasPrefix(".") && kept[0].hasSuffix(".draft.yaml"), "\(kept)")
        XCTAssertTrue(result.stderr.contains("Utkastet finns kvar i surveys/\(kept[0])"), result.stderr)
    }

    func testTheNamedFileIsReplacedOnlyAfterYes() throws {
        let file = directory.appendingPathComponent("mine.yaml").path
        try "keep me\n".write(toFile: file, atomically: false, encoding: .utf8)
        let short = ["en", "Short", "", "", "5", "Name", "", "n", "n", "", ""]

        let refused = try SamlaProcess.run(["new", file, "--lang", "en"], input: input(short + ["n", ""]))
        XCTAssertEqual(refused.status, 0, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("Nothing was written."), refused.stderr)
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "keep me\n")

        let replaced = try SamlaProcess.run(["new", file, "--lang", "en"], input: input(short + ["y"]))
        XCTAssertEqual(replaced.status, 0, replaced.stderr)
        XCTAssertEqual(try SamlaProcess.run(["validate", file]).status, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["mine.yaml"])
    }

    func testALanguageOptionThatIsNoLanguageIsAUsageMistake() throws {
        let result = try SamlaProcess.run(["new", "--lang", "svenska!"], directory: directory)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--lang svenska! is not a language code"), result.stderr)
    }
}
