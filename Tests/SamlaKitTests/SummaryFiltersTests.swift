import XCTest
@testable import SamlaKit

/// `--where`, `--by`, `--session` and `--lang` as typed on the command line, checked against the survey.
final class SummaryFiltersTests: XCTestCase {
    private var survey: Survey!

    override func setUpWithError() throws {
        survey = try AnalysisFixture.survey()
    }

    private func problems(where conditions: [String] = [], by: String? = nil, lang: String? = nil) -> [Diagnostic] {
        do {
            _ = try AnalysisOptions.parse(survey: survey, language: lang, where: conditions, by: by)
            return []
        } catch let error as DiagnosticsError {
            return error.diagnostics.items
        } catch {
            XCTFail("unexpected \(error)")
            return []
        }
    }

    func testChoicesAreNamedByIdLabelOrOther() throws {
        let filters = try SummaryFilters.parse(survey: survey, where: ["role=b", "role = Alfa", "topics=other", "topics=why"],
                                               sessions: ["Umeå"], by: "role")
        XCTAssertEqual(filters.conditions, [FilterCondition(question: "role", choice: "b"), FilterCondition(question: "role", choice: "a"),
                                            FilterCondition(question: "topics", choice: "other"),
                                            FilterCondition(question: "topics", choice: "y")])
        XCTAssertEqual(filters.sessions, ["Umeå"])
        XCTAssertEqual(filters.groupBy, "role")
    }

    func testEveryMistakeIsReportedAtOnceWithWhatToWriteInstead() {
        let found = problems(where: ["rol=a", "role=alpah", "rating=5", "role"], by: "rating", lang: "de")
        XCTAssertEqual(found.count, 6, found.map(\.description).joined(separator: "\n"))
        let text = found.map(\.description)
        XCTAssertTrue(text.contains { $0.hasPrefix("--lang de: error:") && $0.contains("en, sv") }, "\(text)")
        XCTAssertTrue(text.contains { $0.hasPrefix("--where rol=a: error: 'rol' is not a question") && $0.contains("did you mean 'role'?") }, "\(text)")
        XCTAssertTrue(text.contains { $0.hasPrefix("--where role=alpah: error: 'alpah' is not a choice of 'role'") && $0.contains("a, b, other") }, "\(text)")
        XCTAssertTrue(text.contains { $0.contains("'rating' is a scale question") && $0.contains("role, topics, gender") }, "\(text)")
        XCTAssertTrue(text.contains { $0.hasPrefix("--where role: error: expected QUESTION=CHOICE") }, "\(text)")
        XCTAssertTrue(text.contains { $0.hasPrefix("--by rating: error:") && $0.contains("choice question or by session") }, "\(text)")
    }

    func testOtherIsAChoiceOnlyWhereTheQuestionAllowsIt() throws {
        let yaml = AnalysisFixture.yaml.replacingOccurrences(of: "      - {id: b, label: {en: Beta, sv: Beta}}\n    other: true",
                                                             with: "      - {id: b, label: {en: Beta, sv: Beta}}")
        let strict = try XCTUnwrap(SurveyLoader.parse(text: yaml, file: "strict.yaml").survey)
        XCTAssertFalse(strict.question("role")!.allowsOther)
        XCTAssertThrowsError(try SummaryFilters.parse(survey: strict, where: ["role=other"]))
    }

    func testTheAnalyzerRefusesFiltersTheSurveyDoesNotHave() {
        let filters = SummaryFilters(conditions: [FilterCondition(question: "nope", choice: "x")])
        XCTAssertThrowsError(try Analyzer(survey: survey, options: AnalysisOptions(filters: filters)).summarize([Response]())) { error in
            XCTAssertTrue("\(error)".contains("'nope' is not a question"), "\(error)")
        }
    }
}
