import Foundation

/// Escaping for text placed in HTML, SVG and XML, in element content and in quoted attributes.
public enum HTMLText {
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // Control characters are not allowed in XML (SVG); they never belong in a page.
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// JSON string literals, the one escaper for Samla's JSON. By default only what JSON requires is
/// escaped (quote, backslash, control characters), which the exports' JSON is checked against byte for
/// byte; `htmlSafe` also escapes `<`, `>`, `&`, U+007F, U+2028 and U+2029, so the literal is safe inside
/// a page, an attribute and an SSE data line.
public enum JSONString {
    /// An HTML-safe literal, quotes included.
    public static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        append(text, to: &out, htmlSafe: true)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `value` as a literal, quotes included.
    public static func append(_ value: String, to out: inout [UInt8], htmlSafe: Bool = false) {
        out.append(UInt8(ascii: "\""))
        var contiguous = value
        contiguous.withUTF8 { bytes in
            // Most values need no escaping and go in whole.
            guard bytes.contains(where: { needsLook($0, htmlSafe: htmlSafe) }) else {
                out.append(contentsOf: bytes)
                return
            }
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0..<0x20: appendEscape(UInt16(byte), to: &out)
                case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0x7F:
                    if htmlSafe { appendEscape(UInt16(byte), to: &out) } else { out.append(byte) }
                // U+2028 and U+2029 (E2 80 A8, E2 80 A9) end a line in JavaScript.
                case 0xE2 where htmlSafe && index + 1 < bytes.count && bytes[index] == 0x80
                    && (bytes[index + 1] == 0xA8 || bytes[index + 1] == 0xA9):
                    appendEscape(bytes[index + 1] == 0xA8 ? 0x2028 : 0x2029, to: &out)
                    index += 2
                default: out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func needsLook(_ byte: UInt8, htmlSafe: Bool) -> Bool {
        if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
        guard htmlSafe else { return false }
        return byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&") || byte == 0x7F || byte == 0xE2
    }

    /// `\\u` and four lowercase hex digits.
    private static func appendEscape(_ unit: UInt16, to out: inout [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"),
                                digits[Int(unit >> 12)], digits[Int((unit >> 8) & 0xF)],
                                digits[Int((unit >> 4) & 0xF)], digits[Int(unit & 0xF)]])
    }
}
