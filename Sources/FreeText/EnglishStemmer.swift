/// The Snowball English stemmer ("Porter2"), as described on snowballstem.org in its current form
/// (Snowball 3: the extra R1 prefixes, "-ogist", the "dying"/"evening" handling inside step 1b).
///
/// Outline: a few whole words are exceptions; otherwise, after marking consonant-y as `Y` and
/// finding the regions R1 and R2, steps 1a-1c strip inflections (-s, -ed, -ing, -y), steps 2-4
/// map and strip derivational suffixes inside R1/R2, and step 5 drops a final -e or -l.
public struct EnglishStemmer: BufferStemmer {
    public init() {}

    /// Marks a "y" that acts as a consonant. Input is lowercase, so an uppercase letter is free.
    private static let consonantY: Unicode.Scalar = "Y"

    /// Whole-word exceptions checked before anything else; `false` means "leave as is".
    private static let exceptions = SuffixTable<Bool>([
        ("skis", true, "ski"), ("skies", true, "sky"), ("idly", true, "idl"), ("gently", true, "gentl"),
        ("ugly", true, "ugli"), ("early", true, "earli"), ("only", true, "onli"), ("singly", true, "singl"),
        ("sky", false, ""), ("news", false, ""), ("howe", false, ""), ("atlas", false, ""),
        ("cosmos", false, ""), ("bias", false, ""), ("andes", false, ""),
    ])

    /// Words starting with these get R1 right after them, so "generous" and "general" do not
    /// collapse to "gener" and "communism"/"community" keep "commun".
    private static let r1Prefixes = SuffixTable<Bool>(
        ["gener", "commun", "arsen", "past", "univers", "later", "emerg", "organ", "inter"].map { ($0, true) }
    )

    private static let apostropheSuffixes = SuffixTable<Bool>([("'s'", true), ("'s", true), ("'", true)])

    private enum Step1a: Sendable { case sses, ies, s, keep }
    private static let step1a = SuffixTable<Step1a>([
        ("sses", .sses), ("ied", .ies), ("ies", .ies), ("s", .s), ("ss", .keep), ("us", .keep),
    ])

    private enum Step1b: Sendable { case eed, ed, ing }
    private static let step1b = SuffixTable<Step1b>([
        ("eed", .eed), ("eedly", .eed), ("ed", .ed), ("edly", .ed), ("ing", .ing), ("ingly", .ed),
    ])

    /// Whole stems before "-eed" and "-ing" that are not inflections: "succeed", "evening", "inning".
    private static let eedStems = SuffixTable<Bool>(["succ", "proc", "exc"].map { ($0, true) })
    private static let ingStems = SuffixTable<Bool>(["even", "cann", "inn", "earr", "herr", "out"].map { ($0, true) })

    /// Endings that get an "e" back after -ed/-ing is removed: "luxuriat(ed)" -> "luxuriate".
    private static let restoreE = SuffixTable<Bool>([("at", true), ("bl", true), ("iz", true)])

    private enum Step2: Sendable { case replace, afterL, afterLiEnding }
    private static let step2 = SuffixTable<Step2>([
        ("tional", .replace, "tion"), ("enci", .replace, "ence"), ("anci", .replace, "ance"),
        ("abli", .replace, "able"), ("entli", .replace, "ent"), ("izer", .replace, "ize"),
        ("ization", .replace, "ize"), ("ational", .replace, "ate"), ("ation", .replace, "ate"),
        ("ator", .replace, "ate"), ("alism", .replace, "al"), ("aliti", .replace, "al"),
        ("alli", .replace, "al"), ("fulness", .replace, "ful"), ("ousli", .replace, "ous"),
        ("ousness", .replace, "ous"), ("iveness", .replace, "ive"), ("iviti", .replace, "ive"),
        ("biliti", .replace, "ble"), ("bli", .replace, "ble"), ("ogist", .replace, "og"),
        ("fulli", .replace, "ful"), ("lessli", .replace, "less"),
        ("ogi", .afterL, "og"), ("li", .afterLiEnding, ""),
    ])

