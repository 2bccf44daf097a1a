import Foundation

/// The survey's time zone (`time_zone`, an IANA name): times that other tools write without a
/// zone (Microsoft Forms, LimeSurvey, Google Forms without a GMT offset) are read in it, and the
/// workbook and JSON show times in it, with its name.
public enum SurveyTimeZone {
    public static let standardName = "Europe/Stockholm"

    /// Europe/Stockholm: Samla's workshops are in Sweden.
    public static let standard: TimeZone = TimeZone(identifier: standardName) ?? TimeZone(secondsFromGMT: 3600) ?? .current

    /// The zone named, if the system's time zone database knows it. Only names of the form
    /// `Area/Place` (and `UTC`) count: abbreviations like `CET` move with no clock.
    public static func named(_ name: String) -> TimeZone? {
        guard name == "UTC" || name.contains("/"), TimeZone.knownTimeZoneIdentifiers.contains(name) || name == "UTC" else { return nil }
        return TimeZone(identifier: name)
    }

    /// `2026-07-27 19:06:23`, the local time in `zone`, as written in an ISO date with its offset
    /// (`2026-07-27T19:06:23+02:00`).
    public static func localISO(_ date: Date, in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let seconds = Int((date.timeIntervalSince1970 + Double(offset)).rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (year, civilMonth, civilDay) = StoreTimestampText.civil(fromDays: Int64(days))
        let (month, day) = (Int(civilMonth), Int(civilDay))
        let within = seconds - days * 86_400
        let sign = offset < 0 ? "-" : "+"
        let absolute = abs(offset)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(within / 3600)):\(two(within % 3600 / 60)):\(two(within % 60))"
            + "\(sign)\(two(absolute / 3600)):\(two(absolute % 3600 / 60))"
    }
}
