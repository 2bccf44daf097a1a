import XCTest
@testable import FreeText

final class StopwordsTests: XCTestCase {
    func testListsAreSubstantial() {
        XCTAssertGreaterThanOrEqual(Stopwords.swedish.count, 200)
        XCTAssertGreaterThanOrEqual(Stopwords.english.count, 200)
    }

    func testFunctionWordsAreIn() {
        for w in ["och", "att", "det", "som", "för", "på", "är", "inte", "vi", "skulle", "vilja", "mer", "också", "där"] {
            XCTAssertTrue(Stopwords.swedish.contains(w), w)
            XCTAssertTrue(Stopwords.contains(w, language: .sv), w)
        }
        for w in ["the", "and", "of", "would", "like", "more", "we", "our", "don't", "it's", "which"] {
            XCTAssertTrue(Stopwords.english.contains(w), w)
            XCTAssertTrue(Stopwords.contains(w), w)
        }
    }

    func testContentWordsAreOut() {
        for w in ["kommun", "bostäder", "kollektivtrafik", "innovation", "stöd", "behöver", "klimat", "unga", "data"] {
            XCTAssertFalse(Stopwords.contains(w), w)
        }
        for w in ["housing", "transport", "funding", "need", "support", "youth", "climate"] {
            XCTAssertFalse(Stopwords.contains(w, language: .en), w)
        }
        XCTAssertFalse(Stopwords.contains("och", language: .en))
        XCTAssertFalse(Stopwords.contains("the", language: .sv))
    }

    func testEntriesAreSingleTokenizerWords() {
        // Every entry must be something the tokenizer can produce, or it could never match.
        let tokenizer = Tokenizer()
        for word in Stopwords.swedish.union(Stopwords.english) {
            let tokens = tokenizer.tokens(in: word)
            XCTAssertEqual(tokens.map(\.text), [word], "stopword \(word) tokenizes as \(tokens.map(\.text))")
        }
    }
}
