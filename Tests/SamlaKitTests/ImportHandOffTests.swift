import Foundation
import SamlaTestSupport
import XCTest
@testable import SamlaKit

/// An import shares its work between two threads as each has time: a row's content identity is
/// hashed on the reading thread or left to the inserting one (`EncodedRows.completeIdentities`),
/// and the store opens while the first rows are read. Whichever thread did what, the identities
/// must be those one pass of `RowIdentity` gives (stores of earlier Samlas dedupe against them),
/// and the byte-level shortcuts of the decoder must read what the general code reads.
final class ImportHandOffTests: XCTestCase {
    private var directory: URL!
    private var storePath: String { directory.appendingPathComponent("store.sqlite").path }
    private var random = SurveyMutator.Random(seed: 29)

    override func setUpWithError() throws {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }

    /// Appends a row whose only varying column is its identity, written by `identity`.
    private func appendRow(to rows: inout EncodedRows, identity: (inout EncodedRows) -> Void) {
        for _ in 0..<EncodedRows.Column.identity.rawValue { rows.appendNull() }
        identity(&rows)
        for _ in EncodedRows.Column.identity.rawValue + 1..<EncodedRows.columnCount { rows.append("x") }
        rows.endRow(sourceRow: nil)
    }

    func testIdentitiesCompletedOnEitherThreadAreTheOnePassIdentities() {
        // Few distinct cells, so rows repeat (and get #2, #3, …) within and across batches.
        let cells = ["", "Umeå", "a \"quoted\", text", "two\nlines", "\u{1F}", "🙂", "12"]
        let clocks: [Int?] = [nil, 0, -5, 1_741_770_000, 123_456_789_012]
        var onePass = RowIdentity(layout: .generic)
        var handedOver = RowIdentity(layout: .generic)
        var hashedHere = 0, hashedThere = 0, gatheredThere = 0
        for batchSize in [1, 7, 500, 0, 333, 64] {
            var rows = EncodedRows()
            var expected: [String] = []
            for _ in 0..<batchSize {
                let fields = (0..<3).map { _ in pick(cells) }
                let clock = pick(clocks)
                if random.next() % 9 == 0 {
                    // A row with the tool's response id takes no part in counting repeats.
                    let id = pick(["r1", "r2", "Ärende 7"])
                    expected.append(onePass.identity(responseID: id, fields: fields, wallClock: clock))
                    appendRow(to: &rows) { rows in rows.append(writing: { RowIdentity.append(layout: .generic, responseID: id, to: &$0) }) }
                } else {
                    expected.append(onePass.identity(responseID: nil, fields: fields, wallClock: clock))
                    // Hashed here, gathered here and hashed there, or the cells left to the other thread.
                    let way = random.next() % 3
                    if way == 0 { hashedHere += 1 } else if way == 1 { hashedThere += 1 } else { gatheredThere += 1 }
                    appendRow(to: &rows) { $0.appendPendingIdentity(fields: fields, wallClock: clock, hashNow: way == 0, gatherNow: way == 1) }
                }
            }
            rows.completeIdentities(&handedOver)
            XCTAssertEqual((0..<rows.count).map { rows.text($0, .identity) }, expected, "batch of \(batchSize)")
            XCTAssertEqual(rows.rows.map(\.answers), Array(repeating: "x", count: batchSize), "the other columns stay where they were")
        }
        XCTAssertGreaterThan(hashedHere, 100)
        XCTAssertGreaterThan(hashedThere, 100)
        XCTAssertGreaterThan(gatheredThere, 100)
    }

