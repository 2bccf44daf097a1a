import Foundation
import SamlaKit
import XCTest

/// `samla draft` through the built binary: from an export of each of the four layouts, a
/// definition that validates and then imports that same file with every response kept.
final class DraftEndToEndTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = EndToEndPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func generate(_ layout: String, language: String, encoding: String? = nil) throws -> String {
        try ImportExports.generate(layout, language: language, seed: 8, encoding: encoding, delimiter: encoding.map { _ in ";" }, in: directory)
    }

    func testDraftsOfEveryLayoutValidateAndImportEveryRow() throws {
        let cases: [(layout: String, language: String, encoding: String?)] = [
            ("google", "en", nil), ("microsoft", "sv", nil), ("limesurvey", "sv", nil), ("kobo", "en", nil), ("google", "sv", "cp1252"),
        ]
        for item in cases {
            let export = try generate(item.layout, language: item.language, encoding: item.encoding)
            let definition = directory.appendingPathComponent("\(item.layout)-\(item.language).yaml").path
            let drafted = try SamlaProcess.run(["draft", export, "--out", definition])
            XCTAssertEqual(drafted.status, 0, drafted.stderr)
            XCTAssertTrue(drafted.stderr.contains("12"), drafted.stderr)
            let validated = try SamlaProcess.run(["validate", definition])
            XCTAssertEqual(validated.status, 0, "\(item.layout): \(validated.stderr)")

            let store = directory.appendingPathComponent("\(item.layout)-\(item.language).sqlite").path
            let imported = try SamlaProcess.run(["import", definition, export, "--store", store])
            XCTAssertEqual(imported.status, 0, "\(item.layout): \(imported.stderr)")
            XCTAssertEqual(imported.stderr, "", "\(item.layout): no column left unmatched, no value refused")
            let survey = try XCTUnwrap(SurveyLoader.load(path: definition).survey)
            XCTAssertEqual(try ResponseStore(path: store).count(.init(surveyID: survey.id)), 300, item.layout)
            XCTAssertEqual(survey.languages, [item.language], "\(item.layout): the export's language")

            // The bench survey's shape comes back: its types, its flag columns grouped, its personal column.
            XCTAssertEqual(survey.questions.map(\.type), [.singleChoice, .singleChoice, .multipleChoice, .multipleChoice, .multipleChoice,
                                                          .scale, .scale, .scale, .number, .text, .text, .text], item.layout)
            XCTAssertEqual(survey.questions[7].scale.map { [$0.min, $0.max] }, [0, 10], item.layout)
            XCTAssertTrue(survey.questions[8].bounds.integer, item.layout)
            XCTAssertTrue(survey.questions[11].personal, item.layout)
            XCTAssertTrue(survey.questions[2].choices.count >= 6, item.layout)
        }
    }

    func testLabelsWithTheSeparatorAreGluedBackTogether() throws {
        let export = try generate("google", language: "en")
        let drafted = try SamlaProcess.run(["draft", export])
        XCTAssertEqual(drafted.status, 0, drafted.stderr)
        XCTAssertTrue(drafted.stdout.contains("label: \"Regional transition capacity, skills and jobs\""), drafted.stdout)
        XCTAssertFalse(drafted.stdout.contains("label: \"skills and jobs\""), drafted.stdout)
        XCTAssertTrue(drafted.stdout.contains("# cells hold several of"), "each guess has its comment")
        XCTAssertFalse(drafted.stdout.contains("Timestamp"), "the tool's own column is left out")
    }
}
