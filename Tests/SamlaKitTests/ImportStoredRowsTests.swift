import Foundation
import SamlaTestSupport
import XCTest
@testable import SamlaKit

/// An import writes each row straight as the stored bytes (`EncodedRows`, `StoredAnswersWriter`),
/// never through a `Response`. What lands in the SQLite file must be, column for column, what the
/// `Response` the same row decodes to encodes to (`EncodedResponse`, `AnswerCoding.encode`): the
/// import's sample holds those responses, built from the same decoded rows by the general code.
final class ImportStoredRowsTests: XCTestCase {
    private var directory: URL!
    private var storePath: String { directory.appendingPathComponent("store.sqlite").path }
    private var random = SurveyMutator.Random(seed: 17)

    override func setUpWithError() throws {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private let surveyText = """
        format: 1
        id: edges
        title: {sv: Kanter, en: Edges}
        languages: [sv, en]
        questions:
          - id: role
            type: single_choice
            text: {sv: "Vilken roll har du?", en: "What is your role?"}
            other: true
            choices:
              - {id: host, label: {sv: Värd, en: Host}}
              - {id: guest, label: {sv: Gäst, en: Guest}}
          - id: topics
            type: multiple_choice
            text: {sv: "Vilka ämnen?", en: "Which topics?"}
            other: true
            choices:
              - {id: water, label: {sv: "Vatten, hav och sjöar", en: "Water, seas and lakes"}}
              - {id: forest, label: {sv: Skog, en: Forest}}
              - {id: cities, label: {sv: Städer, en: Cities}}
          - id: score
            type: scale
            text: {sv: Betyg, en: Score}
            scale: {min: 1, max: 5}
          - id: why
            type: text
            text: {sv: Varför?, en: Why?}
            show_if: {question: score, at_most: 2}
          - id: staff
            type: number
            text: {sv: Antal, en: Count}
          - id: a_last
            type: text
            text: {sv: Sist, en: Last}
        """

    /// Texts that take every path of the JSON writer: plain, non-ASCII, quotes, backslashes,
    /// line breaks, control characters, JSON-looking, formula-looking, empty and blank.
    private let texts = ["plain", "Umeå och Luleå", "say \"hi\"", "back\\slash", "two\nlines", "tab\there", "", "  ",
                         "{\"c\":\"x\"}", "emoji 🙂", "\u{1}\u{1F}", "=1+2", "ends with space ", "ÅÄÖ åäö"]

    private func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }

