/// Limits on the shape of a survey file, checked on its text before the YAML library reads it.
///
/// Yams builds its tree by recursion, one call per level of nesting, so a file of a hundred
/// thousand `[` would overflow the stack and kill the process; and it compares mapping keys by
/// value, so keys that are aliases of aliases (an "alias bomb") take exponential time. No survey
/// comes near either: a real one nests about six levels and needs at most a shared label set or two.
/// The scan is conservative (it over-counts rather than under-counts) and never reads a tree.
struct YAMLShapeLimits {
    /// Nesting estimated from a line's indentation, its `- `/`? ` indicators and open brackets.
    static let maximumDepth = 120
    /// Aliases are harmless when every alias points at one anchor; the blow-up needs anchored nodes
    /// that hold aliases themselves, which takes several anchors and many aliases.
    static let maximumAliasesWithSeveralAnchors = 32
    static let maximumAliases = 10_000

    struct Violation {
        var message: String
        var hint: String
        var line: Int
        var column: Int
    }

    /// The first limit the text breaks, with where; nil when the text is within them all.
    /// Walks the UTF-8 bytes: every character that matters here is ASCII.
    static func check(_ text: String) -> Violation? {
        var text = text
        return text.withUTF8 { check(bytes: $0) }
    }

    private static func check(bytes: UnsafeBufferPointer<UInt8>) -> Violation? {
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n")
        let doubleQuote = UInt8(ascii: "\""), singleQuote = UInt8(ascii: "'"), backslash = UInt8(ascii: "\\")
        var flowDepth = 0
        // A quoted text may run over lines.
        var quote: UInt8?
        var anchors = 0
        var aliases = 0
        var aliasPlace: (line: Int, column: Int)?
        var line = 1
        var index = 0
        while index <= bytes.count {
            let lineStart = index
            var lineEnd = index
            while lineEnd < bytes.count, bytes[lineEnd] != newline { lineEnd += 1 }
            defer {
                line += 1
                index = lineEnd + 1
            }
            var at = lineStart
            // Indentation and block indicators at the start of the line: each may open a level.
            var lead = 0
            while quote == nil, at < lineEnd {
                let c = bytes[at]
                if c == space || c == tab {
                    lead += 1
                    at += 1
                } else if c == UInt8(ascii: "-") || c == UInt8(ascii: "?") || c == UInt8(ascii: ":"),
                          at + 1 >= lineEnd || bytes[at + 1] == space {
                    lead += 2
                    at += 1
                } else {
                    break
                }
            }
            var previous = space
            var deepest = flowDepth
            while at < lineEnd {
                let c = bytes[at]
                defer {
                    previous = c
                    at += 1
                }
                if let open = quote {
                    if open == doubleQuote, c == backslash {
                        at += 1
                    } else if c == open {
                        quote = nil
                    }
                    continue
                }
                let atTokenStart = previous == space || previous == tab || previous == UInt8(ascii: "[")
                    || previous == UInt8(ascii: "{") || previous == UInt8(ascii: ",")
                switch c {
                case UInt8(ascii: "#") where previous == space || previous == tab || at == lineStart:
                    at = lineEnd
                case doubleQuote where atTokenStart, singleQuote where atTokenStart:
                    quote = c
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    flowDepth += 1
                    deepest = max(deepest, flowDepth)
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    flowDepth = max(0, flowDepth - 1)
                case UInt8(ascii: "&") where atTokenStart:
                    anchors += 1
                case UInt8(ascii: "*") where atTokenStart && at + 1 < lineEnd && isAnchorByte(bytes[at + 1]):
                    aliases += 1
                    if aliasPlace == nil { aliasPlace = (line, column(of: at + 1, from: lineStart, in: bytes)) }
                default:
                    break
                }
            }
            if lead + deepest + 2 > maximumDepth {
                return Violation(message: "the survey file nests deeper than \(maximumDepth) levels",
                                 hint: "a survey nests a few levels (questions, choices, labels); check the brackets and indentation here",
                                 line: line, column: min(lead, lineEnd - lineStart) + 1)
            }
        }
        let aliasLimit = anchors > 1 ? maximumAliasesWithSeveralAnchors : maximumAliases
        if aliases > aliasLimit, let place = aliasPlace {
            return Violation(message: "the survey file uses \(aliases) YAML aliases (*name) with \(anchors) anchors (&name)",
                             hint: "at most \(aliasLimit) aliases are read with several anchors; write the repeated parts out",
                             line: place.line, column: place.column)
        }
        return nil
    }

    /// The 1-based column, in Unicode scalars, of the byte at `offset`.
    private static func column(of offset: Int, from lineStart: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var column = 1
        for k in lineStart ..< offset where bytes[k] & 0xC0 != 0x80 { column += 1 }
        return column
    }

    /// Bytes libyaml takes in an anchor's name (letters, digits, '-', '_'; any non-ASCII letter's bytes).
    private static func isAnchorByte(_ c: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c >= 0x80
    }
}
