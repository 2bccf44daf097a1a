import Foundation
import XCTest
@testable import CSVReader

final class EncodingTests: XCTestCase {
    let swedish = """
        Namn;Ort;Kommentar
        Åsa Öberg;Göteborg;Det var väldigt bra, tack för en härlig dag
        Örjan Ärlig;Västerås;Mycket bra – men för lång, säger René
        Märta Åström;Malmö;Bäst i år
        Émile Lindgren;Umeå;Önskar fler övningar på eftermiddagen

        """

    // MARK: - Single-byte detection

    func testSwedishInWindows1252IsNotTakenForMacRoman() throws {
        let bytes = LegacyText.encode(swedish.replacingOccurrences(of: "–", with: "-"), LegacyText.windows1252)
        let reader = try CSVReader(bytes: bytes, options: CSVOptions(header: .none))
        XCTAssertEqual(reader.encoding, .windows1252)
        XCTAssertTrue(reader.sniff.encodingWasDetected)
        XCTAssertEqual(reader.dialect.delimiter, UInt8(ascii: ";"))
        let rows = try reader.readAll().map(\.fields)
        XCTAssertEqual(rows[1], ["Åsa Öberg", "Göteborg", "Det var väldigt bra, tack för en härlig dag"])
        XCTAssertEqual(rows[4][0], "Émile Lindgren")
    }

    func testSwedishInMacRomanAndCP850AreRecognisedToo() throws {
        let text = swedish.replacingOccurrences(of: "–", with: "-")
        for (map, encoding) in [(LegacyText.macRoman, TextEncoding.macRoman), (LegacyText.cp850, .cp850)] {
            let reader = try CSVReader(bytes: LegacyText.encode(text, map), options: CSVOptions(header: .none))
            XCTAssertEqual(reader.encoding, encoding)
            XCTAssertEqual(try reader.readAll().map(\.fields)[3], ["Märta Åström", "Malmö", "Bäst i år"], "\(encoding)")
        }
    }

    func testSpanishInMacRomanIsNotReadAsWindows1252Punctuation() throws {
        // In Windows-1252 these bytes are —, ’ and –: "Informaci—n pol’tica".
        let text = "tema;texto\nInformación política;España\nJosé;más o menos\n"
        let reader = try CSVReader(bytes: LegacyText.encode(text, LegacyText.macRoman), options: CSVOptions(header: .none))
        XCTAssertEqual(reader.encoding, .macRoman)
        XCTAssertEqual(try reader.readAll().map(\.fields)[1], ["Información política", "España"])
    }

    func testTypographyInWindows1252IsNotHeldAgainstIt() throws {
        let text = "route;note\nStockholm–Göteborg;Kevin´s idea\nMalmö – Lund;it’s fine\n"
        let reader = try CSVReader(bytes: LegacyText.encode(text, LegacyText.windows1252), options: CSVOptions(header: .none))
        XCTAssertEqual(reader.encoding, .windows1252)
        XCTAssertEqual(try reader.readAll().map(\.fields)[1], ["Stockholm–Göteborg", "Kevin´s idea"])
    }

    func testOwnMacRomanTableDecodesTheEuroAndTypography() throws {
        // Foundation on Linux gets these wrong; the reader must not depend on it.
        let bytes = LegacyText.encode("a;b\nPris €5;Det är bra’\n", LegacyText.macRoman)
        let rows = try readRows(bytes: bytes, CSVOptions(encoding: .macRoman, header: .none))
        XCTAssertEqual(rows[1], ["Pris €5", "Det är bra’"])
    }

    func testExplicitEncodingOverridesDetection() throws {
        let bytes = LegacyText.encode(swedish.replacingOccurrences(of: "–", with: "-"), LegacyText.windows1252)
        let reader = try CSVReader(bytes: bytes, options: CSVOptions(encoding: .cp850, header: .none))
        XCTAssertEqual(reader.encoding, .cp850)
        XCTAssertFalse(reader.sniff.encodingWasDetected)
        // 0xC5 is a box-drawing character in CP850: wrong, but what was asked for.
        XCTAssertEqual(try reader.readAll()[1].fields[0], "┼sa Íberg")
    }

