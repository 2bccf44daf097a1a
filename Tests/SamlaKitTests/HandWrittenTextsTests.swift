import Foundation
import XCTest
@testable import SamlaKit

/// The texts the export and the store read-back make by hand instead of through Foundation must be
/// Foundation's, value for value: dates parsed from the store, times written to JSON, days, trims.
final class HandWrittenTextsTests: XCTestCase {
    private var generator = SystemRandomNumberGenerator()

    /// Random instants with milliseconds, from 1900 to 2100, and some on exact seconds.
    private func instants(_ count: Int) -> [Date] {
        (0..<count).map { index in
            let milliseconds = Int64.random(in: -2_208_988_800_000...4_102_444_800_000, using: &generator)
            let value = index % 5 == 0 ? Double(milliseconds / 1000) : Double(milliseconds) / 1000
            return Date(timeIntervalSince1970: value)
        }
    }

    func testStoredTimestampsParseToFoundationsDate() throws {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        var texts = instants(50_000).map(StoreDates.format)
        texts += ["2024-02-29T23:59:59.999Z", "2000-01-01T00:00:00.000Z", "1970-01-01T00:00:00.001Z", "1969-12-31T23:59:59.999Z",
                  "0001-01-01T00:00:00.000Z", "1582-10-15T00:00:00.000Z", "1583-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z",
                  "2025-03-12T08:00:00.500Z", "2000-12-27T23:12:04.008Z"]
        for text in texts {
            let foundation = try style.parse(text)
            var bytes = Array(text.utf8)
            let fast = bytes.withUnsafeMutableBufferPointer { StoreTimestampText.date(utf8: UnsafeBufferPointer($0)) }
            if let fast {
                XCTAssertEqual(fast.timeIntervalSinceReferenceDate.bitPattern, foundation.timeIntervalSinceReferenceDate.bitPattern, text)
            } else {
                XCTAssertLessThan(text, "1583", "only dates before the Gregorian calendar are left to Foundation")
            }
            XCTAssertEqual(StoreDates.parse(text), foundation, text)
        }
    }

    func testAnythingButTheStoredFormIsLeftToFoundation() {
        for text in ["2025-03-12T08:00:00Z", "2025-02-30T08:00:00.000Z", "2025-13-01T08:00:00.000Z", "2025-03-12T24:00:00.000Z",
                     "2025-03-12 08:00:00.000Z", "2025-03-12T08:00:00.000+01:00", "２025-03-12T08:00:00.000Z", "", "0000-01-01T00:00:00.000Z"] {
            var bytes = Array(text.utf8)
            XCTAssertNil(bytes.withUnsafeMutableBufferPointer { StoreTimestampText.date(utf8: UnsafeBufferPointer($0)) }, text)
        }
        // Leniencies stay Foundation's: a time without milliseconds still parses.
        XCTAssertEqual(StoreDates.parse("2025-03-12T08:00:00Z"), Date(timeIntervalSince1970: 1_741_766_400))
    }

    func testJSONTimesAreFoundationsAndTheZonesOwn() throws {
        let zones = ["Europe/Stockholm", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe", "America/Sao_Paulo", "UTC"]
        let random = instants(20_000)
        for name in zones {
            let zone = try XCTUnwrap(TimeZone(identifier: name))
            var texts = TimestampTexts(timeZone: zone)
            // In time order (the cached offset in use) and at random (looked up again and again).
            for date in random.sorted() + random {
                XCTAssertEqual(String(decoding: texts.utc(date), as: UTF8.self), "\"\(CSVExport.isoDate(date))\"", "\(date)")
                XCTAssertEqual(String(decoding: texts.local(date), as: UTF8.self), "\"\(SurveyTimeZone.localISO(date, in: zone))\"",
                               "\(date) in \(name)")
            }
        }
    }

    func testDaysAreTheGregorianCalendarsInUTC() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try XCTUnwrap(TimeZone(identifier: "UTC"))
        for date in instants(20_000) {
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let expected = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
            XCTAssertEqual(DayText.format(date), expected, "\(date)")
        }
    }

    func testTrimmingIsFoundations() {
        let pieces = [" ", "\t", "\n", "\r\n", "\u{00A0}", "\u{2003}", "\u{3000}", "\u{2028}", "a", "Å", "é", "e\u{0301}", "1", "@", ".", "\u{1F}"]
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(WhitespaceTrim.trimmed(text), text.trimmingCharacters(in: .whitespacesAndNewlines), text.debugDescription)
        }
    }
}
