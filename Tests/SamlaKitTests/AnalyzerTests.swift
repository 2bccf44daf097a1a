import Foundation
import XCTest
@testable import SamlaKit

/// Figures worked out by hand on small response sets: visibility, removed answers, choice shares,
/// scales, numbers, free text, personal questions and the selection.
final class AnalyzerTests: XCTestCase {
    private var survey: Survey!

    override func setUpWithError() throws {
        survey = try AnalysisFixture.survey()
    }

    private func summarize(_ answers: [Answers], options: AnalysisOptions = AnalysisOptions()) throws -> Summary {
        try Analyzer(survey: survey, options: options).summarize(answers.map { AnalysisFixture.response(survey, $0) })
    }

    func testShowIfSeparatesNotShownFromShownAndLeftBlank() throws {
        let summary = try summarize([
            // A stale answer to why-b under role a: hidden, so neither shown nor answered.
            ["role": .choice("a"), "why-b": .text("left over")],
            ["role": .choice("b"), "why-b": .text("Because")],
            ["role": .choice("b")],
            ["role": .other("Consultant")],
            [:],
        ])
        let whyB = try XCTUnwrap(summary.question("why-b"))
        XCTAssertEqual([whyB.shown, whyB.answered, whyB.notShown], [2, 1, 3])
        let role = try XCTUnwrap(summary.question("role"))
        XCTAssertEqual([role.shown, role.answered, role.notShown], [5, 4, 0])
        // A condition on a number: follow-up shows from rating 4 up.
        let ratings = try summarize([["rating": .number(4), "follow-up": .number(2)], ["rating": .number(3), "follow-up": .number(9)],
                                     ["rating": .number(5)], [:]])
        let followUp = try XCTUnwrap(ratings.question("follow-up"))
        XCTAssertEqual([followUp.shown, followUp.answered, followUp.notShown], [2, 1, 2])
        XCTAssertEqual(followUp.statistics?.mean, 2, "the hidden 9 is not counted")
    }

    func testAnswersTheDefinitionNoLongerHasAreReportedApartNeverDropped() throws {
        let summary = try summarize([
            ["role": .choice("gone"), "topics": .choices(["x", "retired"], other: nil), "old-question": .choice("q1")],
            ["role": .choice("a"), "topics": .choices(["retired"], other: nil), "old-question": .number(3)],
            ["rating": .text("five"), "old-question": .text("free words")],
        ])
        let role = try XCTUnwrap(summary.question("role"))
        XCTAssertEqual(role.answered, 2)
        XCTAssertEqual(role.choices.map(\.count), [1, 0])
        XCTAssertEqual(role.removedChoices.map(\.id), ["gone"])
        XCTAssertEqual(role.removedChoices.first?.share, 0.5)
        let topics = try XCTUnwrap(summary.question("topics"))
        XCTAssertEqual(topics.answered, 2, "a selection of only a removed choice is still an answer")
        XCTAssertEqual(topics.removedChoices.map { "\($0.id)=\($0.count)" }, ["retired=2"])
        XCTAssertEqual(topics.choices.first?.count, 1)
        XCTAssertEqual(summary.removedQuestions.map(\.id), ["old-question", "rating"])
        let old = summary.removedQuestions[0]
        XCTAssertEqual(old.answered, 3)
        XCTAssertEqual(old.examples, ["q1", "3"], "free text is not quoted")
        XCTAssertEqual(summary.question("rating")?.answered, 0, "a text under a scale question does not count as a scale answer")
    }

    func testMultipleChoiceSharesAreOfRespondentsAndMaySumPastOne() throws {
        let summary = try summarize([
            ["topics": .choices(["x", "y"], other: nil)],
            ["topics": .choices(["x", "y", "z"], other: nil)],
            ["topics": .choices(["x"], other: nil)],
            ["topics": .choices([], other: "Water")],
            ["topics": .choices([], other: nil)],
        ])
        let topics = try XCTUnwrap(summary.question("topics"))
        XCTAssertEqual(topics.answered, 4, "an empty selection is not an answer")
        XCTAssertEqual(topics.choices.map(\.share), [0.75, 0.5, 0.25])
        XCTAssertEqual(topics.other?.share, 0.25)
        XCTAssertEqual(topics.other?.texts, [TextCount(text: "Water", count: 1)])
        XCTAssertGreaterThan(topics.choices.map(\.share).reduce(0, +), 1)
        XCTAssertEqual(topics.meanChoices, 7.0 / 4.0)
        // 3 of 4: scipy.stats.binomtest(3, 4).proportion_ci(method='wilson') = (0.30064184258142463, 0.9544127391902995)
        XCTAssertEqual(topics.choices[0].interval?.lowerBound ?? 0, 0.30064184258142463, accuracy: 1e-12)
        XCTAssertEqual(topics.choices[0].interval?.upperBound ?? 0, 0.9544127391902995, accuracy: 1e-12)
    }