    func testUserEncodingNames() {
        XCTAssertEqual(TextEncoding(userName: "cp1252"), .windows1252)
        XCTAssertEqual(TextEncoding(userName: "Latin1"), .windows1252)
        XCTAssertEqual(TextEncoding(userName: "ISO-8859-1"), .windows1252)
        XCTAssertEqual(TextEncoding(userName: "windows-1252"), .windows1252)
        XCTAssertEqual(TextEncoding(userName: "MacRoman"), .macRoman)
        XCTAssertEqual(TextEncoding(userName: "ibm850"), .cp850)
        XCTAssertEqual(TextEncoding(userName: "UTF8"), .utf8)
        XCTAssertEqual(TextEncoding(userName: "utf-16"), .utf16LE)
        XCTAssertEqual(TextEncoding(userName: "UTF-16BE"), .utf16BE)
        XCTAssertNil(TextEncoding(userName: "windows-1250"))
        for e in TextEncoding.allCases { XCTAssertEqual(TextEncoding(userName: e.rawValue), e) }
    }

    // MARK: - bank2ynab

    func testCzechWindows1250IsRefusedNotMisdecoded() throws {
        for name in ["TH_20180101-20180523_strana_1.csv", "Movements_1234512345_201805271848.csv"] {
            let error = expectCSVError { _ = try CSVReader(url: Corpora.url("bank2ynab-testdata/\(name)")) }
            XCTAssertEqual(error?.kind, .undecidableEncoding, name)
            let text = error?.description ?? ""
            XCTAssertTrue(text.contains("--encoding"), text)
            XCTAssertTrue(text.contains("not UTF-8"), text)
            // The message shows the implausible reading it refused.
            XCTAssertTrue(text.contains("zaúètování"), text)
            XCTAssertEqual(error?.problem.line, 1)
            // Lenient mode does not make the reader guess either.
            let lenient = expectCSVError { _ = try CSVReader(url: Corpora.url("bank2ynab-testdata/\(name)"), options: .lenient) }
            XCTAssertEqual(lenient?.kind, .undecidableEncoding, name)
        }
    }

    func testCzechFileReadsWhenTheUserInsists() throws {
        let reader = try CSVReader(url: Corpora.url("bank2ynab-testdata/Movements_1234512345_201805271848.csv"),
                                   options: CSVOptions(encoding: .windows1252, header: .firstRow))
        XCTAssertEqual(reader.dialect.delimiter, UInt8(ascii: ";"))
        // What was asked for, mojibake included: the reader does not second-guess an explicit choice.
        XCTAssertEqual(reader.header?[1], "Datum zaúètování")
        XCTAssertEqual(try reader.readAll().first?.fields[7], "Jednorázová platba")
    }

    func testGermanAndDutchWindows1252() throws {
        let german = try CSVReader(url: Corpora.url("bank2ynab-testdata/umsatz-1234________1234-20180227.CSV"), options: CSVOptions(header: .firstRow))
        XCTAssertEqual(german.encoding, .windows1252)
        XCTAssertEqual(german.dialect.delimiter, UInt8(ascii: ";"))
        XCTAssertEqual(german.header?.first, "Umsatz getätigt von")
        XCTAssertTrue(german.header?.contains("Gebührenschlüssel") ?? false)
        XCTAssertEqual(try german.readAll().count, 1)

        let dutch = try CSVReader(url: Corpora.url("bank2ynab-testdata/CSV_A_20180414_112204.csv"), options: CSVOptions(strict: false, header: .firstRow))
        XCTAssertEqual(dutch.encoding, .windows1252)
        XCTAssertTrue(dutch.header?.contains("Naam initiërende partij") ?? false)
        XCTAssertEqual(dutch.header?.count, 26)
        _ = try dutch.readAll()
        // Its third record lost its opening quote upstream; the reader says where.
        XCTAssertEqual(dutch.problems.first?.kind, .strayQuote)
        XCTAssertEqual(dutch.problems.first?.line, 5)
        XCTAssertEqual(dutch.problems.first?.column, 19)
    }

