import XCTest
@testable import SamlaKit

/// The terminal view: aligned columns, bars that measure the share, scale order, and Samla's own
/// words in the summary's language.
final class SummaryTextTests: XCTestCase {
    private var survey: Survey!

    override func setUpWithError() throws {
        survey = try AnalysisFixture.survey()
    }

    private func render(_ answers: [Answers], language: String = "en", by: String? = nil) throws -> String {
        let options = AnalysisOptions(language: language, filters: try SummaryFilters.parse(survey: survey, by: by))
        let summary = try Analyzer(survey: survey, options: options).summarize(answers.map { AnalysisFixture.response(survey, $0) })
        return SummaryText().render(summary)
    }

    private func lines(of text: String, after heading: String, count: Int) -> [String] {
        let all = text.components(separatedBy: "\n")
        guard let start = all.firstIndex(where: { $0.contains(heading) }) else { return [] }
        return Array(all[(start + 2)...].prefix(count))
    }

    func testBarsMeasureTheShareInEighthsOfACell() {
        let view = SummaryText(barWidth: 20)
        XCTAssertEqual(view.bar(0.5), String(repeating: "█", count: 10))
        XCTAssertEqual(view.bar(1), String(repeating: "█", count: 20))
        XCTAssertEqual(view.bar(0.0625), "█▎", "ten eighths: a full cell and a quarter")
        XCTAssertEqual(view.bar(0), "")
        XCTAssertEqual(view.bar(1.7), String(repeating: "█", count: 20), "capped at a full bar")
    }

    func testChoiceRowsAlignTheirColumnsAndKeepDefinitionOrder() throws {
        let answers: [Answers] = Array(repeating: ["role": .choice("b")], count: 12) + [["role": .choice("a")]]
            + Array(repeating: ["role": .other("Konsult")], count: 3)
        let text = try render(answers)
        let rows = lines(of: text, after: "1. Your role", count: 3)
        XCTAssertTrue(rows[0].hasPrefix("   Alpha ") && rows[1].hasPrefix("   Beta ") && rows[2].hasPrefix("   Other "), "\(rows)")
        let percentColumns = rows.map { $0.distance(from: $0.startIndex, to: $0.firstIndex(of: "%")!) }
        XCTAssertEqual(Set(percentColumns).count, 1, "percent signs line up:\n\(rows.joined(separator: "\n"))")
        let barColumns = rows.map { row in row.distance(from: row.startIndex, to: row.firstIndex(where: { "█▏▎▍▌▋▊▉".contains($0) })!) }
        XCTAssertEqual(Set(barColumns).count, 1, "bars start together")
        XCTAssertTrue(rows[1].contains("12  75.0%"), rows[1])
        XCTAssertTrue(rows[1].contains(String(repeating: "█", count: 15)), rows[1])
        XCTAssertTrue(text.contains("“Konsult” 3"), text)
    }

    func testScalesAreShownInScaleOrderWhateverTheCounts() throws {
        let text = try render([5, 5, 5, 1, 3].map { ["rating": .number($0)] })
        let rows = lines(of: text, after: "4. Rating", count: 6)
        XCTAssertEqual(rows.map { $0.split(separator: " ").first.map(String.init) }, ["1", "2", "3", "4", "5", "mean"])
        XCTAssertTrue(rows[0].contains("Bad") && rows[4].contains("Good"))
        XCTAssertTrue(rows[5].contains("median 5") && rows[5].contains("top two 60.0%"), rows[5])
    }

    func testSwedishViewUsesSwedishWordsNumbersAndLabels() throws {
        let answers: [Answers] = (0..<1_500).map { i in
            ["role": .choice(i % 3 == 0 ? "a" : "b"), "staff": .number(Double(i % 7) + 0.5),
             "topics": .choices(["x", "y"], other: nil)]
        }
        let text = try render(answers, language: "sv", by: "role")
        XCTAssertTrue(text.hasPrefix("Analysfixtur — 1\u{00A0}500 svar"), String(text.prefix(60)))
        XCTAssertTrue(text.contains("1. Din roll"))
        XCTAssertTrue(text.contains("Alfa"))
        XCTAssertTrue(text.contains("33,3\u{00A0}%"), text)
        XCTAssertTrue(text.contains("medel 3,5") && text.contains("kvartiler"), text)
        XCTAssertTrue(text.contains("andel av dem som svarade; kan summera till mer än 100 %"))
        XCTAssertTrue(text.contains("Korstabell efter Din roll (role)"))
        // x and y are chosen by everyone, so neither can be tested: the note says so, in Swedish.
        XCTAssertTrue(text.contains("inget test: inget val kunde testas för sig"), "no-test note in Swedish")
        XCTAssertFalse(text.contains("responses") || text.contains("mean "), "no English words in the Swedish view")
    }

    func testPersonalRemovedAndNotShownAreSaidPlainly() throws {
        let text = try render([["role": .choice("a"), "email": .text("a@example.se"), "legacy": .number(2)], ["role": .choice("b")]])
        XCTAssertTrue(text.contains("personal data: counted, never analysed or quoted"))
        XCTAssertFalse(text.contains("a@example.se"))
        XCTAssertTrue(text.contains("Answers to questions no longer in the survey"))
        XCTAssertTrue(text.contains("legacy: 1 answer: 2"), text)
        XCTAssertTrue(text.contains("not shown to 1 (show_if)"), "why-b is hidden from the a response")
        XCTAssertTrue(text.contains("1 of 1 shown answered") == false && text.contains("shown to 1 · answered by 0"), text)
    }

    func testSmallExpectedCellsAreMarkedInTheCrosstab() throws {
        let text = try render([
            ["role": .choice("a"), "topics": .choices(["x"], other: nil)],
            ["role": .choice("b"), "topics": .choices(["y"], other: nil)],
        ], by: "role")
        XCTAssertTrue(text.contains("Cross-tab by Your role (role)"))
        XCTAssertTrue(text.contains("100.0%*"), text)
        XCTAssertTrue(text.contains("* expected count under 5: too few for the chi-square test"))
    }
}
