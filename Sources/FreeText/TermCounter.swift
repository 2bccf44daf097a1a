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

    /// How many answers hold a term or bigram, and how often it is used.
    private struct Tally: Sendable {
        var answers = 0
        var occurrences = 0
        var lastAnswer = -1

        @inline(__always)
        mutating func add(answer: Int) {
            occurrences += 1
            if lastAnswer != answer {
                lastAnswer = answer
                answers += 1
            }
        }

        /// Adds the counts of other answers than those counted here.
        mutating func absorb(_ other: Tally) {
            answers += other.answers
            occurrences += other.occurrences
        }
    }

    private var reader = WordReader()
    /// Per word id and language (`slot(_:_:)`): the term id (`notATerm` for stopwords and short
    /// words, `unknown` before first use) and how often the word was counted as that term. A word's
    /// uses under each language are its uses as a written form of the term, so display forms need
    /// no per-term table of forms.
    private var termOfWord: [Int] = []
    private var usesOfWord: [Int] = []
    private var termIDs: [String: Int] = [:]
    private var termStems: [String] = []
    private var terms: [Tally] = []
    /// Bigrams by their pair of term ids.
    private var bigramIndex = PairTable()
    private var bigrams: [Tally] = []
    /// Written pairs: two word ids and the language bit, packed, with their bigram and uses.
    /// One lookup per adjacent pair finds both.
    private var formIndex = PairTable()
    private var formBigram: [Int] = []
    private var formUses: [Int] = []
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
        var answer = answer
        return answer.withUTF8 { add(utf8: $0) }
    }

    /// Adds one answer given as UTF-8 (which must be valid), as `add(_:)` does.
    @discardableResult
    public mutating func add(utf8 answer: UnsafeBufferPointer<UInt8>) -> Language? {
        reader.read(answer)
        let guessed = language ?? guesser.decide(reader.swedish, reader.english).language
        count(reader.ids, breaks: reader.breaks, language: guessed ?? fallbackLanguage)
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
            ids.append(reader.id(token.text))
            breaks.append(token.startsClause || pendingBreak)
            pendingBreak = false
        }
        count(ids, breaks: breaks, language: lang)
    }

    public func topTerms(_ limit: Int = 20, by ranking: Ranking = .answers) -> [Term] {
        var forms = Array(repeating: DisplayForm(), count: terms.count)
        let words = reader.lexicon.words
        for id in words.indices {
            let (sv, en) = (knownTerm(id, .sv) ?? Self.notATerm, knownTerm(id, .en) ?? Self.notATerm)
            let (svUses, enUses) = (sv >= 0 ? usesOfWord[Self.slot(id, .sv)] : 0, en >= 0 ? usesOfWord[Self.slot(id, .en)] : 0)
            if sv >= 0 && sv == en {
                forms[sv].offer(words[id], uses: svUses + enUses)
                continue
            }
            if sv >= 0 { forms[sv].offer(words[id], uses: svUses) }
            if en >= 0 { forms[en].offer(words[id], uses: enUses) }
        }
        let all = terms.enumerated().map { id, tally in
            Term(key: termStems[id], display: forms[id].text, answers: tally.answers, occurrences: tally.occurrences)
        }
        return Self.top(all, limit, ranking)
    }

    public func topBigrams(_ limit: Int = 20, by ranking: Ranking = .answers) -> [Term] {
        // The same two words counted in both languages under one bigram are one written form.
        var usesByForm: [FormOfBigram: Int] = [:]
        for (index, key) in formIndex.keys.enumerated() {
            let words = PairTable.unpack(key >> 1)
            usesByForm[FormOfBigram(bigram: formBigram[index], first: words.0, second: words.1), default: 0] += formUses[index]
        }
        var forms = Array(repeating: DisplayForm(), count: bigrams.count)
        let words = reader.lexicon.words
        for (form, uses) in usesByForm {
            forms[form.bigram].offer(words[form.first] + " " + words[form.second], uses: uses)
        }
        let all = bigrams.enumerated().map { index, tally in
            let (a, b) = PairTable.unpack(bigramIndex.keys[index])
            return Term(key: termStems[a] + " " + termStems[b], display: forms[index].text,
                        answers: tally.answers, occurrences: tally.occurrences)
        }
        return Self.top(all, limit, ranking)
    }

    // MARK: Counting

    private mutating func count(_ ids: [Int], breaks: [Bool], language lang: Language) {
        let answer = answerCount
        answerCount += 1
        var previous = -1
        for k in ids.indices {
            let id = ids[k]
            let term = termID(word: id, lang)
            guard term >= 0 else {
                previous = -1
                continue
            }
            terms[term].add(answer: answer)
            usesOfWord[Self.slot(id, lang)] += 1
            if previous >= 0, !breaks[k] {
                countBigram(previous, id, lang, answer: answer)
            }
            previous = id
        }
    }

    /// Counts the written pair `first second` (both terms in `lang`).
    private mutating func countBigram(_ first: Int, _ second: Int, _ lang: Language, answer: Int) {
        let (form, isNew) = formIndex.index(of: PairTable.pack(first, second) << 1 | UInt64(Self.bit(lang)))
        if isNew {
            let terms = PairTable.pack(termOfWord[Self.slot(first, lang)], termOfWord[Self.slot(second, lang)])
            let (bigram, isNewBigram) = bigramIndex.index(of: terms)
            if isNewBigram { bigrams.append(Tally()) }
            formBigram.append(bigram)
            formUses.append(0)
        }
        formUses[form] += 1
        bigrams[formBigram[form]].add(answer: answer)
    }

    private mutating func termID(word id: Int, _ lang: Language) -> Int {
        if let known = knownTerm(id, lang) { return known }
        let word = reader.lexicon.words[id]
        let result: Int
        if word.unicodeScalars.count < minimumLength || stopwords.contains(word) {
            result = Self.notATerm
        } else {
            let stem = reader.stem(id, lang)
            if let existing = termIDs[stem] {
                result = existing
            } else {
                result = terms.count
                termIDs[stem] = result
                termStems.append(stem)
                terms.append(Tally())
            }
        }
        store(result, at: id, lang)
        return result
    }

    /// Where a word's term and uses in a language are kept.
    @inline(__always)
    private static func slot(_ id: Int, _ lang: Language) -> Int {
        id << 1 | bit(lang)
    }

    @inline(__always)
    private static func bit(_ lang: Language) -> Int {
        lang == .sv ? 0 : 1
    }

    @inline(__always)
    private func knownTerm(_ id: Int, _ lang: Language) -> Int? {
        let slot = Self.slot(id, lang)
        guard slot < termOfWord.count, termOfWord[slot] != Self.unknown else { return nil }
        return termOfWord[slot]
    }

    private mutating func store(_ term: Int, at id: Int, _ lang: Language) {
        let slot = Self.slot(id, lang)
        if termOfWord.count <= slot {
            let more = 2 * (id + 1) - termOfWord.count
            termOfWord.append(contentsOf: repeatElement(Self.unknown, count: more))
            usesOfWord.append(contentsOf: repeatElement(0, count: more))
        }
        termOfWord[slot] = term
    }

    // MARK: Merging

    /// Adds the counts of `other`, a counter of other answers made with the same settings, so
    /// answers can be counted in parts (on several cores) and the parts added up: every term,
    /// bigram, answer count and display form comes out as if one counter had seen all answers.
    /// Terms are matched by stem and words by spelling, since each counter numbers its own.
    public mutating func merge(_ other: TermCounter) {
        precondition(language == other.language && fallbackLanguage == other.fallbackLanguage
                     && minimumLength == other.minimumLength && stopwords == other.stopwords,
                     "merging term counters made with different settings")
        answerCount += other.answerCount
        let wordOf = other.reader.lexicon.words.map { reader.id($0) }
        let termOf = other.termStems.map { stem in
            if let known = termIDs[stem] { return known }
            termIDs[stem] = terms.count
            termStems.append(stem)
            terms.append(Tally())
            return terms.count - 1
        }
        for (term, tally) in other.terms.enumerated() {
            terms[termOf[term]].absorb(tally)
        }
        for (slot, term) in other.termOfWord.enumerated() where term != Self.unknown {
            // A word's term follows from its spelling and the settings, so a word both counters
            // know has the same term in both.
            let lang: Language = slot & 1 == 0 ? .sv : .en
            let word = wordOf[slot >> 1]
            store(term >= 0 ? termOf[term] : term, at: word, lang)
            usesOfWord[Self.slot(word, lang)] += other.usesOfWord[slot]
        }
        let bigramOf = other.bigramIndex.keys.enumerated().map { index, key in
            let (a, b) = PairTable.unpack(key)
            let (bigram, isNew) = bigramIndex.index(of: PairTable.pack(termOf[a], termOf[b]))
            if isNew { bigrams.append(Tally()) }
            bigrams[bigram].absorb(other.bigrams[index])
            return bigram
        }
        for (index, key) in other.formIndex.keys.enumerated() {
            let (a, b) = PairTable.unpack(key >> 1)
            let (form, isNew) = formIndex.index(of: PairTable.pack(wordOf[a], wordOf[b]) << 1 | key & 1)
            if isNew {
                formBigram.append(bigramOf[other.formBigram[index]])
                formUses.append(0)
            }
            formUses[form] += other.formUses[index]
        }
    }

    /// A written form of a bigram, for summing its uses over both languages.
    private struct FormOfBigram: Hashable {
        var bigram: Int
        var first: Int
        var second: Int
    }

    /// The most used written form of a term so far; ties go to the shorter, then alphabetically
    /// first form, so the choice does not depend on the order forms are offered in.
    private struct DisplayForm {
        var text = ""
        var uses = -1

        mutating func offer(_ candidate: String, uses n: Int) {
            if n > uses || (n == uses && (candidate.count < text.count || (candidate.count == text.count && candidate < text))) {
                text = candidate
                uses = n
            }
        }
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