    func testAnswersWrittenOnEitherThreadAreTheStoredJSON() {
        // Keys that sort apart from their order, and values of every kind, escaping included.
        let questionIDs = ["staff", "city", "ämne", "a\"quoted\" id", "topics"]
        let writer = StoredAnswersWriter(questionIDs: questionIDs)
        let values: [AnswerValue?] = [
            nil, nil, .choice("umea"), .other("a \"quoted\"\nanswer"), .choices(["water", "forest"], other: nil),
            .choices([], other: "Båtar"), .choices(["forest"], other: "tab\there"), .number(0), .number(7), .number(-12),
            .number(1000), .number(2.5), .number(-0.25), .number(1e20), .text("🙂 back\\slash"), .text("plain text"),
        ]
        var writtenHere = 0, leftThere = 0
        for batchSize in [0, 1, 9, 500, 77] {
            var rows = EncodedRows()
            var expected: [String] = []
            for _ in 0..<batchSize {
                let slots = questionIDs.map { _ in pick(values) }
                var answers = Answers()
                for (id, value) in zip(questionIDs, slots) { answers[id] = value }
                expected.append(AnswerCoding.encode(answers))
                for _ in 0..<EncodedRows.Column.answers.rawValue { rows.append("x") }
                if random.next() % 2 == 0 {
                    var row = DecodedRow()
                    row.reset(questionIDs: questionIDs)
                    row.values = slots
                    rows.append(writing: { writer.append(row, to: &$0) })
                    writtenHere += 1
                } else {
                    var taken = slots
                    rows.appendPendingAnswers(taking: &taken, writer: writer)
                    XCTAssertTrue(taken.isEmpty, "the row's slots are taken, not copied")
                    leftThere += 1
                }
                rows.endRow(sourceRow: 2)
            }
            rows.completeAnswers()
            XCTAssertEqual(rows.rows.map(\.answers), expected, "batch of \(batchSize)")
            XCTAssertEqual(rows.rows.map(\.metadata), Array(repeating: "x", count: batchSize), "the other columns stay where they were")
        }
        XCTAssertGreaterThan(writtenHere, 100)
        XCTAssertGreaterThan(leftThere, 100)
    }

    private let surveyText = """
        format: 1
        id: handoff
        title: {sv: Överlämning, en: Hand-off}
        languages: [sv, en]
        questions:
          - id: city
            type: single_choice
            text: {sv: Stad, en: City}
            choices:
              - {id: umea, label: {sv: Umeå, en: Umeå}}
              - {id: lulea, label: {sv: Luleå, en: Luleå}}
              - {id: host, label: {sv: Värdstad, en: Host city}}
          - id: topics
            type: multiple_choice
            text: {sv: Ämnen, en: Topics}
            other: true
            choices:
              - {id: water, label: {sv: "Vatten, hav och sjöar", en: "Water, seas and lakes"}}
              - {id: forest, label: {sv: Skog, en: Forest}}
          - id: score
            type: scale
            text: {sv: Betyg, en: Score}
            scale: {min: 0, max: 10}
          - id: staff
            type: number
            text: {sv: Antal, en: Count}
        """

