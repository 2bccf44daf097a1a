/// Judges how plausible a file's text is when read in each candidate single-byte code page.
///
/// A wrong code page rarely produces garbage bytes; it produces wrong but valid characters. What
/// gives it away is where they land: symbols in the middle of words (MacRoman reads ä as ‰),
/// capitals after small letters (MacRoman reads í as Ì), box drawing (CP850), or letters no one
/// language uses together (Czech Windows-1250 read as Windows-1252 gives "zaúètování": ú and è
/// and á in one word, which no Western language writes). Each such sign adds "doubt"; the
/// candidate with least doubt wins, and when even the best is doubtful the caller must refuse.
struct CodePageScorer {
    enum CharClass: UInt8 {
        case other, lower, upper, apostrophe, dash, commonSymbol, oddSymbol, box, undefined, question
        var isLetter: Bool { self == .lower || self == .upper }
    }

    /// Lower-case letters of the Latin languages these code pages serve, and which language uses
    /// which. A word whose accented letters fit no single language is implausible, and so is a
    /// file whose accented letters are mostly outside its best-fitting language.
    static let alphabet: [Character] = Array("àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿßœšž")
    static let languages: [(name: String, letters: String)] = [
        ("Swedish", "åäöé"), ("Finnish", "åäöšž"), ("Danish/Norwegian", "æøåéó"), ("German", "äöüßé"),
        ("Dutch", "éèëïöü"), ("French", "àâæçéèêëîïôœùûüÿ"), ("Spanish", "áéíñóúü"),
        ("Portuguese", "áâãàçéêíóôõúü"), ("Italian", "àèéìíîòóùú"), ("Catalan", "àçéèíïòóúü"),
        ("Icelandic", "áðéíóúýþæö"), ("Estonian", "äöõüšž"), ("Turkish", "çöüâîû"),
        ("Czech/Slovak", "áéíóúýšžä"), ("Afrikaans", "éèêëîïôûö"), ("Hungarian", "áéíóöúü"),
        ("Irish", "áéíóú"), ("Albanian", "çë"), ("English", "éèçëïñô"),
    ]
    static let languageMasks: [UInt64] = languages.map { lang in
        var m: UInt64 = 0
        for ch in lang.letters { m |= 1 << UInt64(alphabet.firstIndex(of: ch)!) }
        return m
    }

    /// Characters ordinary next to letters (quotes, dashes, units, currency); only suspicious when
    /// wedged inside a word.
    static let commonSymbols: Set<UInt32> = [
        0xA0, 0xA1, 0xA2, 0xA3, 0xA5, 0xA7, 0xA9, 0xAA, 0xAB, 0xAE, 0xB0, 0xB1, 0xB2, 0xB3, 0xB5,
        0xB7, 0xB9, 0xBA, 0xBB, 0xBC, 0xBD, 0xBE, 0xBF, 0xD7, 0x20AC, 0x201A, 0x201E, 0x201C,
        0x201D, 0x2026, 0x2022, 0x2039, 0x203A, 0x2122, 0x2020,
    ]

    /// Apostrophes join words ("don’t", "l’été"); the acute accent typed as one ("Kevin´s") too.
    static let apostrophes: Set<UInt32> = [0x2018, 0x2019, 0x00AD, 0x00B4]

    /// Per code page: class and alphabet index (255 = none) of each byte 0x80...0xFF.
    struct PageInfo {
        let page: CodePage
        var classes: [CharClass] = []
        var letterIndex: [UInt8] = []

        init(_ page: CodePage) {
            self.page = page
            for v in page.upper {
                guard v != 0, let scalar = Unicode.Scalar(v) else {
                    classes.append(.undefined)
                    letterIndex.append(255)
                    continue
                }
                let ch = Character(scalar)
                let lower = Character(String(ch).lowercased())
                if let index = CodePageScorer.alphabet.firstIndex(of: lower) {
                    classes.append(lower == ch ? .lower : .upper)
                    letterIndex.append(UInt8(index))
                } else if CodePageScorer.apostrophes.contains(v) {
                    classes.append(.apostrophe)
                    letterIndex.append(255)
                } else if v == 0x2013 || v == 0x2014 {
                    classes.append(.dash)
                    letterIndex.append(255)
                } else if CodePageScorer.commonSymbols.contains(v) {
                    classes.append(.commonSymbol)
                    letterIndex.append(255)
                } else if (0x2500...0x25FF).contains(v) && v != 0x25CA && v != 0x25A0 {
                    classes.append(.box)
                    letterIndex.append(255)
                } else {
                    classes.append(.oddSymbol)
                    letterIndex.append(255)
                }
            }
        }
    }

    static let pages: [PageInfo] = CodePage.all.map(PageInfo.init)