    func testSingleChoiceCountsEveryChoiceInDefinitionOrderWithOtherTexts() throws {
        let summary = try summarize([
            ["role": .choice("b")], ["role": .choice("b")], ["role": .other("Consultant")], ["role": .other("Consultant")],
            ["role": .other("Student")], ["role": .choice("")],
        ])
        let role = try XCTUnwrap(summary.question("role"))
        XCTAssertEqual(role.answered, 5, "an empty choice id is not an answer")
        XCTAssertEqual(role.choices.map(\.id), ["a", "b"], "definition order, not count order")
        XCTAssertEqual(role.choices.map(\.count), [0, 2])
        XCTAssertEqual(role.choices.map(\.label), ["Alpha", "Beta"])
        XCTAssertEqual(role.other?.count, 3)
        XCTAssertEqual(role.other?.texts, [TextCount(text: "Consultant", count: 2), TextCount(text: "Student", count: 1)])
        XCTAssertEqual(role.choices[0].interval?.lowerBound, 0, "0 of n has a lower bound of exactly 0")
    }

    func testScaleKeepsScaleOrderAndOffScaleValues() throws {
        let values: [Double] = [5, 1, 2, 2, 4, 5, 7]
        let summary = try summarize(values.map { ["rating": .number($0)] })
        let rating = try XCTUnwrap(summary.question("rating"))
        XCTAssertEqual(rating.distribution.map(\.value), [1, 2, 3, 4, 5, 7])
        XCTAssertEqual(rating.distribution.map(\.count), [1, 2, 0, 1, 2, 1])
        XCTAssertEqual(rating.distribution.first?.label, "Bad")
        XCTAssertEqual(rating.distribution[4].label, "Good")
        XCTAssertNil(rating.distribution[5].label)
        // Python: statistics.fmean/median/stdev([1,2,2,4,5,5,7]) = 3.7142857142857144, 4, 2.138089935299395;
        // numpy.quantile(..., [.25, .75]) = [2, 5].
        let s = try XCTUnwrap(rating.statistics)
        XCTAssertEqual(s.n, 7)
        XCTAssertEqual(s.mean ?? 0, 3.7142857142857144, accuracy: 1e-12)
        XCTAssertEqual(s.median, 4)
        XCTAssertEqual(s.standardDeviation ?? 0, 2.138089935299395, accuracy: 1e-12)
        XCTAssertEqual([s.min, s.max, s.lowerQuartile, s.upperQuartile], [1, 7, 2, 5])
        XCTAssertEqual(rating.topTwoBox ?? 0, 3.0 / 7.0, accuracy: 1e-15)
    }

    func testNumbersGiveQuartilesAndTheMedianOfEveryValue() throws {
        let summary = try summarize([100, 3, 1, 4, 2].map { ["staff": .number($0)] } + [[:]])
        let s = try XCTUnwrap(summary.question("staff")?.statistics)
        // Python: statistics.stdev([1,2,3,4,100]) = 43.617656975128774; numpy.quantile(..., [.25,.5,.75]) = [2, 3, 4].
        XCTAssertEqual(s.n, 5)
        XCTAssertEqual(s.mean, 22)
        XCTAssertEqual(s.median, 3)
        XCTAssertEqual(s.standardDeviation ?? 0, 43.617656975128774, accuracy: 1e-12)
        XCTAssertEqual([s.min, s.max, s.lowerQuartile, s.upperQuartile], [1, 100, 2, 4])
        XCTAssertEqual(summary.question("staff")?.answered, 5)
    }

