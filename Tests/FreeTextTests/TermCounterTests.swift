import XCTest
@testable import FreeText

final class TermCounterTests: XCTestCase {
    func testTermsAreStemsShownInTheirMostUsedForm() {
        var counter = TermCounter(language: .sv)
        counter.add("Kommunerna måste samarbeta.")
        counter.add("Kommunerna och regionen.")
        counter.add("Kommunen borde satsa på kollektivtrafiken.")
        counter.add("Bättre kollektivtrafik, tack!")
        let top = counter.topTerms(3)
        XCTAssertEqual(top[0], TermCounter.Term(key: "kommun", display: "kommunerna", answers: 3, occurrences: 3))
        XCTAssertEqual(top[1], TermCounter.Term(key: "kollektivtrafik", display: "kollektivtrafik", answers: 2, occurrences: 2),
                       "tie between forms goes to the shorter one")
        XCTAssertEqual(counter.answerCount, 4)
        XCTAssertFalse(counter.topTerms(100).contains { ["och", "på", "måste", "borde"].contains($0.display) },
                       "stopwords are not terms")
    }

    func testAnswersVersusOccurrences() {
        var counter = TermCounter(language: .en)
        counter.add("Housing housing housing, housing!")
        counter.add("Transport is key.")
        counter.add("Transport and funding.")
        let byAnswers = counter.topTerms(2, by: .answers)
        XCTAssertEqual(byAnswers.map(\.display), ["transport", "housing"])
        XCTAssertEqual(byAnswers[1].answers, 1)
        XCTAssertEqual(byAnswers[1].occurrences, 4)
        XCTAssertEqual(counter.topTerms(1, by: .occurrences).map(\.display), ["housing"])
    }

    func testEnglishInflectionsMerge() {
        var counter = TermCounter(language: .en)
        counter.add("More cities should cooperate")
        counter.add("City planning")
        counter.add("Cities and communities")
        let top = counter.topTerms(1)[0]
        XCTAssertEqual(top.key, "citi")
        XCTAssertEqual(top.display, "cities")
        XCTAssertEqual(top.answers, 3)
    }

    func testBigramsNeedAdjacentContentWords() {
        var counter = TermCounter(language: .sv)
        counter.add("Bättre kollektivtrafik i norr")        // bättre kollektivtrafik; "i" breaks the rest
        counter.add("bättre kollektivtrafik, nya bostäder")  // the comma breaks kollektivtrafik|nya
        counter.add("Kollektivtrafik norr")                  // kollektivtrafik norr
        counter.add("bättre 2025 kollektivtrafik")           // the number breaks the pair
        let bigrams = counter.topBigrams(10)
        XCTAssertEqual(bigrams.first, TermCounter.Term(key: "bättr kollektivtrafik", display: "bättre kollektivtrafik",
                                                       answers: 2, occurrences: 2))
        let displays = Set(bigrams.map(\.display))
        XCTAssertEqual(displays, ["bättre kollektivtrafik", "nya bostäder", "kollektivtrafik norr"])
    }

    func testLanguageIsGuessedPerAnswer() {
        var counter = TermCounter()
        counter.add("Vi behöver fler bostäder för unga")  // Swedish stemmer: bostäder -> bostäd
        counter.add("We need more housing for the youth")  // English stemmer: housing -> hous
        let keys = Set(counter.topTerms(20).map(\.key))
        XCTAssertTrue(keys.contains("bostäd"), "\(keys)")
        XCTAssertTrue(keys.contains("hous"), "\(keys)")
        XCTAssertTrue(keys.contains("youth"), "\(keys)")
        XCTAssertFalse(keys.contains("the") || keys.contains("för"))
    }

    func testNumbersLinksAndShortWordsAreNotTerms() {
        var counter = TermCounter(language: .en)
        counter.add("Funding: https://example.org/funding-call or mail a@b.se, 2025 x y z funding")
        XCTAssertEqual(counter.topTerms(10), [
            TermCounter.Term(key: "fund", display: "funding", answers: 1, occurrences: 2),
            TermCounter.Term(key: "mail", display: "mail", answers: 1, occurrences: 1),
        ])
    }

    func testAddTokensWithKnownLanguage() {
        var counter = TermCounter()
        counter.add(tokens: Tokenizer().tokens(in: "Innovationer, innovation 42 innovationerna"), language: .sv)
        XCTAssertEqual(counter.topTerms(5), [TermCounter.Term(key: "innovation", display: "innovation", answers: 1, occurrences: 3)])
        XCTAssertEqual(counter.topBigrams(5), [], "comma and number separate every pair")
    }

    func testEmptyCounter() {
        let counter = TermCounter()
        XCTAssertEqual(counter.topTerms(), [])
        XCTAssertEqual(counter.topBigrams(), [])
        XCTAssertEqual(counter.termCount, 0)
    }

    func testRankingIsDeterministicOnTies() {
        var a = TermCounter(language: .en)
        var b = TermCounter(language: .en)
        let answers = ["zebra apple", "mango kiwi", "apple zebra kiwi mango"]
        for x in answers { a.add(x) }
        for x in answers.reversed() { b.add(x) }
        XCTAssertEqual(a.topTerms(10).map(\.display), b.topTerms(10).map(\.display))
        XCTAssertEqual(a.topTerms(10).map(\.display), ["apple", "kiwi", "mango", "zebra"])
    }
}
