/// How many times one theme was hit in one answer.
public struct ThemeHit: Sendable, Hashable {
    /// Index into `Codebook.themes`.
    public var theme: Int
    /// Number of distinct token positions where a keyword or stem of the theme starts.
    public var hits: Int
}

/// The outcome of coding a list of answers against a codebook.
public struct CodingResult: Sendable, Hashable {
    /// For each answer, the indices of the themes it hits, ascending.
    public var themesPerAnswer: [[Int]]
    /// For each theme, the number of answers hitting it.
    public var answersPerTheme: [Int]
    /// For each theme, up to the requested number of answer indices to quote (see `QuotePicker`).
    public var quotes: [[Int]]
}

/// Matches answers to themes by stems.
///
/// Keywords are tokenized and stemmed with each of the codebook's languages; an answer is
/// stemmed in its own language (given, or guessed; when the guess is unsure, in every language of
/// the codebook) and a keyword hits when its stem sequence occurs in the answer's stem sequence
/// of the same language. So keyword "kollektivtrafik" hits "kollektivtrafiken" (both stem to
/// "kollektivtrafik"), keyword "city" hits "cities" ("citi"), and phrase "public transport"
/// hits "Public transports" but neither "public, transport" (a phrase may not cross
/// punctuation) nor "public and transport". Stopwords stay in phrases: "kultur och fritid" works.
/// Stemming both sides with the same stemmer is what lets a keyword in its base form meet every
/// inflection; matching raw words would need every form listed. Guessing the answer's language
/// first keeps a Swedish keyword from meeting an English word that happens to share its Swedish
/// stem ("data" and "date" are both "dat" to the Swedish stemmer).
public struct Codebook: Sendable {
    public let themes: [Theme]
    public let languages: [Language]

    /// A keyword as stems, per language, indexed by its first stem for lookup.
    struct Phrase: Sendable {
        let theme: Int
        let stems: [String]
    }

    let phrasesByFirstStem: [Language: [String: [Phrase]]]
    let exactStems: [String: [Int]]
    let stemPrefixes: [(prefix: String, theme: Int)]

    public init(themes: [Theme], languages: [Language] = [.sv, .en]) {
        self.themes = themes
        self.languages = languages
        let tokenizer = Tokenizer(dropNumbers: false, links: .drop)
        var byFirst: [Language: [String: [Phrase]]] = [:]
        for lang in languages {
            let stemmer = lang.stemmer
            var table: [String: [Phrase]] = [:]
            for (index, theme) in themes.enumerated() {
                var seen = Set<[String]>()
                for keyword in theme.keywords {
                    let stems = tokenizer.tokens(in: keyword).map { stemmer.stem($0.text) }
                    guard let first = stems.first, seen.insert(stems).inserted else { continue }
                    table[first, default: []].append(Phrase(theme: index, stems: stems))
                }
            }
            byFirst[lang] = table
        }
        phrasesByFirstStem = byFirst
        var exact: [String: [Int]] = [:]
        var prefixes: [(String, Int)] = []
        for (index, theme) in themes.enumerated() {
            for raw in theme.stems {
                let s = raw.trimmingWhitespace().lowercased()
                if s.hasSuffix("*") {
                    let p = String(s.dropLast())
                    if !p.isEmpty { prefixes.append((p, index)) }
                } else if !s.isEmpty, !(exact[s]?.contains(index) ?? false) {
                    exact[s, default: []].append(index)
                }
            }
        }
        exactStems = exact
        stemPrefixes = prefixes
    }

    /// The themes `answer` hits, by theme index, with hit counts. `language` fixes the answer's
    /// language; nil guesses it.
    public func hits(in answer: String, language: Language? = nil) -> [ThemeHit] {
        var matcher = CodebookMatcher(codebook: self)
        return matcher.hits(in: answer, language: language)
    }

    /// Codes every answer and picks up to `quotesPerTheme` quotes per theme.
    public func code(_ answers: [String], language: Language? = nil, quotesPerTheme: Int = 3) -> CodingResult {
        var matcher = CodebookMatcher(codebook: self)
        var perAnswer: [[Int]] = []
        perAnswer.reserveCapacity(answers.count)
        var counts = Array(repeating: 0, count: themes.count)
        var candidates = Array(repeating: [QuotePicker.Candidate](), count: themes.count)
        for (i, answer) in answers.enumerated() {
            let hits = matcher.hits(in: answer, language: language)
            perAnswer.append(hits.map(\.theme))
            for hit in hits {
                counts[hit.theme] += 1
                candidates[hit.theme].append(QuotePicker.Candidate(index: i, text: answer, hits: hit.hits))
            }
        }
        let picker = QuotePicker()
        let quotes = candidates.map { picker.pick($0, count: quotesPerTheme) }
        return CodingResult(themesPerAnswer: perAnswer, answersPerTheme: counts, quotes: quotes)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
