/// Everything a cell may say to pick a choice (or a scale point) of one question: ids, and labels
/// in each of the survey's languages, exactly and folded by `TextKey`. Built once per question,
/// so a row costs dictionary lookups, not comparisons against every label.
struct ChoiceVocabulary {
    struct Entry: Hashable {
        /// A choice id, or a scale point written as a whole number.
        var id: String
        var languages: LanguageSet
        /// The choice's position in its question (-1 for scale points).
        var position = -1
    }

    private var exact: [String: Entry] = [:]
    private var folded: [String: Entry] = [:]
    /// Labels as UTF-8, longest first, for taking a joined multiple-choice cell apart.
    private(set) var labels: [(bytes: [UInt8], entry: Entry)] = []
    /// The same labels' bytes in one buffer (label `i` from `labelStarts[i]` to
    /// `labelStarts[i + 1]`): a row's cells are compared with them without retaining a label per
    /// comparison.
    private var labelBytes: [UInt8] = []
    private var labelStarts: [Int] = [0]
    /// Whether any label or id, exact or folded, is all digits: when none is, a cell of digits
    /// (a scale point as a number) cannot name an entry and needs no lookup.
    private(set) var hasDigitKeys = false

    init(question: Question, languages: [String]) {
        var texts: [(text: String, entry: Entry)] = []
        for (position, choice) in question.choices.enumerated() {
            for (code, label) in choice.label.values {
                let set = languages.firstIndex(of: code).map(LanguageSet.only) ?? .all
                texts.append((label, Entry(id: choice.id, languages: set, position: position)))
            }
        }
        if let scale = question.scale {
            for (point, label) in scale.labels.sorted(by: { $0.key < $1.key }) {
                for (code, text) in label.values {
                    let set = languages.firstIndex(of: code).map(LanguageSet.only) ?? .all
                    texts.append((text, Entry(id: String(point), languages: set)))
                }
            }
        }
        // Labels first: in a label-writing tool's export a label that equals another choice's id
        // means the label. Ids belong to no language.
        for (text, entry) in texts { add(text, entry) }
        for (position, choice) in question.choices.enumerated() { add(choice.id, Entry(id: choice.id, languages: .all, position: position)) }
        hasDigitKeys = exact.keys.contains(where: Self.isDigits) || folded.keys.contains(where: Self.isDigits)
        labels = exact.map { (Array($0.key.utf8), $0.value) }
            .sorted { $0.bytes.count != $1.bytes.count ? $0.bytes.count > $1.bytes.count : $0.bytes.lexicographicallyPrecedes($1.bytes) }
        for label in labels {
            labelBytes.append(contentsOf: label.bytes)
            labelStarts.append(labelBytes.count)
        }
    }

    private mutating func add(_ text: String, _ entry: Entry) {
        for (dictionaryKey, isExact) in [(text, true), (TextKey.make(text), false)] where !dictionaryKey.isEmpty {
            if isExact {
                exact[dictionaryKey] = merged(exact[dictionaryKey], entry)
            } else {
                folded[dictionaryKey] = merged(folded[dictionaryKey], entry)
            }
        }
    }

    /// The same text for the same choice in several languages belongs to all of them; the same
    /// text for different choices keeps the first.
    private func merged(_ existing: Entry?, _ new: Entry) -> Entry {
        guard let existing else { return new }
        guard existing.id == new.id else { return existing }
        return Entry(id: existing.id, languages: existing.languages.union(new.languages), position: existing.position)
    }

    static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    func lookup(_ text: String) -> Entry? {
        // Most cells are a label or an id byte for byte: found by comparing bytes, without
        // hashing the text (Swift hashes text that is not ASCII in its normalised form). A key
        // equal in bytes is the one `exact` holds for the text, so the entry is the same.
        if let index = text.utf8.withContiguousStorageIfAvailable({ exactLabel($0) }) ?? nil { return labels[index].entry }
        if let entry = exact[text] { return entry }
        return folded[TextKey.make(text)]
    }

