import Foundation

extension AnswerSlots {
    /// Lays out one stored answers object (reset first). The common row takes a byte-level path
    /// that compares keys and choice ids as bytes and makes strings only for written text; a row
    /// with anything else (a removed question or choice, an unexpected shape) is read again
    /// through `AnswerCoding`'s reader, so both give the same slots.
    mutating func fill(stored bytes: UnsafeBufferPointer<UInt8>, plan: AnalysisPlan) throws {
        reset()
        var scanner = StoredAnswersScanner(bytes: bytes, plan: plan)
        if scanner.scan(into: &self) { return }
        reset()
        var reader = JSONReader(bytes)
        var guess = 0
        try reader.object { reader, key throws in
            let value = try AnswerCoding.decodeValue(&reader)
            if let q = plan.position(ofStoredKey: key, guess: &guess) {
                put(value, at: q, plan: plan)
            } else {
                addRemovedAnswer(value, question: key)
            }
        }
    }
}

extension AnalysisPlan {
    /// The position of a stored key; `guess` walks the ids in sorted order alongside the keys.
    func position(ofStoredKey key: String, guess: inout Int) -> Int? {
        if guess < sortedIDs.count, sortedIDs[guess].id == key {
            defer { guess += 1 }
            return sortedIDs[guess].position
        }
        guard let q = positionByID[key] else { return nil }
        guess = sortedRank[q] + 1
        return q
    }
}

