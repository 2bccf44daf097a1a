import Foundation

/// The two texts the JSON export writes for each time, quoted, made by hand: `2025-03-12T08:00:00Z`
/// (what `Date.ISO8601FormatStyle()` writes) and `2025-03-12T09:00:00+01:00` (``SurveyTimeZone/localISO(_:in:)``).
/// The zone's offset is asked once per stretch between its transitions, not per time: responses
/// come in stored order, mostly in time order. Foundation's formatter and the zone lookup cost more
/// than reading the response.
struct TimestampTexts {
    private let timeZone: TimeZone
    /// The offset in force from `validFrom` until before `validUntil`.
    private var offset = 0
    private var validFrom = Double.infinity
    private var validUntil = -Double.infinity

    /// Years 1000 to 9999 have four digits; others are left to the general code.
    private static let firstSecond = -30_610_224_000.0
    private static let lastSecond = 253_402_300_800.0

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// `"2025-03-12T08:00:00Z"`, the whole seconds in UTC.
    func utc(_ date: Date) -> [UInt8] {
        var text: [UInt8] = []
        appendUTC(date, to: &text)
        return text
    }

    /// The same appended to `text`.
    func appendUTC(_ date: Date, to text: inout [UInt8]) {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds >= Self.firstSecond, seconds < Self.lastSecond else {
            return text.append(contentsOf: JSONText.quoted(CSVExport.isoDate(date)))
        }
        Self.appendDateTime(Int(seconds), to: &text)
        text.append(UInt8(ascii: "Z"))
        text.append(UInt8(ascii: "\""))
    }

    /// `"2025-03-12T09:00:00+01:00"`, the wall-clock time in the zone with its offset.
    mutating func local(_ date: Date) -> [UInt8] {
        var text: [UInt8] = []
        appendLocal(date, to: &text)
        return text
    }

    /// The same appended to `text`.
    mutating func appendLocal(_ date: Date, to text: inout [UInt8]) {
        let instant = date.timeIntervalSince1970
        guard instant >= Self.firstSecond + 86_400, instant < Self.lastSecond - 86_400 else {
            return text.append(contentsOf: JSONText.quoted(SurveyTimeZone.localISO(date, in: timeZone)))
        }
        if !(instant >= validFrom && instant < validUntil) {
            offset = timeZone.secondsFromGMT(for: date)
            validFrom = instant
            validUntil = timeZone.nextDaylightSavingTimeTransition(after: date)?.timeIntervalSince1970 ?? .infinity
        }
        Self.appendDateTime(Int((instant + Double(offset)).rounded(.down)), to: &text)
        let absolute = abs(offset)
        text.append(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        Self.put(absolute / 3600, digits: 2, into: &text)
        text.append(UInt8(ascii: ":"))
        Self.put(absolute % 3600 / 60, digits: 2, into: &text)
        text.append(UInt8(ascii: "\""))
    }

    /// `"YYYY-MM-DDTHH:MM:SS` (opening quote, no zone) for seconds since 1970.
    private static func appendDateTime(_ seconds: Int, to text: inout [UInt8]) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (civilYear, civilMonth, civilDay) = StoreTimestampText.civil(fromDays: Int64(days))
        let (year, month, day) = (Int(civilYear), Int(civilMonth), Int(civilDay))
        let within = seconds - days * 86_400
        text.append(UInt8(ascii: "\""))
        put(year, digits: 4, into: &text); text.append(UInt8(ascii: "-"))
        put(month, digits: 2, into: &text); text.append(UInt8(ascii: "-"))
        put(day, digits: 2, into: &text); text.append(UInt8(ascii: "T"))
        put(within / 3600, digits: 2, into: &text); text.append(UInt8(ascii: ":"))
        put(within % 3600 / 60, digits: 2, into: &text); text.append(UInt8(ascii: ":"))
        put(within % 60, digits: 2, into: &text)
    }

    private static func put(_ value: Int, digits: Int, into text: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<digits { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            text.append(UInt8(truncatingIfNeeded: 48 + rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }
}
