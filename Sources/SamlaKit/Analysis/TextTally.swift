import FreeText

/// What one text question's answers say, gathered answer by answer: the language of each, terms and
/// bigrams, and (with a codebook) themes. Memory grows with the vocabulary, not the answers.
/// Tallies of different rows merge, so the rows of a store can be counted on several cores.
struct TextTally: Sendable {
    private var terms: TermCounter
    /// Answers guessed Swedish, English, or neither.
    private var swedish = 0
    private var english = 0
    private var unsure = 0
    private var themes: ThemeTally?

    /// `fallbackLanguage` stems answers whose language cannot be told.
    init(fallbackLanguage: Language, codebook: Codebook?, quotesPerTheme: Int) {
        terms = TermCounter(fallbackLanguage: fallbackLanguage)
        themes = codebook.map { ThemeTally(codebook: $0, quotesPerTheme: quotesPerTheme) }
    }

    /// Adds one non-empty answer, given as UTF-8; `row` is its response's place in stored order.
    mutating func add(_ answer: UnsafeBufferPointer<UInt8>, row: Int) {
        switch terms.add(utf8: answer) {
        case .sv: swedish += 1
        case .en: english += 1
        case nil: unsure += 1
        }
        // Coding works on strings; without a codebook no string is made.
        themes?.add(String(decoding: answer, as: UTF8.self), row: row)
    }

    /// Adds the answers of other rows.
    mutating func merge(_ other: TextTally) {
        terms.merge(other.terms)
        swedish += other.swedish
        english += other.english
        unsure += other.unsure
        if let theirs = other.themes { themes?.merge(theirs) }
    }

    func figures(answered: Int, topTerms: Int) -> TextFigures {
        var languages: [String: Int] = [:]
        if swedish > 0 { languages[Language.sv.rawValue] = swedish }
        if english > 0 { languages[Language.en.rawValue] = english }
        if unsure > 0 { languages["unknown"] = unsure }
        var coding = themes
        let coded = coding?.finish(answered: answered)
        return TextFigures(
            languages: languages,
            terms: terms.topTerms(topTerms).map { TermCount(term: $0.display, count: $0.answers) },
            bigrams: terms.topBigrams(topTerms).map { TermCount(term: $0.display, count: $0.answers) },
            themes: coded?.0, uncoded: coded?.uncoded)
    }
}