    /// A generic export of `rows` rows, a few of them bad (an unknown choice, a scale point off
    /// the scale, a word for a number), the rest varied.
    private func export(rows: Int) throws -> (path: String, bad: Int) {
        var lines = ["Timestamp,role,topics,score,why,staff,a_last,Note"]
        var bad = 0
        func quoted(_ cell: String) -> String { "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        for row in 0..<rows {
            var role = pick(["Host", "Värd", "guest", "", "Gäst", "Freelancer \"A\"", "Själv, ensam"])
            var score = pick(["1", "2", "3", "5", "", " 4 ", "2"])
            var staff = pick(["12", "3,5", "", "0", "-2", "1000", "7.25"])
            let topics = pick(["Water, seas and lakes", "Forest, Cities", "Skog", "", "Städer, Vatten, hav och sjöar",
                               "Forest, " + pick(texts), "Cities, Boats"])
            if row % 37 == 5 { score = "9"; bad += 1 } else if row % 41 == 7 { staff = "many"; bad += 1 } else if row % 43 == 11 {
                role = ""; score = "eleven"; bad += 1
            }
            let time = row % 5 == 0 ? "" : "2025-03-\(10 + row % 9) 1\(row % 10):0\(row % 6):00"
            lines.append([time, role, topics, score, pick(texts), staff, pick(texts), pick(texts)].map(quoted).joined(separator: ","))
        }
        let path = directory.appendingPathComponent("edges.csv").path
        try (lines.joined(separator: "\r\n") + "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
        return (path, bad)
    }

    /// Every stored column against `EncodedResponse` of the sample's `Response` for that row.
    private func assertStoredRowsAreTheSamples(_ report: FileImportReport, surveyID: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let store = try ResponseStore(path: storePath)
        var stored: [EncodedResponse] = []
        try store.forEachStoredResponse(.init(surveyID: surveyID, includeDrafts: true)) { stored.append($0) }
        XCTAssertEqual(stored.count, report.sample.count, "every stored row is in the sample", file: file, line: line)
        for (row, response) in zip(stored, report.sample) {
            let expected = EncodedResponse(response, storedAt: row.storedAt)
            XCTAssertEqual(row.id, expected.id, file: file, line: line)
            XCTAssertEqual(row.surveyID, expected.surveyID, file: file, line: line)
            XCTAssertEqual(row.definitionHash, expected.definitionHash, file: file, line: line)
            XCTAssertEqual(row.session, expected.session, file: file, line: line)
            XCTAssertEqual(row.sourceKind, expected.sourceKind, file: file, line: line)
            XCTAssertEqual(row.sourceFile, expected.sourceFile, file: file, line: line)
            XCTAssertEqual(row.sourceRow, expected.sourceRow, file: file, line: line)
            XCTAssertEqual(row.identity, expected.identity, file: file, line: line)
            XCTAssertEqual(row.language, expected.language, file: file, line: line)
            XCTAssertEqual(row.status, expected.status, file: file, line: line)
            XCTAssertEqual(row.startedAt, expected.startedAt, file: file, line: line)
            XCTAssertEqual(row.submittedAt, expected.submittedAt, file: file, line: line)
            XCTAssertEqual(row.metadata, expected.metadata, file: file, line: line)
            XCTAssertEqual(row.answers, expected.answers, "line \(row.sourceRow ?? 0)", file: file, line: line)
            // And it reads back as the response it came from.
            XCTAssertEqual(try row.decoded(), response, file: file, line: line)
        }
    }

    func testEveryStoredColumnIsWhatTheDecodedResponseEncodesTo() throws {
        let survey = try writeSurvey(surveyText, in: directory)
        let rows = 1500
        let (path, bad) = try export(rows: rows)
        let rejects = directory.appendingPathComponent("rejects.csv").path
        let options = ImportOptions(session: "Umeå \"kväll\"", rejectsPath: rejects, sampleSize: rows)
        let report = try SurveyImporter(survey: survey, options: options).run(files: [path], storePath: storePath)[0]
        XCTAssertTrue(report.committed)
        XCTAssertEqual(report.rejected, bad)
        XCTAssertEqual(report.new, rows - bad)
        XCTAssertGreaterThan(report.hiddenAnswers, 0, "show_if hid some answers")
        try assertStoredRowsAreTheSamples(report, surveyID: survey.id)
        // Each rejected row is in the rejects file with its reason (a header and one line each).
        let rejected = try String(contentsOfFile: rejects, encoding: .utf8)
        XCTAssertTrue(rejected.contains("is not a point of the scale"), rejected)

        // Importing again adds nothing, row for row.
        let again = try SurveyImporter(survey: survey, options: options).run(files: [path], storePath: storePath)[0]
        XCTAssertEqual([again.new, again.existing], [0, rows - bad])
    }

    func testTheGeneratorsLayoutsStoreWhatTheirResponsesEncodeTo() throws {
        let survey = try loadSurvey(GeneratedExport.survey)
        for layout in ["google", "microsoft", "limesurvey", "kobo"] {
            try? FileManager.default.removeItem(atPath: storePath)
            try? FileManager.default.removeItem(atPath: storePath + "-wal")
            try? FileManager.default.removeItem(atPath: storePath + "-shm")
            let export = try GeneratedExport.make(layout: layout, language: layout == "kobo" ? "sv" : "en", rows: 700, seed: 3, in: directory)
            let report = try SurveyImporter(survey: survey, options: ImportOptions(sampleSize: 700)).run(files: [export.path], storePath: storePath)[0]
            XCTAssertTrue(report.committed, "\(layout): \(report.diagnostics)")
            XCTAssertEqual(report.new, 700, layout)
            try assertStoredRowsAreTheSamples(report, surveyID: survey.id)
        }
    }

    /// The import's batches go into the file through `SQLiteRowInserter`, bound where the bytes
    /// lie; a row repeating an earlier one's identity in the same batch is skipped, and NULLs stay NULL.
    func testRowsWrittenAsBytesInsertAsTheirStrings() throws {
        let survey = try writeSurvey(surveyText, in: directory)
        let store = try ResponseStore(path: storePath)
        var responses: [Response] = []
        for index in 0..<600 {
            var response = Response(surveyID: survey.id, definitionHash: survey.definitionHash,
                                    session: index % 3 == 0 ? nil : "kväll \(index % 4)",
                                    source: index % 2 == 0 ? .imported(file: "a/b \"c\".csv", row: index + 2) : .collected,
                                    identity: index % 5 == 0 ? nil : "id-\(index % 550)", language: index % 7 == 0 ? nil : "sv",
                                    status: index % 11 == 0 ? .draft : .complete,
                                    startedAt: index % 2 == 0 ? nil : Date(timeIntervalSince1970: 1_700_000_000 + Double(index) * 61.5),
                                    submittedAt: Date(timeIntervalSince1970: 1_700_000_100 + Double(index)),
                                    answers: ["why": .text(pick(texts)), "staff": .number(Double(index) / 4)],
                                    metadata: index % 2 == 0 ? [:] : ["Note": pick(texts), "A": "b"])
            response.id = UUID()
            responses.append(response)
        }
        var batch = EncodedRows()
        for response in responses { batch.append(EncodedResponse(response, storedAt: Date(timeIntervalSince1970: 1_800_000_000))) }
        XCTAssertEqual(batch.rows.map(\.answers), responses.map { AnswerCoding.encode($0.answers) })
        var stored = 0
        try store.bulkWrite { writer in
            try writer.register(survey)
            stored = try writer.insert(batch)
            return true
        }
        // Identities id-0 … id-549 repeat after 550 rows; the rows without one never clash.
        let expected = responses.enumerated().filter { index, response in
            guard let identity = response.identity else { return true }
            return responses[..<index].allSatisfy { $0.identity != identity }
        }.map(\.element)
        XCTAssertEqual(stored, expected.count)
        XCTAssertEqual(try store.responses(.init(surveyID: survey.id, includeDrafts: true)), expected)
    }

    /// A new store has 16 KiB pages; one made by an earlier Samla keeps its own.
    func testANewStoreHasLargerPagesAndAnOldOneKeepsItsOwn() throws {
        _ = try ResponseStore(path: storePath)
        XCTAssertEqual(try pageSize(storePath), 16384)
        let old = directory.appendingPathComponent("old.sqlite").path
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        shell.arguments = [old, "PRAGMA page_size = 4096; CREATE TABLE before_samla (x); DROP TABLE before_samla;"]
        try shell.run()
        shell.waitUntilExit()
        let survey = try writeSurvey(surveyText, in: directory)
        let (path, _) = try export(rows: 50)
        _ = try SurveyImporter(survey: survey, options: ImportOptions(rejectsPath: directory.appendingPathComponent("r.csv").path))
            .run(files: [path], storePath: old)
        XCTAssertEqual(try pageSize(old), 4096)
        XCTAssertGreaterThan(try ResponseStore(path: old).count(.init(surveyID: survey.id)), 0)
    }

    private func pageSize(_ path: String) throws -> Int {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        // The header's page size: two bytes at offset 16, big-endian (1 meaning 65,536).
        let header = try XCTUnwrap(try handle.read(upToCount: 100))
        let size = Int(header[16]) << 8 | Int(header[17])
        return size == 1 ? 65536 : size
    }
}