    private static let step3 = SuffixTable<Bool>([
        // The flag marks "ative", which needs R2 as well as R1.
        ("tional", false, "tion"), ("ational", false, "ate"), ("alize", false, "al"), ("icate", false, "ic"),
        ("iciti", false, "ic"), ("ical", false, "ic"), ("ful", false, ""), ("ness", false, ""),
        ("ative", true, ""),
    ])

    private static let step4 = SuffixTable<Bool>(
        // The flag marks "ion", which goes only after s or t.
        ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
         "iti", "ous", "ive", "ize"].map { ($0, false) } + [("ion", true)]
    )

    private static let past = SuffixTable<Bool>([("past", true)])

    @inline(__always)
    static func isVowel(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "a", "e", "i", "o", "u", "y": return true
        default: return false
        }
    }

    @inline(__always)
    private static func isValidLiEnding(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "c", "d", "e", "g", "h", "k", "m", "n", "r", "t": return true
        default: return false
        }
    }

    @inline(__always)
    private static func endsInDouble(_ w: StemBuffer) -> Bool {
        let n = w.count
        guard n >= 2, w[n - 1] == w[n - 2] else { return false }
        switch w[n - 1] {
        case "b", "d", "f", "g", "m", "n", "p", "r", "t": return true
        default: return false
        }
    }

    /// Whether the word up to `end` ends in a short syllable: consonant-vowel-consonant where the
    /// last consonant is not w, x or Y; or vowel-consonant at the very start; or "past".
    private static func endsInShortSyllable(_ w: StemBuffer, _ end: Int) -> Bool {
        if end >= 3 {
            let c = w[end - 1]
            if !isVowel(c) && c != "w" && c != "x" && c != consonantY && isVowel(w[end - 2]) && !isVowel(w[end - 3]) {
                return true
            }
        }
        if end == 2 && !isVowel(w[1]) && isVowel(w[0]) { return true }
        return past.longest(w, endingAt: end) != nil
    }

    /// The index after the first non-vowel that follows a vowel at or after `from`, or `w.count`.
    private static func regionStart(_ w: StemBuffer, from: Int) -> Int {
        var i = from
        let n = w.count
        while i < n && !isVowel(w[i]) { i += 1 }
        while i < n && isVowel(w[i]) { i += 1 }
        return i < n ? i + 1 : n
    }

    func stem(buffer w: inout StemBuffer) {
        if let exception = Self.exceptions.isExactly(w, endingAt: w.count) {
            if exception.action { Self.exceptions.replace(&w, from: 0, with: exception) }
            return
        }
        if w.count < 3 { return }

        // Prelude: a leading apostrophe is a quotation mark, not part of the word.
        if w[0] == "'" {
            for k in 1..<w.count { w[k - 1] = w[k] }
            w.removeLast()
        }
        var sawY = false
        if w.count > 0 && w[0] == "y" {
            w[0] = Self.consonantY
            sawY = true
        }
        var i = 1
        while i < w.count {
            if w[i] == "y" && Self.isVowel(w[i - 1]) {
                w[i] = Self.consonantY
                sawY = true
            }
            i += 1
        }

        let p1 = Self.r1Prefixes.prefixLength(of: w) ?? Self.regionStart(w, from: 0)
        let p2 = Self.regionStart(w, from: p1)

        step0And1a(&w)
        step1b(&w, p1)
        step1c(&w)
        step2(&w, p1)
        step3(&w, p1, p2)
        step4(&w, p2)
        step5(&w, p1, p2)

        if sawY {
            for j in 0..<w.count where w[j] == Self.consonantY { w[j] = "y" }
        }
    }

    private func step0And1a(_ w: inout StemBuffer) {
        if let apostrophe = Self.apostropheSuffixes.longest(w) { w.removeLast(apostrophe.length) }
        guard let match = Self.step1a.longest(w) else { return }
        let start = w.count - match.length
        switch match.action {
        case .sses:
            w.removeLast(2)
        case .ies:
            // "ties" -> "tie" but "cries" -> "cri": keep the e only after a single letter.
            w.removeLast(match.length)
            w.append("i")
            if start < 2 { w.append("e") }
        case .s:
            // "gas" and "this" keep their s: a vowel must occur before the letter preceding it.
            guard start >= 2 else { return }
            var j = start - 2
            while j >= 0 {
                if Self.isVowel(w[j]) {
                    w.removeLast()
                    return
                }
                j -= 1
            }
        case .keep:
            return
        }
    }

    private func step1b(_ w: inout StemBuffer, _ p1: Int) {
        guard let match = Self.step1b.longest(w) else { return }
        let start = w.count - match.length
        switch match.action {
        case .eed:
            guard start >= p1, Self.eedStems.isExactly(w, endingAt: start) == nil else { return }
            w.removeLast(match.length)
            w.append("e")
            w.append("e")
            return
        case .ing:
            if Self.ingStems.isExactly(w, endingAt: start) != nil { return }
            // "dying", "lying", "tying": a consonant, y, ing becomes consonant + "ie".
            if start == 2 && w[1] == "y" && !Self.isVowel(w[0]) {
                w.removeLast(4)
                w.append("i")
                w.append("e")
                return
            }
        case .ed:
            break
        }

        var hasVowel = false
        for j in 0..<start where Self.isVowel(w[j]) {
            hasVowel = true
            break
        }
        guard hasVowel else { return }
        w.removeLast(match.length)

        if Self.restoreE.longest(w) != nil {
            w.append("e")
            return
        }
        let n = w.count
        if Self.endsInDouble(w) {
            // "add", "egg", "err" keep their double letter; "hopp(ing)" loses one.
            if n == 3 && (w[0] == "a" || w[0] == "e" || w[0] == "o") { return }
            w.removeLast()
            return
        }
        // A short word gets its e back: "hop(ing)" -> "hope". Short means R1 is empty and the
        // word ends in a short syllable.
        if p1 >= n && Self.endsInShortSyllable(w, n) {
            w.append("e")
        }
    }

    private func step1c(_ w: inout StemBuffer) {
        let n = w.count
        guard n >= 3, w[n - 1] == "y" || w[n - 1] == Self.consonantY, !Self.isVowel(w[n - 2]) else { return }
        w[n - 1] = "i"
    }

    private func step2(_ w: inout StemBuffer, _ p1: Int) {
        guard let match = Self.step2.longest(w) else { return }
        let start = w.count - match.length
        // The longest suffix decides, even when it lies outside R1: then nothing happens.
        guard start >= p1 else { return }
        switch match.action {
        case .replace:
            break
        case .afterL:
            guard start > 0, w[start - 1] == "l" else { return }
        case .afterLiEnding:
            guard start > 0, Self.isValidLiEnding(w[start - 1]) else { return }
        }
        Self.step2.replace(&w, from: start, with: match)
    }

    private func step3(_ w: inout StemBuffer, _ p1: Int, _ p2: Int) {
        guard let match = Self.step3.longest(w) else { return }
        let start = w.count - match.length
        guard start >= p1 else { return }
        if match.action && start < p2 { return }
        Self.step3.replace(&w, from: start, with: match)
    }

    private func step4(_ w: inout StemBuffer, _ p2: Int) {
        guard let match = Self.step4.longest(w) else { return }
        let start = w.count - match.length
        guard start >= p2 else { return }
        if match.action {
            guard start > 0, w[start - 1] == "s" || w[start - 1] == "t" else { return }
        }
        w.removeLast(match.length)
    }

    private func step5(_ w: inout StemBuffer, _ p1: Int, _ p2: Int) {
        guard w.count > 0 else { return }
        let start = w.count - 1
        let last = w[start]
        if last == "e" {
            if start >= p2 || (start >= p1 && !Self.endsInShortSyllable(w, start)) {
                w.removeLast()
            }
        } else if last == "l" {
            if start >= p2 && start > 0 && w[start - 1] == "l" { w.removeLast() }
        }
    }
}
