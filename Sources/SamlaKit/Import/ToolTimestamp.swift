import Foundation

/// Reads the timestamps survey tools write, by hand rather than with a formatter per row:
/// `2025-03-12T09:00:00+01:00`, `2025-03-12 09:00:00`, `2025/03/12 9:00:00 AM CET`,
/// `2026/09/08 2:28:27 PM GMT+2`, `3/12/25 09:00:00`, `12.03.2025 09:00`, and dates alone.
///
/// Day-month order is a property of the column, not of a cell: it is taken as the tool fixes it
/// (Microsoft writes month first), or as `DateOrderEvidence` decided it from all the column's
/// values (a part over 12 settles it, the survey's language breaks a tie). Left `.unknown`, only
/// cells that settle it themselves are read. A time with no zone is read in `zone`, the survey's
/// time zone (`time_zone`, default Europe/Stockholm).
struct ToolTimestamp {
    enum DayOrder {
        case monthFirst
        case dayFirst
        case unknown
    }

    var order: DayOrder
    private var zoneCache: [Int: Int] = [:]
    let zone: TimeZone

    init(order: DayOrder, zone: TimeZone = SurveyTimeZone.standard) {
        self.order = order
        self.zone = zone
    }

    init(layout: ExportLayout, zone: TimeZone = SurveyTimeZone.standard) {
        self.init(order: Self.fixedOrder(layout) ?? .unknown, zone: zone)
    }

    /// The order a tool always writes, whatever its user's locale.
    static func fixedOrder(_ layout: ExportLayout) -> DayOrder? {
        layout == .microsoftForms ? .monthFirst : nil
    }

    /// A timestamp as written: its wall-clock time in seconds since 1970 (zone not applied), and
    /// the moment it names.
    struct Reading {
        var wallClock: Int
        var date: Date
    }

    mutating func parse(_ text: String) -> Date? {
        read(text)?.date
    }

    mutating func read(_ text: String) -> Reading? {
        var text = text
        guard let fields = text.withUTF8({ Self.fields($0) }) else { return nil }
        let numbers = fields.numbers
        var year: Int, month: Int, day: Int
        if fields.yearFirst {
            (year, month, day) = (numbers[0], numbers[1], numbers[2])
        } else {
            var dayFirst: Bool
            switch order {
            case .monthFirst: dayFirst = false
            case .dayFirst: dayFirst = true
            case .unknown: dayFirst = fields.dotted
            }
            if numbers[0] > 12 {
                dayFirst = true
            } else if numbers[1] > 12 {
                dayFirst = false
            } else if order == .unknown && !fields.dotted && numbers[0] != numbers[1] {
                return nil
            }
            (day, month) = dayFirst ? (numbers[0], numbers[1]) : (numbers[1], numbers[0])
            year = fields.shortYear ? 2000 + numbers[2] : numbers[2]
        }
        var hour = numbers[3]
        let minute = numbers[4], second = numbers[5]
        guard (1...12).contains(month), (1...31).contains(day), minute < 60, second <= 60 else { return nil }
        if let pm = fields.pm {
            guard (1...12).contains(hour) else { return nil }
            if pm && hour != 12 { hour += 12 }
            if !pm && hour == 12 { hour = 0 }
        }
        guard hour < 24 else { return nil }
        let local = Self.daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
        let offset: Int
        switch fields.zone {
        case .none: offset = localOffset(at: local)
        case .offset(let seconds): offset = seconds
        case .unknown: return nil
        }
        return Reading(wallClock: local, date: Date(timeIntervalSince1970: Double(local - offset) + fields.fraction))
    }

    enum Zone {
        case none
        case offset(Int)
        case unknown
    }

    /// Up to six numbers kept in place: a timestamp is read for every row, and two arrays a
    /// cell were a tenth of its reading.
    struct Numbers {
        private var storage: (Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0)
        private(set) var count = 0

        var isEmpty: Bool { count == 0 }

        subscript(index: Int) -> Int {
            precondition(index >= 0 && index < count, "a timestamp has at most six numbers")
            return withUnsafeBytes(of: storage) { $0.load(fromByteOffset: index * MemoryLayout<Int>.stride, as: Int.self) }
        }

