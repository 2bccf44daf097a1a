import Foundation

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` in UTC, the text ``StoreDates`` stores, built from the date's
/// milliseconds with civil-calendar arithmetic (proleptic Gregorian, as ISO 8601 uses).
/// Milliseconds are truncated, as Foundation's ISO 8601 style does.
struct StoreTimestampText {
    let text: String

    init?(_ date: Date) {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, seconds > -62_135_596_800, seconds < 253_402_300_800 else { return nil }
        // Whole seconds and the fraction apart, as Foundation does: scaling the whole value by
        // 1000 first would round x.934999… up to x.935.
        let whole = seconds.rounded(.down)
        let fraction = Int64(((seconds - whole) * 1000).rounded(.down))
        let milliseconds = Int64(whole) * 1000 + fraction
        let (days, dayMilliseconds) = Self.floorDivide(milliseconds, 86_400_000)
        let (year, month, day) = Self.civil(fromDays: days)
        let hour = dayMilliseconds / 3_600_000
        let minute = dayMilliseconds / 60_000 % 60
        let second = dayMilliseconds / 1000 % 60
        let millisecond = dayMilliseconds % 1000
        text = String(unsafeUninitializedCapacity: 24) { buffer in
            func put(_ value: Int64, digits: Int, at start: Int) {
                var rest = value
                for index in stride(from: start + digits - 1, through: start, by: -1) {
                    buffer[index] = UInt8(truncatingIfNeeded: 48 + rest % 10)
                    rest /= 10
                }
            }
            put(year, digits: 4, at: 0); buffer[4] = UInt8(ascii: "-")
            put(month, digits: 2, at: 5); buffer[7] = UInt8(ascii: "-")
            put(day, digits: 2, at: 8); buffer[10] = UInt8(ascii: "T")
            put(hour, digits: 2, at: 11); buffer[13] = UInt8(ascii: ":")
            put(minute, digits: 2, at: 14); buffer[16] = UInt8(ascii: ":")
            put(second, digits: 2, at: 17); buffer[19] = UInt8(ascii: ".")
            put(millisecond, digits: 3, at: 20); buffer[23] = UInt8(ascii: "Z")
            return 24
        }
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
        return (quotient, value - quotient * divisor)
    }

    /// Days since 1970-01-01 to (year, month, day), after Howard Hinnant's `civil_from_days`.
    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The date `utf8` spells when it is exactly the form above (what the store writes), with the
    /// value Foundation's ISO 8601 parser gives for it; nil for anything else (and for years before
    /// 1583, where Foundation's calendar is Julian), which the caller hands to Foundation. Reading a million responses back parses two dates each, and
    /// Foundation's parser cost more than the rest of the row.
    static func date(utf8 text: UnsafeBufferPointer<UInt8>) -> Date? {
        guard text.count == 24, text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-"), text[10] == UInt8(ascii: "T"),
              text[13] == UInt8(ascii: ":"), text[16] == UInt8(ascii: ":"), text[19] == UInt8(ascii: "."),
              text[23] == UInt8(ascii: "Z") else { return nil }
        func number(_ start: Int, _ digits: Int) -> Int64? {
            var value: Int64 = 0
            for index in start..<(start + digits) {
                let digit = text[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int64(digit)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
              let minute = number(14, 2), let second = number(17, 2), let millisecond = number(20, 3),
              year >= 1583, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 60 else { return nil }
        // Whole days since 2001-01-01 apart from the time of day, summed as Foundation sums them, so
        // the double is Foundation's to the last bit.
        let days = Self.days(fromCivil: year, month, day) - 11_323
        let timeOfDay = Double(hour * 3_600 + minute * 60 + second) + Double(millisecond) / 1000
        return Date(timeIntervalSinceReferenceDate: Double(days * 86_400) + timeOfDay)
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// (year, month, day) to days since 1970-01-01, after Howard Hinnant's `days_from_civil`.
    private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
