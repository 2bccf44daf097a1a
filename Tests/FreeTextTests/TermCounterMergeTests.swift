import Foundation
import XCTest
@testable import FreeText

/// Counting answers in parts and merging the parts gives what one counter over every answer gives,
/// and the byte path of counting sees the words the public tokenizer gives.
final class TermCounterMergeTests: XCTestCase {
    /// Survey-like answers in Swedish, English and a mix, from the stemmer vocabularies, with the
    /// things that make tokenizing hard: capitals, decomposed letters, apostrophes, numbers, links,
    /// punctuation that breaks bigrams, and words spelled two canonically equivalent ways.
    private func answers(count: Int, seed: UInt64) throws -> [String] {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let swedish = try String(contentsOf: here.appendingPathComponent("vocabulary-sv.txt"), encoding: .utf8)
            .split(separator: "\n").prefix(400).map(String.init)
        let english = try String(contentsOf: here.appendingPathComponent("vocabulary-en.txt"), encoding: .utf8)
            .split(separator: "\n").prefix(400).map(String.init)
        let extras = ["och", "the", "inte", "would", "Kommunerna", "KOMMUNEN", "Cafe\u{301}", "café", "don't", "children’s",
                      "3,5", "2025", "https://www.ri.se/x", "info@vinnova.se", "e-post", "Umeå–Luleå", "\u{1112}\u{1161}\u{11AB}",
                      "\u{D55C}", "Ω", "Örnsköldsvik", "bättre", "kollektivtrafik", "i", "a"]
        let separators = [" ", " ", " ", ", ", ". ", "\n", " - ", "! "]
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        return (0..<count).map { _ in
            let pool = [swedish, english, swedish + english][next(3)]
            var text = ""
            for k in 0..<(1 + next(14)) {
                if k > 0 { text += separators[next(separators.count)] }
                text += next(4) == 0 ? extras[next(extras.count)] : pool[next(pool.count)]
            }
            return text
        }
    }

    private func assertSameCounts(_ merged: TermCounter, _ whole: TermCounter, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(merged.answerCount, whole.answerCount, file: file, line: line)
        XCTAssertEqual(merged.termCount, whole.termCount, file: file, line: line)
        for ranking in [TermCounter.Ranking.answers, .occurrences] {
            assertSameList(merged.topTerms(.max, by: ranking), whole.topTerms(.max, by: ranking), file: file, line: line)
            assertSameList(merged.topBigrams(.max, by: ranking), whole.topBigrams(.max, by: ranking), file: file, line: line)
        }
    }

    /// Reports the first difference rather than both lists of thousands.
    private func assertSameList(_ a: [TermCounter.Term], _ b: [TermCounter.Term], file: StaticString, line: UInt) {
        XCTAssertEqual(a.count, b.count, "list lengths", file: file, line: line)
        if let (k, pair) = zip(a, b).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
            XCTFail("first difference at \(k): \(pair.0) versus \(pair.1)", file: file, line: line)
        }
    }

    func testMergedPartsCountAsOneCounterOverEveryAnswer() throws {
        let all = try answers(count: 3_000, seed: 42)
        var whole = TermCounter()
        var languages: [Language?] = []
        for answer in all { languages.append(whole.add(answer)) }
        XCTAssertGreaterThan(whole.topBigrams(.max).count, 100, "the answers make bigrams to compare")
        XCTAssertTrue(languages.contains(.sv) && languages.contains(.en) && languages.contains(nil))

        // Interleaved parts, as batches dealt to workers, and contiguous ones.
        var dealt = [TermCounter(), TermCounter(), TermCounter()]
        for (index, answer) in all.enumerated() { dealt[index % 3].add(answer) }
        var merged = dealt[0]
        merged.merge(dealt[1])
        merged.merge(dealt[2])
        assertSameCounts(merged, whole)

        var first = TermCounter()
        var second = TermCounter()
        for answer in all[..<1_000] { first.add(answer) }
        for answer in all[1_000...] { second.add(answer) }
        second.merge(first)
        assertSameCounts(second, whole)
    }

    func testCountingGoesOnAfterAMerge() throws {
        let all = try answers(count: 600, seed: 7)
        var whole = TermCounter(language: .en)
        for answer in all { whole.add(answer) }
        var part = TermCounter(language: .en)
        var other = TermCounter(language: .en)
        for answer in all[..<200] { part.add(answer) }
        for answer in all[200..<400] { other.add(answer) }
        part.merge(other)
        for answer in all[400...] { part.add(answer) }
        assertSameCounts(part, whole)
    }

    func testBytePathSeesTheWordsOfTheTokenizer() throws {
        let tokenizer = Tokenizer(dropNumbers: true, links: .drop)
        var reader = WordReader()
        for answer in try answers(count: 500, seed: 3) + ["Cafe\u{301} sto\u{308}d İstanbul ǅemal ΑΘΗΝΑ", "", " , ."] {
            reader.read(answer)
            let tokens = tokenizer.tokens(in: answer).filter { $0.kind == .word }
            XCTAssertEqual(reader.ids.map { reader.lexicon.words[$0] },
                           tokens.map { $0.text.precomposedStringWithCanonicalMapping }, answer)
            XCTAssertEqual(reader.breaks, tokens.map(\.startsClause), answer)
        }
    }

    func testCanonicallyEquivalentSpellingsAreOneWordInItsComposedForm() {
        var counter = TermCounter(language: .sv)
        counter.add("Cafe\u{301} och café")
        counter.add("\u{1112}\u{1161}\u{11AB}\u{1112}\u{1161}\u{11AB} \u{D55C}\u{D55C}")
        let terms = counter.topTerms(10)
        XCTAssertEqual(terms.first { $0.display == "café" }?.occurrences, 2)
        XCTAssertEqual(terms.first { $0.display == "\u{D55C}\u{D55C}" }?.occurrences, 2)
        XCTAssertEqual(terms.count, 2)
    }
}