    /// Rows of few distinct cells (so many repeat), with and without times, longer than several
    /// batches of the pipeline, so that both threads hash some of them.
    private func export(rows: Int) throws -> String {
        var lines = ["Timestamp,city,topics,score,staff"]
        for row in 0..<rows {
            let time = row % 4 == 0 ? "" : "2025-03-1\(row % 3) 10:0\(row % 2):00"
            let city = pick(["Umeå", "Ume\u{61}\u{30A}", "LULEÅ", "umea", "Host city", "Värdstad", ""])
            let topics = pick(["Skog", "Forest, Water, seas and lakes", "Vatten, hav och sjöar, Skog", "", "Forest, Boats"])
            let score = pick(["0", "7", "10", " 3 ", ""])
            let staff = pick(["12", "3,5", "", "0", "1000"])
            lines.append([time, city, topics, score, staff].map { "\"\($0)\"" }.joined(separator: ","))
        }
        let path = directory.appendingPathComponent("handoff.csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The identities a single pass gives, as the importer wrote them before the hand-off: each
    /// record decoded for its time and response id, then `RowIdentity` in file order.
    private func onePassIdentities(path: String, survey: Survey) throws -> [String] {
        let options = ImportOptions()
        let opened = try OpenedExport(path: path, options: options, survey: survey)
        var decoder = RowDecoder(survey: survey, mapping: opened.mapping,
                                 dateOrder: TimestampOrderScan.order(of: opened, options: options, mapping: opened.mapping, language: survey.defaultLanguage))
        var identity = RowIdentity(layout: opened.layout)
        var identities: [String] = []
        while let record = try opened.rows.next() {
            let row = decoder.decode(record.fields)
            XCTAssertEqual(row.problems, [], "line \(record.line)")
            identities.append(identity.identity(responseID: row.responseID, fields: record.fields, wallClock: row.submittedWallClock))
        }
        return identities
    }

    func testAnImportStoresTheOnePassIdentitiesAndAddsNothingTheSecondTime() throws {
        let survey = try writeSurvey(surveyText, in: directory)
        // More rows than `WriteBehind.rowsPerSync`: the WAL is synced once on the way.
        let rows = 12_345
        let path = try export(rows: rows)
        let expected = try onePassIdentities(path: path, survey: survey)
        XCTAssertEqual(Set(expected).count, rows, "a repeated row's identity counts it")
        XCTAssertTrue(expected.contains { $0.hasSuffix("#2") }, "some rows come twice")
        XCTAssertTrue(expected.contains { $0.hasSuffix("#3") }, "some rows come three times")

        let report = try SurveyImporter(survey: survey, options: ImportOptions(sampleSize: 5)).run(files: [path], storePath: storePath)[0]
        XCTAssertTrue(report.committed, "\(report.diagnostics)")
        XCTAssertEqual(report.new, rows)
        // The sample (made before the identities were written) carries them too.
        XCTAssertEqual(report.sample.map(\.identity), expected.prefix(5).map { $0 })

        let store = try ResponseStore(path: storePath)
        var stored: [String?] = []
        try store.forEachStoredResponse(.init(surveyID: survey.id, includeDrafts: true)) { stored.append($0.identity) }
        XCTAssertEqual(stored, expected)

        let again = try SurveyImporter(survey: survey, options: ImportOptions()).run(files: [path], storePath: storePath)[0]
        XCTAssertEqual([again.new, again.existing], [0, rows])
    }

    /// The timestamp columns' day-month order is scanned with the encoding, delimiter and
    /// layout the import settled (not detected a second time): a Windows-1252 file with `;`,
    /// whose order only a row far down settles, and whose first non-ASCII byte comes after the
    /// encoding detector's first look.
    func testTheTimestampScanReadsTheFileAsTheImportOpenedIt() throws {
        let survey = try writeSurvey(surveyText, in: directory)
        var lines = ["Timestamp;city;topics;score;staff"]
        for row in 0..<3_000 {
            // 01/02/2025 … 12/12/2025 say nothing; 25/03/2025 in row 2,500 settles day first.
            let day = row == 2_500 ? 25 : 1 + row % 12
            let city = row < 2_000 ? "host city" : "Umeå"
            lines.append("\(day < 10 ? "0" : "")\(day)/03/2025 10:00:00;\(city);Skog;7;\(row % 50)")
        }
        let bytes = Array((lines.joined(separator: "\r\n") + "\r\n").unicodeScalars.map { UInt8($0.value) })
        let path = directory.appendingPathComponent("cp1252.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let report = try SurveyImporter(survey: survey, options: ImportOptions()).run(files: [path], storePath: storePath)[0]
        XCTAssertTrue(report.committed, "\(report.diagnostics)")
        XCTAssertEqual(report.encoding, .windows1252)
        XCTAssertEqual(report.new, 3_000)
        let store = try ResponseStore(path: storePath)
        let responses = try store.responses(.init(surveyID: survey.id, includeDrafts: true))
        let zone = TimeZone(identifier: "Europe/Stockholm")!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let days = responses.prefix(12).compactMap { $0.submittedAt.map { calendar.component(.day, from: $0) } }
        XCTAssertEqual(days, Array(1...12), "read day first, as row 2,500 settles")
        XCTAssertEqual(responses.prefix(12).compactMap { $0.submittedAt.map { calendar.component(.month, from: $0) } }, Array(repeating: 3, count: 12))
        XCTAssertEqual(responses.last?.answers["city"], .choice("umea"), "the non-ASCII label read as Windows-1252")
    }

    /// A CSV whose start is UTF-8 is read without a whole-file check first; when bytes that are
    /// not UTF-8 come later, the pass is rolled back and the file read again with the whole-file
    /// check deciding, as it always did: refused when it is mostly UTF-8, nothing stored.
    func testAFileThatIsNotUTF8AfterItsStartIsJudgedAsBefore() throws {
        let survey = try writeSurvey(surveyText, in: directory)
        var bytes = Array("Timestamp,city,topics,score,staff\n".utf8)
        for row in 0..<3_000 { bytes += Array("2025-03-12 10:00:00,Umeå,Skog,7,\(row)\n".utf8) }
        bytes += Array("2025-03-12 10:00:00,Ume".utf8) + [0xE5] + Array(",Skog,7,1\n".utf8)
        let path = directory.appendingPathComponent("mostly.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        for dryRun in [false, true] {
            let report = try SurveyImporter(survey: survey, options: ImportOptions(dryRun: dryRun)).run(files: [path], storePath: storePath)[0]
            XCTAssertTrue(report.refused)
            XCTAssertFalse(report.committed)
            XCTAssertTrue(report.diagnostics.map(\.message).joined().contains("mostly UTF-8"), "\(report.diagnostics)")
        }
        XCTAssertEqual(try ResponseStore(path: storePath).count(.init(surveyID: survey.id, includeDrafts: true)), 0)
        // Valid UTF-8 all through, non-ASCII only after the start: imported, and said to be UTF-8.
        var valid = Array("Timestamp,city,topics,score,staff\n".utf8)
        for row in 0..<3_000 { valid += Array("2025-03-12 10:00:00,Host city,Skog,7,\(row)\n".utf8) }
        valid += Array("2025-03-12 10:00:00,Umeå,Skog,7,1\n".utf8)
        try Data(valid).write(to: URL(fileURLWithPath: path))
        let report = try SurveyImporter(survey: survey, options: ImportOptions()).run(files: [path], storePath: storePath)[0]
        XCTAssertTrue(report.committed, "\(report.diagnostics)")
        XCTAssertEqual(report.new, 3_001)
        XCTAssertEqual(report.encodingReason, "valid UTF-8")
    }

    /// The store opens while the file is read: when it cannot be opened the run still fails
    /// with the store's error, and the reading thread (which fills its few batches and waits)
    /// is stopped rather than left waiting.
    func testAStoreThatCannotBeOpenedStillFailsTheRun() throws {
        let survey = try writeSurvey(surveyText, in: directory)
        let path = try export(rows: 6_000)
        let blocker = directory.appendingPathComponent("not-a-directory")
        try Data("x".utf8).write(to: blocker)
        let storeInsideAFile = blocker.appendingPathComponent("store.sqlite").path
        XCTAssertThrowsError(try SurveyImporter(survey: survey, options: ImportOptions()).run(files: [path], storePath: storeInsideAFile)) { error in
            XCTAssertTrue(error is StoreError, "\(error)")
        }
        // With no file at all the store is still opened (and made), or the run fails.
        XCTAssertThrowsError(try SurveyImporter(survey: survey, options: ImportOptions()).run(files: [], storePath: storeInsideAFile))
        XCTAssertEqual(try SurveyImporter(survey: survey, options: ImportOptions()).run(files: [], storePath: storePath).count, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: storePath))
    }

    /// The WAL's early syncs: asked for every `rowsPerSync` rows, ended by `stop` (which waits
    /// for a sync under way), nothing for a file that is not there.
    func testWriteBehindSyncsWhenAskedAndStops() throws {
        XCTAssertNil(WriteBehind(path: directory.appendingPathComponent("missing-wal").path))
        let path = directory.appendingPathComponent("store.sqlite-wal").path
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: { FileManager.default.createFile(atPath: path, contents: nil); return path }()))
        let writeBehind = try XCTUnwrap(WriteBehind(path: path))
        for _ in 0..<30 {
            try handle.write(contentsOf: Data(repeating: 0x5A, count: 1 << 20))
            writeBehind.wrote(rows: WriteBehind.rowsPerSync / 3)
        }
        writeBehind.stop()
        try handle.close()
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, 30 << 20, "the file is only read")
    }

    func testAPipelineStoppedBeforeItsItemsAreTakenEndsItsProducer() throws {
        final class Count: @unchecked Sendable {
            let lock = NSLock()
            var value = 0
            func add() { lock.lock(); value += 1; lock.unlock() }
        }
        let emitted = Count()
        let started = ResponsePipeline.start(batchSize: 2) { (outlet: ResponsePipeline.Outlet<Int>) in
            var item = 0
            while true {
                try outlet.emit(item)
                emitted.add()
                item += 1
            }
        }
        // The producer fills the bounded buffer and waits; stopping it makes that wait throw.
        while true {
            emitted.lock.lock(); let value = emitted.value; emitted.lock.unlock()
            if value >= 2 * ResponsePipeline.depth { break }
            Thread.sleep(forTimeInterval: 0.001)
        }
        started.cancel()
        emitted.lock.lock(); let final = emitted.value; emitted.lock.unlock()
        XCTAssertLessThanOrEqual(final, 2 * (ResponsePipeline.depth + 1))

        // Taken in full, the items come in order, and the producer sees how many batches wait.
        let waits = Count()
        let all = ResponsePipeline.start(batchSize: 3) { (outlet: ResponsePipeline.Outlet<Int>) in
            for item in 0..<100 {
                if outlet.waiting() > 0 { waits.add() }
                try outlet.emit(item)
            }
        }
        Thread.sleep(forTimeInterval: 0.05)
        var taken: [Int] = []
        try all.forEach { taken.append($0) }
        XCTAssertEqual(taken, Array(0..<100))
        XCTAssertGreaterThan(waits.value, 0, "batches waited while nothing was taken")

        // Items handed over before their batch is full reach the consumer at once, in order: the
        // producer waits for each to be taken before it goes on.
        let received = Count(), late = Count()
        let handed = ResponsePipeline.start(batchSize: 100) { (outlet: ResponsePipeline.Outlet<Int>) in
            for item in 0..<10 {
                try outlet.emit(item)
                try outlet.handOver()
                try outlet.handOver()
                let deadline = Date().addingTimeInterval(5)
                while true {
                    received.lock.lock(); let value = received.value; received.lock.unlock()
                    if value > item { break }
                    if Date() > deadline { late.add(); break }
                    Thread.sleep(forTimeInterval: 0.001)
                }
            }
        }
        var handedItems: [Int] = []
        try handed.forEach { handedItems.append($0); received.add() }
        XCTAssertEqual(handedItems, Array(0..<10))
        XCTAssertEqual(late.value, 0, "items waited for their batch to fill")
    }

    /// A choice is found by its bytes first; what the byte comparison cannot find (another
    /// normalisation, another case, spaces) still goes through the dictionaries, with the same result.
    func testChoicesFoundByTheirBytesAreThoseTheDictionariesFind() throws {
        let survey = try writeSurvey(surveyText, in: directory)
        let city = try XCTUnwrap(survey.question("city"))
        let vocabulary = ChoiceVocabulary(question: city, languages: survey.languages)
        for (text, id) in [("Umeå", "umea"), ("Ume\u{61}\u{30A}", "umea"), ("UMEÅ", "umea"), ("umea", "umea"), ("Luleå", "lulea"),
                           ("Host city", "host"), ("host city", "host"), ("Värdstad", "host"), ("host", "host"), ("lulea ", "lulea")] {
            XCTAssertEqual(vocabulary.lookup(text)?.id, id, text)
        }
        for text in ["Ume", "Umeåå", "", "Host  city x", "Luleå Umeå"] {
            XCTAssertNil(vocabulary.lookup(text), text)
        }
        let topics = try XCTUnwrap(survey.question("topics"))
        let many = ChoiceVocabulary(question: topics, languages: survey.languages)
        let (found, unknown) = many.split("Forest, Water, seas and lakes, Boats, skog", separators: [Array(", ".utf8)])
        XCTAssertEqual(found.map(\.id), ["forest", "water", "forest"])
        XCTAssertEqual(unknown, ["Boats"])
    }

    /// Plain whole numbers are read at once; the result is `Double(text)` where the general
    /// reading takes the text as a number, and nil (a code, an id) where it does not.
    func testPlainWholeNumbersReadAsTheGeneralReadingDoes() {
        for _ in 0..<3_000 {
            let length = 1 + Int(random.next() % 17)
            let text = String((0..<length).map { _ in Character(String(random.next() % 10)) })
            let isNumber = length <= NumberText.maximumIntegerDigits && (text.first != "0" || length == 1)
            XCTAssertEqual(NumberText.parse(text), isNumber ? Double(text) : nil, text)
        }
        for text in ["0", "7", "10", "007", "999999999999999", "1000000000000000"] {
            XCTAssertEqual(NumberText.parse(text), ["0": 0, "7": 7, "10": 10, "999999999999999": 999_999_999_999_999][text], text)
        }
    }
}
