/// Facts about each distinct word seen, computed once: its language evidence and its stem in
/// each language. Answers repeat a small vocabulary, so looking a word up once per token (one hash)
/// and reading the rest from arrays is several times faster than recomputing per token.
struct Lexicon: Sendable {
    private var ids: [String: Int] = [:]
    private(set) var words: [String] = []
    private var swedishEvidence: [Double] = []
    private var englishEvidence: [Double] = []
    private var swedishStems: [String?] = []
    private var englishStems: [String?] = []

    var count: Int { words.count }

    mutating func id(_ word: String) -> Int {
        if let id = ids[word] { return id }
        let id = words.count
        ids[word] = id
        words.append(word)
        let (sv, en) = LanguageGuesser.evidence(word)
        swedishEvidence.append(sv)
        englishEvidence.append(en)
        swedishStems.append(nil)
        englishStems.append(nil)
        return id
    }

    func evidence(_ id: Int) -> (sv: Double, en: Double) {
        (swedishEvidence[id], englishEvidence[id])
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
