/// The `answers` object of the JSON export written straight from the stored answers column
/// (``AnswerCoding``'s JSON), with no `Answers` dictionary and no `String` per value: the column is
/// scanned once for where each question's tagged value lies, then written in the definition's order,
/// ids and texts copied as they are stored where that gives the bytes ``JSONText`` would write
/// (plain ASCII with nothing to escape), anything else decoded and quoted again. The output is the
/// general path's (``ResponseJSONWriter``) byte for byte; a column it cannot read that way (an
/// escaped key, a value that is not a tagged object, damage) is left to that path, which reads it as
/// the rest of Samla does, errors included.
struct StoredAnswersJSON {
    private struct Entry {
        let id: [UInt8]
        let key: [UInt8]
        /// Choice ids and their labels, quoted, in the definition's order.
        let choices: [(id: [UInt8], label: [UInt8])]
    }

    /// Where one question's value lies in the column: ranges of quoted strings (quotes included).
    private struct Slot {
        var present = false
        var choice: Range<Int>?
        var other: Range<Int>?
        var text: Range<Int>?
        var number: Double?
        /// Into `manyRanges`, when the value has an `m` list.
        var many: Range<Int>?
    }

    private let entries: [Entry]
    private var slots: [Slot]
    private var manyRanges: [Range<Int>] = []

    init(questions: [Question], language: String) {
        entries = questions.map { question in
            Entry(id: Array(question.id.utf8), key: JSONText.quoted(question.id),
                  choices: question.choices.map { (Array($0.id.utf8), JSONText.quoted($0.label.text(language))) })
        }
        slots = Array(repeating: Slot(), count: questions.count)
    }

    /// Writes `"answers":{…}}` (closing the response's object too) and returns true; returns false,
    /// writing nothing, when the column is not in the shape this reads.
    mutating func append(stored bytes: UnsafeBufferPointer<UInt8>, to json: inout JSONText) -> Bool {
        for index in slots.indices { slots[index] = Slot() }
        manyRanges.removeAll(keepingCapacity: true)
        var scanner = Scanner(bytes: bytes)
        guard scan(&scanner) else { return false }
        json.key("answers")
        json.open("{")
        for (index, entry) in entries.enumerated() where slots[index].present {
            let slot = slots[index]
            // The precedence of `AnswerCoding.decodeValue`: choices, choice, other, number, text.
            if let many = slot.many {
                guard !many.isEmpty || slot.other != nil else { continue }
                json.quotedKey(entry.key)
                json.open("{")
                json.key("choices"); json.open("[")
                for range in manyRanges[many] { string(range, in: bytes, to: &json) }
                json.close("]")
                json.key("labels"); json.open("[")
                for range in manyRanges[many] { label(range, of: entry, in: bytes, to: &json) }
                json.close("]")
                if let other = slot.other { json.key("other"); string(other, in: bytes, to: &json) }
                json.close("}")
            } else if let choice = slot.choice {
                guard choice.count > 2 else { continue }
                json.quotedKey(entry.key)
                json.open("{"); json.key("choice"); string(choice, in: bytes, to: &json)
                json.key("label"); label(choice, of: entry, in: bytes, to: &json); json.close("}")
            } else if let other = slot.other {
                json.quotedKey(entry.key)
                json.open("{"); json.key("other"); string(other, in: bytes, to: &json); json.close("}")
            } else if let number = slot.number {
                json.quotedKey(entry.key)
                json.number(number)
            } else if let text = slot.text {
                guard text.count > 2 else { continue }
                json.quotedKey(entry.key)
                string(text, in: bytes, to: &json)
            }
        }
        json.close("}")
        json.close("}")
        return true
    }

    // MARK: Reading the column

    private mutating func scan(_ scanner: inout Scanner) -> Bool {
        guard scanner.take(UInt8(ascii: "{")) else { return false }
        if scanner.take(UInt8(ascii: "}")) { return scanner.atEnd }
        while true {
            guard let key = scanner.quoted(), !key.escaped, scanner.take(UInt8(ascii: ":")) else { return false }
            let index = entryIndex(key.range.lowerBound + 1..<key.range.upperBound - 1, in: scanner.bytes)
            guard let slot = value(&scanner) else { return false }
            // A question the survey no longer has is read and left out, as the general path does.
            if let index { slots[index] = slot }
            if scanner.take(UInt8(ascii: ",")) { continue }
            return scanner.take(UInt8(ascii: "}")) && scanner.atEnd
        }
    }

