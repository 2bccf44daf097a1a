import Foundation
import XCTest
@testable import CSVReader

/// csvkit's example files, with the rows csvkit's own tests expect.
final class CsvkitTests: XCTestCase {
    let abc = [["a", "b", "c"], ["1", "2", "3"], ["4", "5", "ʤ"]]

    func testLatin1DecodesCopyrightSign() throws {
        let reader = try CSVReader(url: Corpora.url("csvkit-examples/test_latin1.csv"), options: CSVOptions(header: .none))
        XCTAssertEqual(try reader.readAll().map(\.fields), [["a", "b", "c"], ["1", "2", "3"], ["4", "5", "©"]])
        XCTAssertEqual(reader.encoding, .windows1252)
        XCTAssertTrue(reader.sniff.encodingWasDetected)
    }

    func testUTF16WithByteOrderMarks() throws {
        for (name, encoding) in [("test_utf16_little.csv", TextEncoding.utf16LE), ("test_utf16_big.csv", .utf16BE)] {
            let reader = try CSVReader(url: Corpora.url("csvkit-examples/\(name)"), options: CSVOptions(header: .none))
            XCTAssertEqual(try reader.readAll().map(\.fields), abc, name)
            XCTAssertEqual(reader.encoding, encoding, name)
            XCTAssertTrue(reader.sniff.hadBOM, name)
        }
    }

    func testUTF16ExplicitRequestStillFollowsTheBOMsByteOrder() throws {
        let options = CSVOptions(encoding: TextEncoding(userName: "utf-16"), header: .none)
        XCTAssertEqual(try readRows(Corpora.url("csvkit-examples/test_utf16_big.csv"), options), abc)
    }

    func testUTF8WithAndWithoutBOM() throws {
        let expected = [["foo", "bar", "baz"], ["1", "2", "3"], ["4", "5", "ʤ"]]
        let bom = try CSVReader(url: Corpora.url("csvkit-examples/test_utf8_bom.csv"), options: CSVOptions(header: .none))
        XCTAssertEqual(try bom.readAll().map(\.fields), expected)
        XCTAssertTrue(bom.sniff.hadBOM)
        XCTAssertEqual(bom.encoding, .utf8)
        let plain = try CSVReader(url: Corpora.url("csvkit-examples/test_utf8.csv"), options: CSVOptions(header: .none))
        XCTAssertEqual(try plain.readAll().map(\.fields), expected)
        XCTAssertFalse(plain.sniff.hadBOM)
    }

    func testMacNewlinesKeepTheCarriageReturnInsideQuotes() throws {
        let reader = try CSVReader(url: Corpora.url("csvkit-examples/mac_newlines.csv"), options: CSVOptions(header: .none))
        let records = try reader.readAll()
        // csvkit translates the embedded CR to LF; the reader keeps the bytes as they are.
        XCTAssertEqual(records.map(\.fields), [["a", "b", "c"], ["1", "2", "3"], ["Once upon\ra time", "5", "6"]])
        XCTAssertEqual(records.map(\.line), [1, 2, 3])
        XCTAssertEqual(reader.sniff.lineEndings, LineEndingCounts(lf: 0, crlf: 0, cr: 3))
    }

    func testRaggedRowsAreErrorsWithLineAndColumn() throws {
        let error = expectCSVError { _ = try readRows(Corpora.url("csvkit-examples/bad.csv"), CSVOptions(header: .firstRow)) }
        XCTAssertEqual(error?.kind, .raggedRow)
        // "1,27,,"I'm too long!"": the fourth field starts after three delimiters.
        XCTAssertEqual(error?.problem.line, 2)
        XCTAssertEqual(error?.problem.column, 7)
        XCTAssertTrue(error?.description.contains("4 fields") ?? false, error?.description ?? "")
    }

