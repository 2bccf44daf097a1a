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
}