    func testGarbledUmlautsAreRefused() throws {
        // "J?\xA4gersteig": an earlier conversion already replaced half of each UTF-8 "ä" with '?'.
        let error = expectCSVError { _ = try CSVSniffer.sniff(url: Corpora.url("bank2ynab-testdata/test_row_format_default.csv")) }
        XCTAssertEqual(error?.kind, .undecidableEncoding)
        let reader = try CSVReader(url: Corpora.url("bank2ynab-testdata/test_delimiter_tab.csv"),
                                   options: CSVOptions(encoding: .windows1252, header: .none))
        XCTAssertEqual(reader.dialect.delimiter, 9)
        let rows = try reader.readAll().map(\.fields)
        XCTAssertTrue(rows.contains { $0.contains { $0.contains("J?¤gersteig") } })
    }

    func testUTF8BankFiles() throws {
        let reader = try CSVReader(url: Corpora.url("bank2ynab-testdata/Umsaetze_KtoNr538917600_EUR_02-03-2018_1503.CSV"))
        XCTAssertEqual(reader.encoding, .utf8)
        XCTAssertEqual(reader.header?[5], "Währung")
        let bom = try CSVReader(url: Corpora.url("bank2ynab-testdata/MS_JANE_SMITH_01-12-2019_14-12-2019.csv"))
        XCTAssertTrue(bom.sniff.hadBOM)
        XCTAssertEqual(bom.header?.first, "Date Processed")
        XCTAssertEqual(try bom.readAll().first?.fields[2], "£67.40")
    }

    // MARK: - Refusals and conflicts

    func testTwoCodePagesThatReadEquallyWellAreRefused() throws {
        // 0x81 is undefined in Windows-1252, "Å" in MacRoman and "ü" in CP850: both plausible.
        let error = expectCSVError { _ = try CSVReader(bytes: Array("a,b\n1,".utf8) + [0x81] + Array("\n".utf8)) }
        XCTAssertEqual(error?.kind, .undecidableEncoding)
        XCTAssertTrue(error?.description.contains("MacRoman") ?? false)
        XCTAssertTrue(error?.description.contains("CP850") ?? false)
        XCTAssertEqual(error?.problem.line, 2)
        XCTAssertEqual(error?.problem.column, 3)
    }

    func testMostlyUTF8WithABadByteIsRefusedWithItsPlace() throws {
        let bytes = Array("Namn\nRäksmörgås\nK".utf8) + [0xE4] + Array("se\n".utf8)
        let error = expectCSVError { _ = try CSVReader(bytes: bytes) }
        XCTAssertEqual(error?.kind, .undecidableEncoding)
        XCTAssertEqual(error?.problem.line, 3)
        XCTAssertEqual(error?.problem.column, 2)
        XCTAssertTrue(error?.description.contains("0xE4") ?? false, error?.description ?? "")

        // Asked to read it as UTF-8: strict stops at the byte, lenient reads on and lists it.
        let strict = expectCSVError { _ = try readRows(bytes: bytes, CSVOptions(encoding: .utf8, header: .none)) }
        XCTAssertEqual(strict?.kind, .invalidEncoding)
        XCTAssertEqual(strict?.problem.line, 3)
        XCTAssertEqual(strict?.problem.column, 2)
        let lenient = try CSVReader(bytes: bytes, options: CSVOptions(encoding: .utf8, strict: false, header: .none))
        XCTAssertEqual(try lenient.readAll().map(\.fields), [["Namn"], ["Räksmörgås"], ["K\u{FFFD}se"]])
        XCTAssertEqual(lenient.problems.map(\.kind), [.invalidEncoding])
        XCTAssertEqual(lenient.problems.first?.line, 3)
    }

    // MARK: - UTF-8 checked while reading

    /// `lines` plain ASCII lines, then `tail`: a start the sniffer's sample takes whole.
    private func asciiThen(_ tail: [UInt8], lines: Int = 3_000) -> [UInt8] {
        var bytes = Array("name,city\n".utf8)
        for line in 0..<lines { bytes += Array("person \(line),Ume\n".utf8) }
        return bytes + tail
    }

