/// Which number formats show a number as a date or time: a cell holds only a serial number, and
/// its style's format is all that says it is a date.
enum DateFormats {
    /// How a date-styled number is shown: which parts the format has.
    enum Kind: Sendable, Equatable {
        case date, time, dateTime
    }

    /// The built-in formats (ECMA-376 part 1, 18.8.30) that are dates or times: 14–22 and 45–47,
    /// and the East Asian built-ins 27–36 and 50–58, which Excel shows as dates in those locales.
    static func builtIn(_ id: Int) -> Kind? {
        switch id {
        case 14...17, 27...31, 34...36, 50...58: return .date
        case 18...21, 32, 33, 45...47: return .time
        case 22: return .dateTime
        default: return nil
        }
    }

    /// A custom format code is a date when it has a date or time letter (d, m, y, h, s, and e/g/b
    /// of the East Asian eras do not count) outside quoted text, `[...]` sections (colours,
    /// conditions, locales), escapes (`\x`) and the padding and fill marks (`_x`, `*x`).
    static func custom(_ code: String) -> Kind? {
        var hasDate = false
        var hasTime = false
        var inQuote = false
        var inBracket = false
        var skipNext = false
        // An `m` right after an hour or before seconds is minutes; otherwise a month.
        var lastDateTimeLetter: Character?
        var pendingMonthOrMinute = false
        let characters = Array(code.lowercased())
        for (index, character) in characters.enumerated() {
            if skipNext { skipNext = false; continue }
            if inQuote { if character == "\"" { inQuote = false }; continue }
            if inBracket {
                if character == "]" { inBracket = false }
                continue
            }
            switch character {
            case "\"": inQuote = true
            case "[":
                // [h], [mm], [ss]: elapsed time, still a time.
                let rest = characters[(index + 1)...].prefix { $0 != "]" }
                if !rest.isEmpty, rest.allSatisfy({ "hms".contains($0) }) { hasTime = true }
                inBracket = true
            case "\\", "_", "*": skipNext = true
            case "d", "y":
                hasDate = true
                lastDateTimeLetter = character
            case "h", "s":
                hasTime = true
                if character == "s", pendingMonthOrMinute { pendingMonthOrMinute = false }
                lastDateTimeLetter = character
            case "m":
                if lastDateTimeLetter == "h" { hasTime = true } else { pendingMonthOrMinute = true }
                if lastDateTimeLetter != "m" { lastDateTimeLetter = "m" }
            case ";":
                // Only the first section (positive numbers) decides.
                return kind(date: hasDate || pendingMonthOrMinute && !hasTime, time: hasTime)
            default:
                break
            }
        }
        return kind(date: hasDate || pendingMonthOrMinute && !hasTime, time: hasTime)
    }

    private static func kind(date: Bool, time: Bool) -> Kind? {
        switch (date, time) {
        case (true, true): return .dateTime
        case (true, false): return .date
        case (false, true): return .time
        case (false, false): return nil
        }
    }
}