    /// One tagged value, `{"c": …}` and the rest; nil for any other shape.
    private mutating func value(_ scanner: inout Scanner) -> Slot? {
        var slot = Slot(present: true)
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        if !scanner.take(UInt8(ascii: "}")) {
            while true {
                guard let tag = scanner.quoted(), !tag.escaped, scanner.take(UInt8(ascii: ":")) else { return nil }
                let name = tag.range.count == 3 ? scanner.bytes[tag.range.lowerBound + 1] : 0
                switch name {
                case UInt8(ascii: "c"): guard let text = scanner.quoted() else { return nil }; slot.choice = text.range
                case UInt8(ascii: "o"): guard let text = scanner.quoted() else { return nil }; slot.other = text.range
                case UInt8(ascii: "t"): guard let text = scanner.quoted() else { return nil }; slot.text = text.range
                case UInt8(ascii: "n"): guard let number = scanner.number() else { return nil }; slot.number = number
                case UInt8(ascii: "m"):
                    guard scanner.take(UInt8(ascii: "[")) else { return nil }
                    let first = manyRanges.count
                    if !scanner.take(UInt8(ascii: "]")) {
                        while true {
                            guard let id = scanner.quoted() else { return nil }
                            manyRanges.append(id.range)
                            if scanner.take(UInt8(ascii: ",")) { continue }
                            guard scanner.take(UInt8(ascii: "]")) else { return nil }
                            break
                        }
                    }
                    slot.many = first..<manyRanges.count
                default:
                    // Tags this version does not write: left to the general reader.
                    return nil
                }
                if scanner.take(UInt8(ascii: ",")) { continue }
                guard scanner.take(UInt8(ascii: "}")) else { return nil }
                break
            }
        }
        // A value with no known tag is an error the general reader reports.
        guard slot.many != nil || slot.choice != nil || slot.other != nil || slot.number != nil || slot.text != nil else { return nil }
        return slot
    }

    private func entryIndex(_ key: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let keyBytes = UnsafeBufferPointer(rebasing: bytes[key])
        return entries.firstIndex { $0.id.count == keyBytes.count && $0.id.elementsEqual(keyBytes) }
    }

    // MARK: Writing values

    /// A stored quoted string as ``JSONText/string(_:)`` would write its value.
    private func string(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, to json: inout JSONText) {
        let quoted = UnsafeBufferPointer(rebasing: bytes[range])
        if Self.isPlain(quoted) {
            json.quotedString(quoted)
        } else {
            json.string(Self.decoded(quoted))
        }
    }

    /// The choice's label, or the id itself for a choice the definition does not have.
    private func label(_ range: Range<Int>, of entry: Entry, in bytes: UnsafeBufferPointer<UInt8>, to json: inout JSONText) {
        let quoted = UnsafeBufferPointer(rebasing: bytes[range])
        if Self.isPlain(quoted) {
            let id = UnsafeBufferPointer(rebasing: quoted[(quoted.startIndex + 1)..<(quoted.endIndex - 1)])
            if let choice = entry.choices.first(where: { $0.id.count == id.count && $0.id.elementsEqual(id) }) {
                json.quotedString(choice.label)
            } else {
                json.quotedString(quoted)
            }
            return
        }
        let id = Self.decoded(quoted)
        if let choice = entry.choices.first(where: { $0.id.elementsEqual(id.utf8) }) {
            json.quotedString(choice.label)
        } else {
            json.string(id)
        }
    }

    /// ASCII with nothing to escape: the stored quoted bytes are what `JSONText` writes for them.
    private static func isPlain(_ quoted: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in (quoted.startIndex + 1)..<(quoted.endIndex - 1) {
            let byte = quoted[index]
            if byte < 0x20 || byte >= 0x80 || byte == UInt8(ascii: "\\") { return false }
        }
        return true
    }

    private static func decoded(_ quoted: UnsafeBufferPointer<UInt8>) -> String {
        var reader = JSONReader(quoted)
        return (try? reader.string()) ?? ""
    }
}

/// Positions in a stored JSON column, skipping the white space JSON allows between tokens.
private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var atEnd: Bool {
        var at = position
        while at < bytes.count, Self.isSpace(bytes[at]) { at += 1 }
        return at == bytes.count
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private mutating func skipSpace() {
        while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
    }

    /// Takes `byte` if it comes next.
    mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// The next string's range, quotes included, and whether it holds an escape.
    mutating func quoted() -> (range: Range<Int>, escaped: Bool)? {
        skipSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        let start = position
        position += 1
        var escaped = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return (start..<position, escaped)
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                position += 1
            }
            position += 1
        }
        return nil
    }

    /// The next number, read as `JSONReader.number()` reads it.
    mutating func number() -> Double? {
        skipSpace()
        let start = position
        while position < bytes.count, bytes[position] != UInt8(ascii: ","), bytes[position] != UInt8(ascii: "}"),
              bytes[position] != UInt8(ascii: "]"), bytes[position] != UInt8(ascii: " ") {
            position += 1
        }
        return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
    }
}