    func testUTF8CheckedWhileReadingReadsWhatTheWholeFileCheckReads() throws {
        let bytes = asciiThen(Array("Åsa,Umeå\n".utf8))
        let options = CSVOptions(strict: false, chunkSize: 8192, sampleSize: 4096, checksUTF8WhileReading: true)
        let reader = try CSVReader(bytes: bytes, options: options)
        XCTAssertTrue(reader.encodingCheckedWhileReading)
        XCTAssertEqual(reader.encoding, .utf8)
        XCTAssertEqual(reader.encodingReason, "plain ASCII, read as UTF-8", "as far as it has been read")
        let rows = try reader.readAll().map(\.fields)
        XCTAssertEqual(rows, try CSVReader(bytes: bytes, options: CSVOptions(strict: false)).readAll().map(\.fields))
        XCTAssertEqual(rows.last, ["Åsa", "Umeå"])
        XCTAssertEqual(reader.encodingReason, "valid UTF-8", "what the whole-file check says")
        XCTAssertEqual(reader.problemCount, 0)
    }

    func testBytesThatAreNotUTF8AfterAUTF8StartAskForTheWholeFileCheck() throws {
        // Swedish in Windows-1252 after a start of plain ASCII, which was taken for UTF-8.
        let swedishTail = LegacyText.encode("Åsa Öberg,Göteborg\nÖrjan Ärlig,Västerås\nMärta Åström,Malmö\n", LegacyText.windows1252)
        let bytes = asciiThen(swedishTail)
        let options = CSVOptions(strict: false, chunkSize: 8192, sampleSize: 4096, checksUTF8WhileReading: true)
        let reader = try CSVReader(bytes: bytes, options: options)
        XCTAssertTrue(reader.encodingCheckedWhileReading)
        var read = 0
        XCTAssertThrowsError(try { while try reader.next() != nil { read += 1 } }()) { error in
            XCTAssertTrue(error is CSVEncodingRecheck, "\(error)")
        }
        XCTAssertLessThan(read, 3_000, "the bad bytes are never read as U+FFFD")
        XCTAssertEqual(reader.problemCount, 0)
        // Read again as the caller is told: the whole-file check chooses Windows-1252.
        let again = try CSVReader(bytes: bytes, options: CSVOptions(strict: false))
        XCTAssertEqual(again.encoding, .windows1252)
        XCTAssertEqual(try again.readAll().last?.fields, ["Märta Åström", "Malmö"])
        // Bad bytes inside the start are judged there, by the whole-file check.
        let early = try CSVReader(bytes: asciiThen(swedishTail, lines: 3), options: options)
        XCTAssertFalse(early.encodingCheckedWhileReading)
        XCTAssertEqual(early.encoding, .windows1252)
    }

    func testAnInputShorterThanTheStartIsJudgedWhole() throws {
        let options = CSVOptions(strict: false, checksUTF8WhileReading: true)
        let reader = try CSVReader(bytes: Array(swedish.utf8), options: options)
        XCTAssertFalse(reader.encodingCheckedWhileReading)
        XCTAssertEqual(reader.encodingReason, "valid UTF-8")
        let mostly = Array("Namn\nRäksmörgås\nK".utf8) + [0xE4] + Array("se\n".utf8)
        XCTAssertEqual(expectCSVError { _ = try CSVReader(bytes: mostly, options: options) }?.kind, .undecidableEncoding)
    }

    func testChunkFullOfInvalidBytesGrowsWhenReplaced() throws {
        // Each bad byte becomes a 3-byte U+FFFD, so the decoded chunk is three times the raw one.
        let bytes = Array("a\n".utf8) + [UInt8](repeating: 0xFF, count: 5000) + Array("\n".utf8)
        for chunk in [4, 64, 1 << 20] {
            let reader = try CSVReader(bytes: bytes, options: CSVOptions(encoding: .utf8, strict: false, header: .none, chunkSize: chunk, maxProblems: 10))
            let rows = try reader.readAll().map(\.fields)
            XCTAssertEqual(rows, [["a"], [String(repeating: "\u{FFFD}", count: 5000)]])
            XCTAssertEqual(reader.problemCount, 5000)
            XCTAssertEqual(reader.problems.last?.column, 10)
        }
    }

