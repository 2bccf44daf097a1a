import Foundation

/// Replaces what would point at a person in a free-text answer: e-mail addresses, phone numbers
/// (Swedish as people write them, `070-123 45 67`, `08-123 456 78`, and international, `+46 70 …`,
/// `0046 …`, `+44 20 …`), personal identity numbers (personnummer and samordningsnummer,
/// `YYMMDD-XXXX`, `YYMMDD+XXXX`, `YYYYMMDDXXXX`), links, and the names people gave in the survey's
/// name field, each by a bracketed word in the export's language (`[e-post]`, `[telefon]`, …).
///
/// Ordinary numbers survive: a national phone number starts with 0 and has 8 to 10 digits in
/// groups separated by at most one space or dash, so years, counts, amounts and dates
/// (`2025-03-12`, `12/3`) are left alone; a personnummer must hold a real month and day. Every link
/// goes, not just those with a name in: telling a name in `example.se/anna.lindberg` from a path
/// is guesswork. A name is replaced where a word written with a capital equals any part of a name
/// given (`Anna`, `Lindberg`), so a sentence that starts with a word that is also someone's first
/// name loses it too: better one word too many than a name left in.
public struct PersonalDataScrubber: Sendable {
    public struct Labels: Sendable, Hashable {
        public var email, phone, idNumber, link, name: String

        public static func forLanguage(_ language: String) -> Labels {
            language == "sv"
                ? Labels(email: "[e-post]", phone: "[telefon]", idNumber: "[personnummer]", link: "[länk]", name: "[namn]")
                : Labels(email: "[e-mail]", phone: "[phone]", idNumber: "[id-number]", link: "[link]", name: "[name]")
        }
    }

    public let labels: Labels
    /// Lowercased parts of the names to replace.
    private let nameParts: Set<String>

    public init(language: String, names: [String] = []) {
        labels = .forLanguage(language)
        var parts: Set<String> = []
        for name in names {
            for part in Self.words(in: name) where part.count >= 2 { parts.insert(part.lowercased()) }
        }
        nameParts = parts
    }

    /// `text` with every match replaced; the same text when nothing matched.
    public func scrub(_ text: String) -> String {
        // Cheap tests first: most answers hold no '@', no digit and no name.
        var out = text
        if out.contains("@") { out = Self.replace(Self.email, in: out, with: labels.email) }
        if out.contains("www.") || out.contains("://") { out = Self.replace(Self.link, in: out, with: labels.link) }
        if out.contains(where: \.isNumber) {
            out = Self.replace(Self.idNumber, in: out, with: labels.idNumber, accept: Self.isIDNumber)
            out = Self.replace(Self.internationalPhone, in: out, with: labels.phone)
            out = Self.replace(Self.bracketedPhone, in: out, with: labels.phone) { (8...10).contains($0.filter(\.isNumber).count) }
            out = Self.replace(Self.nationalPhone, in: out, with: labels.phone)
        }
        if !nameParts.isEmpty { out = replaceNames(in: out) }
        return out
    }

    /// Whether a word (any case) is part of a name given: for word lists, which are lowercased.
    public func isNamePart(_ word: some StringProtocol) -> Bool {
        nameParts.contains(word.lowercased())
    }

    // MARK: Patterns

    private static func pattern(_ text: String) -> NSRegularExpression? {
        // The patterns are constants written here; a typo is caught by the scrubber's tests.
        try? NSRegularExpression(pattern: text)
    }

    static let email = pattern(#"[\p{L}\p{N}._%+'\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}"#)
    /// A link up to the next space, less punctuation that ends the sentence around it.
    static let link = pattern(#"(?:https?://|www\.)[^\s<>"]*[^\s<>".,;:!?)\]]"#)
    /// 6 or 8 digits of a birth date, a `-` or `+` (optional after 8 digits), 4 digits; 10 bare
    /// digits starting with 0 are a phone number instead.
    static let idNumber = pattern(#"(?<![\p{N}\-+])(?:(?:19|20)\d{6}[\-+]?|\d{6}[\-+]|[1-9]\d{5})\d{4}(?![\p{N}])"#)
    /// Between digit groups: nothing, one space, or a dash (`-`, `–`) with a space either side or not.
    private static let separator = #"(?: ?[\-–] ?| )?"#
    static let internationalPhone = pattern(#"(?<![\p{L}\p{N}])(?:\+|00)[1-9](?:"# + separator + #"(?:\(0\))?"# + separator + #"\d){6,13}(?![\p{N}])"#)
    /// 0 and 7 to 9 more digits: 8 to 10 in all, as Swedish numbers have.
    static let nationalPhone = pattern(#"(?<![\p{L}\p{N}+\-./])0\d(?:"# + separator + #"\d){6,8}(?![\p{N}]|[\-./]\d)"#)
    /// `(08) 123 456 78`, `(070) 123 45 67`: an area code in brackets.
    static let bracketedPhone = pattern(#"(?<![\p{L}\p{N}])\(0\d{1,3}\)(?:"# + separator + #"\d){5,8}(?![\p{N}])"#)

    /// A real month and day (61–91 for a samordningsnummer).
    private static func isIDNumber(_ match: String) -> Bool {
        let digits = match.filter(\.isNumber).map { Int(String($0)) ?? 0 }
        let start = digits.count == 12 ? 4 : 2
        guard digits.count >= start + 4 else { return false }
        let month = digits[start] * 10 + digits[start + 1]
        let day = digits[start + 2] * 10 + digits[start + 3]
        return (1...12).contains(month) && ((1...31).contains(day) || (61...91).contains(day))
    }

    private static func replace(_ regex: NSRegularExpression?, in text: String, with label: String,
                                accept: (String) -> Bool = { _ in true }) -> String {
        guard let regex else { return text }
        let whole = NSRange(text.startIndex..., in: text)
        let matches = regex.matches(in: text, range: whole)
        guard !matches.isEmpty else { return text }
        var out = ""
        var cursor = text.startIndex
        for match in matches {
            guard let range = Range(match.range, in: text), accept(String(text[range])) else { continue }
            out += text[cursor..<range.lowerBound]
            out += label
            cursor = range.upperBound
        }
        out += text[cursor...]
        return out
    }

    // MARK: Names

    static func words(in text: String) -> [Substring] {
        text.split { !$0.isLetter }
    }

    private func replaceNames(in text: String) -> String {
        var out = ""
        var word = ""
        var pendingSpace = ""
        var lastWasName = false
        func flush() {
            guard !word.isEmpty else { return }
            let isName = word.first?.isUppercase == true && nameParts.contains(word.lowercased())
            if isName {
                // "Anna Lindberg" becomes one [namn], not two.
                if lastWasName && pendingSpace == " " {
                    pendingSpace = ""
                } else {
                    out += pendingSpace
                    pendingSpace = ""
                    out += labels.name
                }
                lastWasName = true
            } else {
                out += pendingSpace + word
                pendingSpace = ""
                lastWasName = false
            }
            word = ""
        }
        for character in text {
            if character.isLetter {
                word.append(character)
            } else {
                flush()
                if character == " " && pendingSpace.isEmpty && lastWasName {
                    pendingSpace = " "
                } else {
                    out += pendingSpace
                    pendingSpace = ""
                    out.append(character)
                    lastWasName = false
                }
            }
        }
        flush()
        return out + pendingSpace
    }
}
