import Foundation

/// Splits free text into word, number, URL and e-mail tokens.
///
/// Rules, chosen for survey answers in Swedish and English:
/// - A word is a run of letters and digits (any script; "å", "ä", "ö", "é", "ü" stay inside the
///   word), plus combining marks, so decomposed "é" is one letter. Text is lowercased and
///   composed to NFC so "Ö" typed either way gives one token.
/// - An apostrophe (', ’ or ʼ) between two letters stays in the word, as a straight apostrophe:
///   "don't", "children's", "o’clock" -> "o'clock". Elsewhere it is a quotation mark.
/// - Hyphens and slashes split: "e-post" -> "e", "post"; "dialoger/projekt" -> two words.
/// - Digits with inner ".", "," or ":" are one number: "3,5", "12.000", "10:30".
/// - A run of non-space text that is a web address (with a scheme, "www.", or a known top-level
///   domain such as "vinnova.se/x") or an e-mail address becomes one token or is dropped whole,
///   never split into "https", "www", "se" and path fragments.
public struct Tokenizer: Sendable {
    public enum LinkHandling: Sendable, Hashable {
        /// Emit URLs and e-mail addresses as single `.url` / `.email` tokens.
        case keep
        /// Leave them out (they still break phrases).
        case drop
    }

    /// Leave out `.number` tokens (they still break phrases).
    public var dropNumbers: Bool
    public var links: LinkHandling

    public init(dropNumbers: Bool = false, links: LinkHandling = .keep) {
        self.dropNumbers = dropNumbers
        self.links = links
    }

    public func tokens(in text: String) -> [Token] {
        var result: [Token] = []
        forEachToken(in: text) { result.append($0) }
        return result
    }

    /// Calls `body` with each token in order, without building an array.
    public func forEachToken(in text: String, _ body: (Token) -> Void) {
        var copy = text
        withoutActuallyEscaping(body) { body in
            copy.withUTF8 { bytes in
                var sink = TokenMaker(body: body)
                forEachRawToken(in: bytes, into: &sink)
            }
        }
    }

    /// Hands each token to `sink` as bytes, making no strings: the counting paths look words up
    /// by their bytes, and a million answers' worth of token and surface strings is most of the
    /// cost of tokenizing them. `utf8` must be valid UTF-8.
    func forEachRawToken<Sink: RawTokenSink>(in utf8: UnsafeBufferPointer<UInt8>, into sink: inout Sink) {
        // A normalized token is never more than twice as long as the text it comes from:
        // lowercasing grows a letter by at most half (U+0130 "İ", two bytes, gives three).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * utf8.count + 8) { buffer in
            // The scanner reaches the sink through a pointer: a copy would share the sink's arrays,
            // and its first append would then copy them.
            withUnsafeMutablePointer(to: &sink) { sink in
                var scanner = Scanner(bytes: utf8, options: self, buffer: buffer.baseAddress!, capacity: buffer.count,
                                      sink: sink)
                scanner.run()
            }
        }
    }
}

/// A token as the scanner finds it, before any string is made.
struct RawToken {
    var kind: Token.Kind
    /// Words and numbers: the lowercased UTF-8 (valid only during the call); links: nil.
    var normalized: UnsafeBufferPointer<UInt8>?
    /// The word holds combining marks, so `normalized` must still be composed to NFC.
    var needsComposition: Bool
    /// Where the token is in the input.
    var utf8Range: Range<Int>
    var startsClause: Bool

    /// The normalized text as a `Token` gives it.
    func text(input: UnsafeBufferPointer<UInt8>) -> String {
        guard let normalized else {
            let surface = String(decoding: UnsafeBufferPointer(rebasing: input[utf8Range]), as: UTF8.self)
            return kind == .email ? surface.lowercased() : surface
        }
        let text = String(decoding: normalized, as: UTF8.self)
        return needsComposition ? text.precomposedStringWithCanonicalMapping : text
    }
}

protocol RawTokenSink {
    mutating func take(_ token: RawToken, input: UnsafeBufferPointer<UInt8>)
}

/// Makes the public `Token`s, text and surface both.
private struct TokenMaker: RawTokenSink {
    let body: (Token) -> Void

    func take(_ token: RawToken, input: UnsafeBufferPointer<UInt8>) {
        let surface = String(decoding: UnsafeBufferPointer(rebasing: input[token.utf8Range]), as: UTF8.self)
        body(Token(text: token.text(input: input), surface: surface, kind: token.kind, utf8Range: token.utf8Range,
                   startsClause: token.startsClause))
    }
}

