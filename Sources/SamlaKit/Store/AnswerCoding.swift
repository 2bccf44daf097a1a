import WebText

/// The stored form of answers: a compact JSON object, one tagged value per question, readable with
/// SQLite's JSON functions and parsed here without Foundation for speed on million-row stores.
///
///     {"role":{"c":"region"},"focus":{"m":["housing"],"o":"Turism"},"interest":{"n":4},"similar":{"t":"…"}}
///
/// Tags: `c` a choice id, `o` an "other" text (alone for single choice, beside `m` for multiple),
/// `m` chosen ids, `n` a number, `t` free text.
public enum AnswerCoding {
    public static func encode(_ answers: Answers) -> String {
        // Room for a typical row's answers (the bench survey's are about 700 bytes) without regrowing.
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        out.append(UInt8(ascii: "{"))
        for (index, (key, value)) in answers.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONString.append(key, to: &out)
            out.append(UInt8(ascii: ":"))
            append(value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// One tagged value (`{"c":"region"}`), as `encode` writes it after its key. An import writes
    /// ten of these a row, so each piece goes in with as few appends as it can (a tag and its
    /// quote at once, a whole number's digits without a String between).
    static func append(_ value: AnswerValue, to out: inout [UInt8]) {
        switch value {
        case .choice(let id):
            appendTagged("{\"c\":", id, to: &out)
        case .other(let text):
            appendTagged("{\"o\":", text, to: &out)
        case .choices(let ids, let other):
            appendStatic("{\"m\":[", to: &out)
            for (index, id) in ids.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendString(id, to: &out)
            }
            if let other {
                appendStatic("],\"o\":", to: &out)
                appendString(other, to: &out)
                out.append(UInt8(ascii: "}"))
            } else {
                appendStatic("]}", to: &out)
            }
        case .number(let number):
            appendStatic("{\"n\":", to: &out)
            appendNumber(number, to: &out)
            out.append(UInt8(ascii: "}"))
        case .text(let text):
            appendTagged("{\"t\":", text, to: &out)
        }
    }

    @inline(__always)
    private static func appendStatic(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// `tag`, the text as a JSON string and the closing brace.
    @inline(__always)
    private static func appendTagged(_ tag: StaticString, _ value: String, to out: inout [UInt8]) {
        appendStatic(tag, to: &out)
        appendString(value, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// `JSONString.append`'s literal; a text with nothing to escape (most of them) is copied here
    /// in one go, without the escaper's per-byte switch.
    @inline(__always)
    private static func appendString(_ value: String, to out: inout [UInt8]) {
        if !appendPlain(value, to: &out) { JSONString.append(value, to: &out) }
    }

    /// The text quoted, when nothing in it needs escaping; false (and nothing written) otherwise.
    @inline(__always)
    private static func appendPlain(_ value: String, to out: inout [UInt8]) -> Bool {
        value.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: bytes)
            out.append(UInt8(ascii: "\""))
            return true
        } ?? false
    }

    /// `JSONText.format(number)`'s text; a whole number's digits are written straight.
    @inline(__always)
    static func appendNumber(_ number: Double, to out: inout [UInt8]) {
        guard number == number.rounded(), abs(number) < 1e15 else {
            out.append(contentsOf: JSONText.format(number).utf8)
            return
        }
        let whole = Int64(number)
        if whole >= 0 && whole < 10 {
            out.append(UInt8(ascii: "0") + UInt8(whole))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var rest = whole.magnitude
            var at = 20
            repeat {
                at -= 1
                digits[at] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            if whole < 0 {
                at -= 1
                digits[at] = UInt8(ascii: "-")
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[at...]))
        }
    }

    public static func decode(_ text: String) throws -> Answers {
        var text = text
        return try text.withUTF8 { try decode(utf8: $0) }
    }

    /// The same from UTF-8 bytes where they lie (the column SQLite holds), with no String between.
    static func decode(utf8 bytes: UnsafeBufferPointer<UInt8>) throws -> Answers {
        var reader = JSONReader(bytes)
        // Room for a typical survey's answers at once, rather than growing twice on the way.
        var answers = Answers(minimumCapacity: 12)
        try reader.object { reader, key throws in
            answers[key] = try decodeValue(&reader)
        }
        return answers
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
        var out: [UInt8] = []
        appendMetadata(metadata, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The same, appended to `out`.
    static func appendMetadata(_ metadata: [String: String], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        if metadata.count == 1, let (key, value) = metadata.first {
            JSONString.append(key, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONString.append(value, to: &out)
        } else {
            for (index, (key, value)) in metadata.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONString.append(key, to: &out)
                out.append(UInt8(ascii: ":"))
                JSONString.append(value, to: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    public static func decodeMetadata(_ text: String) throws -> [String: String] {
        var text = text
        return try text.withUTF8 { try decodeMetadata(utf8: $0) }
    }

    static func decodeMetadata(utf8 bytes: UnsafeBufferPointer<UInt8>) throws -> [String: String] {
        // Most rows carry none: "{}" needs no reader and no dictionary storage.
        if bytes.count == 2, bytes[0] == UInt8(ascii: "{"), bytes[1] == UInt8(ascii: "}") { return [:] }
        var reader = JSONReader(bytes)
        var metadata: [String: String] = [:]
        try reader.object { reader, key throws in metadata[key] = try reader.string() }
        return metadata
    }
}

/// Stored data that cannot be read back: a store written by something else, or damaged.
public struct StoredDataError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { "unreadable stored answers: \(message)" }
}

/// Writes JSON text, inserting commas between siblings. It gathers UTF-8 bytes and makes one
/// String at the end: appending to a String piece by piece dominated the cost of storing a large
/// import.
struct JSONText {
    private var bytes: [UInt8] = []
    private var needsComma = false

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Bytes gathered so far, for a writer that streams them out in chunks.
    var byteCount: Int { bytes.count }

    /// Hands the bytes gathered so far to `write` and starts again empty, in the same storage
    /// (siblings stay comma-separated).
    mutating func drain(_ write: ([UInt8]) throws -> Void) rethrows {
        try write(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// A value written by `write` straight into the bytes (a time, a number already formatted).
    mutating func value(writing write: (inout [UInt8]) -> Void) {
        comma()
        write(&bytes)
        needsComma = true
    }

    /// Appends text that is already JSON (a quoted string made once, a separator between documents).
    mutating func raw(_ json: [UInt8]) {
        bytes.append(contentsOf: json)
        needsComma = false
    }

    /// A value already quoted (``quoted(_:)``), with the comma before it as ``string(_:)`` puts it.
    mutating func quotedString(_ quoted: [UInt8]) {
        comma()
        bytes.append(contentsOf: quoted)
        needsComma = true
    }

    /// The same from bytes where they lie (a quoted string inside a stored column).
    mutating func quotedString(_ quoted: UnsafeBufferPointer<UInt8>) {
        comma()
        bytes.append(contentsOf: quoted)
        needsComma = true
    }

    /// A key already quoted, with its colon.
    mutating func quotedKey(_ quoted: [UInt8]) {
        comma()
        bytes.append(contentsOf: quoted)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// `value` as a JSON string's bytes, quotes included, to be written many times.
    static func quoted(_ value: String) -> [UInt8] {
        var out: [UInt8] = []
        appendQuoted(value, to: &out)
        return out
    }

    mutating func open(_ bracket: String) {
        comma()
        bytes.append(contentsOf: bracket.utf8)
        needsComma = false
    }

    mutating func close(_ bracket: String) {
        bytes.append(contentsOf: bracket.utf8)
        needsComma = true
    }

    mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ value: String) {
        comma()
        JSONText.appendQuoted(value, to: &bytes)
        needsComma = true
    }

    mutating func number(_ value: Double) {
        comma()
        bytes.append(contentsOf: JSONText.format(value).utf8)
        needsComma = true
    }

    private mutating func comma() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.isFinite ? "\(value)" : "null"
    }

    static func appendQuoted(_ value: String, to text: inout String) {
        var out: [UInt8] = []
        appendQuoted(value, to: &out)
        text += String(decoding: out, as: UTF8.self)
    }

    static func appendQuoted(_ value: String, to out: inout [UInt8]) {
        JSONString.append(value, to: &out)
    }
}

/// A small JSON reader over UTF-8 bytes for the shapes the store writes.
struct JSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Where the next value starts (after the last one read), in bytes.
    var offset: Int { position }

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
