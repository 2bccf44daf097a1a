/// Which of eight languages (sv, en, de, es, fr, nb, da, fi) a body of text is written in: the
/// question texts and answers of a whole export, not one short answer (for that, and for Swedish
/// against English only, see ``LanguageGuesser``).
///
/// Each word in a language's ``FunctionWords`` list gives that language a point, shared out among
/// the languages whose lists hold it ("det" counts a third each for Swedish, Norwegian and Danish;
/// "och" a whole point for Swedish). Letters a language uses and most others do not add half a
/// point, shared the same way: å (sv, nb, da), ä and ö (sv, fi, de), ü and ß (de), æ and ø (nb,
/// da), ñ and ¿ (es), ç, è, ê, à, œ (fr). The language with most points is named when it leads by
/// at least `minimumMargin`.
public struct LanguageIdentifier: Sendable {
    public struct Guess: Sendable, Equatable {
        /// An ISO 639-1 code, nil when the text says too little.
        public var language: String?
        public var scores: [String: Double]
    }

    public var minimumMargin: Double

    public init(minimumMargin: Double = 1) {
        self.minimumMargin = minimumMargin
    }

    /// Per word, the languages whose lists hold it.
    private static let owners: [String: [String]] = {
        var owners: [String: [String]] = [:]
        for language in FunctionWords.languages {
            for word in FunctionWords.lists[language] ?? [] { owners[word, default: []].append(language) }
        }
        return owners
    }()

    private static let letterOwners: [Character: [String]] = [
        "å": ["sv", "nb", "da"], "ä": ["sv", "fi", "de"], "ö": ["sv", "fi", "de"], "ü": ["de"], "ß": ["de"],
        "æ": ["nb", "da"], "ø": ["nb", "da"], "ñ": ["es"], "¿": ["es"], "¡": ["es"], "ç": ["fr"], "è": ["fr"],
        "ê": ["fr"], "à": ["fr"], "œ": ["fr"], "ù": ["fr"], "î": ["fr"], "ô": ["fr"],
    ]

    public func guess(_ text: String) -> Guess {
        var scores: [String: Double] = [:]
        var word = ""
        func finish() {
            guard !word.isEmpty else { return }
            if let languages = Self.owners[word] {
                for language in languages { scores[language, default: 0] += 1 / Double(languages.count) }
            }
            word = ""
        }
        for character in text.lowercased() {
            if let languages = Self.letterOwners[character] {
                for language in languages { scores[language, default: 0] += 0.5 / Double(languages.count) }
            }
            if character.isLetter || character == "'" || character == "\u{2019}" {
                word.append(character == "\u{2019}" ? "'" : character)
            } else {
                finish()
            }
        }
        finish()
        let ranked = FunctionWords.languages.enumerated().map { ($0.element, scores[$0.element] ?? 0, $0.offset) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.2 < $1.2 }
        guard let first = ranked.first, first.1 > 0 else { return Guess(language: nil, scores: scores) }
        let second = ranked.count > 1 ? ranked[1].1 : 0
        return Guess(language: first.1 - second >= minimumMargin ? first.0 : nil, scores: scores)
    }
}
