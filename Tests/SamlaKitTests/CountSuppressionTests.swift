import XCTest
@testable import SamlaKit

/// `Summary.suppressingCounts(below:)`: small counts hidden, and further cells hidden so that a
/// shown total minus the shown cells never gives a hidden one back.
final class CountSuppressionTests: XCTestCase {
    private func single(_ counts: [Int], other: Int? = nil, type: QuestionType = .singleChoice, id: String = "q") -> QuestionSummary {
        let answered = counts.reduce(0, +) + (other ?? 0)
        return QuestionSummary(
            id: id, type: type, text: "Q", personal: false, shown: answered, answered: answered,
            choices: counts.enumerated().map { ChoiceCount(id: "c\($0)", label: "C\($0)", count: $1, share: Double($1) / Double(max(answered, 1))) },
            other: other.map { OtherAnswers(count: $0, share: 0.1, texts: [TextCount(text: "rare", count: 1), TextCount(text: "common", count: 6)]) },
            meanChoices: type == .multipleChoice ? 1.4 : nil,
            statistics: NumberStatistics(n: answered, mean: 2, median: 2, min: 1, max: 9))
    }

    private func summary(_ questions: [QuestionSummary], crosstab: Crosstab? = nil) -> Summary {
        Summary(surveyID: "s", title: "S", language: "en", responses: 20, filters: SummaryFilters(), questions: questions, crosstab: crosstab)
    }

    private func hidden(_ question: QuestionSummary?) -> [Bool] {
        (question?.choices.map(\.suppressed) ?? []) + (question?.other.map { [$0.suppressed] } ?? [])
    }

    func testSmallCountsHideAndTheRestStay() throws {
        let result = summary([single([9, 4, 1])]).suppressingCounts(below: 5)
        let question = try XCTUnwrap(result.questions.first)
        XCTAssertEqual(hidden(question), [false, true, true], "two hidden cells adding up to 5 keep each other safe")
        XCTAssertEqual(question.choices.map(\.count), [9, 0, 0], "a hidden count is not kept anywhere")
        XCTAssertEqual(question.choices[1].share, 0)
        XCTAssertEqual(result.suppression?.text, "<5")
        XCTAssertNil(question.statistics?.min, "a minimum is one person's answer")
        XCTAssertNil(question.statistics?.max)
        XCTAssertEqual(question.statistics?.mean, 2)
    }

    func testALoneHiddenCellTakesTheSmallestShownOneWithIt() throws {
        XCTAssertEqual(hidden(summary([single([10, 3])]).suppressingCounts(below: 5).questions.first), [true, true],
                       "13 answered minus 10 would give the 3 back")
        XCTAssertEqual(hidden(summary([single([6, 7, 2, 0])]).suppressingCounts(below: 5).questions.first), [true, false, true, false],
                       "the smallest non-zero shown cell goes with it; a zero stays")
        XCTAssertEqual(hidden(summary([single([5, 7, 1, 2])]).suppressingCounts(below: 5).questions.first), [true, false, true, true],
                       "1 + 2 = 3 would still say both are tiny: one more goes")
        XCTAssertEqual(hidden(summary([single([9, 8], other: 2)]).suppressingCounts(below: 5).questions.first), [false, true, true],
                       "'other' is a cell of the table like any choice")
    }

    func testOtherTextsWrittenRarelyGoAndAHiddenOtherKeepsNoTexts() throws {
        let shown = try XCTUnwrap(summary([single([9, 8], other: 7)]).suppressingCounts(below: 5).questions.first)
        XCTAssertEqual(shown.other?.texts.map(\.text), ["common"])
        let hiddenOther = try XCTUnwrap(summary([single([9, 8], other: 2)]).suppressingCounts(below: 5).questions.first)
        XCTAssertEqual(hiddenOther.other?.texts, [])
    }