// MARK: - Scanning

/// What marks a chunk of text as a link (kept outside `Scanner`: a generic type has no static storage).
private enum LinkMarks {
    static let schemes: [[UInt8]] = ["https://", "http://", "ftp://", "www."].map { Array($0.utf8) }
    /// Top-level domains common in Swedish and English answers. A bare "name.tld" is a link only
    /// with one of these, so "t.ex." or "osv." never are.
    static let knownTLDs: Set<[UInt8]> = Set(
        ["se", "com", "org", "net", "eu", "nu", "io", "fi", "no", "dk", "is", "uk", "de", "gov",
         "edu", "info", "int", "app", "dev"].map { Array($0.utf8) }
    )
}

private enum CharClass {
    case letter, digit, mark, apostrophe, numberSeparator, dash, breaking, symbol, space, newline
}

private struct Scanner<Sink: RawTokenSink> {
    let bytes: UnsafeBufferPointer<UInt8>
    let options: Tokenizer
    let sink: UnsafeMutablePointer<Sink>

    /// Lowercased UTF-8 of the token being built, in storage the caller owns (appending to an
    /// array here would check its uniqueness for every byte).
    let buffer: UnsafeMutablePointer<UInt8>
    let capacity: Int
    var count = 0
    var tokenStart = -1
    var tokenIsNumber = false
    var tokenHasMark = false
    var lastClass: CharClass = .space
    var pendingBreak = true

    init(bytes: UnsafeBufferPointer<UInt8>, options: Tokenizer, buffer: UnsafeMutablePointer<UInt8>, capacity: Int,
         sink: UnsafeMutablePointer<Sink>) {
        self.bytes = bytes
        self.options = options
        self.buffer = buffer
        self.capacity = capacity
        self.sink = sink
    }

    mutating func run() {
        let n = bytes.count
        var i = 0
        while i < n {
            let x = bytes[i]
            if x < 0x80 {
                if x == 10 || x == 13 {
                    pendingBreak = true
                    i += 1
                    continue
                }
                if x <= 32 || x == 127 {
                    i += 1
                    continue
                }
            } else {
                let (c, len) = decode(at: i)
                let cls = classifyNonASCII(c)
                if cls == .space || cls == .newline {
                    if cls == .newline { pendingBreak = true }
                    i += len
                    continue
                }
            }
            // Most chunks are a plain word: ASCII letters, perhaps closing a clause with one mark.
            var end = i
            while end < n, (bytes[end] | 0x20) &- 97 < 26 { end &+= 1 }
            if end > i {
                if end == n || Self.isASCIISpace(bytes[end]) {
                    plainWord(i, end)
                    i = end
                    continue
                }
                if Self.closesClause(bytes[end]), end + 1 == n || Self.isASCIISpace(bytes[end + 1]) {
                    plainWord(i, end)
                    pendingBreak = true
                    i = end + 1
                    continue
                }
            }
            // A chunk is a run of non-space text. Only a chunk with an '@', or a '.' or ':'
            // followed by more text, can hold a link; the rest (most words, and words ending a
            // sentence) go straight to word scanning.
            var mayHoldLink = false
            while end < n {
                let y = bytes[end]
                // Letters first: they are most of the text, and none of them ends a chunk or marks a link.
                if (y | 0x20) &- 97 < 26 {
                    end &+= 1
                    continue
                }
                if y < 0x80 {
                    if y <= 32 || y == 127 { break }
                    if y == UInt8(ascii: "@") {
                        mayHoldLink = true
                    } else if (y == UInt8(ascii: ".") || y == UInt8(ascii: ":")) && end + 1 < n {
                        let z = bytes[end + 1]
                        if z >= 0x80 || isASCIIAlnum(z) || z == UInt8(ascii: "/") { mayHoldLink = true }
                    }
                    end += 1
                } else {
                    let (d, dlen) = decode(at: end)
                    let dcls = classifyNonASCII(d)
                    if dcls == .space || dcls == .newline { break }
                    end += dlen
                }
            }
            if mayHoldLink, let link = findLink(i, end) {
                words(i, link.range.lowerBound)
                emitLink(link)
                words(link.range.upperBound, end)
            } else {
                words(i, end)
            }
            i = end
        }
    }

    // MARK: Chunks and links

    private struct Link {
        var range: Range<Int>
        var kind: Token.Kind
    }

