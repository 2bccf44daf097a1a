/// The working state of matching many answers against one codebook: the words seen so far, their
/// stems, and which keywords can start at each word. Coding 100,000 answers looks up each token
/// once instead of comparing it against every keyword.
struct CodebookMatcher {
    let codebook: Codebook
    private var reader = WordReader()
    /// Per language, per word id: phrases starting with the word's stem, or nil if not computed.
    private var phrasesStartingAt: [Language: [[Codebook.Phrase]?]] = [:]
    /// Per word id: themes hit through explicit stems or stem prefixes, in any language.
    private var stemThemes: [Language: [[Int]?]] = [:]
    private let guesser = LanguageGuesser()

    init(codebook: Codebook) {
        self.codebook = codebook
        for lang in codebook.languages {
            phrasesStartingAt[lang] = []
            stemThemes[lang] = []
        }
    }

    mutating func hits(in answer: String, language: Language?) -> [ThemeHit] {
        reader.read(answer)
        let (ids, breaks, sv, en) = (reader.ids, reader.breaks, reader.swedish, reader.english)
        if ids.isEmpty { return [] }

        let langs: [Language]
        if let language {
            langs = [language]
        } else if let guessed = guesser.decide(sv, en).language, codebook.languages.contains(guessed) {
            langs = [guessed]
        } else {
            langs = codebook.languages
        }

        // (theme, position) pairs; a theme's hit count is its number of distinct positions.
        var found: [(theme: Int, position: Int)] = []
        for lang in langs {
            for (i, id) in ids.enumerated() {
                for phrase in phrases(startingWith: id, lang) where matches(phrase, at: i, ids, breaks, lang) {
                    found.append((phrase.theme, i))
                }
                for theme in themesByStem(id, lang) {
                    found.append((theme, i))
                }
            }
        }
        if found.isEmpty { return [] }
        found.sort { $0.theme != $1.theme ? $0.theme < $1.theme : $0.position < $1.position }
        var result: [ThemeHit] = []
        var previous: (theme: Int, position: Int)? = nil
        for f in found {
            if let p = previous, p.theme == f.theme, p.position == f.position { continue }
            if let last = result.last, last.theme == f.theme {
                result[result.count - 1].hits += 1
            } else {
                result.append(ThemeHit(theme: f.theme, hits: 1))
            }
            previous = f
        }
        return result
    }

    private mutating func matches(_ phrase: Codebook.Phrase, at i: Int, _ ids: [Int], _ breaks: [Bool],
                                  _ lang: Language) -> Bool {
        let m = phrase.stems.count
        guard i + m <= ids.count else { return false }
        var k = 1
        while k < m {
            if breaks[i + k] || reader.stem(ids[i + k], lang) != phrase.stems[k] { return false }
            k += 1
        }
        return true
    }

    private mutating func phrases(startingWith id: Int, _ lang: Language) -> [Codebook.Phrase] {
        if let cached = phrasesStartingAt[lang]?[safe: id] ?? nil { return cached }
        let stem = reader.stem(id, lang)
        let list = codebook.phrasesByFirstStem[lang]?[stem] ?? []
        Self.store(list, at: id, in: &phrasesStartingAt[lang, default: []])
        return list
    }

    private mutating func themesByStem(_ id: Int, _ lang: Language) -> [Int] {
        if codebook.exactStems.isEmpty && codebook.stemPrefixes.isEmpty { return [] }
        if let cached = stemThemes[lang]?[safe: id] ?? nil { return cached }
        let stem = reader.stem(id, lang)
        let word = reader.lexicon.words[id]
        var themes = (codebook.exactStems[stem] ?? []) + (codebook.exactStems[word] ?? [])
        for (prefix, theme) in codebook.stemPrefixes where stem.hasPrefix(prefix) || word.hasPrefix(prefix) {
            themes.append(theme)
        }
        Self.store(themes, at: id, in: &stemThemes[lang, default: []])
        return themes
    }

    private static func store<T>(_ value: T, at id: Int, in table: inout [T?]) {
        if table.count <= id { table.append(contentsOf: repeatElement(nil, count: id + 1 - table.count)) }
        table[id] = value
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        index < count ? self[index] : nil
    }
}
