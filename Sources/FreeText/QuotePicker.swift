/// Picks representative quotes for a theme, deterministically.
///
/// Order of preference: more keyword hits first; among equals, answers of a readable length
/// (`readableWords`, default 3 to 40 words) before fragments and essays; then the shorter answer;
/// then the earlier one. Answers that repeat one already picked (ignoring case, spacing and
/// punctuation at the ends) are skipped, so a quote list never shows the same text twice.
public struct QuotePicker: Sendable {
    public struct Candidate: Sendable, Hashable {
        public var index: Int
        public var text: String
        public var hits: Int

        public init(index: Int, text: String, hits: Int) {
            self.index = index
            self.text = text
            self.hits = hits
        }
    }

    public var readableWords: ClosedRange<Int>

    public init(readableWords: ClosedRange<Int> = 3...40) {
        self.readableWords = readableWords
    }

    /// The indices of up to `count` candidates, best first.
    public func pick(_ candidates: [Candidate], count: Int) -> [Int] {
        guard count > 0 else { return [] }
        let keyed = candidates.map { c -> (candidate: Candidate, readable: Bool, length: Int) in
            let (words, length) = Self.measure(c.text)
            return (c, readableWords.contains(words), length)
        }
        let ordered = keyed.sorted { a, b in
            if a.candidate.hits != b.candidate.hits { return a.candidate.hits > b.candidate.hits }
            if a.readable != b.readable { return a.readable }
            if a.length != b.length { return a.length < b.length }
            return a.candidate.index < b.candidate.index
        }
        var seen = Set<String>()
        var picked: [Int] = []
        for entry in ordered where entry.length > 0 {
            guard seen.insert(Self.normalize(entry.candidate.text)).inserted else { continue }
            picked.append(entry.candidate.index)
            if picked.count == count { break }
        }
        return picked
    }

    /// Word count and length in scalars, not counting surrounding whitespace, in one pass.
    private static func measure(_ text: String) -> (words: Int, length: Int) {
        var words = 0
        var inWord = false
        var length = 0
        var pendingSpaces = 0
        for c in text.unicodeScalars {
            let space = c.value < 0x80 ? (c.value <= 32 || c.value == 127) : c.properties.isWhitespace
            if space {
                inWord = false
                if length > 0 { pendingSpaces += 1 }
            } else {
                if !inWord { words += 1 }
                inWord = true
                length += pendingSpaces + 1
                pendingSpaces = 0
            }
        }
        return (words, length)
    }

    /// The text as compared for duplicates: lowercase, single spaces, no punctuation at the ends.
    private static func normalize(_ text: String) -> String {
        let words = text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        let trimSet: Set<Character> = [".", ",", "!", "?", ";", ":", "\"", "'", "”", "“", "»", "«", "-", " "]
        var s = Substring(words)
        while let f = s.first, trimSet.contains(f) { s = s.dropFirst() }
        while let l = s.last, trimSet.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
