import Foundation
import XCTest
@testable import CSVReader

/// Randomised checks, bounded in time. The seed is printed; set CSVREADER_SEED to replay a run.
final class PropertyTests: XCTestCase {
    static let seed: UInt64 = {
        if let text = ProcessInfo.processInfo.environment["CSVREADER_SEED"], let s = UInt64(text) { return s }
        return UInt64(Date().timeIntervalSince1970 * 1000)
    }()

    func generator(_ salt: UInt64) -> SeededGenerator {
        print("PropertyTests seed: \(PropertyTests.seed) (CSVREADER_SEED=\(PropertyTests.seed) to replay)")
        return SeededGenerator(seed: PropertyTests.seed ^ salt)
    }

    // MARK: - Random bytes never crash

    static let interestingBytes: [UInt8] = [
        UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: ";"), 9, UInt8(ascii: "|"), 10, 13, 0,
        UInt8(ascii: "a"), UInt8(ascii: " "), UInt8(ascii: "?"), 0xC3, 0xA4, 0xE2, 0x82, 0xAC, 0xF0, 0x9F,
        0x80, 0x81, 0xFF, 0xFE, 0xEF, 0xBB, 0xBF, 0xD8, 0xDC,
    ]

    func randomBytes(_ rng: inout SeededGenerator) -> [UInt8] {
        let length = Int.random(in: 0...200, using: &rng)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        let style = Int.random(in: 0..<4, using: &rng)
        for _ in 0..<length {
            switch style {
            case 0: bytes.append(UInt8.random(in: 0...255, using: &rng))
            case 1: bytes.append(PropertyTests.interestingBytes.randomElement(using: &rng)!)
            default:
                bytes.append(Bool.random(using: &rng)
                    ? PropertyTests.interestingBytes.randomElement(using: &rng)!
                    : UInt8.random(in: 0x20...0x7E, using: &rng))
            }
        }
        if Int.random(in: 0..<6, using: &rng) == 0 {
            let boms: [[UInt8]] = [[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF]]
            bytes = boms.randomElement(using: &rng)! + bytes
        }
        return bytes
    }

    func testRandomBytesNeverCrashTheReader() throws {
        var rng = generator(1)
        let deadline = Date().addingTimeInterval(1.5)
        var runs = 0
        let encodings: [TextEncoding?] = [nil] + TextEncoding.allCases
        while Date() < deadline {
            let bytes = randomBytes(&rng)
            let encoding = encodings.randomElement(using: &rng)!
            let chunk = Bool.random(using: &rng) ? Int.random(in: 4...32, using: &rng) : 1 << 20
            for strict in [true, false] {
                let options = CSVOptions(encoding: encoding, strict: strict,
                                         header: [HeaderPolicy.detect, .none, .firstRow].randomElement(using: &rng)!,
                                         chunkSize: chunk)
                do {
                    let reader = try CSVReader(bytes: bytes, options: options)
                    var previousLine = 0
                    while let r = try reader.next() {
                        XCTAssertGreaterThan(r.line, previousLine, "seed \(PropertyTests.seed), input \(bytes)")
                        previousLine = r.line
                    }
                    if strict { XCTAssertEqual(reader.problemCount, 0) }
                    for p in reader.problems {
                        XCTAssertGreaterThanOrEqual(p.line, 1, "\(p)")
                        XCTAssertGreaterThanOrEqual(p.column, 1, "\(p)")
                    }
                } catch let error as CSVError {
                    if !strict {
                        // Lenient reading only refuses when it cannot know the encoding.
                        XCTAssertTrue([.undecidableEncoding, .encodingConflict, .notText].contains(error.kind),
                                      "lenient threw \(error) for \(bytes), seed \(PropertyTests.seed)")
                    }
                    XCTAssertFalse(error.description.isEmpty)
                } catch {
                    XCTFail("unexpected error type \(error), seed \(PropertyTests.seed)")
                }
            }
            runs += 1
        }
        XCTAssertGreaterThan(runs, 100)
        print("random bytes: \(runs) inputs")
    }

    // MARK: - Write then read gives back the table

    static let pieces = ["", "a", "Åsa", "ö", "🚀", "\"", "\"\"", ",", ";", "\t", "|", "\r", "\n", "\r\n", " ", "x y",
                         "é", "1,5", "'", "=1+2", "\u{2028}", "ʤ", "日本"]

    func randomField(_ rng: inout SeededGenerator) -> String {
        let n = Int.random(in: 0...4, using: &rng)
        return (0..<n).map { _ in PropertyTests.pieces.randomElement(using: &rng)! }.joined()
    }

    func testWrittenTablesReadBackEqual() throws {
        var rng = generator(2)
        let deadline = Date().addingTimeInterval(1.5)
        var runs = 0
        while Date() < deadline {
            let width = Int.random(in: 1...5, using: &rng)
            let height = Int.random(in: 1...8, using: &rng)
            let table = (0..<height).map { _ in (0..<width).map { _ in randomField(&rng) } }
            for delimiter in CSVDialect.candidateDelimiters {
                let writer = CSVWriter(delimiter: delimiter, lineEnding: Bool.random(using: &rng) ? .crlf : .lf,
                                       includeBOM: Bool.random(using: &rng), quoteAll: Int.random(in: 0..<5, using: &rng) == 0)
                let bytes = writer.bytes(table)
                let chunk = Bool.random(using: &rng) ? Int.random(in: 4...24, using: &rng) : 1 << 20
                let options = CSVOptions(delimiter: delimiter, header: .none, chunkSize: chunk)
                let back = try CSVReader(bytes: bytes, options: options).readAll().map(\.fields)
                XCTAssertEqual(back, table, "delimiter \(CSVDialect.name(of: delimiter)), seed \(PropertyTests.seed), bytes \(bytes)")

                // The same text as UTF-16 goes through the transcoder's carries.
                let text = String(decoding: bytes.drop { $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }, as: UTF8.self)
                let utf16: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
                let back16 = try CSVReader(bytes: utf16, options: options).readAll().map(\.fields)
                XCTAssertEqual(back16, table, "UTF-16BE, delimiter \(CSVDialect.name(of: delimiter)), seed \(PropertyTests.seed)")
                if back != table || back16 != table { return }
            }
            runs += 1
        }
        XCTAssertGreaterThan(runs, 50)
        print("round trips: \(runs) tables × \(CSVDialect.candidateDelimiters.count) delimiters")
    }

    /// Tables with two or more columns of plain words: the sniffer must find the delimiter used.
    func testSniffedDelimiterMatchesTheWrittenOne() throws {
        var rng = generator(3)
        var ambiguous = 0
        let words = ["alpha", "beta", "gamma delta", "1", "2.5", "Umeå", "x,y", "p;q", "t\tu", "a|b", ""]
        for _ in 0..<200 {
            let width = Int.random(in: 2...6, using: &rng)
            let table = (0..<Int.random(in: 2...10, using: &rng)).map { _ in
                (0..<width).map { _ in words.randomElement(using: &rng)! }
            }
            for delimiter in CSVDialect.candidateDelimiters {
                let bytes = CSVWriter(delimiter: delimiter).bytes(table)
                let sniff = try CSVSniffer.sniff(bytes: bytes)
                if sniff.dialect.delimiter == delimiter {
                    XCTAssertEqual(sniff.columnCount, width)
                    continue
                }
                // Another delimiter may win only where the data really is ambiguous: it must split
                // every row into the same number of fields, no fewer than the true one.
                let rows = try readRows(bytes: bytes, CSVOptions(delimiter: sniff.dialect.delimiter, strict: false, header: .none))
                let counts = Set(rows.map(\.count))
                XCTAssertEqual(counts.count, 1, "seed \(PropertyTests.seed): \(CSVDialect.name(of: delimiter)) taken for \(CSVDialect.name(of: sniff.dialect.delimiter)) in \(table)")
                XCTAssertGreaterThanOrEqual(counts.first ?? 0, width)
                ambiguous += 1
            }
        }
        XCTAssertLessThan(ambiguous, 40, "the sniffer should mostly find the written delimiter")
    }
}
