/// The stored form of answers: a compact JSON object, one tagged value per question, readable with
/// SQLite's JSON functions and parsed here without Foundation for speed on million-row stores.
///
///     {"role":{"c":"region"},"focus":{"m":["housing"],"o":"Turism"},"interest":{"n":4},"similar":{"t":"…"}}
///
/// Tags: `c` a choice id, `o` an "other" text (alone for single choice, beside `m` for multiple),
/// `m` chosen ids, `n` a number, `t` free text.
public enum AnswerCoding {
    public static func encode(_ answers: Answers) -> String {
        var out = JSONText()
        out.open("{")
        for key in answers.keys.sorted() {
            out.key(key)
            switch answers[key]! {
            case .choice(let id):
                out.open("{"); out.key("c"); out.string(id); out.close("}")
            case .other(let text):
                out.open("{"); out.key("o"); out.string(text); out.close("}")
            case .choices(let ids, let other):
                out.open("{"); out.key("m"); out.open("[")
                for id in ids { out.string(id) }
                out.close("]")
                if let other { out.key("o"); out.string(other) }
                out.close("}")
            case .number(let value):
                out.open("{"); out.key("n"); out.number(value); out.close("}")
            case .text(let text):
                out.open("{"); out.key("t"); out.string(text); out.close("}")
            }
        }
        out.close("}")
        return out.text
    }

    public static func decode(_ text: String) throws -> Answers {
        var text = text
        return try text.withUTF8 { bytes throws in
            var reader = JSONReader(bytes)
            var answers = Answers()
            try reader.object { reader, key throws in
                answers[key] = try decodeValue(&reader)
            }
            return answers
        }
    }

    /// One tagged value; the analysis reads rows value by value without building a dictionary.
    static func decodeValue(_ reader: inout JSONReader) throws -> AnswerValue {
        var choice: String?, other: String?, many: [String]?, number: Double?, text: String?
        try reader.object { reader, tag throws in
            switch tag {
            case "c": choice = try reader.string()
            case "o": other = try reader.string()
            case "t": text = try reader.string()
            case "n": number = try reader.number()
            case "m":
                var ids: [String] = []
                try reader.array { reader throws in ids.append(try reader.string()) }
                many = ids
            default: try reader.skipValue()
            }
        }
        if let many { return .choices(many, other: other) }
        if let choice { return .choice(choice) }
        if let other { return .other(other) }
        if let number { return .number(number) }
        if let text { return .text(text) }
        throw StoredDataError(message: "an answer with no known tag")
    }

    public static func encodeMetadata(_ metadata: [String: String]) -> String {
        var out = JSONText()
        out.open("{")
        for key in metadata.keys.sorted() {
            out.key(key)
            out.string(metadata[key]!)
        }
        out.close("}")
        return out.text
    }

    public static func decodeMetadata(_ text: String) throws -> [String: String] {
        var text = text
        return try text.withUTF8 { bytes throws in
            var reader = JSONReader(bytes)
            var metadata: [String: String] = [:]
            try reader.object { reader, key throws in metadata[key] = try reader.string() }
            return metadata
        }
    }
}

/// Stored data that cannot be read back: a store written by something else, or damaged.
public struct StoredDataError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { "unreadable stored answers: \(message)" }
}

/// Writes JSON text, inserting commas between siblings.
struct JSONText {
    private(set) var text = ""
    private var needsComma = false

    mutating func open(_ bracket: String) {
        comma()
        text += bracket
        needsComma = false
    }

    mutating func close(_ bracket: String) {
        text += bracket
        needsComma = true
    }

    mutating func key(_ name: String) {
        string(name)
        text += ":"
        needsComma = false
    }

    mutating func string(_ value: String) {
        comma()
        JSONText.appendQuoted(value, to: &text)
        needsComma = true
    }

    mutating func number(_ value: Double) {
        comma()
        text += JSONText.format(value)
        needsComma = true
    }

