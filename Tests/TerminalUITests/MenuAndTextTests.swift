import TerminalUI
import XCTest

final class MenuTests: XCTestCase {
    func testMovingMarksInASingleChoiceAndWrapsAround() {
        var menu = Menu(count: 3, multiple: false)
        XCTAssertEqual(menu.chosen, [])
        menu.apply(.down)
        XCTAssertEqual(menu.chosen, [1])
        menu.apply(.character("j"))
        menu.apply(.character("j"))
        XCTAssertEqual(menu.chosen, [0])
        menu.apply(.up)
        XCTAssertEqual(menu.chosen, [2])
        menu.apply(.character("k"))
        XCTAssertEqual(menu.cursor, 1)
    }

    func testSpaceTogglesInAMultipleChoice() {
        var menu = Menu(count: 4, multiple: true, marked: [3])
        XCTAssertEqual(menu.cursor, 3)
        menu.apply(.character(" "))
        menu.apply(.home)
        menu.apply(.character(" "))
        menu.apply(.down)
        menu.apply(.down)
        menu.apply(.character(" "))
        XCTAssertEqual(menu.chosen, [0, 2])
        XCTAssertFalse(menu.apply(.character("x")))
    }

    func testMarksOutsideTheListAreIgnored() {
        XCTAssertEqual(Menu(count: 2, multiple: true, marked: [5, 1, -1]).chosen, [1])
        XCTAssertEqual(Menu(count: 3, multiple: false, marked: [2, 0]).chosen, [2])
    }
}

final class ControlStrippingTests: XCTestCase {
    func testEscapeSequencesAndControlBytesAreRemoved() {
        XCTAssertEqual(ControlStripping.clean("a\u{1B}[Ab\u{1B}OPc\u{1B}]0;x\u{07}d\u{7F}e\u{9B}31mf\u{85}g\u{202E}h"), "abcdefgh")
        XCTAssertEqual(ControlStripping.clean("one\r\ntwo\tthree"), "one two three")
        XCTAssertEqual(ControlStripping.clean("one\r\ntwo\rthree", keepNewlines: true), "one\ntwo\nthree")
        XCTAssertEqual(ControlStripping.clean("Örnsköldsvik åäö"), "Örnsköldsvik åäö")
    }
}

final class TextWrapTests: XCTestCase {
    func testWrapsAtSpacesWithAHangingIndent() {
        let lines = TextWrap.lines("Uppväxling av lokala innovationsprojekt för att bidra till regional omställningskapacitet", width: 30, indent: 2)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 30 }, "\(lines)")
        XCTAssertTrue(lines.dropFirst().allSatisfy { $0.hasPrefix("  ") })
        XCTAssertEqual(lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " "),
                       "Uppväxling av lokala innovationsprojekt för att bidra till regional omställningskapacitet")
    }

    func testCutsAWordLongerThanTheLine() {
        XCTAssertEqual(TextWrap.lines(String(repeating: "x", count: 25), width: 10), ["xxxxxxxxxx", "xxxxxxxxxx", "xxxxx"])
        XCTAssertEqual(TextWrap.lines("", width: 10), [""])
    }
}
