import Foundation

/// Facts about each distinct word seen, computed once: its language evidence and its stem in
/// each language. Answers repeat a small vocabulary, so looking a word up once per token (one hash)
/// and reading the rest from arrays is several times faster than recomputing per token.
///
/// Words are told apart as Swift strings are, by canonical equivalence, and each is kept in its
/// NFC spelling (the form the tokenizer promises), so its stem and other facts never depend on
/// which spelling happened to come first: counts from different parts of the answers agree.
struct Lexicon: Sendable {
    private var table = WordTable()
    private(set) var words: [String] = []
    private var evidence: [(sv: Double, en: Double)] = []
    private var swedishStems: [String?] = []
    private var englishStems: [String?] = []

    var count: Int { words.count }

    mutating func id(_ word: String) -> Int {
        let spelling = Self.isNFC(word.utf8) ? word : word.precomposedStringWithCanonicalMapping
        var key = spelling
        return key.withUTF8 { key in
            table.id(of: key) ?? add(spelling, key: key)
        }
    }

    /// The id of a word given as the tokenizer's normalized bytes, making a string only for a word
    /// not seen before (or one outside the scripts `isNFC` can vouch for).
    mutating func id(_ token: RawToken, input: UnsafeBufferPointer<UInt8>) -> Int {
        guard !token.needsComposition, let normalized = token.normalized else { return id(token.text(input: input)) }
        // Found bytes are NFC, since only NFC bytes are ever keys.
        if let known = table.id(of: normalized) { return known }
        guard Self.isNFC(normalized) else { return id(token.text(input: input)) }
        return add(String(decoding: normalized, as: UTF8.self), key: normalized)
    }

    private mutating func add(_ word: String, key: UnsafeBufferPointer<UInt8>) -> Int {
        let id = table.insert(key)
        words.append(word)
        evidence.append(LanguageGuesser.evidence(word))
        swedishStems.append(nil)
        englishStems.append(nil)
        return id
    }

    /// True for text of scalars below U+0300 (ASCII, Latin-1, Latin Extended-A and -B) without
    /// combining marks: such text is its own NFC, and no two such texts are canonically equivalent,
    /// so its bytes can be the key as they are. A lead byte of 0xCC or more starts U+0300 or above.
    private static func isNFC(_ utf8: some Sequence<UInt8>) -> Bool {
        utf8.allSatisfy { $0 < 0xCC }
    }

    func evidence(_ id: Int) -> (sv: Double, en: Double) {
        evidence[id]
    }

    mutating func stem(_ id: Int, _ language: Language) -> String {
        switch language {
        case .sv:
            if let s = swedishStems[id] { return s }
            let s = SwedishStemmer().stem(words[id])
            swedishStems[id] = s
            return s
        case .en:
            if let s = englishStems[id] { return s }
            let s = EnglishStemmer().stem(words[id])
            englishStems[id] = s
            return s
        }
    }
}
