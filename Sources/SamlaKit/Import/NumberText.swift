/// Numbers as spreadsheets and survey tools write them: `12`, `-3.5`, `3,5` (decimal comma),
/// `1 234,5` or `1,234.5` (digit groups). Words, NaN, infinities and hex are not numbers here.
enum NumberText {
    static func parse(_ text: String) -> Double? {
        // The common case, plain digits with an optional point, goes straight to Double.
        var plain = true
        var any = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): any = true
            case UInt8(ascii: "."), UInt8(ascii: "-"): continue
            default: plain = false
            }
            if !plain { break }
        }
        if plain, any, let value = Double(text) { return value }
        return parseWritten(text)
    }

    private static func parseWritten(_ text: String) -> Double? {
        var digits: [UInt8] = []
        var commas = 0
        var points = 0
        var lastComma = -1
        var lastPoint = -1
        var exponent = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9": digits.append(UInt8(scalar.value))
            case "-", "\u{2212}":
                guard digits.isEmpty || digits.last == UInt8(ascii: "e") else { return nil }
                digits.append(UInt8(ascii: "-"))
            case "+":
                guard digits.isEmpty || digits.last == UInt8(ascii: "e") else { return nil }
            case ",":
                commas += 1
                lastComma = digits.count
                digits.append(UInt8(ascii: ","))
            case ".":
                points += 1
                lastPoint = digits.count
                digits.append(UInt8(ascii: "."))
            case "e", "E":
                guard !exponent, digits.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
                exponent = true
                digits.append(UInt8(ascii: "e"))
            case " ", "\u{A0}", "\u{202F}", "'", "\t":
                // Digit groups; spaces around the number too.
                continue
            default:
                return nil
            }
        }
        // Whichever of ',' and '.' comes last (and once) is the decimal mark; the other groups digits.
        let decimal: UInt8?
        if commas > 0 && points > 0 {
            decimal = lastComma > lastPoint ? UInt8(ascii: ",") : UInt8(ascii: ".")
        } else if commas == 1 {
            decimal = UInt8(ascii: ",")
        } else if points == 1 {
            decimal = UInt8(ascii: ".")
        } else {
            decimal = nil
        }
        if let decimal, (decimal == UInt8(ascii: ",") ? commas : points) > 1 { return nil }
        var cleaned: [UInt8] = []
        for byte in digits {
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ".") {
                if byte == decimal { cleaned.append(UInt8(ascii: ".")) }
            } else {
                cleaned.append(byte)
            }
        }
        guard cleaned.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Double(String(decoding: cleaned, as: UTF8.self))
    }
}
