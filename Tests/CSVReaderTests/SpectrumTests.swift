import Foundation
import XCTest
@testable import CSVReader

/// csv-spectrum: each csvs/X.csv must read to exactly the objects of json/X.json.
final class SpectrumTests: XCTestCase {
    func expected(_ relative: String) throws -> [[String: String]] {
        let data = try Data(contentsOf: Corpora.url(relative))
        let json = try JSONSerialization.jsonObject(with: data)
        return try XCTUnwrap(json as? [[String: String]], "\(relative) is not an array of string objects")
    }

    /// Reads with the first row as header and compares record by record, keyed by the header.
    func assertMatches(csv: String, json: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let reader = try CSVReader(url: Corpora.url(csv), options: CSVOptions(header: .firstRow))
        let header = try XCTUnwrap(reader.header, csv, file: file, line: line)
        let records = try reader.readAll()
        let objects = try expected(json)
        XCTAssertEqual(records.count, objects.count, "\(csv): record count", file: file, line: line)
        for (record, object) in zip(records, objects) {
            XCTAssertEqual(record.fields.count, header.count, "\(csv) line \(record.line): width", file: file, line: line)
            XCTAssertEqual(Set(header), Set(object.keys), "\(csv): header", file: file, line: line)
            let keyed = Dictionary(zip(header, record.fields), uniquingKeysWith: { a, _ in a })
            XCTAssertEqual(keyed, object, "\(csv) line \(record.line)", file: file, line: line)
        }
        XCTAssertEqual(reader.problemCount, 0, csv, file: file, line: line)
    }

    func testEverySpectrumFileExceptTheWrongFixture() throws {
        let dir = Corpora.url("csv-spectrum/csvs")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".csv") }
            .map { String($0.dropLast(4)) }
            // Upstream's location_coordinates fixture disagrees with its own JSON (see README).
            .filter { $0 != "location_coordinates" }
            .sorted()
        XCTAssertEqual(names.count, 11, "expected the 11 good csv-spectrum fixtures, found \(names)")
        for name in names {
            try assertMatches(csv: "csv-spectrum/csvs/\(name).csv", json: "csv-spectrum/json/\(name).json")
        }
    }

    func testCRLFFixturesReallyAreCRLF() throws {
        let reader = try CSVReader(url: Corpora.url("csv-spectrum/csvs/newlines_crlf.csv"), options: CSVOptions(header: .firstRow))
        let records = try reader.readAll()
        XCTAssertEqual(records.map(\.fields), [["1", "2", "3"], ["Once upon \r\na time", "5", "6"], ["7", "8", "9"]])
        XCTAssertEqual(records.map(\.line), [2, 3, 5])
        XCTAssertEqual(reader.sniff.lineEndings.dominant, .crlf)
    }

    func testEmptyCRLFWithoutFinalNewline() throws {
        let rows = try readRows(Corpora.url("csv-spectrum/csvs/empty_crlf.csv"))
        XCTAssertEqual(rows, [["a", "b", "c"], ["1", "", ""], ["2", "3", "4"]])
    }

    func testHistoricLatin1() throws {
        try assertMatches(csv: "csv-spectrum/extras-from-history/latin1.csv", json: "csv-spectrum/extras-from-history/latin1.json")
        let sniff = try CSVSniffer.sniff(url: Corpora.url("csv-spectrum/extras-from-history/latin1.csv"))
        XCTAssertEqual(sniff.encoding, .windows1252)
        XCTAssertTrue(sniff.encodingWasDetected)
    }

    func testHistoricCarriageReturnsOnly() throws {
        try assertMatches(csv: "csv-spectrum/extras-from-history/newlines_cr.csv", json: "csv-spectrum/extras-from-history/newlines_cr.json")
    }

    /// That historic PR turned an unquoted NULL into "". The reader gives bytes, not meanings:
    /// NULL stays NULL, and everything else must match.
    func testHistoricNullKeepsTheToken() throws {
        let reader = try CSVReader(url: Corpora.url("csv-spectrum/extras-from-history/null.csv"), options: CSVOptions(header: .firstRow))
        let records = try reader.readAll().map(\.fields)
        var objects = try expected("csv-spectrum/extras-from-history/null.json")
        XCTAssertEqual(objects[2]["b"], "")
        objects[2]["b"] = "NULL"
        XCTAssertEqual(records, objects.map { [$0["a"]!, $0["b"]!, $0["c"]!] })
        XCTAssertEqual(records[1][1], "NULL", "quoted NULL is text")
    }
}
