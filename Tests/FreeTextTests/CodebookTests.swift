import XCTest
@testable import FreeText

final class CodebookTests: XCTestCase {
    let book = Codebook(themes: [
        Theme(name: "Transport", keywords: ["kollektivtrafik", "public transport", "bus"]),
        Theme(name: "Bostäder", keywords: ["bostad", "bostäder", "housing"], stems: ["hyresrätt*"]),
        Theme(name: "Klimat", stems: ["klimat*", "climat*"]),
        Theme(name: "Kultur och fritid", keywords: ["kultur och fritid"]),
    ])

    private func themes(_ answer: String, _ language: Language? = nil) -> [String] {
        book.hits(in: answer, language: language).map { book.themes[$0.theme].name }
    }

    func testKeywordsMatchInflectedAnswersByStem() {
        XCTAssertEqual(themes("Bättre kollektivtrafiken i norr"), ["Transport"])
        XCTAssertEqual(themes("Fler bostäderna och billigare hyresrätter"), ["Bostäder"])
        XCTAssertEqual(themes("More bus lines please"), ["Transport"])
        XCTAssertEqual(themes("Affordable housing"), ["Bostäder"])
    }

    func testPhrasesNeedTheWholeSequenceWithinOneClause() {
        XCTAssertEqual(themes("Invest in public transport"), ["Transport"])
        XCTAssertEqual(themes("Public transports are too expensive"), ["Transport"])
        XCTAssertEqual(themes("Public, transport"), [], "a comma separates the phrase")
        XCTAssertEqual(themes("public and private transport"), [])
        XCTAssertEqual(themes("Mer pengar till kultur och fritid"), ["Kultur och fritid"], "stopwords stay in phrases")
        XCTAssertEqual(themes("kultur, och fritid"), [])
    }

    func testStemPrefixesCatchCompounds() {
        XCTAssertEqual(themes("Klimatomställningen är viktigast"), ["Klimat"])
        XCTAssertEqual(themes("Climate adaptation"), ["Klimat"])
        XCTAssertEqual(themes("Hyresrättsbeståndet krymper"), ["Bostäder"])
    }

    func testSeveralThemesAndHitCounts() {
        let hits = book.hits(in: "Bostäder nära kollektivtrafik, fler bostäder och bussar, klimatsmart")
        XCTAssertEqual(hits.map(\.theme), [0, 1, 2], "themes come in codebook order")
        XCTAssertEqual(hits.map(\.hits), [1, 2, 1])
        XCTAssertEqual(book.hits(in: ""), [])
        XCTAssertEqual(book.hits(in: "Ingenting relevant här"), [])
    }

    func testFixedLanguageLimitsStemming() {
        // A fixed language is respected: only that language's stems are compared.
        XCTAssertEqual(themes("bus", .en), ["Transport"])
        XCTAssertEqual(themes("kollektivtrafiken", .sv), ["Transport"])
        XCTAssertEqual(themes("kollektivtrafiken", .en), [], "the English stemmer leaves -en alone")
    }

    func testCodingCountsAndQuotes() {
        let answers = [
            "Kollektivtrafiken måste bli bättre.",                               // 0: Transport
            "Bättre kollektivtrafik och fler bussar i kollektivtrafiken, tack.", // 1: Transport, 2 hits ("bussar" is Swedish, not "bus")
            "Kollektivtrafik!",                                                  // 2: Transport, too short to be a good quote
            "kollektivtrafiken måste bli bättre",                                 // 3: duplicate of 0 apart from case and punctuation
            "Fler bostäder.",                                                     // 4: Bostäder
            "Public transport and housing for young people.",                    // 5: Transport, Bostäder
            "Inget att tillägga.",                                                // 6: nothing
        ]
        let result = book.code(answers)
        XCTAssertEqual(result.themesPerAnswer, [[0], [0], [0], [0], [1], [0, 1], []])
        XCTAssertEqual(result.answersPerTheme, [5, 2, 0, 0])
        // Most hits first (1), then readable before too short (2), then shorter: 3 is one
        // character shorter than 0, and 0 is then skipped as its duplicate.
        XCTAssertEqual(result.quotes[0], [1, 3, 5])
        XCTAssertEqual(result.quotes[1], [5, 4])
        XCTAssertEqual(result.quotes[2], [])
        XCTAssertEqual(book.code(answers, quotesPerTheme: 1).quotes[0], [1])
        XCTAssertEqual(book.code(answers), result, "deterministic")
    }

    func testQuotePickerOrder() {
        let picker = QuotePicker()
        let candidates = [
            QuotePicker.Candidate(index: 0, text: "Ja", hits: 1),
            QuotePicker.Candidate(index: 1, text: "A reasonably short answer here", hits: 1),
            QuotePicker.Candidate(index: 2, text: "Short and readable one", hits: 1),
            QuotePicker.Candidate(index: 3, text: "  short AND readable one!  ", hits: 1),
            QuotePicker.Candidate(index: 4, text: "   ", hits: 1),
        ]
        XCTAssertEqual(picker.pick(candidates, count: 3), [2, 1, 0])
        XCTAssertEqual(picker.pick(candidates, count: 0), [])
        XCTAssertEqual(picker.pick([], count: 3), [])
    }
}
