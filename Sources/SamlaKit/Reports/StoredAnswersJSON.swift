import Foundation
import WebText

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
        /// `"id":`, the key with its colon.
        let key: [UInt8]
        /// Choice ids and their labels, quoted, in the definition's order, and each choice's whole
        /// single-choice answer, `{"choice":"id","label":"Label"}`.
        let choices: [(id: [UInt8], label: [UInt8], answer: [UInt8])]
    }

    /// Where one question's value lies in the column: ranges of quoted strings (quotes included).
    private struct Slot {
        var present = false
        var choice: Range<Int>?
        var other: Range<Int>?
        var text: Range<Int>?
        var number: Double?
        /// A whole number as `JSONText.format` writes it, copied as it lies instead of `number`.
        var wholeNumber: Range<Int>?
        /// Into `manyRanges`, when the value has an `m` list.
        var many: Range<Int>?
    }

    private let entries: [Entry]
    /// Entry positions in the order of their ids, the order `AnswerCoding` stores keys in.
    private let sortedEntries: [Int]
    private var nextGuess: Int?
    private var slots: [Slot]
    private var manyRanges: [Range<Int>] = []

    init(questions: [Question], language: String) {
        entries = questions.map { question in
            Entry(id: Array(question.id.utf8), key: JSONText.quoted(question.id) + [UInt8(ascii: ":")],
                  choices: question.choices.map { choice in
                      let id = JSONText.quoted(choice.id), label = JSONText.quoted(choice.label.text(language))
                      return (Array(choice.id.utf8), label, Array(#"{"choice":"#.utf8) + id + Array(#","label":"#.utf8) + label + [UInt8(ascii: "}")])
                  })
        }
        slots = Array(repeating: Slot(), count: questions.count)
        let ids = questions.map(\.id)
        sortedEntries = ids.indices.sorted { ids[$0] < ids[$1] }
    }

    /// Writes `"answers":{…}}` (closing the response's object too) and returns true; returns false,
    /// writing nothing, when the column is not in the shape this reads.
    mutating func append(stored bytes: UnsafeBufferPointer<UInt8>, to json: inout JSONText) -> Bool {
        for index in slots.indices { slots[index] = Slot() }
        manyRanges.removeAll(keepingCapacity: true)
        var scanner = Scanner(bytes: bytes)
        nextGuess = 0
        guard scan(&scanner) else { return false }
        json.value { out in write(bytes, to: &out) }
        return true
    }

    /// The object's bytes, as `JSONText` would write them: `"answers":{…}}`.
    private func write(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(contentsOf: Self.answersKey)
        var first = true
        func key(_ entry: Entry) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(contentsOf: entry.key)
        }
        for (index, entry) in entries.enumerated() where slots[index].present {
            let slot = slots[index]
            // The precedence of `AnswerCoding.decodeValue`: choices, choice, other, number, text.
            if let many = slot.many {
                guard !many.isEmpty || slot.other != nil else { continue }
                key(entry)
                out.append(contentsOf: Self.choicesOpen)
                for (position, range) in manyRanges[many].enumerated() {
                    if position > 0 { out.append(UInt8(ascii: ",")) }
                    string(range, in: bytes, to: &out)
                }
                out.append(contentsOf: Self.labelsOpen)
                for (position, range) in manyRanges[many].enumerated() {
                    if position > 0 { out.append(UInt8(ascii: ",")) }
                    label(range, of: entry, in: bytes, to: &out)
                }
                out.append(UInt8(ascii: "]"))
                if let other = slot.other {
                    out.append(contentsOf: Self.otherAfter)
                    string(other, in: bytes, to: &out)
                }
                out.append(UInt8(ascii: "}"))
            } else if let choice = slot.choice {
                guard choice.count > 2 else { continue }
                key(entry)
                if let known = plainChoice(choice, of: entry, in: bytes) {
                    out.append(contentsOf: entry.choices[known].answer)
                } else {
                    out.append(contentsOf: Self.choiceOpen)
                    string(choice, in: bytes, to: &out)
                    out.append(contentsOf: Self.labelAfter)
                    label(choice, of: entry, in: bytes, to: &out)
                    out.append(UInt8(ascii: "}"))
                }
            } else if let other = slot.other {
                key(entry)
                out.append(contentsOf: Self.otherOpen)
                string(other, in: bytes, to: &out)
                out.append(UInt8(ascii: "}"))
            } else if let whole = slot.wholeNumber {
                key(entry)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[whole]))
            } else if let number = slot.number {
                key(entry)
                out.append(contentsOf: JSONText.format(number).utf8)
            } else if let text = slot.text {
                guard text.count > 2 else { continue }
                key(entry)
                string(text, in: bytes, to: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
        out.append(UInt8(ascii: "}"))
    }

    private static let answersKey = Array(#""answers":{"#.utf8)
    private static let choicesOpen = Array(#"{"choices":["#.utf8)
    private static let labelsOpen = Array(#"],"labels":["#.utf8)
    private static let otherAfter = Array(#","other":"#.utf8)
    private static let choiceOpen = Array(#"{"choice":"#.utf8)
    private static let labelAfter = Array(#","label":"#.utf8)
    private static let otherOpen = Array(#"{"other":"#.utf8)

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
                case UInt8(ascii: "n"):
                    guard let range = scanner.numberRange() else { return nil }
                    if Self.isWholeNumberText(UnsafeBufferPointer(rebasing: scanner.bytes[range])) {
                        slot.wholeNumber = range
                    } else {
                        guard let number = Double(String(decoding: UnsafeBufferPointer(rebasing: scanner.bytes[range]), as: UTF8.self)) else { return nil }
                        slot.number = number
                    }
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
        guard slot.many != nil || slot.choice != nil || slot.other != nil || slot.number != nil || slot.wholeNumber != nil || slot.text != nil
        else { return nil }
        return slot
    }

    /// `0` or digits without a leading zero, at most 15 of them, after an optional minus: the text
    /// `JSONText.format` gives the number it stands for, so it can be copied as it is.
    private static func isWholeNumberText(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        if text.first == UInt8(ascii: "-") { start = 1 }
        let digits = text.count - start
        guard digits >= 1, digits <= 15 else { return false }
        if text[start] == UInt8(ascii: "0") { return digits == 1 && start == 0 }
        for index in start..<text.count where !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[index]) { return false }
        return true
    }

    private mutating func entryIndex(_ key: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let keyBytes = UnsafeBufferPointer(rebasing: bytes[key])
        // Stored keys come sorted: the entry after the last one found is the likely next.
        if let guess = nextGuess, guess < sortedEntries.count, Self.equal(entries[sortedEntries[guess]].id, keyBytes) {
            nextGuess = guess + 1
            return sortedEntries[guess]
        }
        guard let position = sortedEntries.firstIndex(where: { Self.equal(entries[$0].id, keyBytes) }) else { return nil }
        nextGuess = position + 1
        return sortedEntries[position]
    }

    private static func equal(_ id: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard id.count == bytes.count else { return false }
        guard let base = bytes.baseAddress, !id.isEmpty else { return id.isEmpty }
        return id.withUnsafeBytes { memcmp($0.baseAddress!, base, id.count) == 0 }
    }

    // MARK: Writing values

    /// A stored quoted string as ``JSONText/string(_:)`` would write its value.
    private func string(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let quoted = UnsafeBufferPointer(rebasing: bytes[range])
        if Self.isPlain(quoted) {
            out.append(contentsOf: quoted)
        } else {
            JSONString.append(Self.decoded(quoted), to: &out)
        }
    }

    /// The position of the choice a plain stored id names, nil for an id that is not plain or not
    /// the definition's.
    private func plainChoice(_ range: Range<Int>, of entry: Entry, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let quoted = UnsafeBufferPointer(rebasing: bytes[range])
        guard Self.isPlain(quoted) else { return nil }
        let id = UnsafeBufferPointer(rebasing: quoted[(quoted.startIndex + 1)..<(quoted.endIndex - 1)])
        return entry.choices.firstIndex { Self.equal($0.id, id) }
    }

    /// The choice's label, or the id itself for a choice the definition does not have.
    private func label(_ range: Range<Int>, of entry: Entry, in bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let quoted = UnsafeBufferPointer(rebasing: bytes[range])
        if Self.isPlain(quoted) {
            let id = UnsafeBufferPointer(rebasing: quoted[(quoted.startIndex + 1)..<(quoted.endIndex - 1)])
            if let choice = entry.choices.first(where: { Self.equal($0.id, id) }) {
                out.append(contentsOf: choice.label)
            } else {
                out.append(contentsOf: quoted)
            }
            return
        }
        let id = Self.decoded(quoted)
        if let choice = entry.choices.first(where: { $0.id.elementsEqual(id.utf8) }) {
            out.append(contentsOf: choice.label)
        } else {
            JSONString.append(id, to: &out)
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

    /// Where the next number lies, delimited as `JSONReader.number()` delimits it.
    mutating func numberRange() -> Range<Int>? {
        skipSpace()
        let start = position
        while position < bytes.count, bytes[position] != UInt8(ascii: ","), bytes[position] != UInt8(ascii: "}"),
              bytes[position] != UInt8(ascii: "]"), bytes[position] != UInt8(ascii: " ") {
            position += 1
        }
        return start..<position
    }
}