    func testRaggedRowsLenientlyCollectEveryProblem() throws {
        let reader = try CSVReader(url: Corpora.url("csvkit-examples/bad.csv"), options: CSVOptions(strict: false, header: .firstRow))
        let records = try reader.readAll()
        XCTAssertEqual(reader.header, ["column_a", "column_b", "column_c"])
        XCTAssertEqual(records.map(\.fields), [
            ["1", "27", "", "I'm too long!"],
            ["", "I'm too short!"],
            ["0", "mixed types.... uh oh", "17"],
        ])
        XCTAssertEqual(reader.problems.map(\.kind), [.raggedRow, .raggedRow])
        XCTAssertEqual(reader.problems.map(\.line), [2, 3])
        // The short row ends after `,"I'm too short!"`: 17 characters.
        XCTAssertEqual(reader.problems.map(\.column), [7, 18])
    }

    func testEmptyColumnsShortAndLongRows() throws {
        let long = expectCSVError { _ = try readRows(Corpora.url("csvkit-examples/test_empty_columns_long_row.csv"), CSVOptions(header: .firstRow)) }
        XCTAssertEqual(long?.problem.line, 2)
        XCTAssertEqual(long?.problem.column, 4)
        let short = expectCSVError { _ = try readRows(Corpora.url("csvkit-examples/test_empty_columns_short_row.csv"), CSVOptions(header: .firstRow)) }
        XCTAssertEqual(short?.problem.line, 2)
        XCTAssertEqual(short?.problem.column, 2)
        XCTAssertEqual(try readRows(Corpora.url("csvkit-examples/test_empty_columns_long_row.csv"), CSVOptions(strict: false, header: .none)),
                       [["a", "b", "c"], ["", "", "", ""]])
    }

    func testNulByteIsReportedWithItsPlace() throws {
        let error = expectCSVError { _ = try readRows(Corpora.url("csvkit-examples/null_byte.csv")) }
        XCTAssertEqual(error?.kind, .nulByte)
        XCTAssertEqual(error?.problem.line, 2)
        XCTAssertEqual(error?.problem.column, 1)
        let reader = try CSVReader(url: Corpora.url("csvkit-examples/null_byte.csv"), options: CSVOptions(strict: false, header: .none))
        XCTAssertEqual(try reader.readAll().map(\.fields), [["a", "b", "c"], ["\u{0}", "2", "3"]])
        XCTAssertEqual(reader.problems.first?.kind, .nulByte)
    }

    func testDelimiterSniffing() throws {
        XCTAssertEqual(try CSVSniffer.sniff(url: Corpora.url("csvkit-examples/sniff_limit.csv")).dialect.delimiter, UInt8(ascii: ";"))
        XCTAssertEqual(try CSVSniffer.sniff(url: Corpora.url("csvkit-examples/dummy.tsv")).dialect.delimiter, 9)
        XCTAssertEqual(try readRows(Corpora.url("csvkit-examples/dummy.tsv")), [["a", "b", "c"], ["1", "2", "3"]])
    }

    func testHeaderWithControlCharactersInsideQuotes() throws {
        let reader = try CSVReader(url: Corpora.url("csvkit-examples/test_header_newline.csv"), options: CSVOptions(header: .firstRow))
        XCTAssertEqual(reader.header, ["\t\n\u{0B}\u{0C}\r start \t\n\u{0B}\u{0C}\r end \t\n\u{0B}\u{0C}\r", "b", "c"])
        let records = try reader.readAll()
        XCTAssertEqual(records.map(\.fields), [["d", "e", "f"]])
        // The header spans lines 1-7 (LF, CR and CR LF... each end one physical line).
        XCTAssertEqual(records.first?.line, 8)
    }

    func testLocaleNumbersStayText() throws {
        XCTAssertEqual(try readRows(Corpora.url("csvkit-examples/test_locale.csv")),
                       [["a", "b", "c"], ["1,7", "200.000.000", ""]])
    }

    func testBlanksAreNotInterpreted() throws {
        XCTAssertEqual(try readRows(Corpora.url("csvkit-examples/blanks.csv")),
                       [["a", "b", "c", "d", "e", "f"], ["", "NA", "N/A", "NONE", "NULL", "."]])
    }
}
