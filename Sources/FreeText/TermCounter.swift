/// Counts terms and two-word phrases over a set of answers.
///
/// Decisions, so reports can state them:
/// - A term is a stem. Answers are stemmed in their own language (given, or guessed per answer,
///   with `fallbackLanguage` when the guess is unsure), so "kommunerna" and "kommunen" count as one
///   term and "cities"/"city" as one. A term is shown in its most used lowercase form; ties go to
///   the shorter, then alphabetically first form. Stems of the two languages share one key space:
///   the rare word stemmed differently in a Swedish and an English answer counts as two terms.
/// - Stopwords (both languages' lists by default), numbers, links and words shorter than
///   `minimumLength` letters are not terms.
/// - A bigram is two terms adjacent in the answer: no stopword, number, link, short word or
///   punctuation (comma, full stop, line break ...) between them. "kollektivtrafik i norr" gives
///   no bigram; "bättre kollektivtrafik" does. Skipping stopwords would invent phrases nobody
///   wrote ("stöd projekt" from "stöd till projekt").
/// - Both counts are kept: `answers` (in how many answers the term occurs; the default ranking,
///   so one long answer repeating a word cannot dominate) and `occurrences` (every use).
public struct TermCounter: Sendable {
    public enum Ranking: Sendable, Hashable {
        /// By the number of answers containing the term, then by occurrences.
        case answers
        /// By the number of uses, then by answers.
        case occurrences
    }

    public struct Term: Sendable, Hashable {
        /// The stem, or two stems separated by a space for a bigram.
        public var key: String
        /// The most used written form (lowercase), or the two forms for a bigram.
        public var display: String
        public var answers: Int
        public var occurrences: Int
    }

    /// Fixed language for all answers, or `nil` to guess per answer.
    public let language: Language?
    public let fallbackLanguage: Language
    public let stopwords: Set<String>
    public let minimumLength: Int
    public private(set) var answerCount = 0

    /// Counts for one term or bigram. `forms` maps a written form (word id, or a pair of word ids
    /// packed into one Int for bigrams) to its uses.
    private struct Tally: Sendable {
        var answers = 0
        var occurrences = 0
        var lastAnswer = -1
        var forms: [Int: Int] = [:]

        mutating func add(form: Int, answer: Int) {
            occurrences += 1
            forms[form, default: 0] += 1
            if lastAnswer != answer {
                lastAnswer = answer
                answers += 1
            }
        }
    }

    private var lexicon = Lexicon()
    /// Per word id and language: the term id, `notATerm` for stopwords and short words, or
    /// `unknown` before first use.
    private var swedishTermOfWord: [Int] = []
    private var englishTermOfWord: [Int] = []
    private var termIDs: [String: Int] = [:]
    private var termStems: [String] = []
    private var terms: [Tally] = []
    private var bigrams: [Int: Tally] = [:]
    private let tokenizer = Tokenizer(dropNumbers: true, links: .drop)
    private let guesser = LanguageGuesser()

    private static let unknown = -1
    private static let notATerm = -2

    /// The default stopwords are both languages' lists, since bilingual surveys mix them and the
    /// overlap of real content words with the other language's function words is tiny.
    public init(language: Language? = nil, fallbackLanguage: Language = .sv,
                stopwords: Set<String> = Stopwords.swedish.union(Stopwords.english), minimumLength: Int = 2) {
        self.language = language
        self.fallbackLanguage = fallbackLanguage
        self.stopwords = stopwords
        self.minimumLength = minimumLength
    }

    /// Number of distinct terms seen.
    public var termCount: Int { terms.count }

    /// Adds one answer and returns the language it was guessed to be in (nil when the guess is
    /// unsure, the fixed `language` when one is set), so callers can report languages per answer
    /// without tokenizing twice.
    @discardableResult
    public mutating func add(_ answer: String) -> Language? {
        var ids: [Int] = []
        var breaks: [Bool] = []
        var sv = 0.0
        var en = 0.0
        tokenizer.forEachToken(in: answer) { token in
            guard token.kind == .word else { return }
            let id = lexicon.id(token.text)
            let e = lexicon.evidence(id)
            sv += e.sv
            en += e.en
            ids.append(id)
            breaks.append(token.startsClause)
        }
        let guessed = language ?? guesser.decide(sv, en).language
        count(ids: ids, breaks: breaks, language: guessed ?? fallbackLanguage)
        return guessed
    }

