import XCTest
@testable import SamlaKit

/// A question added to the survey later is shown only to the respondents who answered on a version
/// that had it: the store records each response's definition hash and keeps each version's text.
final class ShownCountTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private let version1 = """
        format: 1
        id: shown
        title: Shown
        languages: [en]
        questions:
          - id: role
            type: single_choice
            text: Your role
            choices:
              - {id: host, label: Host}
              - {id: guest, label: Guest}

        """

    private var version2: String {
        version1 + """
              - id: added
                type: scale
                text: Added later
                scale: {min: 1, max: 5}

            """
    }

    func testAQuestionAddedLaterIsShownOnlyToTheResponsesOfTheVersionThatHadIt() throws {
        let v1 = try XCTUnwrap(SurveyLoader.parse(text: version1, file: "v1.yaml").survey)
        let v2 = try XCTUnwrap(SurveyLoader.parse(text: version2, file: "v2.yaml").survey)
        XCTAssertNotEqual(v1.definitionHash, v2.definitionHash)
        let store = try ResponseStore(path: directory.appendingPathComponent("store.sqlite").path)
        for _ in 0 ..< 3 {
            try store.save(Response(surveyID: v1.id, definitionHash: v1.definitionHash, answers: ["role": .choice("host")]),
                           definition: v1)
        }
        // One of v2's respondents skips the new (optional) question: shown, not answered.
        try store.save(Response(surveyID: v2.id, definitionHash: v2.definitionHash,
                                answers: ["role": .choice("guest"), "added": .number(4)]), definition: v2)
        try store.save(Response(surveyID: v2.id, definitionHash: v2.definitionHash, answers: ["role": .choice("guest")]),
                       definition: v2)

        // Through the parallel path with tiny batches (versions change inside and across batches) and the default one.
        for summary in [try Analyzer(survey: v2).summarize(store: store, workers: 2, batchSize: 1),
                        try Analyzer(survey: v2).summarize(store: store)] {
            XCTAssertEqual(summary.responses, 5)
            let added = try XCTUnwrap(summary.questions.first { $0.id == "added" })
            XCTAssertEqual(added.shown, 2)
            XCTAssertEqual(added.answered, 1)
            XCTAssertEqual(added.notShown, 3)
            let role = try XCTUnwrap(summary.questions.first { $0.id == "role" })
            XCTAssertEqual(role.shown, 5)
        }
        // Grouped by role, the new question was shown to the guests only.
        var options = AnalysisOptions()
        options.filters.groupBy = "role"
        let grouped = try Analyzer(survey: v2, options: options).summarize(store: store)
        let groups = try XCTUnwrap(grouped.crosstab?.groups)
        XCTAssertEqual(groups.first { $0.id == "host" }?.questions.first { $0.id == "added" }?.shown, 0)
        XCTAssertEqual(groups.first { $0.id == "guest" }?.questions.first { $0.id == "added" }?.shown, 2)
    }

    func testAQuestionRemovedAndAddedBackCountsForEveryVersionThatHadIt() throws {
        let v1 = try XCTUnwrap(SurveyLoader.parse(text: version2, file: "v1.yaml").survey)
        let v2 = try XCTUnwrap(SurveyLoader.parse(text: version1, file: "v2.yaml").survey)
        let v3 = try XCTUnwrap(SurveyLoader.parse(text: version2 + "# back again\n", file: "v3.yaml").survey)
        let store = try ResponseStore(path: directory.appendingPathComponent("store.sqlite").path)
        for version in [v1, v2, v2, v3] {
            try store.save(Response(surveyID: version.id, definitionHash: version.definitionHash,
                                    answers: ["role": .choice("host")]), definition: version)
        }
        let summary = try Analyzer(survey: v3).summarize(store: store)
        XCTAssertEqual(summary.questions.first { $0.id == "added" }?.shown, 2)
    }
}
