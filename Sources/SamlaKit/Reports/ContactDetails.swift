import Foundation

/// E-mail addresses and phone numbers as keys that tell one person from another, whatever way
/// they were typed: `Anna@Example.se` and ` anna@example.se ` are one address; `070-123 45 67`,
/// `+46 70 123 45 67`, `0046 70 123 45 67` and `+46 (0)70 123 45 67` are one number.
enum ContactDetails {
    /// The address trimmed and lowercased (the local part too: mail systems that tell cases apart
    /// are rare, and two rows for one person are worse than one merge too many); nil when it has
    /// no `@` with something either side.
    static func emailKey(_ text: String) -> String? {
        let trimmed = WhitespaceTrim.trimmed(text)
        // In ASCII every byte is a character (CR LF, one character, is whitespace byte by byte
        // too) and lowercasing touches A–Z only: the same key as the general path, without
        // Unicode's character properties for every character of every address.
        guard let lowered = ASCIIText.lowercased(trimmed) else { return generalEmailKey(trimmed) }
        let bytes = Array(lowered.utf8)
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), at != 0, at != bytes.count - 1,
              !bytes.contains(where: isASCIIWhitespace) else { return nil }
        return lowered
    }

    /// ``emailKey(_:)`` of a trimmed text of any characters.
    static func generalEmailKey(_ trimmedText: String) -> String? {
        let trimmed = trimmedText.lowercased()
        guard let at = trimmed.firstIndex(of: "@"), at != trimmed.startIndex, trimmed.index(after: at) != trimmed.endIndex,
              !trimmed.contains(where: \.isWhitespace) else { return nil }
        return trimmed
    }

    /// The number in international form, digits only after a `+`: Swedish numbers written
    /// nationally (`0…`) get `+46`, `00` becomes `+`, and a trunk `(0)` after the country code is
    /// dropped. Nil when it holds fewer than 6 digits or anything but digits and separators.
    static func phoneKey(_ text: String) -> String? {
        let trimmed = WhitespaceTrim.trimmed(text)
        guard ASCIIText.isASCII(trimmed) else { return generalPhoneKey(trimmed) }
        // The general path byte by byte: "(0)" dropped left to right as Foundation's replacing
        // does, then digits kept and separators skipped.
        let bytes = Array(trimmed.utf8)
        var digits: [UInt8] = []
        var plus = false
        var index = 0, kept = 0
        while index < bytes.count {
            if index + 2 < bytes.count, bytes[index] == UInt8(ascii: "("), bytes[index + 1] == UInt8(ascii: "0"),
               bytes[index + 2] == UInt8(ascii: ")") {
                index += 3
                continue
            }
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits.append(byte)
            } else if byte == UInt8(ascii: "+"), kept == 0 {
                plus = true
            } else if !phoneSeparators.contains(byte) {
                return nil
            }
            index += 1
            kept += 1
        }
        return international(digits: String(decoding: digits, as: UTF8.self), plus: plus)
    }

    /// ``phoneKey(_:)`` of a trimmed text of any characters.
    static func generalPhoneKey(_ trimmedText: String) -> String? {
        let trimmed = trimmedText.replacingOccurrences(of: "(0)", with: "")
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
        return international(digits: digits, plus: plus)
    }

    private static let phoneSeparators: [UInt8] = Array(" -/().".utf8)

    private static func international(digits: String, plus: Bool) -> String? {
        guard digits.count >= 6 else { return nil }
        // "+46 0 70 …": the national trunk zero typed after the country code as well.
        if plus, digits.hasPrefix("460"), digits.count > 10 { return "+46" + digits.dropFirst(3) }
        if plus { return "+" + digits }
        if digits.hasPrefix("00") { return "+" + digits.dropFirst(2) }
        if digits.hasPrefix("0") { return "+46" + digits.dropFirst() }
        return "+46" + digits
    }

    /// Unicode's White_Space among the ASCII characters: tab to carriage return, and space.
    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
}
