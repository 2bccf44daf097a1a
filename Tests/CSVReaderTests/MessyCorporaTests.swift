import Foundation
import XCTest
@testable import CSVReader

/// messytables, PapaParse, csvlint and Pollock files: what each project checks, where checkable.
final class MessyCorporaTests: XCTestCase {
    func testByteOrderMarkIsStripped() throws {
        let papa = try CSVReader(url: Corpora.url("papaparse/utf-8-bom-sample.csv"), options: CSVOptions(header: .firstRow))
        XCTAssertEqual(papa.header?.first, "A")
        XCTAssertEqual(try papa.readAll().map(\.fields), [["X", "Y", "Z"]])
        let kitten = try readRows(Corpora.url("messytables-horror/utf8bom.csv"))
        XCTAssertEqual(kitten.first?.first, "kitten")
        XCTAssertEqual(kitten, [["kitten", "win"]])
    }

    func testPapaParseSampleWithoutFinalNewline() throws {
        XCTAssertEqual(try readRows(Corpora.url("papaparse/sample.csv")), [["A", "B", "C"], ["X", "Y", "Z"]])
    }

    func testSemicolonPipeAndTabFiles() throws {
        let ssv = try CSVReader(url: Corpora.url("messytables-horror/simple.ssv"))
        XCTAssertEqual(ssv.dialect.delimiter, UInt8(ascii: ";"))
        XCTAssertEqual(ssv.header, ["date", "temperature", "place"])
        XCTAssertEqual(try ssv.readAll().first?.fields, ["2011-01-01", "1", "Galway"])

        let psv = try CSVReader(url: Corpora.url("messytables-horror/simple.psv"))
        XCTAssertEqual(psv.dialect.delimiter, UInt8(ascii: "|"))
        XCTAssertEqual(psv.header?.count, 6)
        XCTAssertEqual(try psv.readAll().first?.fields, ["1986", "44000", "35000", "36000", "27000", "45000"])

        let tsv = try CSVReader(url: Corpora.url("messytables-horror/example.tsv"))
        XCTAssertEqual(tsv.dialect.delimiter, 9)
        XCTAssertEqual(tsv.header?.first, "hour")
        XCTAssertEqual(try tsv.readAll().count, 140)
    }

    func testCarriageReturnOnlyFiles() throws {
        let glb = try CSVReader(url: Corpora.url("messytables-horror/mixedGLB.csv"), options: CSVOptions(header: .none))
        XCTAssertEqual(glb.sniff.lineEndings.dominant, .cr)
        let rows = try glb.readAll()
        XCTAssertEqual(rows.count, 137)
        XCTAssertTrue(rows.allSatisfy { $0.fields.count == 19 })
        XCTAssertEqual(rows.last?.line, 137)

        XCTAssertEqual(try readRows(Corpora.url("csvlint-fixtures/cr-line-endings.csv")),
                       [["Foo", "Bar", "Baz"], ["Biff", "Baff", "Boff"], ["Qux", "Teaspoon", "Doge"]])
    }

    func testCsvlintLineEndingFixturesAllReadAlike() throws {
        let expected = [["Foo", "Bsr", "Baz"], ["Biff", "Baff", "Boff"], ["Qux", "Teaspoon", "Doge"]]
        for name in ["crlf-line-endings", "lf-line-endings", "inconsistent-line-endings", "inconsistent-line-endings-unquoted"] {
            let reader = try CSVReader(url: Corpora.url("csvlint-fixtures/\(name).csv"), options: CSVOptions(header: .none))
            XCTAssertEqual(try reader.readAll().map(\.fields), expected, name)
            XCTAssertEqual(reader.lineEndings.isMixed, name.hasPrefix("inconsistent"), name)
        }
        XCTAssertEqual(try readRows(Corpora.url("csvlint-fixtures/windows-line-endings.csv")), [["a", "b", "c"], ["d", "e", "f"]])
        XCTAssertEqual(try readRows(Corpora.url("csvlint-fixtures/valid.csv")), [["Foo", "Bar", "Baz"], ["1", "2", "3"], ["3", "2", "1"]])
    }

    func testTitleRowBecomesPreamble() throws {
        let reader = try CSVReader(url: Corpora.url("csvlint-fixtures/title-row.csv"))
        XCTAssertEqual(reader.sniff.header.rowIndex, 1)
        XCTAssertEqual(reader.preamble.map(\.fields), [["This is a title row", "", ""]])
        XCTAssertEqual(reader.header, ["Foo", "Bsr", "Baz"])
        XCTAssertEqual(try reader.readAll().count, 2)
    }

