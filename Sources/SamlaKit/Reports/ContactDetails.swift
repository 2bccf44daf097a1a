import Foundation

/// E-mail addresses and phone numbers as keys that tell one person from another, whatever way
/// they were typed: `Anna@Example.se` and ` anna@example.se ` are one address; `070-123 45 67`,
/// `+46 70 123 45 67`, `0046 70 123 45 67` and `+46 (0)70 123 45 67` are one number.
enum ContactDetails {
    /// The address trimmed and lowercased (the local part too: mail systems that tell cases apart
    /// are rare, and two rows for one person are worse than one merge too many); nil when it has
    /// no `@` with something either side.
    static func emailKey(_ text: String) -> String? {
        let trimmed = WhitespaceTrim.trimmed(text).lowercased()
        guard let at = trimmed.firstIndex(of: "@"), at != trimmed.startIndex, trimmed.index(after: at) != trimmed.endIndex,
              !trimmed.contains(where: \.isWhitespace) else { return nil }
        return trimmed
    }

    /// The number in international form, digits only after a `+`: Swedish numbers written
    /// nationally (`0…`) get `+46`, `00` becomes `+`, and a trunk `(0)` after the country code is
    /// dropped. Nil when it holds fewer than 6 digits or anything but digits and separators.
    static func phoneKey(_ text: String) -> String? {
        var trimmed = WhitespaceTrim.trimmed(text)
        trimmed = trimmed.replacingOccurrences(of: "(0)", with: "")
        var digits = ""
        var plus = false
        for (offset, character) in trimmed.enumerated() {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if character == "+", offset == 0 {
                plus = true
            } else if !" -/().\u{00A0}".contains(character) {
                return nil
            }
        }
        guard digits.count >= 6 else { return nil }
        // "+46 0 70 …": the national trunk zero typed after the country code as well.
        if plus, digits.hasPrefix("460"), digits.count > 10 { return "+46" + digits.dropFirst(3) }
        if plus { return "+" + digits }
        if digits.hasPrefix("00") { return "+" + digits.dropFirst(2) }
        if digits.hasPrefix("0") { return "+46" + digits.dropFirst() }
        return "+46" + digits
    }
}
