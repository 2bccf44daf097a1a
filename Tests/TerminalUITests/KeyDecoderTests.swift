import TerminalUI
import XCTest

final class KeyDecoderTests: XCTestCase {
    private func keys(_ bytes: [UInt8]) -> [Key] {
        var decoder = KeyDecoder()
        return decoder.feed(bytes) + decoder.flush()
    }

    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    func testArrowsHomeEndAndDeleteInCSIAndSS3Forms() {
        XCTAssertEqual(keys(bytes("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D")), [.up, .down, .right, .left])
        XCTAssertEqual(keys(bytes("\u{1B}OA\u{1B}OB\u{1B}OH\u{1B}OF")), [.up, .down, .home, .end])
        XCTAssertEqual(keys(bytes("\u{1B}[H\u{1B}[F\u{1B}[1~\u{1B}[4~\u{1B}[7~\u{1B}[8~\u{1B}[3~")),
                       [.home, .end, .home, .end, .home, .end, .delete])
        // With a modifier (Ctrl-↑ is ESC [ 1 ; 5 A) the key is the same key.
        XCTAssertEqual(keys(bytes("\u{1B}[1;5A\u{1B}[3;2~")), [.up, .delete])
    }

    func testFunctionKeysPageKeysAndMouseReportsAreDropped() {
        let noise = "\u{1B}OP\u{1B}OQ\u{1B}[15~\u{1B}[24~\u{1B}[5~\u{1B}[6~\u{1B}[2~\u{1B}[<0;10;5M\u{1B}[?1;2c\u{1B}]0;title\u{07}\u{1B}P1$r\u{1B}\\"
        XCTAssertEqual(keys(bytes("a" + noise + "b")), [.character("a"), .character("b")])
    }

    func testControlBytesBecomeControlKeysAndTheRestIsDropped() {
        XCTAssertEqual(keys([0x03, 0x04, 0x1A, 0x1C, 0x18, 0x00, 0x1D, 0x1F]),
                       [.control("c"), .control("d"), .control("z"), .control("\\"), .control("x")])
        XCTAssertEqual(keys([0x0D, 0x0A, 0x09, 0x7F, 0x08]), [.enter, .enter, .tab, .backspace, .backspace])
    }

    func testSwedishLettersInUTF8EvenSplitAcrossReads() {
        let text = bytes("åäö Ö€😀")
        var decoder = KeyDecoder()
        var result: [Key] = []
        for byte in text { result += decoder.feed([byte]) }
        XCTAssertEqual(result, "åäö Ö€😀".map { Key.character($0) })
    }

    func testEverySplitOfASequenceGivesTheSameKeys() {
        let stream = bytes("x\u{1B}[1;5Då\u{1B}OH\u{1B}[3~\u{1B}[200~pa\u{1B}[31mste\u{1B}[201~y")
        let whole = keys(stream)
        XCTAssertEqual(whole, [.character("x"), .left, .character("å"), .home, .delete, .paste("paste"), .character("y")])
        for cut in 1..<stream.count {
            var decoder = KeyDecoder()
            let split = decoder.feed(stream[..<cut]) + decoder.feed(stream[cut...]) + decoder.flush()
            XCTAssertEqual(split, whole, "split at byte \(cut)")
        }
    }

    func testMalformedUTF8AndC1ControlsAreDropped() {
        // A lone continuation byte, a lead byte cut short by ASCII, an overlong lead, and U+0085 (NEL).
        XCTAssertEqual(keys([0x80, 0x61, 0xC3, 0x62, 0xC0, 0xAF, 0xC2, 0x85, 0x63]),
                       [.character("a"), .character("b"), .character("c")])
    }

    func testALoneEscapeIsTheEscapeKeyOnlyWhenNothingFollows() {
        var decoder = KeyDecoder()
        XCTAssertEqual(decoder.feed([0x1B]), [])
        XCTAssertTrue(decoder.isPending)
        XCTAssertEqual(decoder.flush(), [.escape])
        XCTAssertFalse(decoder.isPending)
        // Alt-a (ESC a) is no key.
        XCTAssertEqual(keys(bytes("\u{1B}a")), [])
    }

    func testBracketedPasteKeepsLineBreaksAndDropsEscapesAndControls() {
        let paste = "\u{1B}[200~line one\r\nline\u{1B}[2J two\u{07}\u{1B}]8;;http://x\u{1B}\\ end\u{1B}[201~"
        XCTAssertEqual(keys(bytes(paste)), [.paste("line one\nline two end")])
        // Ctrl-C inside a paste is text of the paste, removed, not a key.
        XCTAssertEqual(keys(bytes("\u{1B}[200~a\u{03}b\u{1B}[201~")), [.paste("ab")])
    }

    func testABrokenCSIIsDroppedAndTheByteAfterItReadAfresh() {
        XCTAssertEqual(keys(bytes("\u{1B}[1\u{0D}")), [.enter])
        XCTAssertEqual(keys(bytes("\u{1B}[12ö")), [.character("ö")])
    }
}
