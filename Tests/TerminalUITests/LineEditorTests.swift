import TerminalUI
import XCTest

final class LineEditorTests: XCTestCase {
    private func edit(_ start: String = "", _ keys: [Key]) -> LineEditor {
        var editor = LineEditor(start)
        for key in keys { editor.apply(key) }
        return editor
    }

    private func type(_ text: String) -> [Key] { text.map { .character($0) } }

    func testCharactersInsertAtTheCursor() {
        let editor = edit("", type("hej") + [.left, .left] + type("å"))
        XCTAssertEqual(editor.text, "håej")
        XCTAssertEqual(editor.cursor, 2)
    }

    func testHomeEndBackspaceAndDelete() {
        XCTAssertEqual(edit("Umeå", [.home, .delete, .end, .backspace]).text, "me")
        XCTAssertEqual(edit("Umeå", [.home, .backspace, .end, .delete]).text, "Umeå")
        XCTAssertEqual(edit("abc", [.control("a")] + type("x") + [.control("e")] + type("y")).text, "xabcy")
        XCTAssertEqual(edit("abc", [.control("u")] + type("z")).text, "z")
        XCTAssertEqual(edit("ab", [.left, .left, .left, .right, .right, .right] + type("c")).text, "abc")
    }

    func testAPasteIsOneLine() {
        XCTAssertEqual(edit("a", [.paste("b\nc")]).text, "ab c")
    }

    func testKeysThatAreNoEditsAreNotTaken() {
        var editor = LineEditor("x")
        for key: Key in [.enter, .up, .down, .tab, .escape, .control("c"), .control("z"), .control("d")] {
            XCTAssertFalse(editor.apply(key), "\(key)")
        }
        XCTAssertEqual(editor.text, "x")
    }

    func testTheLimitStopsTyping() {
        var editor = LineEditor(limit: 3)
        for key in type("abcdef") { editor.apply(key) }
        XCTAssertEqual(editor.text, "abc")
        editor.apply(.paste("zz"))
        XCTAssertEqual(editor.text, "abc")
    }

    func testTheWindowKeepsTheCursorInView() {
        let editor = edit(String(repeating: "a", count: 30) + "XYZ", [])
        let view = editor.window(width: 10)
        XCTAssertEqual(view.text.count, 9)
        XCTAssertTrue(view.text.hasSuffix("XYZ"))
        XCTAssertEqual(view.cursorColumn, 9)
        let atStart = edit(String(repeating: "b", count: 30), [.home]).window(width: 10)
        XCTAssertEqual(atStart.cursorColumn, 0)
        XCTAssertEqual(edit("short", [.left]).window(width: 10).text, "short")
    }
}
