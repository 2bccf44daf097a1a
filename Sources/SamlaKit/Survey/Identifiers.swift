/// The spelling rules for ids and language codes in survey files.
public enum Identifiers {
    /// Survey and question ids: lowercase ASCII letters, digits and '-', starting with a letter or
    /// digit, not ending with '-': safe in file names, column headers and URLs alike.
    public static func isID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last, first != UInt8(ascii: "-"), last != UInt8(ascii: "-") else {
            return false
        }
        return bytes.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "-") }
    }

    /// Question ids also allow '_' inside, as XLSForm names (`q1_age`, `respondent_name`) use it:
    /// a form's names are kept exactly, so a Kobo export of it matches them.
    public static func isQuestionID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last, isLowerAlnum(first), isLowerAlnum(last) else { return false }
        return bytes.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    /// Choice ids also allow upper case and '_', as other tools' option codes (SQ001, yes_no) use them.
    public static func isChoiceID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, isAlnum(first) else { return false }
        return bytes.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    public static func isLanguageCode(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, (2...3).contains(primary.count),
              primary.utf8.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else { return false }
        return parts.dropFirst().allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy(isAlnum) }
    }

    /// An id made from arbitrary text: folded to ASCII, lowercased, runs of other characters as '-'.
    public static func suggestID(from text: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            let folded: String
            switch scalar {
            case "å", "ä", "à", "á", "â", "ã": folded = "a"
            case "ö", "ø", "ó", "ò", "ô", "õ": folded = "o"
            case "é", "è", "ê", "ë": folded = "e"
            case "ü", "ú", "ù", "û": folded = "u"
            case "í", "ì", "î", "ï": folded = "i"
            case "æ": folded = "ae"
            case "ß": folded = "ss"
            case "ç": folded = "c"
            case "ñ": folded = "n"
            default: folded = scalar.isASCII && (isLowerAlnum(UInt8(scalar.value))) ? String(scalar) : ""
            }
            if folded.isEmpty {
                pendingDash = !out.isEmpty
            } else {
                if pendingDash { out += "-" }
                out += folded
                pendingDash = false
            }
        }
        return out.isEmpty ? "q" : out
    }

    private static func isLowerAlnum(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func isAlnum(_ byte: UInt8) -> Bool {
        isLowerAlnum(byte) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
}