    func testFreeTextTermsKeepSwedishLettersAndShowTheMostUsedForm() throws {
        let summary = try summarize([
            ["thoughts": .text("Bättre kollektivtrafik i Umeå och Örnsköldsvik.")],
            ["thoughts": .text("Kollektivtrafiken måste bli bättre!")],
            ["thoughts": .text("Mer kollektivtrafik, tack.")],
            ["thoughts": .text("Better public transport in the north would help.")],
            ["thoughts": .text("")],
        ])
        let thoughts = try XCTUnwrap(summary.question("thoughts"))
        XCTAssertEqual(thoughts.answered, 4)
        let figures = try XCTUnwrap(thoughts.textFigures)
        XCTAssertEqual(figures.terms.first, TermCount(term: "kollektivtrafik", count: 3),
                       "one stem for kollektivtrafik/kollektivtrafiken, shown as the form used twice")
        let terms = Set(figures.terms.map(\.term))
        XCTAssertTrue(terms.isSuperset(of: ["umeå", "örnsköldsvik", "bättre"]), "\(terms)")
        XCTAssertFalse(terms.contains("och") || terms.contains("the") || terms.contains("in"), "stopwords are not terms")
        XCTAssertTrue(figures.bigrams.contains(TermCount(term: "bättre kollektivtrafik", count: 1)), "\(figures.bigrams)")
        XCTAssertTrue(figures.bigrams.contains(TermCount(term: "public transport", count: 1)))
        XCTAssertEqual(figures.languages["sv"], 3)
        XCTAssertEqual(figures.languages["en"], 1)
        XCTAssertNil(figures.themes, "no codebook, no themes")
    }

    func testPersonalQuestionsAreCountedButNeverAnalysedOrQuoted() throws {
        let summary = try summarize([
            ["email": .text("anna@example.se"), "gender": .other("Nonbinary person named Kim")],
            ["email": .text("bo@example.se"), "gender": .choice("m")],
        ], options: AnalysisOptions(codebook: CodebookFile(file: "c", themes: [.init(name: "Names", keywords: ["kim", "anna"])])))
        let email = try XCTUnwrap(summary.question("email"))
        XCTAssertEqual(email.answered, 2)
        XCTAssertTrue(email.personal)
        XCTAssertNil(email.textFigures)
        let gender = try XCTUnwrap(summary.question("gender"))
        XCTAssertEqual(gender.other?.count, 1)
        XCTAssertEqual(gender.other?.texts, [], "a personal question's other text is never quoted")
        let json = SummaryJSON.render(summary)
        XCTAssertFalse(json.contains("anna@example.se") || json.contains("Kim"), json)
        XCTAssertFalse(SummaryText().render(summary).contains("Kim"))
    }

    func testCodebookGivesCountsSharesQuotesAndUncoded() throws {
        let codebook = CodebookFile(file: "inline", themes: [
            .init(name: "Transport", keywords: ["kollektivtrafik", "public transport"]),
            .init(name: "Climate", stems: ["klimat*"]),
        ])
        let summary = try summarize([
            ["thoughts": .text("Bättre kollektivtrafik i Umeå.")],
            ["thoughts": .text("Kollektivtrafiken och klimatomställningen hänger ihop.")],
            ["thoughts": .text("Public transports everywhere, please.")],
            ["thoughts": .text("Klimatet först.")],
            ["thoughts": .text("Fika!")],
        ], options: AnalysisOptions(codebook: codebook))
        let figures = try XCTUnwrap(summary.question("thoughts")?.textFigures)
        let themes = try XCTUnwrap(figures.themes)
        XCTAssertEqual(themes.map(\.name), ["Transport", "Climate"])
        XCTAssertEqual(themes.map(\.count), [3, 2])
        XCTAssertEqual(themes.map(\.share), [0.6, 0.4])
        XCTAssertEqual(Set(themes[0].quotes), ["Bättre kollektivtrafik i Umeå.", "Kollektivtrafiken och klimatomställningen hänger ihop.",
                                               "Public transports everywhere, please."])
        XCTAssertEqual(Set(themes[1].quotes), ["Kollektivtrafiken och klimatomställningen hänger ihop.", "Klimatet först."])
        XCTAssertEqual(figures.uncoded, 1)
    }

    func testQuotesOverManyBatchesAreThoseOfOnePickOverAllAnswers() throws {
        // More answers than one coding batch, with the best quotes late: batching must not lose them.
        var answers: [String] = (0..<5_000).map { "kollektivtrafik nummer \($0) och lite till om allt möjligt annat här" }
        answers.append("Kollektivtrafik, kollektivtrafik!")
        answers.append("Mer kollektivtrafik och bättre kollektivtrafik nu")
        let codebook = CodebookFile(file: "inline", themes: [.init(name: "Transport", keywords: ["kollektivtrafik"])])
        let summary = try summarize(answers.map { ["thoughts": .text($0)] }, options: AnalysisOptions(codebook: codebook))
        let theme = try XCTUnwrap(summary.question("thoughts")?.textFigures?.themes?.first)
        let direct = codebook.codebook.code(answers).quotes[0].map { answers[$0] }
        XCTAssertEqual(theme.quotes, direct)
        XCTAssertEqual(theme.count, answers.count)
    }

