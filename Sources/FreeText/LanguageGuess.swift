/// A guess of the language of one answer.
public struct LanguageGuess: Sendable, Hashable {
    /// `nil` when the evidence is too thin or too mixed to call ("Innovation", "data", "OK").
    public var language: Language?
    /// 0 (no idea) to just under 1: the winning margin relative to all evidence, damped for
    /// answers with little evidence so one stopword never reads as certainty.
    public var confidence: Double
    public var swedishScore: Double
    public var englishScore: Double
}

/// Guesses Swedish or English from function words and spelling cues.
///
/// Evidence, per word:
/// - a stopword of only one of the languages ("och", "inte" / "the", "would"): 1 point;
/// - å, ä or ö: 1.5 points for Swedish (English never uses them);
/// - Swedish endings that English lacks (-arna, -erna, -heten, -ningen, -ligt, -skap ...) and
///   Swedish clusters ("kv", "sj", "tj"): 0.75 points;
/// - English spellings that Swedish lacks ("th", "w", "ou", "ea", "ee", "oo", "qu", -ness, -ly,
///   -ity, -ate, -ive, -ence, -ture, "'s"): 0.5 points (weaker, because names and loanwords carry
///   them into Swedish text). Pairs common at Swedish compound seams ("sh" in "landshövding",
///   "ph" in "upphandling") and endings Swedish shares ("-tion", "-ing", "-ment") count for nothing.
/// A language is named when it leads by at least `minimumMargin` points: by default one Swedish
/// letter, ending or function word, or one English function word or two English spellings.
public struct LanguageGuesser: Sendable {
    public var minimumMargin: Double

    public init(minimumMargin: Double = 0.75) {
        self.minimumMargin = minimumMargin
    }

    private static let swedishOnly = Stopwords.swedish.subtracting(Stopwords.english)
    private static let englishOnly = Stopwords.english.subtracting(Stopwords.swedish)

    private static let swedishEndings: [[UInt8]] = [
        "arna", "erna", "orna", "arnas", "ernas", "het", "heten", "heter", "ningen", "ningar", "ligt",
        "liga", "iga", "skap", "igt", "ande", "ende", "ades", "tionen", "tioner", "itet", "erar",
        "eringen", "iska", "iskt",
    ].map { Array($0.utf8) }

    private static let englishEndings: [[UInt8]] = [
        "ness", "ly", "ity", "ies", "'s", "ought", "ould", "ship", "ful", "less", "ight", "ate", "ous",
        "ive", "ical", "ence", "ance", "ture",
    ].map { Array($0.utf8) }

    public func guess(_ text: String) -> LanguageGuess {
        var sv = 0.0
        var en = 0.0
        Tokenizer(dropNumbers: true, links: .drop).forEachToken(in: text) { token in
            let (s, e) = Self.evidence(token.text)
            sv += s
            en += e
        }
        return decide(sv, en)
    }

    /// Guess from tokens already made, to avoid tokenizing twice.
    public func guess(tokens: [Token]) -> LanguageGuess {
        var sv = 0.0
        var en = 0.0
        for token in tokens where token.kind == .word {
            let (s, e) = Self.evidence(token.text)
            sv += s
            en += e
        }
        return decide(sv, en)
    }

    /// The guess for summed evidence; shared with callers that cache per-word evidence.
    func decide(_ sv: Double, _ en: Double) -> LanguageGuess {
        let margin = abs(sv - en)
        let total = sv + en
        // margin / (total + 1): one clean stopword gives 0.5, five agreeing give 0.83, and
        // contradicting evidence pulls it down.
        let confidence = total > 0 ? margin / (total + 1) : 0
        let language: Language? = margin >= minimumMargin ? (sv > en ? .sv : .en) : nil
        return LanguageGuess(language: language, confidence: language == nil ? 0 : confidence,
                             swedishScore: sv, englishScore: en)
    }

    /// Points for Swedish and English carried by one lowercase word. Works on UTF-8 bytes: every
    /// cue is ASCII except å, ä, ö, which are C3 A5, C3 A4 and C3 B6.
    static func evidence(_ word: String) -> (Double, Double) {
        if swedishOnly.contains(word) { return (1, 0) }
        if englishOnly.contains(word) { return (0, 1) }
        var word = word
        return word.withUTF8 { w in
            if w.count < 2 { return (0, 0) }
            var sv = 0.0
            var en = 0.0
            var hasSwedishLetter = false
            var englishCluster = false
            var swedishCluster = false
            var previous: UInt8 = 0
            for c in w {
                switch (previous, c) {
                case (0xC3, 0xA5), (0xC3, 0xA4), (0xC3, 0xB6): hasSwedishLetter = true
                case (_, UInt8(ascii: "w")): englishCluster = true
                case (UInt8(ascii: "t"), UInt8(ascii: "h")), (UInt8(ascii: "o"), UInt8(ascii: "u")),
                     (UInt8(ascii: "e"), UInt8(ascii: "a")), (UInt8(ascii: "e"), UInt8(ascii: "e")),
                     (UInt8(ascii: "o"), UInt8(ascii: "o")), (UInt8(ascii: "q"), UInt8(ascii: "u")):
                    englishCluster = true
                case (UInt8(ascii: "k"), UInt8(ascii: "v")), (UInt8(ascii: "s"), UInt8(ascii: "j")),
                     (UInt8(ascii: "t"), UInt8(ascii: "j")):
                    swedishCluster = true
                default: break
                }
                previous = c
            }
            if hasSwedishLetter { sv += 1.5 }
            if swedishCluster { sv += 0.75 }
            if englishCluster { en += 0.5 }
            if swedishEndings.contains(where: { Self.endsWith(w, $0) }) { sv += 0.75 }
            if englishEndings.contains(where: { Self.endsWith(w, $0) }) { en += 0.5 }
            return (sv, en)
        }
    }

    /// A cue ending counts only with at least two letters before it, so "igt" alone or "ly" in
    /// "fly" says nothing.
    @inline(__always)
    private static func endsWith(_ w: UnsafeBufferPointer<UInt8>, _ ending: [UInt8]) -> Bool {
        let n = ending.count
        guard w.count >= n + 2 else { return false }
        var k = 0
        while k < n {
            if w[w.count - n + k] != ending[k] { return false }
            k += 1
        }
        return true
    }
}

/// Guesses the language of answer after answer as ``LanguageGuesser`` does, remembering what each
/// distinct word says: answers repeat a small vocabulary, so each word costs one hash of its bytes
/// instead of a string and two set lookups. The analysis reads answers the same way, so an export's
/// per-answer languages agree with the summary's.
public struct RepeatedLanguageGuesser: Sendable {
    private var reader = WordReader()
    private let guesser: LanguageGuesser

    public init(_ guesser: LanguageGuesser = LanguageGuesser()) {
        self.guesser = guesser
    }

    public mutating func guess(_ answer: String) -> LanguageGuess {
        reader.read(answer)
        return guesser.decide(reader.swedish, reader.english)
    }
}