/// The fast path over the store's answers JSON (see `AnswerCoding`): `{"id":{"c":"x"},...}` with
/// tags `c`, `o`, `m`, `n`, `t`. Returns false, leaving the row to the general reader, at anything
/// it does not expect.
struct StoredAnswersScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let plan: AnalysisPlan
    private let names: StoredNames
    private var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>, plan: AnalysisPlan) {
        self.bytes = bytes
        self.plan = plan
        names = plan.storedNames
    }

    mutating func scan(into slots: inout AnswerSlots) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        var guess = 0
        while true {
            guard let q = key(guess: &guess), take(UInt8(ascii: ":")), value(at: q, into: &slots) else { return false }
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "}"))
        }
    }

    /// The question a key names: matched where it lies against the ids still ahead in sorted
    /// order, else read and looked up among all ids.
    private mutating func key(guess: inout Int) -> Int? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        if let q = names.nextQuestion(in: bytes, at: &position, guess: &guess) { return q }
        position &-= 1
        guard let key = plainString() else { return nil }
        return names.question(key, guess: &guess)
    }

    /// A one-letter tag and its colon: `"c":`.
    private mutating func tag() -> UInt8? {
        guard position &+ 3 < bytes.count, bytes[position] == UInt8(ascii: "\""), bytes[position &+ 2] == UInt8(ascii: "\""),
              bytes[position &+ 3] == UInt8(ascii: ":") else { return nil }
        defer { position &+= 4 }
        return bytes[position &+ 1]
    }

    /// One tagged value for question `q`, checked against the question's type.
    private mutating func value(at q: Int, into slots: inout AnswerSlots) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        let type = plan.types[q]
        var choice: Int?
        var other: String?
        var many = false
        var number: Double?
        var text: StringToken?
        while true {
            guard let tag = tag() else { return false }
            switch tag {
            case UInt8(ascii: "c"):
                guard type == .singleChoice, let p = self.choice(of: q) else { return false }
                choice = p
            case UInt8(ascii: "o"):
                guard type.hasChoices, let written = writtenText(at: q) else { return false }
                other = written
            case UInt8(ascii: "m"):
                guard type == .multipleChoice, !many else { return false }
                many = true
                slots.beginSelections(at: q, other: nil)
                guard selections(at: q, into: &slots) else { return false }
            case UInt8(ascii: "n"):
                guard type.isNumeric, let value = self.number() else { return false }
                number = value
            case UInt8(ascii: "t"):
                guard type == .text, let written = stringToken() else { return false }
                text = written
            default:
                return false
            }
            if take(UInt8(ascii: ",")) { continue }
            guard take(UInt8(ascii: "}")) else { return false }
            break
        }
        switch type {
        case .singleChoice:
            if let choice, other == nil {
                slots.setChoice(choice, at: q)
            } else if let other, choice == nil {
                slots.setOther(other, at: q)
            } else {
                return false
            }
        case .multipleChoice:
            // "Other" alone is an `.other` answer, which the analysis counts as choices: the
            // export's lists show it as it was stored, so they take it from the decoded answers.
            if !many {
                guard !plan.forLists else { return false }
                slots.beginSelections(at: q, other: nil)
            }
            if let other { slots.setOtherSelection(other, at: q) }
        case .scale, .number:
            guard let number else { return false }
            slots.setNumber(number, at: q)
        case .text:
            guard let text else { return false }
            if plan.personal[q] {
                // Never analysed or quoted: only whether something was written is kept.
                if !text.content.isEmpty { AnswerSlots.unreadTextBytes.withUnsafeBufferPointer { slots.setText($0, at: q) } }
            } else if text.escaped {
                guard let decoded = decoded(text) else { return false }
                slots.setText(decoded, at: q)
            } else {
                slots.setText(UnsafeBufferPointer(rebasing: bytes[text.content]), at: q)
            }
        }
        return true
    }

    private mutating func selections(at q: Int, into slots: inout AnswerSlots) -> Bool {
        guard take(UInt8(ascii: "[")) else { return false }
        if take(UInt8(ascii: "]")) { return true }
        while true {
            guard let p = choice(of: q) else { return false }
            slots.addSelection(p, at: q)
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "]"))
        }
    }

    // MARK: Lookups by bytes

    /// A choice id of question `q`, matched where it lies; nil for anything else (an id the
    /// definition lacks goes to the general reader, which records it).
    private mutating func choice(of q: Int) -> Int? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        if let p = names.choice(in: bytes, at: &position, of: q) { return p }
        position &-= 1
        guard let id = plainString() else { return nil }
        return names.choice(id, of: q)
    }

    // MARK: Tokens

    private mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position &+= 1
        return true
    }

    /// A string without escapes, as its bytes; nil for anything else.
    private mutating func plainString() -> UnsafeBufferPointer<UInt8>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position &+= 1
                return UnsafeBufferPointer(start: bytes.baseAddress! + start, count: position &- 1 &- start)
            }
            if byte == UInt8(ascii: "\\") { return nil }
            position &+= 1
        }
        return nil
    }

    /// Written text for question `q`; for a personal question, whose texts are never analysed or
    /// quoted, only whether something was written (`AnswerSlots.unreadText`), without making a string.
    private mutating func writtenText(at q: Int) -> String? {
        guard let token = stringToken() else { return nil }
        if plan.personal[q] { return token.content.isEmpty ? "" : AnswerSlots.unreadText }
        return token.escaped ? decoded(token) : String(decoding: UnsafeBufferPointer(rebasing: bytes[token.content]), as: UTF8.self)
    }

    /// A JSON string: where its content lies, and whether it holds escapes (so it must be decoded).
    struct StringToken {
        var content: Range<Int>
        var escaped: Bool
    }

    /// Skips a string, escapes and all.
    private mutating func stringToken() -> StringToken? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        let open = position
        // Most strings are written answers without escapes: found with two vectorised searches
        // rather than a test per byte.
        let base = bytes.baseAddress!
        if let close = memchr(base + open + 1, Int32(UInt8(ascii: "\"")), bytes.count - open - 1) {
            let end = base.distance(to: close.assumingMemoryBound(to: UInt8.self))
            if memchr(base + open + 1, Int32(UInt8(ascii: "\\")), end - open - 1) == nil {
                position = end + 1
                return StringToken(content: open + 1 ..< end, escaped: false)
            }
        }
        var k = open + 1
        var escaped = false
        while k < bytes.count, bytes[k] != UInt8(ascii: "\"") {
            if bytes[k] == UInt8(ascii: "\\") {
                escaped = true
                k += 1
            }
            k += 1
        }
        guard k < bytes.count else { return nil }
        position = k + 1
        return StringToken(content: open + 1 ..< k, escaped: escaped)
    }

    /// The text of a string with escapes; nil for a damaged escape, which leaves the row to the
    /// general reader to report.
    private func decoded(_ token: StringToken) -> String? {
        var reader = JSONReader(UnsafeBufferPointer(rebasing: bytes[token.content.lowerBound - 1 ... token.content.upperBound]))
        return try? reader.string()
    }

    /// A number; whole numbers of up to 15 digits without going through text.
    private mutating func number() -> Double? {
        let start = position
        var negative = false
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        var whole = 0
        var digits = 0
        while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
            whole = whole * 10 + Int(bytes[position] - UInt8(ascii: "0"))
            digits += 1
            position += 1
        }
        if digits > 0, digits <= 15, position < bytes.count,
           bytes[position] == UInt8(ascii: ",") || bytes[position] == UInt8(ascii: "}") {
            // "-0" is negative zero, as `Double("-0")` reads it (`-0` as an integer is plain zero).
            return negative ? -Double(whole) : Double(whole)
        }
        while position < bytes.count, bytes[position] != UInt8(ascii: ","), bytes[position] != UInt8(ascii: "}") {
            position += 1
        }
        return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start ..< position]), as: UTF8.self))
    }
}