    /// The label whose bytes are `text`'s, if one is.
    private func exactLabel(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !text.isEmpty else { return nil }
        return labelBytes.withUnsafeBufferPointer { all in
            labelStarts.withUnsafeBufferPointer { starts in
                for index in 0..<starts.count - 1 where starts[index + 1] - starts[index] == text.count {
                    if Self.bytes(text, at: 0, equal: UnsafeBufferPointer(rebasing: all[starts[index]..<starts[index + 1]])) { return index }
                }
                return nil
            }
        }
    }

    /// Takes a cell of several chosen labels apart: known labels first (a label may contain the
    /// separator), then the pieces between separators. Pieces that name no choice come back as
    /// `unknown`, in order.
    func split(_ cell: String, separators: [[UInt8]]) -> (found: [Entry], unknown: [String]) {
        var found: [Entry] = []
        found.reserveCapacity(8)
        var unknown: [String] = []
        split(cell, separators: separators, found: &found, unknown: &unknown)
        return (found, unknown)
    }

    /// The same into arrays the caller keeps from row to row (emptied first), so a row's cell
    /// costs no allocation of its own.
    func split(_ cell: String, separators: [[UInt8]], found: inout [Entry], unknown: inout [String]) {
        found.removeAll(keepingCapacity: true)
        unknown.removeAll(keepingCapacity: true)
        var text = cell
        text.withUTF8 { bytes in
            let n = bytes.count
            var position = 0
            while position < n {
                while position < n, bytes[position] == 0x20 { position += 1 }
                if position >= n { break }
                var matched = false
                labelBytes.withUnsafeBufferPointer { all in
                    labelStarts.withUnsafeBufferPointer { starts in
                        for index in 0..<starts.count - 1 where starts[index + 1] - starts[index] <= n - position {
                            let label = UnsafeBufferPointer(rebasing: all[starts[index]..<starts[index + 1]])
                            guard Self.bytes(bytes, at: position, equal: label),
                                  let next = Self.afterSeparator(bytes, at: position + label.count, separators: separators) else { continue }
                            found.append(labels[index].entry)
                            position = next
                            matched = true
                            break
                        }
                    }
                }
                if matched { continue }
                let (pieceEnd, next) = Self.nextSeparator(bytes, from: position, separators: separators)
                var end = pieceEnd
                while end > position, bytes[end - 1] == 0x20 { end -= 1 }
                let piece = String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<end]), as: UTF8.self)
                if let entry = lookup(piece) {
                    found.append(entry)
                } else if !piece.isEmpty {
                    unknown.append(piece)
                }
                position = next
            }
        }
    }

    @inline(__always)
    private static func bytes(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int, equal label: [UInt8]) -> Bool {
        label.withUnsafeBufferPointer { Self.bytes(bytes, at: position, equal: $0) }
    }

    @inline(__always)
    private static func bytes(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int, equal label: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        while k < label.count {
            if bytes[position + k] != label[k] { return false }
            k += 1
        }
        return true
    }

    /// Where the next item starts when a label ends at `at`: the end of the cell, or just after a
    /// separator (spaces around it allowed); nil when the label was only a prefix of something longer.
    private static func afterSeparator(_ bytes: UnsafeBufferPointer<UInt8>, at: Int, separators: [[UInt8]]) -> Int? {
        var position = at
        for pass in 0..<2 {
            if position >= bytes.count { return bytes.count }
            for separator in separators where separator.count <= bytes.count - position {
                if Self.bytes(bytes, at: position, equal: separator) { return position + separator.count }
            }
            if pass == 0 {
                while position < bytes.count, bytes[position] == 0x20 { position += 1 }
            }
        }
        return nil
    }

    /// The end of the piece starting at `from` and where the next one starts.
    private static func nextSeparator(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, separators: [[UInt8]]) -> (end: Int, next: Int) {
        var position = from
        while position < bytes.count {
            for separator in separators where separator.count <= bytes.count - position {
                if Self.bytes(bytes, at: position, equal: separator) { return (position, position + separator.count) }
            }
            position += 1
        }
        return (bytes.count, bytes.count)
    }
}
