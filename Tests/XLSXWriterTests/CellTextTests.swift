import XCTest
@testable import XLSXWriter

final class CellTextTests: XCTestCase {
    func testCleanTextIsUnchanged() {
        for text in ["", "plain", "Åsa svarade: \"ja\"\tok\nrad två", "=1+1", "_x004_", "x_0041_", "snake_case_name", "😀 emoji"] {
            XCTAssertEqual(CellText.safe(text), text)
        }
    }

    func testControlCharactersAreRemovedAndLineEndingsNormalised() {
        XCTAssertEqual(CellText.safe("a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g"), "abcdefg")
        XCTAssertEqual(CellText.safe("one\r\ntwo\rthree\nfour"), "one\ntwo\nthree\nfour")
        XCTAssertEqual(CellText.safe("x\u{FFFE}y\u{FFFF}z"), "xyz")
        XCTAssertEqual(CellText.safe("tab\tkept"), "tab\tkept")
    }

    func testEscapeLikeSequencesAreEscaped() {
        XCTAssertEqual(CellText.safe("_x0041_"), "_x005F_x0041_")
        XCTAssertEqual(CellText.safe("a_x00e9_b"), "a_x005F_x00e9_b")
        XCTAssertEqual(CellText.safe("_X0041_"), "_x005F_X0041_")
        // Overlapping sequences: both underscores that start one are escaped.
        XCTAssertEqual(CellText.safe("_x0041_x0042_"), "_x005F_x0041_x005F_x0042_")
        XCTAssertEqual(CellText.safe("_x005F_"), "_x005F_x005F_")
        XCTAssertEqual(CellText.safe("_x00G1_"), "_x00G1_")
    }

    func testLongTextIsCutToTheLimitWithAMarker() {
        let long = String(repeating: "abcdefghij", count: 4_000)
        let safe = CellText.safe(long)
        XCTAssertEqual(safe.utf16.count, CellText.maxLength)
        XCTAssertTrue(safe.hasSuffix(CellText.truncationMarker))
        XCTAssertTrue(long.hasPrefix(String(safe.dropLast(CellText.truncationMarker.count))))

        let exactly = String(repeating: "a", count: CellText.maxLength)
        XCTAssertEqual(CellText.safe(exactly), exactly)
    }

    func testTruncationNeverSplitsASurrogatePair() {
        let emoji = String(repeating: "😀", count: 20_000)  // 40,000 UTF-16 code units
        let safe = CellText.safe(emoji)
        XCTAssertLessThanOrEqual(safe.utf16.count, CellText.maxLength)
        XCTAssertTrue(safe.hasSuffix(CellText.truncationMarker))
        XCTAssertTrue(safe.dropLast(CellText.truncationMarker.count).allSatisfy { $0 == "😀" })
    }

    func testEscapingCountsTowardsTheLimit() {
        let text = String(repeating: "_x0041_", count: 5_000)  // 35,000 characters before escaping
        let safe = CellText.safe(text)
        XCTAssertLessThanOrEqual(safe.utf16.count, CellText.maxLength)
        XCTAssertTrue(safe.hasPrefix("_x005F_x0041_"))
    }

    /// The byte-level fast check used on every write must agree with the full cleaner.
    func testFastCheckAgreesWithCleaner() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [String] = ["a", "_", "x", "X", "0", "4", "1", "F", "\u{0}", "\u{1}", "\r", "\n", "\t", "é", "😀", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}"]
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...14, using: &generator)
            let text = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            var copy = text
            let fast = copy.withUTF8 { CellText.isAlreadySafe($0) }
            XCTAssertEqual(fast, CellText.safe(text) == text, "disagreement on \(text.debugDescription)")
        }
    }
}
