import Foundation
import WebText
import XCTest

/// The one JSON string escaper: plain for the exports (checked byte for byte elsewhere), HTML-safe for
/// pages, attributes and SSE lines; both read back by Foundation as the text that went in.
final class JSONStringTests: XCTestCase {
    private let tricky = "a\"b\\c\n\r\t\u{1}\u{7F}<>&\u{2028}\u{2029}é😀\u{E2}"

    private func plain(_ text: String) -> String {
        var out: [UInt8] = []
        JSONString.append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func testEachModeEscapesExactlyItsCharacters() {
        XCTAssertEqual(JSONString.quoted(tricky),
                       #""a\"b\\c\n\r\t\u0001\u007f\u003c\u003e\u0026\u2028\u2029é😀\#u{E2}""#)
        XCTAssertEqual(plain(tricky), "\"a\\\"b\\\\c\\n\\r\\t\\u0001\u{7F}<>&\u{2028}\u{2029}é😀\u{E2}\"")
        XCTAssertEqual(plain("plain text, no escapes"), "\"plain text, no escapes\"")
    }

    func testRandomTextReadsBackAsItWentIn() throws {
        var generator = SystemRandomNumberGenerator()
        let pool: [Unicode.Scalar] = ["a", "\"", "\\", "<", ">", "&", "\u{0}", "\u{1F}", "\u{7F}", "\u{2028}",
                                      "\u{2029}", "\u{2027}", "\u{20AC}", "é", "😀", "\n", " "]
        for _ in 0..<500 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &generator) { text.append(pool.randomElement(using: &generator)!) }
            let value = String(text)
            for literal in [JSONString.quoted(value), plain(value)] {
                let decoded = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
                XCTAssertEqual(decoded, [value], literal)
            }
            let safe = JSONString.quoted(value)
            XCTAssertFalse(safe.unicodeScalars.contains { "<>&\u{2028}\u{2029}\u{7F}".unicodeScalars.contains($0) }, safe)
        }
    }
}
