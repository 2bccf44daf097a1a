/// Turns any proposed text into a worksheet name Excel and libxlsxwriter accept.
///
/// libxlsxwriter answers a bad name with a NULL worksheet (and Excel "repairs" files whose names
/// it dislikes), so names are fixed up front rather than reported: callers usually derive them
/// from data such as question titles, where failing would help nobody.
public enum SheetName {
    /// Excel's limit, counted in UTF-16 code units as Excel does.
    public static let maxLength = 31
    /// Characters Excel forbids anywhere in a sheet name.
    public static let forbiddenCharacters: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
    /// Excel reserves this name for its change-tracking sheet.
    static let reserved = ["history"]

    /// A valid name close to `proposed` that differs, ignoring case, from every name in
    /// `existing`. Forbidden characters become `_`, control characters are dropped, leading and
    /// trailing apostrophes and spaces are removed, the result is cut to 31 UTF-16 code units,
    /// an empty result becomes "Sheet", and a clash gets " (2)", " (3)", … within the limit.
    public static func make<S: Sequence>(_ proposed: String, existing: S) -> String where S.Element == String {
        var taken = Set<String>()
        for name in existing { taken.formUnion(keys(name)) }
        taken.formUnion(reserved)

        let base = cleaned(proposed)
        if keys(base).isDisjoint(with: taken) { return base }

        var number = 2
        while true {
            let suffix = " (\(number))"
            let room = maxLength - suffix.utf16.count
            let candidate = trimmedEdges(prefix(base, utf16Length: room)) + suffix
            if keys(candidate).isDisjoint(with: taken) { return candidate }
            number += 1
        }
    }

    /// True when libxlsxwriter and Excel would accept `name` as it is (uniqueness aside).
    public static func isValid(_ name: String) -> Bool {
        !name.isEmpty && cleaned(name) == name
    }

    /// Two spellings Excel may consider the same name. Comparing both the lower- and the
    /// upper-cased forms errs on the side of renaming (e.g. "Straße" and "STRASSE").
    private static func keys(_ name: String) -> Set<String> {
        [name.lowercased(), name.uppercased()]
    }

    private static func cleaned(_ proposed: String) -> String {
        var text = ""
        for character in CellText.removingIllegalCharacters(proposed) {
            if forbiddenCharacters.contains(character) {
                text.append("_")
            } else if character == "\n" || character == "\t" || character == "\r\n" {
                text.append(" ")
            } else {
                text.append(character)
            }
        }
        text = trimmedEdges(text)
        text = trimmedEdges(prefix(text, utf16Length: maxLength))
        return text.isEmpty ? "Sheet" : text
    }

    /// Strips spaces and apostrophes from both ends; repeated because removing one may expose
    /// the other.
    private static func trimmedEdges(_ text: String) -> String {
        var slice = Substring(text)
        while let first = slice.first, first == "'" || first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last == "'" || last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }

    private static func prefix(_ text: String, utf16Length limit: Int) -> String {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let width = text[index].utf16.count
            if used + width > limit { break }
            used += width
            end = text.index(after: index)
        }
        return String(text[..<end])
    }
}
