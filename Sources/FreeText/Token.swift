/// One token of free text.
public struct Token: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Letters, possibly with digits or an inner apostrophe: "kommunerna", "don't", "covid19".
        case word
        /// Digits, possibly with inner separators: "2025", "3,5", "10:30".
        case number
        /// A web address, kept whole: "https://example.org/a?b=c", "www.example.se".
        case url
        /// An e-mail address, kept whole.
        case email
    }

    /// Normalized form: lowercase, canonically composed (NFC), typographic apostrophes made
    /// straight. URLs keep their case, since paths are case-sensitive.
    public var text: String
    /// Exactly as written in the input.
    public var surface: String
    public var kind: Kind
    /// Byte offsets of `surface` in the input's UTF-8, for highlighting.
    public var utf8Range: Range<Int>
    /// True when punctuation, a line break or a dropped token separates this token from the one
    /// before, so "housing, transport" does not make the phrase "housing transport".
    public var startsClause: Bool

    public init(text: String, surface: String, kind: Kind, utf8Range: Range<Int>, startsClause: Bool) {
        self.text = text
        self.surface = surface
        self.kind = kind
        self.utf8Range = utf8Range
        self.startsClause = startsClause
    }
}