    /// Adds an answer already tokenized, in a known language.
    public mutating func add(tokens: [Token], language lang: Language) {
        var ids: [Int] = []
        var breaks: [Bool] = []
        var pendingBreak = false
        for token in tokens {
            guard token.kind == .word else {
                pendingBreak = true
                continue
            }
            ids.append(lexicon.id(token.text))
            breaks.append(token.startsClause || pendingBreak)
            pendingBreak = false
        }
        count(ids: ids, breaks: breaks, language: lang)
    }

    public func topTerms(_ limit: Int = 20, by ranking: Ranking = .answers) -> [Term] {
        let all = terms.enumerated().map { id, tally in
            Term(key: termStems[id], display: displayForm(tally.forms, pair: false),
                 answers: tally.answers, occurrences: tally.occurrences)
        }
        return Self.top(all, limit, ranking)
    }

    public func topBigrams(_ limit: Int = 20, by ranking: Ranking = .answers) -> [Term] {
        let all = bigrams.map { key, tally in
            let (a, b) = Self.unpack(key)
            return Term(key: termStems[a] + " " + termStems[b], display: displayForm(tally.forms, pair: true),
                        answers: tally.answers, occurrences: tally.occurrences)
        }
        return Self.top(all, limit, ranking)
    }

    // MARK: Counting

    private mutating func count(ids: [Int], breaks: [Bool], language lang: Language) {
        let answer = answerCount
        answerCount += 1
        var previous: (term: Int, word: Int)? = nil
        for (k, id) in ids.enumerated() {
            let term = termID(word: id, lang)
            guard term >= 0 else {
                previous = nil
                continue
            }
            terms[term].add(form: id, answer: answer)
            if let previous, !breaks[k] {
                bigrams[Self.pack(previous.term, term), default: Tally()]
                    .add(form: Self.pack(previous.word, id), answer: answer)
            }
            previous = (term, id)
        }
    }

    private mutating func termID(word id: Int, _ lang: Language) -> Int {
        if let known = knownTerm(word: id, lang) { return known }
        let word = lexicon.words[id]
        let result: Int
        if word.unicodeScalars.count < minimumLength || stopwords.contains(word) {
            result = Self.notATerm
        } else {
            let stem = lexicon.stem(id, lang)
            if let existing = termIDs[stem] {
                result = existing
            } else {
                result = terms.count
                termIDs[stem] = result
                termStems.append(stem)
                terms.append(Tally())
            }
        }
        switch lang {
        case .sv: Self.store(result, at: id, in: &swedishTermOfWord)
        case .en: Self.store(result, at: id, in: &englishTermOfWord)
        }
        return result
    }

    private func knownTerm(word id: Int, _ lang: Language) -> Int? {
        let table = lang == .sv ? swedishTermOfWord : englishTermOfWord
        guard id < table.count, table[id] != Self.unknown else { return nil }
        return table[id]
    }

    private static func store(_ term: Int, at id: Int, in table: inout [Int]) {
        if table.count <= id { table.append(contentsOf: repeatElement(unknown, count: id + 1 - table.count)) }
        table[id] = term
    }

    private static func pack(_ a: Int, _ b: Int) -> Int { a << 32 | b }
    private static func unpack(_ key: Int) -> (Int, Int) { (key >> 32, key & 0xFFFF_FFFF) }

    private func displayForm(_ forms: [Int: Int], pair: Bool) -> String {
        var best = ""
        var bestCount = -1
        for (form, n) in forms {
            let text: String
            if pair {
                let (a, b) = Self.unpack(form)
                text = lexicon.words[a] + " " + lexicon.words[b]
            } else {
                text = lexicon.words[form]
            }
            if n > bestCount
                || (n == bestCount && (text.count < best.count || (text.count == best.count && text < best))) {
                best = text
                bestCount = n
            }
        }
        return best
    }

    private static func top(_ all: [Term], _ limit: Int, _ ranking: Ranking) -> [Term] {
        let sorted = all.sorted { a, b in
            let (a1, a2, b1, b2) = ranking == .answers
                ? (a.answers, a.occurrences, b.answers, b.occurrences)
                : (a.occurrences, a.answers, b.occurrences, b.answers)
            if a1 != b1 { return a1 > b1 }
            if a2 != b2 { return a2 > b2 }
            if a.display != b.display { return a.display < b.display }
            return a.key < b.key
        }
        return Array(sorted.prefix(max(0, limit)))
    }
}
