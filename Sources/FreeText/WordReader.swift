/// Reads one answer into what counting and coding need: its words as lexicon ids, which of them
/// start a clause, and the language evidence they carry, in one tokenization and without making a
/// string per token. Reused answer to answer, so reading allocates only for words never seen.
struct WordReader: Sendable, RawTokenSink {
    private(set) var lexicon = Lexicon()
    /// The last answer read: word ids in order, and per word whether punctuation, a line break or
    /// a dropped token (number, link) separates it from the word before.
    private(set) var ids: [Int] = []
    private(set) var breaks: [Bool] = []
    private(set) var swedish = 0.0
    private(set) var english = 0.0
    private let tokenizer = Tokenizer(dropNumbers: true, links: .drop)

    mutating func read(_ answer: UnsafeBufferPointer<UInt8>) {
        ids.removeAll(keepingCapacity: true)
        breaks.removeAll(keepingCapacity: true)
        swedish = 0
        english = 0
        let tokenizer = self.tokenizer
        tokenizer.forEachRawToken(in: answer, into: &self)
    }

    mutating func read(_ answer: String) {
        var answer = answer
        answer.withUTF8 { read($0) }
    }

    mutating func take(_ token: RawToken, input: UnsafeBufferPointer<UInt8>) {
        guard token.kind == .word else { return }
        let id = lexicon.id(token, input: input)
        let evidence = lexicon.evidence(id)
        swedish += evidence.sv
        english += evidence.en
        ids.append(id)
        breaks.append(token.startsClause)
    }

    /// Stems and new words are computed on first use, hence mutating.
    mutating func stem(_ id: Int, _ language: Language) -> String {
        lexicon.stem(id, language)
    }

    mutating func id(_ word: String) -> Int {
        lexicon.id(word)
    }
}
