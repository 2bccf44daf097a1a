import Foundation
import XCTest
@testable import CSVReader

final class ParserTests: XCTestCase {
    func rows(_ text: String, _ options: CSVOptions = CSVOptions(header: .none)) throws -> [[String]] {
        try readRows(bytes: Array(text.utf8), options)
    }

    func testUnterminatedQuoteOnLineSixNamesLineSix() throws {
        let text = "a,b,c\n1,2,3\n4,5,6\n7,8,9\n10,11,12\n13,\"oops,15\n16,17,18\n"
        let error = expectCSVError { _ = try rows(text) }
        XCTAssertEqual(error?.kind, .unterminatedQuote)
        XCTAssertEqual(error?.problem.line, 6)
        XCTAssertEqual(error?.problem.column, 4)
        XCTAssertTrue(error?.description.contains("close the quote opened at line 6, column 4") ?? false
            || error?.description.contains("Close the quote opened at line 6, column 4") ?? false, error?.description ?? "")
        XCTAssertTrue(error?.description.contains("--encoding") ?? false)
        // It is a LocalizedError whose text is the same.
        XCTAssertEqual((error as Error?)?.localizedDescription, error?.description)

        let reader = try CSVReader(bytes: Array(text.utf8), options: CSVOptions(strict: false, header: .none))
        let records = try reader.readAll()
        XCTAssertEqual(records.last?.fields, ["13", "oops,15\n16,17,18\n"])
        XCTAssertEqual(reader.problems.map(\.kind), [.unterminatedQuote])
    }

    func testStrayQuoteInUnquotedField() throws {
        let error = expectCSVError { _ = try rows("a,b\nx,ab\"c\n") }
        XCTAssertEqual(error?.kind, .strayQuote)
        XCTAssertEqual(error?.problem.line, 2)
        XCTAssertEqual(error?.problem.column, 5)
        let reader = try CSVReader(bytes: Array("a,b\nx,ab\"c\n".utf8), options: CSVOptions(strict: false, header: .none))
        XCTAssertEqual(try reader.readAll().last?.fields, ["x", "ab\"c"])
        XCTAssertEqual(reader.problems.count, 1)
    }

    func testTextAfterClosingQuote() throws {
        let error = expectCSVError { _ = try rows("a,b\n\"x\"y,z\n") }
        XCTAssertEqual(error?.kind, .strayQuote)
        XCTAssertEqual(error?.problem.line, 2)
        XCTAssertEqual(error?.problem.column, 4)
        let reader = try CSVReader(bytes: Array("a,b\n\"x\"\"\"y\"z,w\n".utf8), options: CSVOptions(strict: false, header: .none))
        XCTAssertEqual(try reader.readAll().last?.fields, ["x\"y\"z", "w"])
    }

    func testColumnsCountCharactersNotBytes() throws {
        let error = expectCSVError { _ = try rows("a,b,c\nåäö,x\"y,z\n") }
        XCTAssertEqual(error?.problem.line, 2)
        XCTAssertEqual(error?.problem.column, 6)
        let emoji = expectCSVError { _ = try rows("a,b\n🚀🚀,\"open\n") }
        XCTAssertEqual(emoji?.problem.column, 4)
    }

    func testLineEndingsOfEveryKindAndMixed() throws {
        let reader = try CSVReader(bytes: Array("a,b\r1,2\n3,4\r\n5,6".utf8), options: CSVOptions(header: .firstRow))
        let records = try reader.readAll()
        XCTAssertEqual(records.map(\.fields), [["1", "2"], ["3", "4"], ["5", "6"]])
        XCTAssertEqual(records.map(\.line), [2, 3, 4])
        XCTAssertEqual(records.map(\.index), [0, 1, 2])
        XCTAssertEqual(reader.lineEndings, LineEndingCounts(lf: 1, crlf: 1, cr: 1))
        XCTAssertTrue(reader.sniff.lineEndings.isMixed)
    }

    func testNewlinesInsideQuotesAdvanceThePhysicalLine() throws {
        let reader = try CSVReader(bytes: Array("a,b\n\"x\ny\r\nz\",2\n3,\"\"\"\"\n".utf8), options: CSVOptions(header: .firstRow))
        let records = try reader.readAll()
        XCTAssertEqual(records.map(\.fields), [["x\ny\r\nz", "2"], ["3", "\""]])
        XCTAssertEqual(records.map(\.line), [2, 5])
    }

    func testBlankLinesAreSkippedAndLeadingOnesToo() throws {
        let reader = try CSVReader(bytes: Array("\n\r\n\na,b\n\n1,2\r\n\r\n3,4\n\n".utf8))
        XCTAssertEqual(reader.header, ["a", "b"])
        XCTAssertEqual(reader.headerLine, 4)
        XCTAssertEqual(try reader.readAll().map(\.line), [6, 8])
    }

    func testEmptyQuotedFieldAloneIsARecord() throws {
        XCTAssertEqual(try rows("a\n\"\"\nb\n"), [["a"], [""], ["b"]])
    }

    func testEmptyInput() throws {
        let reader = try CSVReader(bytes: [])
        XCTAssertNil(reader.header)
        XCTAssertNil(try reader.next())
        XCTAssertEqual(try rows("\n\n"), [])
    }

    func testTrailingDelimiterMeansATrailingEmptyField() throws {
        XCTAssertEqual(try rows("a,b,\n1,2,\n"), [["a", "b", ""], ["1", "2", ""]])
        XCTAssertEqual(try rows("a,b\n1,"), [["a", "b"], ["1", ""]])
    }

    func testRaggedAgainstFirstRecordWithoutHeader() throws {
        let error = expectCSVError { _ = try rows("1,2\n3\n") }
        XCTAssertEqual(error?.kind, .raggedRow)
        XCTAssertTrue(error?.description.contains("first record") ?? false)
    }