    private mutating func comma() {
        if needsComma { text += "," }
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.isFinite ? "\(value)" : "null"
    }

    static func appendQuoted(_ value: String, to text: inout String) {
        text += "\""
        var plainStart = value.unicodeScalars.startIndex
        var index = plainStart
        let scalars = value.unicodeScalars
        while index != scalars.endIndex {
            let scalar = scalars[index]
            let escape: String?
            switch scalar {
            case "\"": escape = "\\\""
            case "\\": escape = "\\\\"
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: escape = nil
            }
            if let escape {
                text.unicodeScalars.append(contentsOf: scalars[plainStart..<index])
                text += escape
                plainStart = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        text.unicodeScalars.append(contentsOf: scalars[plainStart..<scalars.endIndex])
        text += "\""
    }
}

/// A small JSON reader over UTF-8 bytes for the shapes the store writes.
struct JSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func object(_ member: (inout JSONReader, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        skipSpace()
        if peek() == UInt8(ascii: "}") { position += 1; return }
        while true {
            skipSpace()
            let key = try string()
            skipSpace()
            try expect(UInt8(ascii: ":"))
            skipSpace()
            try member(&self, key)
            skipSpace()
            if peek() == UInt8(ascii: ",") { position += 1; continue }
            try expect(UInt8(ascii: "}"))
            return
        }
    }

    mutating func array(_ element: (inout JSONReader) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        skipSpace()
        if peek() == UInt8(ascii: "]") { position += 1; return }
        while true {
            skipSpace()
            try element(&self)
            skipSpace()
            if peek() == UInt8(ascii: ",") { position += 1; continue }
            try expect(UInt8(ascii: "]"))
            return
        }
    }

    mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = position
        // Fast path: no escapes, the bytes are the string.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return value
            }
            if byte == UInt8(ascii: "\\") { break }
            position += 1
        }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self).unicodeScalars)
        var pending: [UInt8] = []
        func flush() {
            if !pending.isEmpty {
                scalars.append(contentsOf: String(decoding: pending, as: UTF8.self).unicodeScalars)
                pending.removeAll(keepingCapacity: true)
            }
        }
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "\"") {
                flush()
                return String(scalars)
            }
            guard byte == UInt8(ascii: "\\") else { pending.append(byte); continue }
            guard position < bytes.count else { break }
            let escaped = bytes[position]
            position += 1
            switch escaped {
            case UInt8(ascii: "n"): pending.append(0x0A)
            case UInt8(ascii: "r"): pending.append(0x0D)
            case UInt8(ascii: "t"): pending.append(0x09)
            case UInt8(ascii: "b"): pending.append(0x08)
            case UInt8(ascii: "f"): pending.append(0x0C)
            case UInt8(ascii: "u"):
                flush()
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code), peek() == UInt8(ascii: "\\") {
                    position += 2
                    let low = try hex4()
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
            default: pending.append(escaped)
            }
        }
        throw StoredDataError(message: "unterminated string")
    }

    mutating func number() throws -> Double {
        let start = position
        while position < bytes.count, [UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: " ")].contains(bytes[position]) == false {
            position += 1
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let value = Double(text) else { throw StoredDataError(message: "bad number '\(text)'") }
        return value
    }

    mutating func skipValue() throws {
        switch peek() {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"): try object { reader, _ throws in try reader.skipValue() }
        case UInt8(ascii: "["): try array { reader throws in try reader.skipValue() }
        default: _ = try number()
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard position + 4 <= bytes.count else { throw StoredDataError(message: "short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            position += 1
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw StoredDataError(message: "bad \\u escape")
            }
            value = value << 4 | digit
        }
        return value
    }

    private func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private mutating func skipSpace() {
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x0A || bytes[position] == 0x09 || bytes[position] == 0x0D {
            position += 1
        }
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard peek() == byte else {
            throw StoredDataError(message: "expected '\(Character(Unicode.Scalar(byte)))' at byte \(position)")
        }
        position += 1
    }
}
