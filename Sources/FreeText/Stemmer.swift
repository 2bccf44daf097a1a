/// Reduces an inflected word to a stem shared by its inflections. Stems are keys for grouping,
/// not dictionary words: "kommunerna" and "kommunen" both become "kommun", "cities" becomes "citi".
public protocol Stemmer: Sendable {
    /// Stems one lowercase word. Callers lowercase first (the tokenizer does) because the
    /// Snowball algorithms are defined on lowercase letters only.
    func stem(_ word: String) -> String

    /// Stems a word held as Unicode scalars, in place.
    func stem(scalars word: inout [Unicode.Scalar])
}

/// The two Snowball stemmers work on a `StemBuffer`; these helpers give them the public API.
protocol BufferStemmer: Stemmer {
    func stem(buffer: inout StemBuffer)
}

extension BufferStemmer {
    public func stem(_ word: String) -> String {
        var word = word
        return word.withUTF8 { utf8 in
            // Stemming only rewrites the end of a word and never grows it by more than two
            // letters, so a stack buffer of the input's size plus slack always suffices.
            withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: utf8.count + 4) { scalars in
                var count = 0
                var i = 0
                while i < utf8.count {
                    let (c, len) = UTF8Decoding.decode(utf8, at: i)
                    scalars[count] = c
                    count += 1
                    i += len
                }
                var buffer = StemBuffer(base: scalars.baseAddress!, capacity: scalars.count, count: count)
                stem(buffer: &buffer)
                return buffer.string()
            }
        }
    }

    public func stem(scalars word: inout [Unicode.Scalar]) {
        let n = word.count
        let result: [Unicode.Scalar] = withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: n + 4) { tmp in
            for k in 0..<n { tmp[k] = word[k] }
            var buffer = StemBuffer(base: tmp.baseAddress!, capacity: tmp.count, count: n)
            stem(buffer: &buffer)
            return Array(UnsafeBufferPointer(start: tmp.baseAddress!, count: buffer.count))
        }
        word = result
    }
}

/// A word being stemmed, in storage the caller owns. Unchecked pointer access keeps the suffix
/// tests, which run dozens of times per word, free of bounds checks and reference counting.
struct StemBuffer {
    let base: UnsafeMutablePointer<Unicode.Scalar>
    let capacity: Int
    var count: Int

    @inline(__always)
    subscript(i: Int) -> Unicode.Scalar {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    @inline(__always)
    mutating func removeLast(_ k: Int = 1) { count -= k }

    @inline(__always)
    mutating func append(_ c: Unicode.Scalar) {
        precondition(count < capacity)
        base[count] = c
        count += 1
    }

    /// Replaces everything from `start` on with the scalars at `source`.
    @inline(__always)
    mutating func replace(from start: Int, with source: UnsafeBufferPointer<Unicode.Scalar>) {
        precondition(start + source.count <= capacity)
        for k in 0..<source.count { base[start + k] = source[k] }
        count = start + source.count
    }

    func string() -> String {
        // Encode to UTF-8 by hand: appending scalars to a String one at a time costs more than
        // the whole stemming step.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count * 4 + 1) { out in
            var n = 0
            for k in 0..<count {
                let v = base[k].value
                if v < 0x80 {
                    out[n] = UInt8(truncatingIfNeeded: v)
                    n += 1
                } else if v < 0x800 {
                    out[n] = UInt8(truncatingIfNeeded: 0xC0 | (v >> 6))
                    out[n + 1] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F))
                    n += 2
                } else if v < 0x10000 {
                    out[n] = UInt8(truncatingIfNeeded: 0xE0 | (v >> 12))
                    out[n + 1] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F))
                    out[n + 2] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F))
                    n += 3
                } else {
                    out[n] = UInt8(truncatingIfNeeded: 0xF0 | (v >> 18))
                    out[n + 1] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 12) & 0x3F))
                    out[n + 2] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F))
                    out[n + 3] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F))
                    n += 4
                }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: out[0..<n]), as: UTF8.self)
        }
    }
}

/// A list of suffixes (or whole words) with an action and an optional replacement each, stored
/// in one flat scalar array. Keeping the strings out of the entries means scanning a table costs
/// no reference counting, which matters when a word is tested against forty suffixes.
struct SuffixTable<Action: Sendable>: Sendable {
    struct Entry: Sendable {
        let start: Int
        let length: Int
        let replacementStart: Int
        let replacementLength: Int
        let action: Action
    }

    struct Match {
        let length: Int
        let action: Action
        fileprivate let replacementStart: Int
        fileprivate let replacementLength: Int
    }

    private let storage: [Unicode.Scalar]
    private let entries: [Entry]

    /// Entries are sorted longest first, so the first hit is the longest match, as every
    /// Snowball step asks ("the longest among the following suffixes").
    init(_ rules: [(String, Action, String)]) {
        var storage: [Unicode.Scalar] = []
        var entries: [Entry] = []
        for (suffix, action, replacement) in rules {
            let start = storage.count
            storage.append(contentsOf: suffix.unicodeScalars)
            let replacementStart = storage.count
            storage.append(contentsOf: replacement.unicodeScalars)
            entries.append(Entry(start: start, length: replacementStart - start, replacementStart: replacementStart,
                                 replacementLength: storage.count - replacementStart, action: action))
        }
        self.storage = storage
        self.entries = entries.sorted { $0.length > $1.length }
    }

    init(_ rules: [(String, Action)]) {
        self.init(rules.map { ($0.0, $0.1, "") })
    }

    /// The longest entry that ends `w` at `end` and starts at or after `regionStart`.
    @inline(__always)
    func longest(_ w: StemBuffer, endingAt end: Int, from regionStart: Int = 0) -> Match? {
        storage.withUnsafeBufferPointer { s in
            entries.withUnsafeBufferPointer { es in
                for e in es where e.length <= end - regionStart {
                    var k = e.length
                    var j = end
                    var same = true
                    while k > 0 {
                        k -= 1
                        j -= 1
                        if w[j] != s[e.start + k] {
                            same = false
                            break
                        }
                    }
                    if same {
                        return Match(length: e.length, action: e.action,
                                     replacementStart: e.replacementStart, replacementLength: e.replacementLength)
                    }
                }
                return nil
            }
        }
    }

    @inline(__always)
    func longest(_ w: StemBuffer, from regionStart: Int = 0) -> Match? {
        longest(w, endingAt: w.count, from: regionStart)
    }

    /// Whether the first `end` scalars of `w` are exactly one of the entries.
    @inline(__always)
    func isExactly(_ w: StemBuffer, endingAt end: Int) -> Match? {
        guard let m = longest(w, endingAt: end), m.length == end else { return nil }
        return m
    }

    /// The length of an entry that starts `w`, if any (the tables used this way hold no entry that
    /// is a prefix of another).
    func prefixLength(of w: StemBuffer) -> Int? {
        storage.withUnsafeBufferPointer { s in
            for e in entries where e.length <= w.count {
                var k = 0
                while k < e.length && w[k] == s[e.start + k] { k += 1 }
                if k == e.length { return e.length }
            }
            return nil
        }
    }

    /// Replaces `w` from `start` on with the replacement text of `match`.
    @inline(__always)
    func replace(_ w: inout StemBuffer, from start: Int, with match: Match) {
        storage.withUnsafeBufferPointer { s in
            w.replace(from: start, with: UnsafeBufferPointer(rebasing: s[match.replacementStart..<(match.replacementStart + match.replacementLength)]))
        }
    }
}
