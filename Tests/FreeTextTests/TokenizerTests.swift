import XCTest
@testable import FreeText

final class TokenizerTests: XCTestCase {
    private func texts(_ s: String, _ tokenizer: Tokenizer = Tokenizer()) -> [String] {
        tokenizer.tokens(in: s).map(\.text)
    }

    func testSwedishAndAccentedLettersStayInsideWords() {
        XCTAssertEqual(texts("Örnsköldsvik, Umeå och Luleå: ÅÄÖ café Müller"),
                       ["örnsköldsvik", "umeå", "och", "luleå", "åäö", "café", "müller"])
    }

    func testDecomposedLettersAreComposed() {
        // "e" + COMBINING ACUTE and "o" + COMBINING DIAERESIS become é and ö, so both spellings
        // give the same token.
        let decomposed = "Cafe\u{301} sto\u{308}d"
        let tokens = Tokenizer().tokens(in: decomposed)
        XCTAssertEqual(tokens.map(\.text), ["café", "stöd"])
        XCTAssertEqual(tokens[1].text, texts("STÖD")[0])
        XCTAssertEqual(tokens[0].surface, "Cafe\u{301}")
    }

    func testOtherScriptsAreWords() {
        XCTAssertEqual(texts("Москва Ελλάδα"), ["москва", "ελλάδα"])
    }

    func testApostrophes() {
        XCTAssertEqual(texts("Don't say it's the children’s 'quoted' students' o’clock"),
                       ["don't", "say", "it's", "the", "children's", "quoted", "students", "o'clock"])
    }

    func testNumbersKeptOrDropped() {
        let tokens = Tokenizer().tokens(in: "Pris 3,5 kr kl. 10:30 år 2025, covid19")
        XCTAssertEqual(tokens.map(\.text), ["pris", "3,5", "kr", "kl", "10:30", "år", "2025", "covid19"])
        XCTAssertEqual(tokens.map(\.kind), [.word, .number, .word, .word, .number, .word, .number, .word])
        let dropped = Tokenizer(dropNumbers: true).tokens(in: "kostar 300 kronor")
        XCTAssertEqual(dropped.map(\.text), ["kostar", "kronor"])
        XCTAssertTrue(dropped[1].startsClause, "a dropped number still separates its neighbours")
    }

    func testURLsAndEmailsStayWhole() {
        let input = "Kontakta marie.karlsson@vinnova.se för mer info, se https://www.ri.se/sv/projekt-x. (www.example.org) och vinnova.se/om"
        let tokens = Tokenizer().tokens(in: input)
        XCTAssertEqual(tokens.filter { $0.kind == .email }.map(\.text), ["marie.karlsson@vinnova.se"])
        XCTAssertEqual(tokens.filter { $0.kind == .url }.map(\.text),
                       ["https://www.ri.se/sv/projekt-x", "www.example.org", "vinnova.se/om"])
        XCTAssertEqual(tokens.filter { $0.kind == .word }.map(\.text),
                       ["kontakta", "för", "mer", "info", "se", "och"])

        let dropped = texts(input, Tokenizer(links: .drop))
        XCTAssertEqual(dropped, ["kontakta", "för", "mer", "info", "se", "och"])
        for junk in ["https", "www", "ri", "karlsson", "vinnova"] {
            XCTAssertFalse(dropped.contains(junk), "\(junk) leaked from a link")
        }
    }

    func testLinkInsideSpreadsheetFormulaAndEmailCase() {
        let tokens = Tokenizer().tokens(in: "=HYPERLINK(\"http://example.invalid\",\"click\") Mail: Anna.B@Example.COM.")
        XCTAssertEqual(tokens.map(\.text), ["hyperlink", "http://example.invalid", "click", "mail", "anna.b@example.com"])
        XCTAssertEqual(tokens.last?.surface, "Anna.B@Example.COM")
    }

    func testAbbreviationsAreNotDomains() {
        XCTAssertEqual(texts("t.ex. osv. e.g. bl.a."), ["t", "ex", "osv", "e", "g", "bl", "a"])
    }

    func testSurfaceAndRangePointIntoTheInput() {
        let input = "Bättre KOLLEKTIVTRAFIK i Norrland 🚀!"
        let utf8 = Array(input.utf8)
        for token in Tokenizer().tokens(in: input) {
            XCTAssertEqual(String(decoding: utf8[token.utf8Range], as: UTF8.self), token.surface)
            XCTAssertEqual(token.surface.lowercased(), token.text)
        }
        XCTAssertEqual(texts(input), ["bättre", "kollektivtrafik", "i", "norrland"])
    }

    func testClauseBoundaries() {
        let tokens = Tokenizer().tokens(in: "housing, transport and e-post\nnew line - dash; end")
        let starts = Dictionary(uniqueKeysWithValues: tokens.map { ($0.text, $0.startsClause) })
        XCTAssertEqual(starts["housing"], true, "the first token starts a clause")
        XCTAssertEqual(starts["transport"], true, "after a comma")
        XCTAssertEqual(starts["and"], false)
        XCTAssertEqual(starts["e"], false)
        XCTAssertEqual(starts["post"], false, "a hyphen inside a compound only splits")
        XCTAssertEqual(starts["new"], true, "after a line break")
        XCTAssertEqual(starts["dash"], true, "after a free-standing dash")
        XCTAssertEqual(starts["end"], true, "after a semicolon")
    }

    func testEmptyAndPunctuationOnly() {
        XCTAssertEqual(texts(""), [])
        XCTAssertEqual(texts("  -- !!! ... 🚀 "), [])
    }

    func testForEachTokenMatchesTokens() {
        let input = "Vi vill ha mer samverkan, bättre bredband och fler mötesplatser."
        var streamed: [Token] = []
        Tokenizer().forEachToken(in: input) { streamed.append($0) }
        XCTAssertEqual(streamed, Tokenizer().tokens(in: input))
    }
}