    private func findLink(_ a: Int, _ b: Int) -> Link? {
        return findSchemeURL(a, b) ?? findEmail(a, b) ?? findBareDomain(a, b)
    }

    /// "https://…", "www.…" anywhere in the chunk, also inside a spreadsheet formula like
    /// =HYPERLINK("http://…"): the address runs to the next quote or angle bracket.
    private func findSchemeURL(_ a: Int, _ b: Int) -> Link? {
        var k = a
        while k < b {
            let x = bytes[k] | 0x20
            if (x == UInt8(ascii: "h") || x == UInt8(ascii: "f") || x == UInt8(ascii: "w"))
                && (k == a || !isASCIIAlnum(bytes[k - 1])) {
                for scheme in LinkMarks.schemes where hasPrefixIgnoringCase(scheme, at: k, end: b) {
                    var end = k + scheme.count
                    while end < b {
                        let (c, len) = decode(at: end)
                        if Self.endsURL(c) { break }
                        end += len
                    }
                    end = trimClosers(k + scheme.count, end)
                    if end > k + scheme.count { return Link(range: k..<end, kind: .url) }
                }
            }
            k += 1
        }
        return nil
    }

    /// local@domain.tld, found around the first '@' so that brackets, quotes or "mailto:" around
    /// it stay outside.
    private func findEmail(_ a: Int, _ b: Int) -> Link? {
        guard let at = (a..<b).first(where: { bytes[$0] == UInt8(ascii: "@") }) else { return nil }
        var lo = at
        while lo > a {
            let x = bytes[lo - 1]
            guard x < 0x80, isASCIIAlnum(x) || x == UInt8(ascii: ".") || x == UInt8(ascii: "_")
                || x == UInt8(ascii: "%") || x == UInt8(ascii: "+") || x == UInt8(ascii: "-") else { break }
            lo -= 1
        }
        while lo < at && bytes[lo] == UInt8(ascii: ".") { lo += 1 }
        guard lo < at else { return nil }
        var hi = at + 1
        while hi < b {
            let (c, len) = decode(at: hi)
            let cls = classify(c)
            guard cls == .letter || cls == .digit || c == "." || c == "-" else { break }
            hi += len
        }
        while hi > at + 1 && (bytes[hi - 1] == UInt8(ascii: ".") || bytes[hi - 1] == UInt8(ascii: "-")) { hi -= 1 }
        guard isDomain(at + 1, hi, requireKnownTLD: false) else { return nil }
        return Link(range: lo..<hi, kind: .email)
    }

    /// "vinnova.se" or "vinnova.se/om-oss": a whole chunk (less brackets and sentence
    /// punctuation) whose host ends in a known top-level domain.
    private func findBareDomain(_ a: Int, _ b: Int) -> Link? {
        var lo = a
        while lo < b {
            let (c, len) = decode(at: lo)
            guard Self.isOpener(c) else { break }
            lo += len
        }
        let hi = trimClosers(lo, b)
        guard hi - lo >= 4 else { return nil }
        let slash = (lo..<hi).first(where: { bytes[$0] == UInt8(ascii: "/") }) ?? hi
        guard isDomain(lo, slash, requireKnownTLD: true) else { return nil }
        return Link(range: lo..<hi, kind: .url)
    }

    private func trimClosers(_ lo: Int, _ end: Int) -> Int {
        var hi = end
        while hi > lo {
            let (c, start) = decodeBackward(before: hi)
            guard Self.isCloser(c) else { break }
            hi = start
        }
        return hi
    }

