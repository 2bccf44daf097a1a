/// The Snowball stemmer for Swedish, as described on snowballstem.org (the current description,
/// with the "et" condition and the "öst" rule of Snowball 3).
///
/// Outline: R1 starts after the first non-vowel that follows a vowel, but never before the fourth
/// letter. Step 1 removes the longest main (inflectional) suffix found in R1, step 2 undoubles a
/// consonant pair ending R1, and step 3 removes derivational endings (-lig, -ig, -els) and fixes
/// -fullt and -öst.
public struct SwedishStemmer: BufferStemmer {
    public init() {}

    private enum MainAction: Sendable { case delete, s, et }
    private enum OtherAction: Sendable { case delete, ost, fullt }

    private static let mainSuffixes = SuffixTable<MainAction>(
        [
            "a", "arna", "erna", "heterna", "orna", "ad", "e", "ade", "ande", "arne", "are", "aste",
            "en", "anden", "aren", "heten", "ern", "ar", "er", "heter", "or", "as", "arnas", "ernas",
            "ornas", "es", "ades", "andes", "ens", "arens", "hetens", "erns", "at", "andet", "het", "ast",
        ].map { ($0, MainAction.delete) } + [("s", .s), ("et", .et)]
    )

    private static let consonantPairs = SuffixTable<Bool>(
        ["dd", "gd", "nn", "dt", "gt", "kt", "tt"].map { ($0, true) }
    )

    private static let otherSuffixes = SuffixTable<OtherAction>([
        ("ig", .delete, ""), ("lig", .delete, ""), ("els", .delete, ""), ("fullt", .fullt, "full"),
        ("öst", .ost, "ös"),
    ])

    /// Endings before "et" that mark it as part of the stem ("paket", "kvalitet", "komet")
    /// rather than the definite article.
    private static let etExceptions = SuffixTable<Bool>(
        ["fab", "h", "pak", "rak", "stak", "kom", "iet", "cit", "dit", "alit", "ilit", "mit", "nit",
         "pit", "rit", "sit", "tit", "uit", "ivit", "kvit", "xit"].map { ($0, true) }
    )

    @inline(__always)
    static func isVowel(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "a", "e", "i", "o", "u", "y", "ä", "å", "ö": return true
        default: return false
        }
    }

    @inline(__always)
    private static func isValidSEnding(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "o", "p", "r", "t", "v", "y":
            return true
        default: return false
        }
    }

    @inline(__always)
    private static func isValidOstEnding(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "i", "k", "l", "n", "p", "r", "t", "u", "v": return true
        default: return false
        }
    }

    /// Start of R1. Words shorter than three letters have an empty R1, so nothing is removed.
    static func r1(_ w: StemBuffer) -> Int {
        let n = w.count
        if n < 3 { return n }
        var i = 0
        while i < n && !isVowel(w[i]) { i += 1 }
        while i < n && isVowel(w[i]) { i += 1 }
        if i >= n { return n }
        return max(i + 1, 3)
    }

    /// The "et" ending at `end` is an ending (to be removed) when it follows a vowel and a
    /// consonant with at least one more letter before them, and the word before it does not end
    /// in one of the listed stems. These letters may lie left of R1.
    private static func etCondition(_ w: StemBuffer, before end: Int) -> Bool {
        guard end >= 3, !isVowel(w[end - 1]), isVowel(w[end - 2]) else { return false }
        return etExceptions.longest(w, endingAt: end) == nil
    }

    func stem(buffer w: inout StemBuffer) {
        let p1 = Self.r1(w)
        if p1 >= w.count { return }
        mainSuffix(&w, p1)
        consonantPair(&w, p1)
        otherSuffix(&w, p1)
    }

    private func mainSuffix(_ w: inout StemBuffer, _ p1: Int) {
        // Only suffixes lying wholly in R1 count, and the longest of those wins.
        guard let match = Self.mainSuffixes.longest(w, from: p1) else { return }
        let start = w.count - match.length
        switch match.action {
        case .delete:
            w.removeLast(match.length)
        case .s:
            // "-ets" goes whole when its "et" passes the et condition; that "et" may reach left
            // of R1. Otherwise only an s after a valid s-ending goes.
            if start >= 2 && w[start - 2] == "e" && w[start - 1] == "t" && Self.etCondition(w, before: start - 2) {
                w.removeLast(3)
            } else if start > 0, Self.isValidSEnding(w[start - 1]) {
                w.removeLast()
            }
        case .et:
            if Self.etCondition(w, before: start) { w.removeLast(2) }
        }
    }

    private func consonantPair(_ w: inout StemBuffer, _ p1: Int) {
        if Self.consonantPairs.longest(w, from: p1) != nil { w.removeLast() }
    }

    private func otherSuffix(_ w: inout StemBuffer, _ p1: Int) {
        guard let match = Self.otherSuffixes.longest(w, from: p1) else { return }
        let start = w.count - match.length
        switch match.action {
        case .delete:
            w.removeLast(match.length)
        case .ost:
            // The letter before "öst" may lie outside R1: "grovlöst" -> "grovlös".
            if start > 0, Self.isValidOstEnding(w[start - 1]) {
                Self.otherSuffixes.replace(&w, from: start, with: match)
            }
        case .fullt:
            Self.otherSuffixes.replace(&w, from: start, with: match)
        }
    }
}
