import XCTest
@testable import SamlaKit

final class AnswerCodingTests: XCTestCase {
    func testEveryAnswerShapeRoundTrips() throws {
        let answers: Answers = [
            "role": .choice("region"),
            "city": .other("Folkhögskola \"Norr\""),
            "focus": .choices(["scale-up", "housing"], other: "Turism\nand more"),
            "empty": .choices([], other: nil),
            "interest": .number(4),
            "staff": .number(12.5),
            "negative": .number(-3),
            "similar": .text("emoji 🚀, tab\t, backslash \\, control \u{01}, _x0041_"),
        ]
        let text = AnswerCoding.encode(answers)
        XCTAssertEqual(try AnswerCoding.decode(text), answers)
        // Valid JSON for SQLite's json functions and any other reader.
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        XCTAssertEqual((object?["interest"] as? [String: Any])?["n"] as? Int, 4)
        XCTAssertEqual((object?["similar"] as? [String: Any])?["t"] as? String, "emoji 🚀, tab\t, backslash \\, control \u{01}, _x0041_")
    }

    /// The stored bytes exactly: keys sorted, no spaces, `JSONString`'s escapes, whole numbers
    /// without a fraction. Stores written by every earlier Samla hold this form.
    func testTheStoredFormIsExact() {
        let answers: Answers = [
            "role": .choice("region"),
            "city": .other("Folkhögskola \"Norr\""),
            "focus": .choices(["scale-up", "housing"], other: "Turism\nand more"),
            "empty": .choices([], other: nil),
            "interest": .number(4),
            "staff": .number(12.5),
            "negative": .number(-3),
            "similar": .text("tab\t, backslash \\, control \u{01}, <b>"),
        ]
        XCTAssertEqual(AnswerCoding.encode(answers), #"{"city":{"o":"Folkhögskola \"Norr\""},"empty":{"m":[]},"#
            + #""focus":{"m":["scale-up","housing"],"o":"Turism\nand more"},"interest":{"n":4},"negative":{"n":-3},"#
            + #""role":{"c":"region"},"similar":{"t":"tab\t, backslash \\, control \u0001, <b>"},"staff":{"n":12.5}}"#)
        XCTAssertEqual(AnswerCoding.encode([:]), "{}")
        XCTAssertEqual(AnswerCoding.encodeMetadata(["b": "2", "a": "\"1\""]), #"{"a":"\"1\"","b":"2"}"#)
        XCTAssertEqual(AnswerCoding.encodeMetadata(["Timestamp": "2025/03/12 9:00:00 AM CET"]), #"{"Timestamp":"2025/03/12 9:00:00 AM CET"}"#)
        XCTAssertEqual(AnswerCoding.encodeMetadata([:]), "{}")
    }

    func testTheDecoderReadsEscapesOtherWritersUse() throws {
        let text = #"{"q":{"t":"caf\u00e9 \ud83d\ude80 \/ \" end"}}"#
        XCTAssertEqual(try AnswerCoding.decode(text), ["q": .text("café 🚀 / \" end")])
    }

    func testDamagedTextIsAnErrorNotACrash() {
        for damaged in ["", "{", #"{"q":{"t":"open"#, #"{"q":{"x":1}}"#, #"{"q":{"n":abc}}"#, "[]"] {
            XCTAssertThrowsError(try AnswerCoding.decode(damaged), damaged)
        }
    }

    func testMetadataRoundTrips() throws {
        let metadata = ["Timestamp": "2025/03/12 1:00:00 PM CET", "id": "17", "quote": "a\"b"]
        XCTAssertEqual(try AnswerCoding.decodeMetadata(AnswerCoding.encodeMetadata(metadata)), metadata)
    }
}