    private static func endsURL(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "\"", "'", "<", ">", "`", "«", "»", "“", "”", "‘", "’": return true
        default: return false
        }
    }

    private static func isOpener(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "(", "[", "{", "<", "\"", "'", "«", "“", "‘", "”", "»": return true
        default: return false
        }
    }

    private static func isCloser(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case ".", ",", ";", ":", "!", "?", ")", "]", "}", ">", "\"", "'", "»", "”", "’", "«", "“": return true
        default: return false
        }
    }

    private func hasPrefixIgnoringCase(_ prefix: [UInt8], at lo: Int, end hi: Int) -> Bool {
        guard hi - lo >= prefix.count else { return false }
        for (k, p) in prefix.enumerated() {
            var x = bytes[lo + k]
            if x >= 65 && x <= 90 { x += 32 }
            if x != p { return false }
        }
        return true
    }

    /// Dot-separated labels of letters, digits and hyphens, at least two of them, the last
    /// alphabetic (and, when asked, a known top-level domain).
    private func isDomain(_ lo: Int, _ hi: Int, requireKnownTLD: Bool) -> Bool {
        guard hi > lo else { return false }
        var labels = 0
        var labelStart = lo
        var k = lo
        while k <= hi {
            if k == hi || bytes[k] == UInt8(ascii: ".") {
                if k == labelStart { return false }
                labels += 1
                if k == hi {
                    let tld = Array(bytes[labelStart..<hi]).map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
                    guard tld.count >= 2, tld.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { return false }
                    if requireKnownTLD && !LinkMarks.knownTLDs.contains(tld) { return false }
                }
                labelStart = k + 1
            } else {
                let x = bytes[k]
                if !(x >= 0x80 || isASCIIAlnum(x) || x == UInt8(ascii: "-")) { return false }
            }
            k += 1
        }
        return labels >= 2
    }

    @inline(__always)
    private func isASCIIAlnum(_ x: UInt8) -> Bool {
        (x >= 48 && x <= 57) || (x >= 65 && x <= 90) || (x >= 97 && x <= 122)
    }

    private mutating func emitLink(_ link: Link) {
        guard options.links == .keep else {
            pendingBreak = true
            return
        }
        sink.pointee.take(RawToken(kind: link.kind, normalized: nil, needsComposition: false, utf8Range: link.range,
                           startsClause: pendingBreak), input: bytes)
        pendingBreak = false
    }

    // MARK: Words and numbers

    /// A word of ASCII letters only, as `words` would make it, without classifying each letter.
    private mutating func plainWord(_ a: Int, _ b: Int) {
        tokenStart = a
        tokenIsNumber = false
        tokenHasMark = false
        for k in a ..< b { buffer[k &- a] = bytes[k] | 0x20 }
        count = b - a
        finish(at: b)
    }

    @inline(__always)
    private static func isASCIISpace(_ x: UInt8) -> Bool {
        x <= 32 || x == 127
    }

    /// Marks that end a word and start a new clause (`.breaking`, or `.numberSeparator` after a word).
    @inline(__always)
    private static func closesClause(_ x: UInt8) -> Bool {
        x == UInt8(ascii: ".") || x == UInt8(ascii: ",") || x == UInt8(ascii: "!") || x == UInt8(ascii: "?")
            || x == UInt8(ascii: ";") || x == UInt8(ascii: ":")
    }

    private mutating func words(_ a: Int, _ b: Int) {
        var i = a
        lastClass = .space
        while i < b {
            let x = bytes[i]
            // Most of any text is ASCII letters: lowercased here, without decoding or classifying.
            if (x | 0x20) &- 97 < 26 {
                if tokenStart < 0 { begin(i, number: false) }
                tokenIsNumber = false
                append(x | 0x20)
                lastClass = .letter
                i &+= 1
                continue
            }
            let (c, len) = decode(at: i)
            let cls = classify(c)
            switch cls {
            case .letter:
                if tokenStart < 0 { begin(i, number: false) }
                tokenIsNumber = false
                appendLowercased(c, at: i, length: len)
            case .digit:
                if tokenStart < 0 { begin(i, number: true) }
                appendRaw(i, len)
            case .mark:
                if tokenStart >= 0 {
                    tokenHasMark = true
                    appendRaw(i, len)
                }
            case .apostrophe:
                if tokenStart >= 0 && !tokenIsNumber && lastClass == .letter && nextIsLetter(i + len, b) {
                    append(UInt8(ascii: "'"))
                } else {
                    finish(at: i)
                }
            case .numberSeparator:
                if tokenStart >= 0 && tokenIsNumber && lastClass == .digit && nextIsDigit(i + len, b) {
                    appendRaw(i, len)
                } else {
                    finish(at: i)
                    pendingBreak = true
                }
            case .dash:
                // Inside a compound ("e-post", "Umeå–Luleå") a dash only splits; free-standing
                // ("-- see above", "a - b") it separates clauses.
                let joins = (lastClass == .letter || lastClass == .digit) && nextIsLetterOrDigit(i + len, b)
                finish(at: i)
                if !joins { pendingBreak = true }
            case .breaking:
                finish(at: i)
                pendingBreak = true
            case .symbol, .space, .newline:
                finish(at: i)
            }
            lastClass = cls
            i += len
        }
        finish(at: b)
    }

    private mutating func begin(_ i: Int, number: Bool) {
        tokenStart = i
        tokenIsNumber = number
        tokenHasMark = false
        count = 0
    }

    private mutating func finish(at end: Int) {
        guard tokenStart >= 0 else { return }
        defer { tokenStart = -1 }
        let range = tokenStart..<end
        if tokenIsNumber && options.dropNumbers {
            pendingBreak = true
            return
        }
        sink.pointee.take(RawToken(kind: tokenIsNumber ? .number : .word, normalized: UnsafeBufferPointer(start: buffer, count: count),
                           needsComposition: tokenHasMark, utf8Range: range, startsClause: pendingBreak), input: bytes)
        pendingBreak = false
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        precondition(count < capacity)
        buffer[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func appendRaw(_ i: Int, _ len: Int) {
        for k in i..<(i + len) { append(bytes[k]) }
    }

    @inline(__always)
    private mutating func appendLowercased(_ c: Unicode.Scalar, at i: Int, length len: Int) {
        let v = c.value
        if v < 0x80 {
            append(v >= 65 && v <= 90 ? UInt8(v + 32) : UInt8(v))
            return
        }
        if v >= 0xC0 && v <= 0xDE && v != 0xD7 {
            // Latin-1 capitals (Å, Ä, Ö, É, Ü ...) sit exactly 0x20 below their lowercase forms.
            let lower = v + 0x20
            append(UInt8(0xC0 | (lower >> 6)))
            append(UInt8(0x80 | (lower & 0x3F)))
            return
        }
        if v < 0xDF || !c.properties.changesWhenLowercased {
            appendRaw(i, len)
            return
        }
        for byte in c.properties.lowercaseMapping.utf8 { append(byte) }
    }

    private func nextIsLetter(_ i: Int, _ b: Int) -> Bool {
        guard i < b else { return false }
        return classify(decode(at: i).0) == .letter
    }

    private func nextIsDigit(_ i: Int, _ b: Int) -> Bool {
        guard i < b else { return false }
        return classify(decode(at: i).0) == .digit
    }

    private func nextIsLetterOrDigit(_ i: Int, _ b: Int) -> Bool {
        guard i < b else { return false }
        let cls = classify(decode(at: i).0)
        return cls == .letter || cls == .digit
    }

    // MARK: Decoding and classes

    @inline(__always)
    private func decode(at i: Int) -> (Unicode.Scalar, Int) {
        UTF8Decoding.decode(bytes, at: i)
    }

    private func decodeBackward(before end: Int) -> (Unicode.Scalar, Int) {
        var start = end - 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return (decode(at: start).0, start)
    }

    @inline(__always)
    private func classify(_ c: Unicode.Scalar) -> CharClass {
        let v = c.value
        return v < 0x80 ? Self.classifyASCII(UInt8(truncatingIfNeeded: v)) : classifyNonASCII(c)
    }

    @inline(__always)
    private static func classifyASCII(_ x: UInt8) -> CharClass {
        switch x {
        case 97...122, 65...90: return .letter
        case 48...57: return .digit
        case 10, 13: return .newline
        case 0...32, 127: return .space
        case UInt8(ascii: "'"): return .apostrophe
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"): return .numberSeparator
        case UInt8(ascii: "-"): return .dash
        case UInt8(ascii: "&"), UInt8(ascii: "+"), UInt8(ascii: "#"), UInt8(ascii: "@"), UInt8(ascii: "_"),
             UInt8(ascii: "%"), UInt8(ascii: "$"), UInt8(ascii: "*"), UInt8(ascii: "="), UInt8(ascii: "~"),
             UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "<"), UInt8(ascii: ">"):
            return .symbol
        default: return .breaking
        }
    }

    @inline(never)
    private func classifyNonASCII(_ c: Unicode.Scalar) -> CharClass {
        let v = c.value
        if v >= 0xC0 && v <= 0x24F && v != 0xD7 && v != 0xF7 { return .letter }
        switch v {
        case 0x2019, 0x02BC: return .apostrophe
        case 0x85, 0x2028, 0x2029: return .newline
        default: break
        }
        let props = c.properties
        switch props.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return .letter
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .mark
        case .decimalNumber:
            return .digit
        case .dashPunctuation:
            return .dash
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format:
            return .space
        case .connectorPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation:
            return .breaking
        default:
            return props.isAlphabetic ? .letter : .symbol
        }
    }
}
