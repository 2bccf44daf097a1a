import Foundation
@testable import SamlaKit
import XCTest

/// A KoboToolbox export with labels (not XML names) for headers and answers: a select_one's cell
/// holds its label, a select_multiple a summary column of labels joined by spaces plus one
/// `question/option` column of 1 and 0 per option. Drafted as single and multiple choice, not
/// free text, and imported with every answer.
final class KoboLabelDraftTests: XCTestCase {
    private var directory: URL!
    private var storePath: String { directory.appendingPathComponent("store.sqlite").path }

    override func setUpWithError() throws {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private let export = """
        start;end;What is your role?;Which topics matter most?;Which topics matter most?/Water and seas;Which topics matter most?/Forest;Which topics matter most?/Jobs and skills;How often do you take part?;Region;Anything else?;_id;_uuid;_submission_time;_index
        2025-03-12T09:00:00.000+01:00;2025-03-12T09:05:00.000+01:00;Municipal officer;Water and seas Forest;1;1;0;Often;North;More time for questions;101;a1f0c6d2-0001;2025-03-12T08:05:10;1
        2025-03-12T09:01:00.000+01:00;2025-03-12T09:06:00.000+01:00;Entrepreneur;Jobs and skills;0;0;1;Sometimes;South;;102;a1f0c6d2-0002;2025-03-12T08:06:10;2
        2025-03-12T09:02:00.000+01:00;2025-03-12T09:07:00.000+01:00;Municipal officer;Forest Jobs and skills;0;1;1;Always;North;Good coffee;103;a1f0c6d2-0003;2025-03-12T08:07:10;3
        2025-03-12T09:03:00.000+01:00;2025-03-12T09:08:00.000+01:00;Researcher;Water and seas;1;0;0;Often;North;;104;a1f0c6d2-0004;2025-03-12T08:08:10;4
        2025-03-12T09:04:00.000+01:00;2025-03-12T09:09:00.000+01:00;Entrepreneur;Water and seas Forest Jobs and skills;1;1;1;Never;South;The room was cold;105;a1f0c6d2-0005;2025-03-12T08:09:10;5
        2025-03-12T09:05:00.000+01:00;2025-03-12T09:10:00.000+01:00;Municipal officer;Forest;0;1;0;Often;Far North;;106;a1f0c6d2-0006;2025-03-12T08:10:10;6

        """

    func testALabelExportDraftsChoicesAndImportsEveryAnswer() throws {
        let path = directory.appendingPathComponent("kobo-labels.csv").path
        try export.write(toFile: path, atomically: true, encoding: .utf8)
        let draft = try SurveyDrafter.draft(path: path)
        XCTAssertTrue(draft.yaml.contains("KoboToolbox"), draft.yaml)
        let result = SurveyLoader.parse(text: draft.yaml, file: "kobo.yaml")
        let survey = try XCTUnwrap(result.survey, "\(result.diagnostics)\n\(draft.yaml)")
        XCTAssertEqual(survey.languages, ["en"])
        XCTAssertEqual(survey.questions.map(\.type), [.singleChoice, .multipleChoice, .scale, .singleChoice, .text], draft.yaml)
        XCTAssertEqual(survey.questions[0].choices.map { $0.label.text("en") }, ["Municipal officer", "Entrepreneur", "Researcher"])
        XCTAssertEqual(survey.questions[1].choices.map { $0.label.text("en") }, ["Water and seas", "Forest", "Jobs and skills"])
        let frequency = try XCTUnwrap(survey.questions[2].scale, "a frequency scale")
        XCTAssertEqual((frequency.min...frequency.max).map { frequency.labels[$0]?.text("en") }, ["Never", "Rarely", "Sometimes", "Often", "Always"])

        let report = try SurveyImporter(survey: survey, options: ImportOptions()).run(files: [path], storePath: storePath)[0]
        XCTAssertTrue(report.committed, "\(report.diagnostics)")
        XCTAssertEqual(report.errorCount, 0, "\(report.diagnostics)")
        let stored = try ResponseStore(path: storePath).responses(.init(surveyID: survey.id))
        XCTAssertEqual(stored.count, 6)
        let (role, topics, often, region, other) = (survey.questions[0], survey.questions[1], survey.questions[2], survey.questions[3], survey.questions[4])
        // A one-word header (Region) may be an XML name or a label: its answers decide.
        XCTAssertEqual(region.choices.map { $0.label.text("en") }, ["North", "South", "Far North"])
        func id(_ question: Question, _ label: String) -> String { question.choices.first { $0.label.text("en") == label }?.id ?? "?" }
        XCTAssertEqual(stored.map { $0.answers[role.id] },
                       ["Municipal officer", "Entrepreneur", "Municipal officer", "Researcher", "Entrepreneur", "Municipal officer"].map { .choice(id(role, $0)) })
        let water = id(topics, "Water and seas"), forest = id(topics, "Forest"), jobs = id(topics, "Jobs and skills")
        XCTAssertEqual(stored.map { $0.answers[topics.id] },
                       [[water, forest], [jobs], [forest, jobs], [water], [water, forest, jobs], [forest]].map { .choices($0, other: nil) })
        XCTAssertEqual(stored.map { $0.answers[often.id] }, [4, 3, 5, 4, 1, 4].map { .number($0) })
        XCTAssertEqual(stored.map { $0.answers[region.id] }, ["North", "South", "North", "North", "South", "Far North"].map { .choice(id(region, $0)) })
        XCTAssertEqual(stored.compactMap { $0.answers[other.id] }, ["More time for questions", "Good coffee", "The room was cold"].map { .text($0) })
        XCTAssertEqual(stored.map { $0.metadata["_uuid"] }, (1...6).map { "a1f0c6d2-000\($0)" })
    }
}