    func testMultipleChoiceCellsHideAloneButTheMeanNumberOfChoicesGoes() throws {
        let question = try XCTUnwrap(summary([single([9, 1, 6], type: .multipleChoice)]).suppressingCounts(below: 5).questions.first)
        XCTAssertEqual(hidden(question), [false, true, false], "multiple-choice cells add up to no shown total")
        XCTAssertNil(question.meanChoices, "mean × answered would give their sum, and so the hidden cell")
    }

    func testAnswersNamingRemovedChoicesHideToo() throws {
        var question = single([9, 8])
        question.removedChoices = [ChoiceCount(id: "old", label: "old", count: 2, share: 0.1),
                                   ChoiceCount(id: "older", label: "older", count: 6, share: 0.3)]
        let result = try XCTUnwrap(summary([question]).suppressingCounts(below: 5).questions.first)
        XCTAssertEqual(result.removedChoices.map(\.suppressed), [true, false])
        XCTAssertEqual(result.removedChoices.map(\.count), [0, 6])
    }

    func testAQuestionAnsweredByFewHidesEverything() throws {
        let question = try XCTUnwrap(summary([single([3, 1])]).suppressingCounts(below: 5).questions.first)
        XCTAssertEqual(hidden(question), [true, true])
        XCTAssertNil(question.statistics)
    }

    func testTheThresholdIsAParameter() throws {
        XCTAssertEqual(hidden(summary([single([9, 4, 1])]).suppressingCounts(below: 2).questions.first), [false, true, true],
                       "below 2 only the 1 is small, and it takes the 4 along")
        let strict = summary([single([12, 9, 10])]).suppressingCounts(below: 10)
        XCTAssertEqual(hidden(strict.questions.first), [false, true, true], "9 hides at 10, and takes the smallest shown (10) along")
        XCTAssertEqual(strict.suppression?.text, "<10")
    }

    func testTheCrosstabHidesUntilNoRowOrColumnGivesACellBack() throws {
        // Group 1: a 6, b 3; group 2: a 7, b 8. The 3 alone would come back from its row's total
        // (11) and its column's (9): both rows and both columns need a second hidden cell.
        let overall = single([13, 11])
        let crosstab = Crosstab(by: "g", byText: "G", groups: [
            CrosstabGroup(id: "g1", label: "G1", responses: 9, questions: [single([6, 3])]),
            CrosstabGroup(id: "g2", label: "G2", responses: 15, questions: [single([7, 8])]),
        ], tests: [:])
        let result = summary([overall], crosstab: crosstab).suppressingCounts(below: 5)
        let groups = try XCTUnwrap(result.crosstab?.groups)
        let cells = groups.map { hidden($0.questions.first) }
        XCTAssertTrue(cells[0][1], "the 3 itself")
        for row in 0..<2 {
            XCTAssertNotEqual(cells.filter { $0[row] }.count, 1, "row \(row): \(cells)")
        }
        for column in cells {
            XCTAssertNotEqual(column.filter { $0 }.count, 1, "column: \(cells)")
        }
        XCTAssertEqual(hidden(result.questions.first), [false, false], "the total column shows 13 and 11: nothing small")
    }

    func testALargerCrosstabKeepsWhatItCan() throws {
        // Three groups; one small cell. Its row and column each take one more, and nothing else goes.
        let crosstab = Crosstab(by: "g", byText: "G", groups: [
            CrosstabGroup(id: "g1", label: "G1", responses: 22, questions: [single([20, 2, 30])]),
            CrosstabGroup(id: "g2", label: "G2", responses: 30, questions: [single([25, 10, 40])]),
            CrosstabGroup(id: "g3", label: "G3", responses: 30, questions: [single([30, 12, 50])]),
        ], tests: [:])
        let result = summary([single([75, 24, 120])], crosstab: crosstab).suppressingCounts(below: 5)
        let cells = try XCTUnwrap(result.crosstab?.groups).map { hidden($0.questions.first) }
        XCTAssertEqual(cells.flatMap { $0 }.filter { $0 }.count, 4, "\(cells)")
        XCTAssertEqual(cells[0], [true, true, false])
        XCTAssertEqual(cells[1], [true, true, false])
        XCTAssertEqual(cells[2], [false, false, false])
    }
}
