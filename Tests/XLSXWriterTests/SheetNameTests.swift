import XCTest
@testable import XLSXWriter

final class SheetNameTests: XCTestCase {
    func testForbiddenCharactersAreReplaced() {
        XCTAssertEqual(SheetName.make("Q1: What? [a/b]*\\", existing: []), "Q1_ What_ _a_b___")
    }

    func testApostrophesAndSpacesAtTheEdgesAreRemoved() {
        XCTAssertEqual(SheetName.make("'quoted'", existing: []), "quoted")
        XCTAssertEqual(SheetName.make(" ' x ' ", existing: []), "x")
        XCTAssertEqual(SheetName.make("it's", existing: []), "it's")
    }

    func testEmptyAndControlOnlyNamesGetADefault() {
        XCTAssertEqual(SheetName.make("", existing: []), "Sheet")
        XCTAssertEqual(SheetName.make("'''", existing: []), "Sheet")
        XCTAssertEqual(SheetName.make("\u{0}\u{1}", existing: []), "Sheet")
        XCTAssertEqual(SheetName.make("line\nbreak", existing: []), "line break")
    }

    func testLengthIsCountedInUTF16() {
        let long = String(repeating: "a", count: 40)
        XCTAssertEqual(SheetName.make(long, existing: []), String(repeating: "a", count: 31))
        // Each emoji takes two UTF-16 code units, so only 15 fit; none is cut in half.
        let emoji = SheetName.make(String(repeating: "😀", count: 20), existing: [])
        XCTAssertEqual(emoji, String(repeating: "😀", count: 15))
        XCTAssertLessThanOrEqual(emoji.utf16.count, 31)
    }

    func testTruncationDoesNotLeaveATrailingApostrophe() {
        let name = String(repeating: "a", count: 30) + "'b"
        let made = SheetName.make(name, existing: [])
        XCTAssertEqual(made, String(repeating: "a", count: 30))
    }

    func testDuplicatesAreNumberedIgnoringCase() {
        XCTAssertEqual(SheetName.make("Data", existing: ["data"]), "Data (2)")
        XCTAssertEqual(SheetName.make("Data", existing: ["DATA", "Data (2)"]), "Data (3)")
        XCTAssertEqual(SheetName.make("Ärende", existing: ["ÄRENDE"]), "Ärende (2)")
        let long = String(repeating: "b", count: 31)
        let second = SheetName.make(long, existing: [long])
        XCTAssertEqual(second, String(repeating: "b", count: 27) + " (2)")
        XCTAssertEqual(second.utf16.count, 31)
    }

    func testReservedHistoryNameIsAvoided() {
        XCTAssertEqual(SheetName.make("History", existing: []), "History (2)")
    }

    func testManyDuplicatesStayValidAndDistinct() {
        var names: [String] = []
        for _ in 0..<120 {
            names.append(SheetName.make(String(repeating: "Q", count: 40), existing: names))
        }
        XCTAssertEqual(Set(names.map { $0.lowercased() }).count, 120)
        XCTAssertTrue(names.allSatisfy { SheetName.isValid($0) && $0.utf16.count <= 31 })
    }
}
