import XCTest
@testable import FreeText

final class LanguageGuessTests: XCTestCase {
    let guesser = LanguageGuesser()

    static let swedish = [
        "Mer samverkan mellan kommunerna",
        "Bättre kollektivtrafik i norr",
        "Vi vill ha fler bostäder för unga",
        "Det behövs tydligare strategier",
        "Finansieringen är för kortsiktig",
        "Kompetensförsörjning och utbildning",
        "Jag tycker att workshoppen var bra",
        "Inte tillräckligt med tid för diskussion",
        "Mötesplatser på landsbygden",
        "Klimatomställningen kräver samarbete",
        "Lyssna på ungdomarna!",
        "Hållbarhet",
        "Kvalitet i skolan",
    ]

    static let english = [
        "More collaboration between the municipalities",
        "Better public transport in the north",
        "We need more housing for young people",
        "There should be clearer strategies",
        "The funding is too short-term",
        "Skills and education",
        "I thought the workshop was great",
        "Not enough time for discussion",
        "Meeting places in rural areas",
        "Climate transition requires cooperation",
        "Listen to the youth!",
        "Sustainability and growth",
        "It's worth it",
    ]

    func testShortSwedishAnswers() {
        for answer in Self.swedish {
            let g = guesser.guess(answer)
            XCTAssertEqual(g.language, .sv, "\(answer): sv \(g.swedishScore), en \(g.englishScore)")
            XCTAssertGreaterThan(g.confidence, 0.3, answer)
            XCTAssertLessThan(g.confidence, 1, answer)
        }
    }

    func testShortEnglishAnswers() {
        for answer in Self.english {
            let g = guesser.guess(answer)
            XCTAssertEqual(g.language, .en, "\(answer): sv \(g.swedishScore), en \(g.englishScore)")
            XCTAssertGreaterThan(g.confidence, 0.3, answer)
        }
    }

    func testNoEvidenceMeansUnknown() {
        for answer in ["Innovation", "OK", "data", "", "123", "🚀", "https://www.example.org", "Projekt", "Transport"] {
            let g = guesser.guess(answer)
            XCTAssertNil(g.language, "\(answer) should be unknown, got \(String(describing: g.language))")
            XCTAssertEqual(g.confidence, 0)
        }
    }

    func testMixedAnswersAreUnsureOrLowConfidence() {
        // "and" (English) against -erna (Swedish): too close to call.
        let g = guesser.guess("Innovation and samverkan i kommunerna")
        XCTAssertNil(g.language, "\(g)")
        XCTAssertGreaterThan(g.englishScore, 0)
        XCTAssertGreaterThan(g.swedishScore, 0)
    }

    func testMoreEvidenceMeansMoreConfidence() {
        let short = guesser.guess("och")
        let long = guesser.guess("Vi skulle vilja att kommunerna och regionen samarbetar mer kring bostäder och trafik")
        XCTAssertEqual(short.language, .sv)
        XCTAssertEqual(long.language, .sv)
        XCTAssertGreaterThan(long.confidence, short.confidence)
        XCTAssertGreaterThan(long.confidence, 0.8)
    }

    func testGuessFromTokensMatchesGuessFromText() {
        let text = "We would like better broadband in the villages"
        let tokens = Tokenizer().tokens(in: text)
        XCTAssertEqual(guesser.guess(tokens: tokens), guesser.guess(text))
    }

    func testRepeatedGuessesAreTheSingleGuesses() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        var words: [String] = []
        for file in ["vocabulary-sv.txt", "vocabulary-en.txt"] {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            words += text.split(separator: "\n").prefix(3_000).map(String.init)
        }
        var generator = SystemRandomNumberGenerator()
        var answers = ["", "OK", "Bättre kollektivtrafik, tack!", "The platform would help us, I think.",
                       "Vi vill delta i the dialogue", "https://example.se 2025 ÅÄÖ åäö", "Cafe\u{301} och te"]
        for _ in 0..<3_000 {
            let count = Int.random(in: 1...12, using: &generator)
            answers.append((0..<count).map { _ in words.randomElement(using: &generator)! }
                .joined(separator: Bool.random(using: &generator) ? " " : ", "))
        }
        let single = LanguageGuesser()
        var repeated = RepeatedLanguageGuesser()
        for answer in answers + answers {
            XCTAssertEqual(repeated.guess(answer), single.guess(answer), answer)
        }
    }

    func testMarginIsAdjustable() {
        let strict = LanguageGuesser(minimumMargin: 3)
        XCTAssertNil(strict.guess("Bättre trafik").language)
        XCTAssertEqual(strict.guess("Vi vill att det ska bli bättre").language, .sv)
    }
}
