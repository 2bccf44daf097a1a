import Foundation
import XCTest
@testable import SamlaKit

/// The store's fast row path against the general one on rows that leave the common shape: removed
/// questions and choices, escaped text, a type the definition changed, empty selections.
final class AnalyzerStoredRowsTests: XCTestCase {
    func testUnusualRowsGiveTheSameSummaryFromTheStoreAsFromResponses() throws {
        let directory = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let survey = try AnalysisFixture.survey()
        let answers: [Answers] = [
            ["role": .choice("a"), "topics": .choices(["x", "retired"], other: "Vatten \"och\" luft\n"), "old": .choice("q")],
            ["role": .choice("gone"), "topics": .choices([], other: nil), "thoughts": .text("Tab\there, quote \" and ✓ \u{1F680}")],
            ["role": .other("Konsult\\bolag"), "rating": .text("five"), "staff": .number(2.5), "follow-up": .number(-3)],
            ["role": .choice("b"), "why-b": .text("Därför"), "rating": .number(5), "follow-up": .number(1e6),
             "gender": .other("private"), "email": .text("")],
            ["topics": .choice("x"), "thoughts": .text(""), "email": .text("x@example.se")],
            [:],
        ]
        let responses = answers.map { AnalysisFixture.response(survey, $0) }
        let store = try ResponseStore(path: directory.appendingPathComponent("rows.sqlite").path)
        try store.write { writer in
            try writer.register(survey)
            for response in responses { try writer.insert(response) }
        }
        for by in [nil, "role"] {
            let options = AnalysisOptions(filters: try SummaryFilters.parse(survey: survey, by: by),
                                          codebook: CodebookFile(file: "c", themes: [.init(name: "Q", keywords: ["quote"])]))
            let analyzer = Analyzer(survey: survey, options: options)
            let fromStore = try analyzer.summarize(store: store)
            XCTAssertEqual(fromStore, try analyzer.summarize(responses))
            XCTAssertEqual(fromStore.responses, 6)
            XCTAssertEqual(fromStore.removedQuestions.map(\.id), ["old", "rating"])
            XCTAssertEqual(fromStore.question("topics")?.removedChoices.map(\.id), ["retired"])
            XCTAssertEqual(fromStore.question("topics")?.other?.texts.first?.text, "Vatten \"och\" luft\n")
            XCTAssertEqual(fromStore.question("email")?.answered, 1)
            XCTAssertEqual(fromStore.question("gender")?.other?.count, 1)
        }
    }
}
