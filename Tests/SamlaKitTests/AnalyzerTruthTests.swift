import Foundation
import XCTest
@testable import SamlaKit

/// The analysis against the shared generator's exact totals, over a real SQLite store, for several
/// seeds and sizes: every count, mean, median, min and max, and every by-group count.
final class AnalyzerTruthTests: XCTestCase {
    private var directory: URL!
    private var survey: Survey!

    override func setUpWithError() throws {
        directory = TestPaths.temporaryDirectory()
        survey = try SurveyLoader.require(path: GeneratedExport.survey)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func store(_ export: GeneratedExport, name: String) throws -> ResponseStore {
        let store = try ResponseStore(path: directory.appendingPathComponent("\(name).sqlite").path)
        try LimeSurveyTestLoader.load(csv: export.path, survey: survey, into: store)
        return store
    }

    func testEveryFigureEqualsTheTruthForSeveralSeedsAndSizes() throws {
        for (seed, rows) in [(1, 300), (7, 1_500), (2025, 800)] {
            let export = try GeneratedExport.make(layout: "limesurvey", rows: rows, seed: seed, in: directory)
            let store = try store(export, name: "s\(seed)")
            let summary = try Analyzer(survey: survey).summarize(store: store)
            assertMatchesTruth(summary, export, context: "seed \(seed), \(rows) rows")
        }
    }

    private func assertMatchesTruth(_ summary: Summary, _ export: GeneratedExport, context: String,
                                    file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(summary.responses, export.truth["responses"] as? Int, context, file: file, line: line)
        for question in survey.questions {
            let truth = export.question(question.id)
            guard let figures = summary.question(question.id) else {
                XCTFail("\(question.id) missing (\(context))", file: file, line: line)
                continue
            }
            let where_ = "\(question.id) (\(context))"
            XCTAssertEqual(figures.answered, truth["answered"] as? Int, where_, file: file, line: line)
            XCTAssertEqual(figures.shown, summary.responses, where_, file: file, line: line)
            if let choices = truth["choices"] as? [String: Int] {
                XCTAssertEqual(Dictionary(uniqueKeysWithValues: figures.choices.map { ($0.id, $0.count) }), choices, where_,
                               file: file, line: line)
                XCTAssertEqual(figures.other?.count ?? 0, truth["other"] as? Int, where_, file: file, line: line)
                XCTAssertEqual(figures.choices.map(\.id), question.choices.map(\.id), "definition order", file: file, line: line)
            }
            if let distribution = truth["distribution"] as? [String: Int] {
                XCTAssertEqual(Dictionary(uniqueKeysWithValues: figures.distribution.map { ("\($0.value)", $0.count) }),
                               distribution, where_, file: file, line: line)
                XCTAssertEqual(figures.distribution.map(\.value), Array(question.scale!.points), "scale order", file: file, line: line)
            }
            for (key, actual) in [("mean", figures.statistics?.mean), ("median", figures.statistics?.median),
                                  ("min", figures.statistics?.min), ("max", figures.statistics?.max)] {
                guard let expected = truth[key] as? Double else { continue }
                XCTAssertEqual(actual ?? .nan, expected, accuracy: 1e-9 * max(1, abs(expected)), "\(where_) \(key)",
                               file: file, line: line)
            }
        }
    }

    func testEveryGroupOfEverySingleChoiceQuestionEqualsTheTruth() throws {
        let export = try GeneratedExport.make(layout: "limesurvey", rows: 1_200, seed: 11, in: directory)
        let store = try store(export, name: "by")
        for by in survey.questions.filter({ $0.type == .singleChoice }) {
            let options = AnalysisOptions(filters: try SummaryFilters.parse(survey: survey, by: by.id))
            let summary = try Analyzer(survey: survey, options: options).summarize(store: store)
            let crosstab = try XCTUnwrap(summary.crosstab)
            XCTAssertEqual(crosstab.groups.map(\.id), by.choices.map(\.id))
            for group in crosstab.groups {
                assertGroup(group.questions, responses: group.responses, equals: export.group(by.id, group.id),
                            context: "--by \(by.id), group \(group.id)")
            }
            // Each choice question but the grouping one has a test or the reason it has none; chi-square
            // only for single choice (multiple choice is tested choice by choice). Changed with issue 13:
            // chi-square on multiple choice or with expected counts under 5 does not hold.
            let choiceQuestions = survey.questions.filter { $0.type.hasChoices && $0.id != by.id }
            let explained = Set(crosstab.tests.keys).union(crosstab.exactTests.keys).union(crosstab.choiceTests.keys)
                .union(crosstab.untested.keys)
            XCTAssertEqual(explained, Set(choiceQuestions.map(\.id)))
            for id in crosstab.tests.keys { XCTAssertEqual(survey.question(id)?.type, .singleChoice, id) }
            for question in choiceQuestions where question.type == .multipleChoice {
                XCTAssertNotNil(crosstab.choiceTests[question.id] ?? crosstab.untested[question.id].map { _ in [] }, question.id)
            }
        }
    }

    func testWhereKeepsExactlyItsGroup() throws {
        let export = try GeneratedExport.make(layout: "limesurvey", rows: 900, seed: 5, in: directory)
        let store = try store(export, name: "where")
        for (question, choice) in [("role", "region"), ("city", "lulea"), ("role", "civil")] {
            let filters = try SummaryFilters.parse(survey: survey, where: ["\(question)=\(choice)"])
            let summary = try Analyzer(survey: survey, options: AnalysisOptions(filters: filters)).summarize(store: store)
            assertGroup(summary.questions, responses: summary.responses, equals: export.group(question, choice),
                        context: "--where \(question)=\(choice)")
        }
        // Two conditions: both must hold, so the count is that of the by-group of one within the other.
        let both = try SummaryFilters.parse(survey: survey, where: ["role=municipality", "city=umea"])
        let summary = try Analyzer(survey: survey, options: AnalysisOptions(filters: both)).summarize(store: store)
        XCTAssertEqual(summary.responses, (export.group("role", "municipality")["city"] as? [String: Int])?["umea"])
    }

    private func assertGroup(_ questions: [QuestionSummary], responses: Int, equals truth: [String: Any], context: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(responses, truth["responses"] as? Int, context, file: file, line: line)
        for figures in questions where figures.type.hasChoices {
            // The truth lists only choices chosen at least once in the group.
            let expected = truth[figures.id] as? [String: Int] ?? [:]
            let actual = Dictionary(uniqueKeysWithValues: figures.choices.filter { $0.count > 0 }.map { ($0.id, $0.count) })
            XCTAssertEqual(actual, expected, "\(context), \(figures.id)", file: file, line: line)
        }
    }

    func testTheStoredRowPathGivesTheSameSummaryAsResponses() throws {
        let export = try GeneratedExport.make(layout: "limesurvey", rows: 700, seed: 3, in: directory)
        let store = try store(export, name: "paths")
        let codebook = CodebookFile(file: "inline", themes: [
            .init(name: "Housing", keywords: ["housing", "bostäder"]),
            .init(name: "Transport", keywords: ["transport", "kollektivtrafik"]),
        ])
        let filters = try SummaryFilters.parse(survey: survey, where: ["focus=housing"], by: "city")
        let options = AnalysisOptions(language: "sv", filters: filters, codebook: codebook)
        let analyzer = Analyzer(survey: survey, options: options)
        let fromRows = try analyzer.summarize(store: store)
        let fromResponses = try analyzer.summarize(try store.responses(.init(surveyID: survey.id)))
        XCTAssertGreaterThan(fromRows.responses, 0)
        XCTAssertEqual(fromRows, fromResponses)
    }
}