    func testByteOrderMarkContradictingTheRequestIsAnError() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\n1,2\n".utf8)
        let error = expectCSVError { _ = try CSVReader(bytes: bytes, options: CSVOptions(encoding: .windows1252)) }
        XCTAssertEqual(error?.kind, .encodingConflict)
        XCTAssertEqual(try readRows(bytes: bytes, CSVOptions(encoding: .utf8, header: .none)), [["a", "b"], ["1", "2"]])
    }

    func testUndefinedWindows1252ByteIsAProblemWhenForced() throws {
        let bytes = Array("a,b\nx".utf8) + [0x81] + Array(",y\n".utf8)
        let error = expectCSVError { _ = try readRows(bytes: bytes, CSVOptions(encoding: .windows1252, header: .none)) }
        XCTAssertEqual(error?.kind, .invalidEncoding)
        XCTAssertEqual(error?.problem.line, 2)
        XCTAssertEqual(error?.problem.column, 2)
    }

    func testWorkbooksAreNamedNotDecoded() throws {
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] + Array(repeating: 0x9C, count: 40)
        let error = expectCSVError { _ = try CSVReader(bytes: zip) }
        XCTAssertEqual(error?.kind, .notText)
        XCTAssertTrue(error?.description.contains("xlsx") ?? false)
    }

    // MARK: - UTF-16

    func testUTF16WithoutBOMIsRecognisedByItsZeroBytes() throws {
        let text = "namn,stad\nÅsa,Umeå\n"
        let le = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let readerLE = try CSVReader(bytes: le, options: CSVOptions(header: .none))
        XCTAssertEqual(readerLE.encoding, .utf16LE)
        XCTAssertEqual(try readerLE.readAll().map(\.fields), [["namn", "stad"], ["Åsa", "Umeå"]])
        XCTAssertEqual(try readRows(bytes: be), [["namn", "stad"], ["Åsa", "Umeå"]])
    }

    func testUTF16SurrogatePairsAcrossTinyChunks() throws {
        let text = "a,b\n🚀,x😀y\n\"q\"\"🚀\",z\n"
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        for chunk in 4...9 {
            XCTAssertEqual(try readRows(bytes: bytes, CSVOptions(header: .none, chunkSize: chunk)),
                           [["a", "b"], ["🚀", "x😀y"], ["q\"🚀", "z"]], "chunk \(chunk)")
        }
    }

    func testLoneSurrogateIsAProblem() throws {
        let units: [UInt16] = Array("a,b\nx".utf16) + [0xD800] + Array(",y\n".utf16)
        let bytes: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let error = expectCSVError { _ = try readRows(bytes: bytes) }
        XCTAssertEqual(error?.kind, .invalidEncoding)
        XCTAssertEqual(error?.problem.line, 2)
        XCTAssertEqual(error?.problem.column, 2)
    }

    // MARK: - Tables

    func testCodePageTablesAgreeWithKnownCharacters() {
        // A few spot checks from the published tables.
        XCTAssertEqual(CodePage.windows1252.scalar(0x80), "€")
        XCTAssertEqual(CodePage.windows1252.scalar(0x9E), "ž")
        XCTAssertNil(CodePage.windows1252.scalar(0x81))
        XCTAssertEqual(CodePage.macRoman.scalar(0x8A), "ä")
        XCTAssertEqual(CodePage.macRoman.scalar(0xDB), "€")
        XCTAssertEqual(CodePage.macRoman.scalar(0xF0), "\u{F8FF}")
        XCTAssertEqual(CodePage.macRoman.scalar(0xE4), "‰")
        XCTAssertEqual(CodePage.cp850.scalar(0x86), "å")
        XCTAssertEqual(CodePage.cp850.scalar(0xC5), "┼")
        XCTAssertEqual(CodePage.cp850.scalar(0xD5), "ı")
        for page in CodePage.all {
            let defined = page.upper.filter { $0 != 0 }
            XCTAssertEqual(Set(defined).count, defined.count, "\(page.encoding) maps two bytes to one character")
        }
    }
}
