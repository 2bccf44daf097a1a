import Foundation
import XCTest
@testable import SamlaKit

/// The hand-written store timestamps must be exactly what Foundation's ISO 8601 style writes,
/// since stored texts are compared and sorted as text.
final class StoreTimestampTextTests: XCTestCase {
    private let foundation = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    func testMatchesFoundationAcrossCenturiesAndFractions() {
        var generator = SystemRandomNumberGenerator()
        var dates: [Date] = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -0.001), Date(timeIntervalSince1970: -1),
            Date(timeIntervalSince1970: 951_782_400), // 2000-02-29
            Date(timeIntervalSince1970: 4_107_542_399.999), // 2100-02-28T23:59:59.999
            Date(timeIntervalSince1970: 1_700_000_000.9999), Date(timeIntervalSince1970: 1_700_000_000.0005),
            Date(timeIntervalSince1970: -2_208_988_800), // 1900-01-01
        ]
        for _ in 0..<20_000 {
            dates.append(Date(timeIntervalSince1970: Double.random(in: -5_000_000_000 ... 8_000_000_000, using: &generator)))
        }
        for _ in 0..<5_000 {
            let whole = Double(Int.random(in: 0 ... 2_000_000_000, using: &generator))
            dates.append(Date(timeIntervalSince1970: whole + Double(Int.random(in: 0..<1000, using: &generator)) / 1000))
        }
        for date in dates {
            XCTAssertEqual(StoreDates.format(date), foundation.format(date), "\(date.timeIntervalSince1970)")
        }
    }

    func testRoundTripsThroughParse() {
        let date = Date(timeIntervalSince1970: 1_764_219_562.25)
        XCTAssertEqual(StoreDates.parse(StoreDates.format(date)), date)
        XCTAssertEqual(StoreDates.format(date), "2025-11-27T04:59:22.250Z")
    }

    func testUUIDTextIsFoundations() {
        for _ in 0..<5_000 {
            let uuid = UUID()
            XCTAssertEqual(UUIDText.format(uuid), uuid.uuidString)
            XCTAssertEqual(UUIDText.parse(uuid.uuidString), uuid)
            XCTAssertEqual(UUIDText.parse(uuid.uuidString.lowercased()), uuid)
        }
        for text in ["", "01A21C31-5F58-7077-B4AD-3DE2C3965CB", "01A21C31-5F58-7077-B4AD-3DE2C3965CBG",
                     "01A21C315F58-7077-B4AD-3DE2C3965CB3-", "01A21C31_5F58-7077-B4AD-3DE2C3965CB3"] {
            XCTAssertNil(UUIDText.parse(text), text)
            XCTAssertNil(UUID(uuidString: text), text)
        }
    }
}
