/// Numbers as spreadsheets and survey tools write them: `12`, `-3.5`, `3,5` (decimal comma),
/// `1 234,5` or `1,234.5` (digit groups). Words, NaN, infinities and hex are not numbers here, nor
/// are digits that only look like one: a dotted date (`12.03.1990`), an IP address
/// (`192.168.1.10`), a phone number (`070 123 45 67`), a postcode or code with a leading zero
/// (`01234`) or a long id: read as numbers they would lose what they say.
enum NumberText {
    /// More digits than this before the decimal mark are an id or a code, not a quantity (a
    /// Double holds 15 significant digits exactly).
    static let maximumIntegerDigits = 15

    /// `groupingComma`: a lone comma before exactly three digits (`1,234`) groups digits, as in
    /// an English file; otherwise (the default, and in Swedish, German, … files) it is the
    /// decimal mark (`3,5`, `1,250` is one and a quarter).
    static func parse(_ text: String, groupingComma: Bool = false) -> Double? {
        // Whole numbers of plain digits (scale points, counts) without a leading zero: their
        // value at once, as `Double(text)` below would read it.
        if let whole = text.utf8.withContiguousStorageIfAvailable(plainWholeNumber) ?? nil { return whole }
        // The common case, plain digits with an optional point, goes straight to Double.
        var plain = true
        var any = false
        var integerDigits = 0
        var leadingZero = false
        var pointSeen = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if !pointSeen {
                    if integerDigits == 0 && byte == UInt8(ascii: "0") { leadingZero = true }
                    integerDigits += 1
                }
                any = true
            case UInt8(ascii: "."): pointSeen = true; continue
            case UInt8(ascii: "-"): continue
            default: plain = false
            }
            if !plain { break }
        }
        if plain, any, !(leadingZero && integerDigits > 1), integerDigits <= maximumIntegerDigits, let value = Double(text) { return value }
        return parseWritten(text, groupingComma: groupingComma)
    }

    /// 1 to `maximumIntegerDigits` ASCII digits, the first not a 0 unless it is the only one.
    private static func plainWholeNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !bytes.isEmpty, bytes.count <= maximumIntegerDigits, bytes[0] != UInt8(ascii: "0") || bytes.count == 1 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return Double(value)
    }

    private static func isGroupSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\u{A0}" || scalar == "\u{202F}" || scalar == "'"
    }

    private static func parseWritten(_ text: String, groupingComma: Bool) -> Double? {
        var scalars = Array(text.unicodeScalars)
        // Spaces around the number are not part of it.
        while let first = scalars.first, first == " " || first == "\t" || first == "\u{A0}" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\u{A0}" { scalars.removeLast() }
        var negative = false
        if let first = scalars.first, first == "-" || first == "\u{2212}" || first == "+" {
            negative = first != "+"
            scalars.removeFirst()
        }
        var exponent = 0
        if let e = scalars.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            var tail = Array(scalars[(e + 1)...])
            scalars = Array(scalars[..<e])
            var exponentSign = 1
            if let sign = tail.first, sign == "-" || sign == "+" || sign == "\u{2212}" {
                exponentSign = sign == "+" ? 1 : -1
                tail.removeFirst()
            }
            guard !tail.isEmpty, tail.count <= 3, tail.allSatisfy({ $0.isASCII && ("0"..."9").contains($0) }),
                  let value = Int(String(String.UnicodeScalarView(tail))) else { return nil }
            exponent = exponentSign * value
        }
        // Runs of digits and the single marks between them.
        var runs: [String] = [""]
        var marks: [Unicode.Scalar] = []
        for scalar in scalars {
            if scalar.isASCII, ("0"..."9").contains(scalar) {
                runs[runs.count - 1].unicodeScalars.append(scalar)
            } else if scalar == "," || scalar == "." || isGroupSpace(scalar) {
                guard !runs[runs.count - 1].isEmpty else { return nil }
                marks.append(isGroupSpace(scalar) ? " " : scalar)
                runs.append("")
            } else {
                return nil
            }
        }
        guard !runs[runs.count - 1].isEmpty else { return nil }
        // The decimal mark: the last mark, when it is a comma or point that occurs once and the
        // marks before it are of another kind (digit groups).
        var integerRuns = runs
        var fraction = ""
        if let last = marks.last, last != " ", marks.filter({ $0 == last }).count == 1 {
            let lone = marks.count == 1
            let looksGrouped = runs[runs.count - 1].count == 3 && (last == "," ? groupingComma : false)
            if !(lone && looksGrouped) {
                fraction = runs[runs.count - 1]
                integerRuns.removeLast()
            }
        }
        let groupMarks = fraction.isEmpty ? marks : Array(marks.dropLast())
        if let kind = groupMarks.first {
            // Digit groups are of one kind, three digits each after a first of one to three.
            guard groupMarks.allSatisfy({ $0 == kind }), (1...3).contains(integerRuns[0].count),
                  integerRuns.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        let integer = integerRuns.joined()
        guard integer.count <= maximumIntegerDigits, !(integer.count > 1 && integer.hasPrefix("0") && groupMarks.isEmpty) else { return nil }
        let written = (negative ? "-" : "") + integer + (fraction.isEmpty ? "" : "." + fraction) + (exponent == 0 ? "" : "e\(exponent)")
        return Double(written)
    }
}