        mutating func append(_ value: Int) {
            precondition(count < 6, "a timestamp has at most six numbers")
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: value, toByteOffset: count * MemoryLayout<Int>.stride, as: Int.self) }
            count += 1
        }
    }

    /// The parts of a written date and time, before the day-month order is applied.
    struct Fields {
        var numbers = Numbers()
        var yearFirst = false
        var shortYear = false
        var dotted = false
        /// A date alone, no time of day.
        var dateOnly = false
        var fraction = 0.0
        var pm: Bool?
        var zone = Zone.none
    }

    /// What a cell holds if it is a date (with or without a time), for deciding a column's type
    /// and order; nil for anything else.
    static func dateFields(_ text: String) -> Fields? {
        var text = text
        guard let fields = text.withUTF8({ Self.fields($0) }) else { return nil }
        let n = fields.numbers
        if fields.yearFirst {
            guard (1...12).contains(n[1]), (1...31).contains(n[2]) else { return nil }
        } else {
            guard (1...31).contains(n[0]), (1...31).contains(n[1]), n[0] <= 12 || n[1] <= 12 else { return nil }
        }
        guard n[3] < 24, n[4] < 60, n[5] <= 60 else { return nil }
        if case .unknown = fields.zone { return nil }
        return fields
    }

    /// Date and time numbers, AM/PM and the zone, read straight from the bytes.
    private static func fields(_ bytes: UnsafeBufferPointer<UInt8>) -> Fields? {
        var fields = Fields()
        let n = bytes.count
        var position = 0
        while position < n, bytes[position] == 0x20 { position += 1 }
        var widths = Numbers()
        var dateSeparator: UInt8 = 0
        while position < n, fields.numbers.count < 6 {
            let byte = bytes[position]
            guard byte >= 0x30 && byte <= 0x39 else {
                // Hours and minutes without seconds: what follows is AM/PM or the zone.
                if fields.numbers.count == 5 && byte != UInt8(ascii: ":") { break }
                if fields.numbers.count == 1 && byte == UInt8(ascii: ".") { fields.dotted = true }
                guard !fields.numbers.isEmpty, byte < 0x80 else { return nil }
                // A date's parts are joined by one mark, the same twice: 12.03.1990, 3/12/1990, 1990-03-12.
                if fields.numbers.count <= 2 {
                    guard byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-") else { return nil }
                    if fields.numbers.count == 1 { dateSeparator = byte } else if byte != dateSeparator { return nil }
                    guard position + 1 < n, bytes[position + 1] >= 0x30, bytes[position + 1] <= 0x39 else { return nil }
                }
                // After the date: a space or ISO's T, then the time with colons (or dots, as some write it).
                if fields.numbers.count == 3 {
                    guard byte == 0x20 || byte == UInt8(ascii: "T") else { return nil }
                    while position + 1 < n, bytes[position + 1] == 0x20 { position += 1 }
                }
                if fields.numbers.count == 4 || fields.numbers.count == 5 {
                    guard byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".") else { return nil }
                }
                position += 1
                continue
            }
            var value = 0
            let start = position
            while position < n, bytes[position] >= 0x30, bytes[position] <= 0x39, position - start < 9 {
                value = value * 10 + Int(bytes[position] - 0x30)
                position += 1
            }
            fields.numbers.append(value)
            widths.append(position - start)
            if fields.numbers.count == 6, position < n, bytes[position] == UInt8(ascii: ".") || bytes[position] == UInt8(ascii: ",") {
                position += 1
                var scale = 0.1
                while position < n, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                    fields.fraction += Double(bytes[position] - 0x30) * scale
                    scale /= 10
                    position += 1
                }
            }
        }
        if fields.numbers.count == 3 {
            // A date alone: nothing may follow it.
            var rest = position
            while rest < n, bytes[rest] == 0x20 { rest += 1 }
            guard rest == n else { return nil }
            fields.dateOnly = true
            for _ in 0..<3 {
                fields.numbers.append(0)
                widths.append(0)
            }
        }
        guard fields.numbers.count >= 5 else { return nil }
        if fields.numbers.count == 5 { fields.numbers.append(0) }
        // A year has four digits, first or last; a two-digit year only last.
        guard widths[0] == 4 || (widths[0] <= 2 && widths[1] <= 2 && (widths[2] == 4 || widths[2] == 2)) else { return nil }
        if widths[0] == 4 { guard widths[1] <= 2, widths[2] <= 2 else { return nil } }
        fields.yearFirst = widths[0] == 4
        fields.shortYear = !fields.yearFirst && widths[2] <= 2
        while position < n, bytes[position] == 0x20 { position += 1 }
        if position + 1 < n, bytes[position + 1] | 0x20 == UInt8(ascii: "m") {
            switch bytes[position] | 0x20 {
            case UInt8(ascii: "a"): fields.pm = false
            case UInt8(ascii: "p"): fields.pm = true
            default: break
            }
            if fields.pm != nil {
                position += 2
                while position < n, bytes[position] == 0x20 { position += 1 }
            }
        }
        var end = n
        while end > position, bytes[end - 1] == 0x20 { end -= 1 }
        if position < end { fields.zone = zone(UnsafeBufferPointer(rebasing: bytes[position..<end])) }
        return fields
    }

    private static let namedZones: [String: Int] = [
        "Z": 0, "UTC": 0, "GMT": 0, "WET": 0, "WEST": 3600, "BST": 3600, "CET": 3600, "CEST": 7200, "MET": 3600,
        "MEST": 7200, "EET": 7200, "EEST": 10800, "MSK": 10800, "EST": -18000, "EDT": -14400, "CST": -21600,
        "CDT": -18000, "MST": -25200, "MDT": -21600, "PST": -28800, "PDT": -25200,
    ]

    /// `namedZones` by `zoneKey`: a row's zone is looked up without making a String of it.
    private static let zonesByKey: [UInt32: Int] = Dictionary(uniqueKeysWithValues: namedZones.map { name, offset in
        (Array(name.utf8).withUnsafeBufferPointer { zoneKey($0)! }, offset)
    })

    /// Up to four ASCII letters, upper-cased, as one number; nil for more (no zone named here has more).
    private static func zoneKey(_ letters: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard letters.count <= 4 else { return nil }
        var key: UInt32 = 0
        for byte in letters { key = key << 8 | UInt32(byte & ~0x20) }
        return key
    }

    private static let gmt = Array("GMT".utf8).withUnsafeBufferPointer { zoneKey($0)! }
    private static let utc = Array("UTC".utf8).withUnsafeBufferPointer { zoneKey($0)! }

    /// Z, +01:00, +0100, GMT+2, UTC-05:30, CET ...
    private static func zone(_ bytes: UnsafeBufferPointer<UInt8>) -> Zone {
        var letters = 0
        while letters < bytes.count, (bytes[letters] | 0x20) >= UInt8(ascii: "a"), (bytes[letters] | 0x20) <= UInt8(ascii: "z") { letters += 1 }
        let key = zoneKey(UnsafeBufferPointer(rebasing: bytes[0..<letters]))
        guard let key, let base = letters == 0 ? 0 : zonesByKey[key] else { return .unknown }
        if letters == bytes.count { return .offset(base) }
        guard letters == 0 || key == Self.gmt || key == Self.utc else { return .unknown }
        let sign = bytes[letters]
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return .unknown }
        var digits: [Int] = []
        for byte in bytes[(letters + 1)...] {
            if byte >= 0x30 && byte <= 0x39 { digits.append(Int(byte - 0x30)) } else if byte != UInt8(ascii: ":") { return .unknown }
        }
        let hours: Int, minutes: Int
        switch digits.count {
        case 1: (hours, minutes) = (digits[0], 0)
        case 2: (hours, minutes) = (digits[0] * 10 + digits[1], 0)
        case 3: (hours, minutes) = (digits[0], digits[1] * 10 + digits[2])
        case 4: (hours, minutes) = (digits[0] * 10 + digits[1], digits[2] * 10 + digits[3])
        default: return .unknown
        }
        guard hours <= 14, minutes < 60 else { return .unknown }
        return .offset((sign == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60))
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