    static let asciiClasses: [CharClass] = (0..<128).map { b in
        switch UInt8(b) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return .lower
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return .upper
        case UInt8(ascii: "?"): return .question
        default: return .other
        }
    }

    /// Class of every byte in every candidate, flat (candidate * 256 + byte) so the loops below
    /// touch plain memory rather than nested arrays.
    static let classTable: [CharClass] = pages.flatMap { asciiClasses + $0.classes }
    static let letterTable: [UInt8] = pages.flatMap { [UInt8](repeating: 255, count: 128) + $0.letterIndex }
    static let candidateCount = CodePage.all.count

    /// Running state for one candidate.
    struct Candidate {
        var prev3: CharClass = .other
        var prev2: CharClass = .other
        var prev: CharClass = .other
        /// The last high byte, waiting for the character after it; 0 when none.
        var pendingHigh: UInt8 = 0
        var wordMask: UInt64 = 0
        var wordStart: Int64 = 0
        var doubt = 0
        var badWords = 0
        var impossible = false
        var firstBadWord: Int64?
        var firstDoubt: Int64?
    }

    private(set) var candidates = [Candidate](repeating: Candidate(), count: candidateCount)
    private var letterCounts = [Int](repeating: 0, count: candidateCount * 64)
    private var firstLetterAt = [Int64](repeating: -1, count: candidateCount * 64)
    private(set) var highBytes = 0
    /// Which high bytes occur at all, to tell whether two candidates would even read differently.
    private(set) var present = [Bool](repeating: false, count: 128)
    private var offset: Int64 = 0
    /// True while every candidate is idle (no word with accented letters open, no high byte
    /// waiting for context): then runs of ASCII can be skipped eight bytes at a time, and the
    /// little context the next high byte needs is read back from the bytes themselves.
    private var idle = true
    /// The last bytes of the previous chunk, for that look-back.
    private var tail: [UInt8] = []
    private static let lookBack = 64

    private struct Tables {
        let classes: UnsafePointer<CharClass>
        let letters: UnsafePointer<UInt8>
        let candidates: UnsafeMutablePointer<Candidate>
        let counts: UnsafeMutablePointer<Int>
        let firstAt: UnsafeMutablePointer<Int64>
    }

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let p = bytes.baseAddress, bytes.count > 0 else { return }
        let n = bytes.count
        let tail = self.tail
        func byte(_ i: Int) -> UInt8 {
            if i >= 0 { return p[i] }
            let t = tail.count + i
            return t >= 0 ? tail[t] : 0x20
        }
        CodePageScorer.classTable.withUnsafeBufferPointer { classes in
            CodePageScorer.letterTable.withUnsafeBufferPointer { letters in
                candidates.withUnsafeMutableBufferPointer { cands in
                    letterCounts.withUnsafeMutableBufferPointer { counts in
                        firstLetterAt.withUnsafeMutableBufferPointer { firstAt in
                            let t = Tables(classes: classes.baseAddress!, letters: letters.baseAddress!,
                                           candidates: cands.baseAddress!, counts: counts.baseAddress!,
                                           firstAt: firstAt.baseAddress!)
                            var i = 0
                            while i < n {
                                if idle {
                                    var j = i
                                    while j + 8 <= n && UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { j += 8 }
                                    while j < n && p[j] < 0x80 { j += 1 }
                                    if j == n { break }
                                    for k in 0..<CodePageScorer.candidateCount {
                                        let row = t.classes + k * 256
                                        var c = t.candidates[k]
                                        c.prev = row[Int(byte(j - 1))]
                                        c.prev2 = row[Int(byte(j - 2))]
                                        c.prev3 = row[Int(byte(j - 3))]
                                        var back = 0
                                        while back < CodePageScorer.lookBack {
                                            let cls = row[Int(byte(j - back - 1))]
                                            if !(cls.isLetter || cls == .apostrophe) { break }
                                            back += 1
                                        }
                                        c.wordStart = offset + Int64(j - back)
                                        t.candidates[k] = c
                                    }
                                    idle = false
                                    i = j
                                }
                                let b = p[i]
                                if b >= 0x80 {
                                    highBytes += 1
                                    present[Int(b) - 0x80] = true
                                }
                                var settled = b < 0x80
                                for k in 0..<CodePageScorer.candidateCount {
                                    CodePageScorer.step(t, k, b, at: offset + Int64(i))
                                    let c = t.candidates[k]
                                    if c.pendingHigh != 0 || c.wordMask != 0 { settled = false }
                                }
                                idle = settled
                                i += 1
                            }
                        }
                    }
                }
            }
        }
        offset += Int64(n)
        let keep = min(n, CodePageScorer.lookBack)
        var newTail = n >= CodePageScorer.lookBack ? [] : Array(tail.suffix(CodePageScorer.lookBack - keep))
        newTail.append(contentsOf: UnsafeBufferPointer(start: p + n - keep, count: keep))
        self.tail = newTail
    }

    mutating func finish() {
        // A space after the end closes the last word and gives the last high byte its context.
        var space: UInt8 = 0x20
        withUnsafeMutablePointer(to: &space) { feed(UnsafeBufferPointer(start: $0, count: 1)) }
        idle = false
    }

    private static func step(_ t: Tables, _ k: Int, _ b: UInt8, at: Int64) {
        let cls = t.classes[k * 256 + Int(b)]
        var c = t.candidates[k]
        if c.pendingHigh != 0 {
            judge(&c, t, k, c.pendingHigh, next: cls, at: at)
            c.pendingHigh = 0
        }
        if cls.isLetter || cls == .apostrophe {
            if !(c.prev.isLetter || c.prev == .apostrophe) { c.wordStart = at }
            if b >= 0x80 && cls.isLetter {
                let index = Int(t.letters[k * 256 + Int(b)])
                c.wordMask |= 1 << UInt64(index)
                t.counts[k * 64 + index] += 1
                if t.firstAt[k * 64 + index] < 0 { t.firstAt[k * 64 + index] = at }
            }
        } else if c.wordMask != 0 {
            let mask = c.wordMask
            if !languageMasks.contains(where: { $0 & mask == mask }) {
                c.badWords += 1
                c.doubt += 6
                if c.firstBadWord == nil { c.firstBadWord = c.wordStart }
            }
            c.wordMask = 0
        }
        if b >= 0x80 { c.pendingHigh = b }
        c.prev3 = c.prev2
        c.prev2 = c.prev
        c.prev = cls
        t.candidates[k] = c
    }

    /// Doubt for high byte `h`, now that the characters before and after it are known.
    /// At this point `prev` is `h` itself, so `prev2` is the character before it.
    private static func judge(_ c: inout Candidate, _ t: Tables, _ k: Int, _ h: UInt8, next: CharClass, at: Int64) {
        let cls = t.classes[k * 256 + Int(h)]
        let before = c.prev2
        var added = 0
        switch cls {
        case .undefined:
            c.impossible = true
            added = 20
        case .box:
            added = 6
        case .oddSymbol:
            added = (before.isLetter || next.isLetter) ? 4 : 1
        case .commonSymbol:
            added = (before.isLetter && next.isLetter) ? 2 : 0
        case .dash:
            // "Stockholm–Göteborg" is fine; "informaci—n" is MacRoman's ó read as Windows-1252.
            added = (before == .lower && next == .lower) ? 2 : 0
        case .upper:
            added = before == .lower ? 4 : 0
        default:
            break
        }
        // "J?¤gersteig": a question mark between a letter and a high byte is what an earlier,
        // lossy conversion leaves behind; no code page will read such a file correctly.
        if before == .question && next.isLetter && c.prev3.isLetter {
            added += 4
        }
        if added > 0 {
            c.doubt += added
            if c.firstDoubt == nil { c.firstDoubt = at - 1 }
        }
    }

    struct Score {
        var encoding: TextEncoding
        var doubt: Int
        var impossible: Bool
        var letters: Int
        var coverage: Double
        var language: String?
        var badWords: Int
        /// Where the text reads worst: the first implausible word, else the first letter foreign
        /// to the best-fitting language, else the first other oddity.
        var example: Int64?
        /// Doubt per high byte small enough that the text reads like a real language.
        var plausible: Bool
    }

    func scores() -> [Score] {
        candidates.enumerated().map { k, c in
            let counts = Array(letterCounts[(k * 64)..<(k * 64 + 64)])
            let firstAt = Array(firstLetterAt[(k * 64)..<(k * 64 + 64)])
            let letters = counts.reduce(0, +)
            var best = 0
            var bestMask: UInt64 = 0
            var language: String?
            for (i, mask) in CodePageScorer.languageMasks.enumerated() {
                var covered = 0
                for j in 0..<CodePageScorer.alphabet.count where mask & (1 << UInt64(j)) != 0 { covered += counts[j] }
                if covered > best {
                    best = covered
                    bestMask = mask
                    language = CodePageScorer.languages[i].name
                }
            }
            let foreign = (0..<CodePageScorer.alphabet.count)
                .filter { bestMask & (1 << UInt64($0)) == 0 && firstAt[$0] >= 0 }
                .map { firstAt[$0] }.min()
            let uncovered = letters - best
            let doubt = c.doubt + 3 * uncovered
            let coverage = letters == 0 ? 1 : Double(best) / Double(letters)
            let plausible = !c.impossible && Double(doubt) <= 0.3 * Double(max(highBytes, 1))
            return Score(encoding: CodePageScorer.pages[k].page.encoding, doubt: doubt, impossible: c.impossible,
                         letters: letters, coverage: coverage, language: language, badWords: c.badWords,
                         example: c.firstBadWord ?? foreign ?? c.firstDoubt, plausible: plausible)
        }
    }

    /// Whether two code pages read every high byte present in the file the same way.
    func readAlike(_ a: TextEncoding, _ b: TextEncoding) -> Bool {
        guard let pa = a.codePage, let pb = b.codePage else { return false }
        for i in 0..<128 where present[i] && pa.upper[i] != pb.upper[i] { return false }
        return true
    }
}
