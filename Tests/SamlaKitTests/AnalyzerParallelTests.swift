import Foundation
import XCTest
@testable import SamlaKit

/// The store's path reads rows straight from their JSON, deals them out in batches to workers and
/// merges the workers' tallies. Whatever the number of workers and the size of the batches, it must
/// give exactly the summary of the plain path (`SummaryBuilder`, one `Response` at a time, in stored
/// order), also where order matters: quotes, examples of removed answers, display forms of terms.
final class AnalyzerParallelTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Answers with every shape the store's fast path must read or hand over to the general reader
    /// (also what `PostgresSummaryTests` counts in the database).
    /// A codebook whose themes the tricky responses' texts hit.
    static let trickyCodebook = CodebookFile(file: "inline", themes: [
        .init(name: "Transport", keywords: ["kollektivtrafik", "public transport"]),
        .init(name: "Housing", stems: ["bostad*", "bostäd*", "hous*"]),
    ])

    static func trickyResponses(_ survey: Survey, count: Int) -> [Response] {
        let words = ["kollektivtrafik", "Kollektivtrafiken", "bostäder", "BOSTÄDER", "klimat", "klimatet", "housing",
                     "public transport", "cities", "city", "och", "the", "inte", "would", "Cafe\u{301}", "café",
                     "don’t", "children's", "3,5", "2025", "https://www.ri.se/x", "info@vinnova.se", "e-post",
                     "Umeå–Luleå", "Örnsköldsvik", "ÅÄÖ", "Москва", "\u{1112}\u{1161}\u{11AB}", "\u{D55C}", "🚀"]
        let separators = [" ", " ", ", ", ". ", "\n", " - ", "! ", "\t"]
        let others = ["Konsult", "konsult", "Konsult \"AB\"", "back\\slash", "Rad ett\nrad två", "Kim"]
        var state: UInt64 = 2025
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        func text() -> String {
            (0 ..< 1 + next(9)).map { _ in words[next(words.count)] + separators[next(separators.count)] }.joined()
        }
        return (0 ..< count).map { index in
            var answers: Answers = [:]
            switch next(8) {
            case 0: answers["role"] = .other(others[next(others.count)])
            case 1: answers["role"] = .choice("gone")
            case 2: break
            default: answers["role"] = .choice(["a", "b"][next(2)])
            }
            switch next(6) {
            case 0: answers["topics"] = .choices([], other: nil)
            case 1: answers["topics"] = .choices(["x", "retired"], other: others[next(others.count)])
            case 2: answers["topics"] = .choice("y")
            default: answers["topics"] = .choices(["x", "y", "z"].filter { _ in next(2) == 0 }, other: nil)
            }
            if next(2) == 0 { answers["why-b"] = .text(text()) }
            switch next(7) {
            case 0: answers["rating"] = .text("five")
            case 1: answers["rating"] = .number([0, 7, 2.5][next(3)])
            default: answers["rating"] = .number(Double(1 + next(5)))
            }
            if next(3) == 0 { answers["follow-up"] = .number(Double(next(40)) / 4) }
            if next(4) != 0 { answers["staff"] = .number([Double(next(200)), -3, 1e6, 0.1][next(4) == 0 ? next(4) : 0]) }
            if next(5) != 0 { answers["thoughts"] = .text(next(10) == 0 ? "" : text()) }
            if next(3) == 0 { answers["gender"] = next(2) == 0 ? .choice("f") : .other("Kim") }
            if next(3) == 0 { answers["email"] = .text(next(4) == 0 ? "" : "person\(index)@example.se") }
            // A question the definition no longer has: its examples are the first three in stored order.
            if next(4) == 0 { answers["old"] = .choice("q\(next(12))") }
            let status: Response.Status = next(30) == 0 ? .draft : .complete
            return AnalysisFixture.response(survey, answers, session: ["morning", "afternoon"][next(2)], status: status)
        }
    }

    private func store(_ responses: [Response], survey: Survey, name: String) throws -> ResponseStore {
        let store = try ResponseStore(path: directory.appendingPathComponent("\(name).sqlite").path)
        try store.write { writer in
            try writer.register(survey)
            for response in responses { try writer.insert(response) }
        }
        return store
    }

    func testEverySplitOfTheRowsGivesThePlainPathsSummary() throws {
        let survey = try AnalysisFixture.survey()
        let responses = Self.trickyResponses(survey, count: 900)
        let store = try store(responses, survey: survey, name: "tricky")
        let codebook = Self.trickyCodebook
        let optionSets: [(String, AnalysisOptions)] = [
            ("plain", AnalysisOptions()),
            ("by role, codebook", AnalysisOptions(filters: try SummaryFilters.parse(survey: survey, by: "role"), codebook: codebook)),
            ("where topics=x, one session", AnalysisOptions(language: "sv", filters: try SummaryFilters.parse(
                survey: survey, where: ["topics=x"], sessions: ["morning"]), codebook: codebook, topTerms: 40)),
        ]
        for (name, options) in optionSets {
            let analyzer = Analyzer(survey: survey, options: options)
            let plain = try analyzer.summarize(responses)
            XCTAssertGreaterThan(plain.responses, 100, name)
            XCTAssertFalse(plain.question("thoughts")?.textFigures?.bigrams.isEmpty ?? true, name)
            for (workers, batchSize) in [(1, 1_024), (2, 7), (3, 50), (4, 1)] {
                let split = try analyzer.summarize(store: store, workers: workers, batchSize: batchSize)
                XCTAssertEqual(split, plain, "\(name): \(workers) workers, batches of \(batchSize)")
            }
            XCTAssertEqual(try analyzer.summarize(store: store), plain, name)
        }
    }

    func testExamplesOfRemovedAnswersAreTheFirstThreeInStoredOrder() throws {
        let survey = try AnalysisFixture.survey()
        // Later batches hold other values first: a worker's own first three must not win.
        let values = ["q1", "q1", "q2", "q1", "q9", "q3", "q4", "q2", "q5"] + (0 ..< 40).map { "q\(10 + $0)" }
        let responses = values.map { AnalysisFixture.response(survey, ["old": .choice($0)]) }
        let store = try store(responses, survey: survey, name: "removed")
        let summary = try Analyzer(survey: survey).summarize(store: store, workers: 3, batchSize: 2)
        XCTAssertEqual(summary.removedQuestions.first?.examples, ["q1", "q2", "q9"])
        XCTAssertEqual(summary.removedQuestions.first?.answered, values.count)
    }

    func testTheFirstUnreadableRowInStoredOrderIsReported() throws {
        let survey = try AnalysisFixture.survey()
        let responses = (0 ..< 200).map { AnalysisFixture.response(survey, ["staff": .number(Double($0))]) }
        let store = try store(responses, survey: survey, name: "damaged")
        // Damaged rows in different batches, told apart by their errors; the later ones may well
        // be found first.
        let first = #"{"staff":{"n":1}"#
        let later = #"{"staff":{"x":1}}"#
        try (store.database as! SQLiteStoreDatabase).pool.write { db in
            try db.execute(sql: "UPDATE response SET answers = ? WHERE seq = 30", arguments: [first])
            try db.execute(sql: "UPDATE response SET answers = ? WHERE seq IN (31, 32, 33, 150)", arguments: [later])
        }
        var expected = ""
        XCTAssertThrowsError(try AnswerCoding.decode(first)) { expected = "\($0)" }
        XCTAssertThrowsError(try AnswerCoding.decode(later)) { XCTAssertNotEqual("\($0)", expected) }
        for (workers, batchSize) in [(1, 1_024), (3, 10), (2, 1), (4, 1)] {
            XCTAssertThrowsError(try Analyzer(survey: survey).summarize(store: store, workers: workers, batchSize: batchSize)) {
                XCTAssertEqual("\($0)", expected, "\(workers) workers, batches of \(batchSize)")
            }
        }
    }
}