    func testExplicitDelimiterAndQuote() throws {
        let options = CSVOptions(delimiter: UInt8(ascii: ";"), quote: UInt8(ascii: "'"), header: .none)
        XCTAssertEqual(try rows("a;'b;c';d\n1;'it''s';3\n", options), [["a", "b;c", "d"], ["1", "it's", "3"]])
        let bad = expectCSVError { _ = try CSVReader(bytes: [], options: CSVOptions(delimiter: UInt8(ascii: "\""))) }
        XCTAssertEqual(bad?.kind, .invalidOption)
    }

    func testChunkBoundariesNeverChangeTheResult() throws {
        let text = "h1,h2,h3\r\n\"a\"\"b\",\"multi\r\nline\",x\r\nåäö,\"\",🚀\r\n\r\n,,\"end\"\r"
        let expected = try rows(text)
        XCTAssertEqual(expected, [["h1", "h2", "h3"], ["a\"b", "multi\r\nline", "x"], ["åäö", "", "🚀"], ["", "", "end"]])
        for chunk in 4...40 {
            XCTAssertEqual(try rows(text, CSVOptions(header: .none, chunkSize: chunk)), expected, "chunk \(chunk)")
        }
    }

    func testEveryCorpusFileReadsTheSameInTinyChunks() throws {
        let root = Corpora.root
        let extensions = [".csv", ".tsv", ".ssv", ".psv", ".CSV"]
        let files = FileManager.default.enumerator(atPath: root.path)!.compactMap { $0 as? String }
            .filter { file in extensions.contains { file.hasSuffix($0) } }
        XCTAssertGreaterThan(files.count, 100)
        var compared = 0
        for file in files {
            let url = root.appendingPathComponent(file)
            let big = CSVOptions(strict: false, header: .none)
            let small = CSVOptions(strict: false, header: .none, chunkSize: 7)
            guard let a = try? CSVReader(url: url, options: big) else { continue }
            let b = try CSVReader(url: url, options: small)
            XCTAssertEqual(try a.readAll(), try b.readAll(), file)
            XCTAssertEqual(a.problems, b.problems, file)
            compared += 1
        }
        XCTAssertGreaterThan(compared, 100)
    }

    func testMemoryStaysBoundedOnALargeFile() throws {
        var text = "id,name,comment\n"
        for i in 0..<100_000 { text += "\(i),Person \(i),\"Comment with, comma and \"\"quotes\"\" number \(i)\"\n" }
        let url = try temporaryFile("large.csv", Array(text.utf8))
        let reader = try CSVReader(url: url, options: CSVOptions(chunkSize: 64 << 10))
        var count = 0
        var maxCapacity = 0
        while let r = try reader.next() {
            count += 1
            XCTAssertEqual(r.fields.count, 3)
            maxCapacity = max(maxCapacity, reader.bufferCapacity)
        }
        XCTAssertEqual(count, 100_000)
        XCTAssertGreaterThan(text.utf8.count, 4 << 20)
        XCTAssertLessThanOrEqual(maxCapacity, 256 << 10, "the buffer grew with the file")
        XCTAssertEqual(reader.progress.fraction, 1)
        XCTAssertTrue(reader.progress.isFinished)
        XCTAssertEqual(reader.progress.totalBytes, Int64(text.utf8.count))
    }

    func testProgressAdvancesWhileReading() throws {
        let text = String(repeating: "a,b,c\n", count: 5000)
        let reader = try CSVReader(bytes: Array(text.utf8), options: CSVOptions(header: .none, chunkSize: 1024))
        var fractions: [Double] = []
        while try reader.next() != nil { fractions.append(reader.progress.fraction ?? -1) }
        XCTAssertLessThan(fractions.first!, 0.5)
        XCTAssertEqual(fractions.last!, 1, accuracy: 1e-9)
        XCTAssertEqual(fractions, fractions.sorted())
    }

    func testLenientProblemsAreCapped() throws {
        let text = "a,b\n" + String(repeating: "1\n", count: 50)
        let reader = try CSVReader(bytes: Array(text.utf8), options: CSVOptions(strict: false, header: .firstRow, maxProblems: 10))
        XCTAssertEqual(try reader.readAll().count, 50)
        XCTAssertEqual(reader.problems.count, 10)
        XCTAssertEqual(reader.problemCount, 50)
    }

    func testProblemDescriptionAndErrorTexts() {
        let p = CSVProblem(kind: .raggedRow, line: 3, column: 7, message: "Too many.", hint: "Fix it.")
        XCTAssertEqual(p.description, "line 3, column 7: Too many. Fix it.")
        let e = CSVError(p)
        XCTAssertEqual(e.errorDescription, p.description)
        XCTAssertEqual(e.recoverySuggestion, "Fix it.")
        XCTAssertEqual(CSVProblem(kind: .unreadable, line: 0, column: 0, message: "Gone.", hint: "").description, "Gone.")
    }

    func testMissingFileIsUnreadable() {
        let error = expectCSVError { _ = try CSVReader(url: URL(fileURLWithPath: "/nonexistent/file.csv")) }
        XCTAssertEqual(error?.kind, .unreadable)
        XCTAssertTrue(error?.description.contains("/nonexistent/file.csv") ?? false)
    }

    func testLimeSurveyEscapesAreLeftAlone() throws {
        // LimeSurvey writes embedded line breaks as the two characters \n; unescaping is the caller's call.
        XCTAssertEqual(try rows("q1,q2\n\"first\\nsecond\",x\n"), [["q1", "q2"], ["first\\nsecond", "x"]])
    }
}