    func testInvalidByteSequenceIsWindows1252Portuguese() throws {
        let reader = try CSVReader(url: Corpora.url("csvlint-fixtures/invalid-byte-sequence.csv"))
        XCTAssertEqual(reader.encoding, .windows1252)
        XCTAssertEqual(reader.header?[2], "Histórico")
        XCTAssertEqual(reader.header?[4], "Número do documento")
        let rows = try reader.readAll()
        XCTAssertEqual(rows.count, 23)
        XCTAssertTrue(rows.contains { $0.fields.contains { $0.contains("Cartão") } })
        // Declared UTF-8 (as csvlint's feature does), it is invalid.
        let error = expectCSVError { _ = try readRows(Corpora.url("csvlint-fixtures/invalid-byte-sequence.csv"), CSVOptions(encoding: .utf8)) }
        XCTAssertEqual(error?.kind, .invalidEncoding)
    }

    func testSpanishAndGermanWindows1252() throws {
        let spanish = try CSVReader(url: Corpora.url("messytables-horror/spanish_chars.csv"))
        XCTAssertEqual(spanish.encoding, .windows1252)
        XCTAssertEqual(spanish.header?.last, "Descripción")
        let rows = try spanish.readAll()
        XCTAssertTrue(rows.contains { $0.fields.contains("229,932.50") })

        let german = try CSVReader(url: Corpora.url("messytables-horror/sparse_with_column_errors.csv"), options: .lenient)
        XCTAssertEqual(german.encoding, .windows1252)
        let all = try german.readAll()
        XCTAssertGreaterThan(all.count, 2000)
        XCTAssertTrue(all.contains { $0.fields.contains { $0.contains("ß") } })
    }

    func testLeadingBlankLinesAndHeaderGuess() throws {
        let reader = try CSVReader(url: Corpora.url("messytables-horror/weird_head_padding.csv"), options: .lenient)
        XCTAssertEqual(reader.dialect.delimiter, UInt8(ascii: ";"))
        XCTAssertEqual(reader.header?.count, 11)
        XCTAssertEqual(reader.header?[1], "1985")
        XCTAssertEqual(reader.headerLine, 12)
        let rows = try reader.readAll()
        XCTAssertEqual(rows.first?.fields.first, "   Chirurgie (ohne Orthopädie) ...")
        XCTAssertEqual(rows.first?.line, 13)
        XCTAssertTrue(rows.contains { $0.fields.first?.trimmingSpaces == "Gefäßchirurgie" })
    }

    func testExcelTitleRowsAboveAYearHeader() throws {
        let reader = try CSVReader(url: Corpora.url("messytables-horror/excel_pasting.csv"))
        XCTAssertEqual(reader.preamble.count, 3)
        XCTAssertEqual(reader.header?.prefix(3), ["Year", "2000", "2001"])
        XCTAssertEqual(try reader.readAll().first?.fields.first, "Timber")
    }

    func testNullTokensAndNoHeader() throws {
        let reader = try CSVReader(url: Corpora.url("messytables-horror/null.csv"))
        XCTAssertNil(reader.header, "rows of numbers have no header")
        let rows = try reader.readAll()
        XCTAssertEqual(rows.count, 10)
        XCTAssertEqual(rows[0].fields, ["1", "null", "0", "0"])
    }

    func testSpacesAfterDelimiterAreKept() throws {
        XCTAssertEqual(try readRows(Corpora.url("messytables-horror/skip_initials.csv"))[1], ["hello", "    goodbye"])
    }

    func testPreambleAboveBankTransactions() throws {
        let reader = try CSVReader(url: Corpora.url("bank2ynab-testdata/TransactionHistory_20180418043121.csv"), options: .lenient)
        XCTAssertEqual(reader.sniff.header.rowIndex, 4)
        XCTAssertEqual(reader.header?.first, "Transaction date")
        XCTAssertEqual(reader.preamble.first?.fields, ["Account details for:", "FRANK Account 666-666666-666"])
        XCTAssertEqual(try reader.readAll().first?.fields, ["18/04/2018", "18/04/2018", "DEBIT PURCHASE", "6.66", ""])
    }

    // MARK: - Pollock

    struct PollockParameters: Decodable {
        var delimiter: String
        var quotechar: String
        var header_lines: Int
        var preamble_lines: Int
    }