    func testDraftsOtherSurveysAndOtherSessionsAreNotCounted() throws {
        let responses = [
            AnalysisFixture.response(survey, ["role": .choice("a")], session: "Umeå"),
            AnalysisFixture.response(survey, ["role": .choice("b")], session: "Luleå"),
            AnalysisFixture.response(survey, ["role": .choice("b")], session: nil),
            AnalysisFixture.response(survey, ["role": .choice("a")], session: "Umeå", status: .draft),
            Response(surveyID: "another", definitionHash: "", session: "Umeå", answers: ["role": .choice("a")]),
        ]
        XCTAssertEqual(try Analyzer(survey: survey).summarize(responses).responses, 3)
        let umea = AnalysisOptions(filters: try SummaryFilters.parse(survey: survey, sessions: ["Umeå"]))
        XCTAssertEqual(try Analyzer(survey: survey, options: umea).summarize(responses).responses, 1)
        let either = AnalysisOptions(filters: try SummaryFilters.parse(survey: survey, sessions: ["Umeå", "Luleå"]))
        XCTAssertEqual(try Analyzer(survey: survey, options: either).summarize(responses).responses, 2)
    }

    func testWhereOnOtherAndOnAMultipleChoiceAndLabelsInTheChosenLanguage() throws {
        let answers: [Answers] = [
            ["role": .other("Consultant"), "topics": .choices(["x"], other: nil)],
            ["role": .choice("a"), "topics": .choices(["x", "y"], other: nil)],
            ["role": .choice("a"), "topics": .choices(["y"], other: "Water")],
        ]
        let other = try SummaryFilters.parse(survey: survey, where: ["role=other"])
        XCTAssertEqual(try summarize(answers, options: AnalysisOptions(filters: other)).responses, 1)
        let includesX = try SummaryFilters.parse(survey: survey, where: ["topics=x", "role=Alfa"])
        let summary = try summarize(answers, options: AnalysisOptions(language: "sv", filters: includesX))
        XCTAssertEqual(summary.responses, 1)
        XCTAssertEqual(summary.question("role")?.choices.map(\.label), ["Alfa", "Beta"])
        XCTAssertEqual(summary.question("topics")?.text, "Ämnen")
        XCTAssertEqual(summary.language, "sv")
        let topicsOther = try SummaryFilters.parse(survey: survey, where: ["topics=other"])
        XCTAssertEqual(try summarize(answers, options: AnalysisOptions(filters: topicsOther)).responses, 1)
    }

    func testCrosstabGivesColumnPercentsAndFlagsSmallExpectedCells() throws {
        let answers: [Answers] = [
            ["role": .choice("a"), "topics": .choices(["x"], other: nil)],
            ["role": .choice("a"), "topics": .choices(["x"], other: nil)],
            ["role": .choice("a"), "topics": .choices(["y"], other: nil)],
            ["role": .choice("b"), "topics": .choices(["y"], other: nil)],
            ["role": .other("Consultant"), "topics": .choices(["z"], other: nil)],
        ]
        let options = AnalysisOptions(filters: try SummaryFilters.parse(survey: survey, by: "role"))
        let crosstab = try XCTUnwrap(try summarize(answers, options: options).crosstab)
        XCTAssertEqual(crosstab.groups.map(\.responses), [3, 1], "the 'other' response is in no group")
        let topicsInA = crosstab.groups[0].questions[1]
        XCTAssertEqual(topicsInA.choices.map(\.share), [2.0 / 3.0, 1.0 / 3.0, 0])
        // topics is multiple choice: never tested as a whole, each choice as chosen or not by group.
        // x: [[2, 0], [1, 1]] and y: [[1, 1], [2, 0]] have expected counts under 5 and are 2×2, so
        // Fisher's exact test: scipy.stats.fisher_exact([[2, 0], [1, 1]]).pvalue = 1.0 (both);
        // z was chosen by nobody, so there is nothing to test.
        XCTAssertNil(crosstab.tests["topics"])
        let choiceTests = try XCTUnwrap(crosstab.choiceTests["topics"])
        XCTAssertEqual(choiceTests.map(\.choice), ["x", "y"])
        for test in choiceTests {
            XCTAssertNil(test.chiSquare)
            XCTAssertEqual(try XCTUnwrap(test.exact).pValue, 1.0, accuracy: 1e-12)
            XCTAssertEqual(test.adjustedPValue, 1.0, accuracy: 1e-12)
        }
        XCTAssertEqual(crosstab.smallCells["topics"]?.first, SmallCell(choice: "x", group: "a", expected: 1.5, observed: 2))
    }
}
