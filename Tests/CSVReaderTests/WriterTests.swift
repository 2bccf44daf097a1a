import Foundation
import XCTest
@testable import CSVReader

final class WriterTests: XCTestCase {
    func testQuotesOnlyWhatNeedsQuoting() {
        let w = CSVWriter()
        XCTAssertEqual(w.string([["a", "b c", "d,e", "say \"hi\"", "x\ny", "r\rs", ""]]),
                       "a,b c,\"d,e\",\"say \"\"hi\"\"\",\"x\ny\",\"r\rs\",\r\n")
    }

    func testLoneEmptyFieldIsQuotedSoTheLineIsNotBlank() {
        XCTAssertEqual(CSVWriter(lineEnding: .lf).string([["a"], [""], ["b"]]), "a\n\"\"\nb\n")
    }

    func testDelimiterLineEndingBOMAndQuoteAll() {
        let w = CSVWriter(delimiter: UInt8(ascii: ";"), lineEnding: .lf, includeBOM: true)
        XCTAssertEqual(w.bytes([["a;b", "c,d"]]), [0xEF, 0xBB, 0xBF] + Array("\"a;b\";c,d\n".utf8))
        XCTAssertEqual(CSVWriter(lineEnding: .lf, quoteAll: true).string([["1", ""]]), "\"1\",\"\"\n")
    }

    func testFileWriterRoundTripsThroughTheReader() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csvwriter-\(ProcessInfo.processInfo.processIdentifier).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try CSVFileWriter(url: url, format: CSVWriter(delimiter: 9, includeBOM: true))
        let rows = [["namn", "kommentar"], ["Åsa", "Bra,\n\"mycket\" bra"], ["Örjan", ""]]
        for r in rows { try writer.write(r) }
        try writer.close()
        let reader = try CSVReader(url: url, options: CSVOptions(header: .firstRow))
        XCTAssertTrue(reader.sniff.hadBOM)
        XCTAssertEqual(reader.dialect.delimiter, 9)
        XCTAssertEqual(reader.header, rows[0])
        XCTAssertEqual(try reader.readAll().map(\.fields), Array(rows.dropFirst()))
    }
}