    func pollock(_ name: String) throws -> PollockParameters {
        try JSONDecoder().decode(PollockParameters.self, from: Data(contentsOf: Corpora.url("pollock/parameters/\(name)_parameters.json")))
    }

    /// Every synthetic Pollock file whose delimiter is one of ours and quote is '"': the sniffed
    /// delimiter must be the labelled one.
    func testPollockDelimiters() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Corpora.url("pollock/csv").path).sorted()
        var checked = 0
        for name in names {
            let p = try pollock(name)
            guard p.delimiter.utf8.count == 1, let d = p.delimiter.utf8.first,
                  CSVDialect.candidateDelimiters.contains(d), p.quotechar == "\"" else { continue }
            let sniff = try CSVSniffer.sniff(url: Corpora.url("pollock/csv/\(name)"))
            XCTAssertEqual(CSVDialect.name(of: sniff.dialect.delimiter), CSVDialect.name(of: d), name)
            checked += 1
        }
        XCTAssertGreaterThan(checked, 20)
    }

    func testPollockHeaderAndPreamble() throws {
        for name in ["source.csv", "file_preamble.csv", "file_no_header.csv", "file_one_data_row.csv", "file_header_only.csv",
                     "file_record_delimiter_0xD.csv", "file_field_delimiter_0x3B.csv", "file_field_delimiter_0x9.csv"] {
            let p = try pollock(name)
            let sniff = try CSVSniffer.sniff(url: Corpora.url("pollock/csv/\(name)"))
            if p.header_lines == 0 {
                XCTAssertNil(sniff.header.rowIndex, name)
            } else {
                XCTAssertEqual(sniff.header.rowIndex, p.preamble_lines, name)
            }
        }
    }

    /// The survey sample's labels store counts as strings; header rows may span several lines,
    /// in which case any of them is an acceptable header row.
    func testPollockSurveySampleHeadersAndDelimiters() throws {
        struct Labels: Decodable {
            var delimiter: String
            var header_lines: String
            var preamble_lines: String
        }
        let dir = Corpora.url("pollock/survey_sample/csv")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        XCTAssertEqual(names.count, 11)
        for name in names {
            let labels = try JSONDecoder().decode(Labels.self, from: Data(contentsOf: Corpora.url("pollock/survey_sample/parameters/\(name)_parameters.json")))
            let sniff = try CSVSniffer.sniff(url: dir.appendingPathComponent(name))
            XCTAssertEqual(CSVDialect.name(of: sniff.dialect.delimiter), labels.delimiter, name)
            let headerLines = Int(labels.header_lines)!
            let preamble = Int(labels.preamble_lines)!
            if headerLines == 0 {
                XCTAssertNil(sniff.header.rowIndex, name)
            } else {
                let row = try XCTUnwrap(sniff.header.rowIndex, name)
                XCTAssertTrue((preamble..<(preamble + headerLines)).contains(row), "\(name): header guessed at row \(row)")
            }
        }
    }

    func testPollockCleanTablesMatch() throws {
        // The polluted file reads to the same cells as the clean one for these pollutions.
        for name in ["file_record_delimiter_0xD.csv", "file_field_delimiter_0x3B.csv", "file_field_delimiter_0x9.csv",
                     "file_no_trailing_newline.csv", "file_double_trailing_newline.csv", "file_preamble.csv"] {
            let polluted = try CSVReader(url: Corpora.url("pollock/csv/\(name)"))
            let clean = try CSVReader(url: Corpora.url("pollock/clean/\(name)"))
            XCTAssertEqual(polluted.header, clean.header, name)
            XCTAssertEqual(try polluted.readAll().map(\.fields), try clean.readAll().map(\.fields), name)
        }
    }

    func testPollockRowPollutionsAreLocated() throws {
        let extra = expectCSVError { _ = try readRows(Corpora.url("pollock/csv/row_more_sep_row5_col6.csv"), CSVOptions(header: .firstRow)) }
        XCTAssertEqual(extra?.kind, .raggedRow)
        let less = expectCSVError { _ = try readRows(Corpora.url("pollock/csv/row_less_sep_row5_col6.csv"), CSVOptions(header: .firstRow)) }
        XCTAssertEqual(less?.kind, .raggedRow)
        let quote = expectCSVError { _ = try readRows(Corpora.url("pollock/csv/row_extra_quote5_col3.csv"), CSVOptions(header: .firstRow)) }
        XCTAssertNotNil(quote)
        for e in [extra, less, quote] { XCTAssertGreaterThan(e?.problem.line ?? 0, 1) }
    }
}
