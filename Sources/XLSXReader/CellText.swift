import Foundation

/// Cell values as text, the way the person who typed them would write them.
enum CellText {
    /// A stored number as Excel shows it in General format: whole numbers without `.0`, and no
    /// binary noise (Excel keeps 15 significant digits, so `0.30000000000000004` is `0.3`); then
    /// the shortest text that reads back as that number.
    static func number(_ raw: String) -> String {
        guard let value = Double(raw), value.isFinite else { return raw }
        if value == 0 { return "0" }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        let rounded = Double(String(format: "%.15g", value)) ?? value
        if rounded == rounded.rounded(), abs(rounded) < 1e15 {
            return String(Int64(rounded))
        }
        return plain(rounded.description)
    }

    /// Swift writes `1e-05` and `1.5e+20`; positional notation reads better for the small
    /// exponents that survey numbers have, so only very large or small numbers keep an exponent.
    private static func plain(_ text: String) -> String {
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }), let exponent = Int(text[text.index(after: e)...]),
              (-7...20).contains(exponent) else { return text }
        let mantissa = text[..<e]
        let negative = mantissa.hasPrefix("-")
        let digits = mantissa.filter(\.isNumber)
        let pointAt = (mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) - (negative ? 1 : 0) } ?? digits.count) + exponent
        var result: String
        if pointAt <= 0 {
            result = "0." + String(repeating: "0", count: -pointAt) + digits
        } else if pointAt >= digits.count {
            result = digits + String(repeating: "0", count: pointAt - digits.count)
        } else {
            result = String(digits.prefix(pointAt)) + "." + String(digits.dropFirst(pointAt))
        }
        return (negative ? "-" : "") + result
    }

    /// A date serial as ISO 8601: `2024-03-12`, `09:15:30` or `2024-03-12T09:15:30`, rounded to
    /// the millisecond (Excel's own precision for times).
    /// - 1900 system: serial 1 is 1900-01-01, and Excel counts a 29 February 1900 that never was
    ///   (serial 60, kept from Lotus 1-2-3), so serials from 61 on are one day ahead of the count.
    /// - 1904 system: serial 0 is 1904-01-01, no phantom day.
    static func date(serial raw: String, kind: DateFormats.Kind, date1904: Bool) -> String {
        guard let serial = Double(raw), serial.isFinite, serial >= 0, serial < 2_958_466 else { return number(raw) }
        var milliseconds = Int64((serial * 86_400_000).rounded())
        var days = milliseconds / 86_400_000
        milliseconds -= days * 86_400_000
        let dateText: String
        if date1904 {
            dateText = civil(daysSince1970: days + daysFrom1970(year: 1904, month: 1, day: 1))
        } else if days == 60 {
            dateText = "1900-02-29"
        } else if days == 0 {
            // Excel shows serial 0 as 1900-01-00: the day before its first.
            dateText = "1900-01-00"
        } else {
            if days > 60 { days -= 1 }
            dateText = civil(daysSince1970: days + daysFrom1970(year: 1899, month: 12, day: 31))
        }
        let seconds = milliseconds / 1000
        let fraction = milliseconds % 1000
        var timeText = String(format: "%02d:%02d:%02d", Int(seconds / 3600), Int(seconds / 60 % 60), Int(seconds % 60))
        if fraction != 0 { timeText += String(format: ".%03d", Int(fraction)) }
        // What the format shows: a date format hides the time of day, a time format the day.
        switch kind {
        case .date: return dateText
        case .time where days == 0: return timeText
        case .time, .dateTime: return "\(dateText)T\(timeText)"
        }
    }

    /// Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm, proleptic Gregorian).
    static func daysFrom1970(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date `days` after 1970-01-01, as `YYYY-MM-DD`.
    static func civil(daysSince1970 days: Int64) -> String {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d", Int(year), Int(month), Int(day))
    }
}
