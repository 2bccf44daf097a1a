import Foundation

/// Reads the timestamps survey tools write, by hand rather than with a formatter per row:
/// `2025-03-12T09:00:00+01:00`, `2025-03-12 09:00:00`, `2025/03/12 9:00:00 AM CET`,
/// `2026/09/08 2:28:27 PM GMT+2`, `3/12/25 09:00:00`, `12.03.2025 09:00`.
///
/// Day-month order is only taken as given where the tool fixes it (Microsoft writes month first)
/// or where a number over 12 settles it; otherwise the timestamp is left unparsed (its raw text
/// is kept in the metadata either way). A time with no zone is read in this machine's time zone,
/// the zone of the person importing, who usually ran the workshop.
struct ToolTimestamp {
    enum DayOrder {
        case monthFirst
        case dayFirst
        case unknown
    }

    var order: DayOrder
    private var zoneCache: [Int: Int] = [:]
    private let zone = TimeZone.current

    init(order: DayOrder) {
        self.order = order
    }

    init(layout: ExportLayout) {
        self.init(order: layout == .microsoftForms ? .monthFirst : .unknown)
    }

    mutating func parse(_ text: String) -> Date? {
        var numbers: [Int] = []
        var widths: [Int] = []
        var separators: [UInt8] = []
        var fraction = 0.0
        var rest = ""
        var text = text
        let parsed: Bool = text.withUTF8 { bytes in
            var position = 0
            let n = bytes.count
            while position < n, numbers.count < 6 {
                let byte = bytes[position]
                if byte >= 0x30 && byte <= 0x39 {
                    var value = 0
                    let start = position
                    while position < n, bytes[position] >= 0x30, bytes[position] <= 0x39, position - start < 9 {
                        value = value * 10 + Int(bytes[position] - 0x30)
                        position += 1
                    }
                    numbers.append(value)
                    widths.append(position - start)
                    // Fractions of seconds.
                    if numbers.count == 6, position < n, bytes[position] == UInt8(ascii: ".") || bytes[position] == UInt8(ascii: ",") {
                        position += 1
                        var scale = 0.1
                        while position < n, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                            fraction += Double(bytes[position] - 0x30) * scale
                            scale /= 10
                            position += 1
                        }
                    }
                } else if numbers.isEmpty {
                    if byte != 0x20 { return false }
                    position += 1
                } else if numbers.count == 5 && byte != UInt8(ascii: ":") {
                    // Hours and minutes without seconds: the rest is the zone.
                    break
                } else {
                    separators.append(byte)
                    position += 1
                }
            }
            rest = String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<n]), as: UTF8.self)
            return true
        }
        guard parsed, numbers.count >= 5 else { return nil }
        var year: Int, month: Int, day: Int
        if widths[0] == 4 {
            (year, month, day) = (numbers[0], numbers[1], numbers[2])
        } else {
            let dotted = separators.first == UInt8(ascii: ".")
            var dayFirst: Bool
            switch order {
            case .monthFirst: dayFirst = false
            case .dayFirst: dayFirst = true
            case .unknown: dayFirst = dotted
            }
            if numbers[0] > 12 { dayFirst = true } else if numbers[1] > 12 { dayFirst = false } else if order == .unknown && !dotted && numbers[0] != numbers[1] { return nil }
            (day, month) = dayFirst ? (numbers[0], numbers[1]) : (numbers[1], numbers[0])
            year = numbers[2] < 100 && widths[2] <= 2 ? 2000 + numbers[2] : numbers[2]
        }
        var hour = numbers[3]
        let minute = numbers[4]
        let second = numbers.count > 5 ? numbers[5] : 0
        guard (1...12).contains(month), (1...31).contains(day), minute < 60, second <= 60 else { return nil }

        var zoneText = rest.trimmingCharacters(in: .whitespaces)
        let upper = zoneText.uppercased()
        if upper.hasPrefix("AM") || upper.hasPrefix("PM") {
            guard (1...12).contains(hour) else { return nil }
            if upper.hasPrefix("PM") && hour != 12 { hour += 12 }
            if upper.hasPrefix("AM") && hour == 12 { hour = 0 }
            zoneText = String(zoneText.dropFirst(2)).trimmingCharacters(in: .whitespaces)
        }
        guard hour < 24 else { return nil }
        let local = Self.daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
        let offset: Int
        if zoneText.isEmpty {
            offset = localOffset(at: local)
        } else if let given = Self.offset(of: zoneText) {
            offset = given
        } else {
            return nil
        }
        return Date(timeIntervalSince1970: Double(local - offset) + fraction)
    }

    /// Seconds east of UTC for a zone written after a time: Z, +01:00, +0100, GMT+2, UTC-05:30, CET ...
    static func offset(of zone: String) -> Int? {
        let upper = zone.uppercased()
        let named: [String: Int] = ["Z": 0, "UTC": 0, "GMT": 0, "WET": 0, "WEST": 3600, "BST": 3600, "CET": 3600,
                                    "CEST": 7200, "MET": 3600, "MEST": 7200, "EET": 7200, "EEST": 10800, "MSK": 10800,
                                    "EST": -18000, "EDT": -14400, "CST": -21600, "CDT": -18000, "MST": -25200,
                                    "MDT": -21600, "PST": -28800, "PDT": -25200]
        if let seconds = named[upper] { return seconds }
        var body = Substring(upper)
        for prefix in ["GMT", "UTC"] where body.hasPrefix(prefix) { body = body.dropFirst(prefix.count) }
        guard let sign = body.first, sign == "+" || sign == "-" else { return nil }
        let digits = body.dropFirst().filter { $0 != ":" }
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy(\.isASCII), let value = Int(digits) else { return nil }
        let (hours, minutes) = digits.count <= 2 ? (value, 0) : (value / 100, value % 100)
        guard hours <= 14, minutes < 60 else { return nil }
        return (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }

    /// This machine's offset at a local time, cached by hour since rows come in time order.
    private mutating func localOffset(at localSeconds: Int) -> Int {
        let hourKey = localSeconds / 3600
        if let cached = zoneCache[hourKey] { return cached }
        let guess = Date(timeIntervalSince1970: Double(localSeconds))
        let first = zone.secondsFromGMT(for: guess)
        let offset = zone.secondsFromGMT(for: guess.addingTimeInterval(Double(-first)))
        if zoneCache.count > 10_000 { zoneCache.removeAll() }
        zoneCache[hourKey] = offset
        return offset
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
