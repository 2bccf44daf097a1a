import CSVReader
import Foundation
import SamlaTestSupport
import XCTest
@testable import SamlaKit

/// What every store does, whatever its database: the test bodies `ResponseStoreTests` (SQLite) and
/// `PostgresStoreTests` (a real PostgreSQL server) both run. `location(name)` gives the location of
/// a store of that name, new for the test; the same name gives the same store.
struct StoreContract {
    let survey: Survey
    let location: (String) throws -> String

    func open(_ name: String = "store", create: Bool = true) throws -> ResponseStore {
        try ResponseStore(path: location(name), create: create)
    }

    func response(session: String? = nil, status: Response.Status = .complete, identity: String? = nil,
                  answers: Answers = ["role": .choice("region")]) -> Response {
        Response(surveyID: survey.id, definitionHash: survey.definitionHash, session: session,
                 source: identity == nil ? .collected : .imported(file: "export.csv", row: 2), identity: identity,
                 status: status, submittedAt: Date(timeIntervalSince1970: 1_741_780_800), answers: answers)
    }

    func aSavedResponseReadsBackWhole() throws {
        let store = try open()
        let saved = Response(surveyID: survey.id, definitionHash: survey.definitionHash, session: "Umeå 2025-03-12",
                             source: .imported(file: "a.csv", row: 7), identity: "row-7", language: "sv",
                             startedAt: Date(timeIntervalSince1970: 1_741_780_000.125), submittedAt: Date(timeIntervalSince1970: 1_741_780_800),
                             answers: ["role": .choice("region"), "focus": .choices(["scale-up"], other: "Turism"), "similar": .text("Å ä ö \"x\"")],
                             metadata: ["tool": "Google Forms"])
        try store.save(saved, definition: survey)
        let back = try store.responses(.init(surveyID: survey.id))
        XCTAssertEqual(back, [saved])
        XCTAssertEqual(try store.definitions(surveyID: survey.id).map(\.hash), [survey.definitionHash])
        XCTAssertEqual(try store.definitions(surveyID: survey.id).first?.source, survey.sourceText)
        // Opened again, from the database itself.
        XCTAssertEqual(try open().responses(.init(surveyID: survey.id)), [saved])
        // The raw answers the analysis counts from are the stored JSON, byte for byte.
        var raw: [String] = []
        try store.forEachStoredAnswers(.init(surveyID: survey.id)) { raw.append(String(decoding: $0, as: UTF8.self)) }
        XCTAssertEqual(raw, [AnswerCoding.encode(saved.answers)])
    }

    func aFailedWriteLeavesNothingBehind() throws {
        struct Boom: Error {}
        let store = try open()
        XCTAssertThrowsError(try store.write { writer in
            try writer.register(survey)
            for number in 0..<10 { try writer.insert(response(answers: ["similar": .text("\(number)")])) }
            throw Boom()
        })
        XCTAssertEqual(try store.count(.init(surveyID: survey.id, includeDrafts: true)), 0)
        XCTAssertEqual(try store.definitions(surveyID: survey.id).count, 0)
    }

    func theSameIdentityOrIDIsStoredOnce() throws {
        let store = try open()
        let first = response(identity: "row-1")
        let inserted = try store.write { writer -> [Bool] in
            try writer.register(survey)
            return [try writer.insert(first), try writer.insert(response(identity: "row-1")), try writer.insert(first),
                    try writer.insert(response(identity: "row-2"))]
        }
        XCTAssertEqual(inserted, [true, false, false, true])
        XCTAssertEqual(try store.count(.init(surveyID: survey.id)), 2)
    }

    func aBatchIsSavedWholeAndOnce() throws {
        let store = try open()
        let batch = (0..<5).map { response(session: "Luleå", answers: ["similar": .text("svar \($0)")]) }
        XCTAssertEqual(try store.save(batch, definition: survey), Array(repeating: true, count: 5))
        // The same batch again, with one new response: only that one is added.
        XCTAssertEqual(try store.save(batch + [response(session: "Luleå")], definition: survey), Array(repeating: false, count: 5) + [true])
        XCTAssertEqual(try store.count(.init(surveyID: survey.id)), 6)
        XCTAssertEqual(Set(try store.responses(.init(surveyID: survey.id)).map(\.id)).isSuperset(of: batch.map(\.id)), true)
    }

    func draftsAreKeptButNotCountedAndSessionsFilter() throws {
        let store = try open()
        let draft = response(session: "Luleå", status: .draft)
        try store.write { writer in
            try writer.register(survey)
            try writer.insert(response(session: "Umeå"))
            try writer.insert(response(session: "Luleå"))
            try writer.insert(draft)
            try writer.insert(response(session: nil))
        }
        XCTAssertEqual(try store.count(.init(surveyID: survey.id)), 3)
        XCTAssertEqual(try store.count(.init(surveyID: survey.id, sessions: ["Luleå"])), 1)
        XCTAssertEqual(try store.count(.init(surveyID: survey.id, sessions: ["Luleå", "Umeå"])), 2)
        XCTAssertEqual(try store.count(.init(surveyID: survey.id, includeDrafts: true)), 4)
        XCTAssertEqual(try store.draftCount(surveyID: survey.id), 1)
        let counts = try store.sessionCounts(surveyID: survey.id)
        XCTAssertEqual(Set(counts.map { "\($0.name ?? "-") \($0.complete) \($0.drafts)" }), ["Umeå 1 0", "Luleå 1 1", "- 1 0"])
        XCTAssertEqual(try store.surveys().map(\.responses), [3])
        // A draft finished: updated in place, then counted.
        var finished = draft
        finished.status = .complete
        finished.answers = ["role": .choice("municipality")]
        try store.write { writer in try writer.update(draft: finished) }
        XCTAssertEqual(try store.count(.init(surveyID: survey.id, sessions: ["Luleå"])), 2)
        XCTAssertTrue(try store.responses(.init(surveyID: survey.id)).contains(finished))
        // Discarding touches drafts only.
        try store.discardDraft(responseID: finished.id)
        XCTAssertEqual(try store.count(.init(surveyID: survey.id)), 4)
    }

    func thePseudonymKeyIsMadeOnceAndKept() throws {
        let key = try open().pseudonymKey()
        XCTAssertEqual(key.count, 32)
        XCTAssertEqual(try open().pseudonymKey(), key)
        XCTAssertNotEqual(try open("other").pseudonymKey(), key)
    }

    func sourceFilesKeepWhatTheyDidNotAsk() throws {
        let store = try open()
        let file = SourceFile(path: "forms.csv", sha256: "ab12", layout: "google-forms", encoding: "utf-8",
                              importedAt: Date(timeIntervalSince1970: 1_741_780_800.5), rowsNew: 3, rowsExisting: 1,
                              notAsked: ["focus", "involvement"])
        try store.write { writer in try writer.record(file, surveyID: survey.id) }
        XCTAssertEqual(try store.sourceFiles(surveyID: survey.id), [file])
        XCTAssertEqual(try store.notAskedByFile(surveyID: survey.id), ["forms.csv": ["focus", "involvement"]])
    }

    func anErasedRowIsNotImportedAgain() throws {
        let store = try open()
        let imported = response(session: "Umeå", identity: "row-9")
        try store.save(imported, definition: survey)
        let plan = try store.planErasure(.response(imported.id), survey: survey)
        XCTAssertEqual(plan.count, 1)
        XCTAssertEqual(try store.erase(plan), 1)
        XCTAssertEqual(try store.count(.init(surveyID: survey.id)), 0)
        // The same row again (as a re-import brings it): skipped.
        let again = try store.write { writer in try writer.insert(response(session: "Umeå", identity: "row-9")) }
        XCTAssertFalse(again)
        XCTAssertEqual(try store.count(.init(surveyID: survey.id, includeDrafts: true)), 0)
        XCTAssertEqual(try store.erasureLog(surveyID: survey.id).map(\.selectorKind), ["response"])
        // A session erased whole.
        try store.save(response(session: "Luleå"), definition: survey)
        try store.save(response(session: "Luleå", status: .draft), definition: survey)
        let session = try store.planErasure(.session("Luleå"), survey: survey)
        XCTAssertEqual([session.complete, session.drafts], [1, 1])
        XCTAssertEqual(try store.erase(session), 2)
        XCTAssertEqual(try store.count(.init(surveyID: survey.id, includeDrafts: true)), 0)
    }

    func readingCommandsDoNotMakeAStore() throws {
        XCTAssertThrowsError(try open("never-made", create: false)) { error in
            XCTAssertTrue("\(error)".contains("no response store here"), "\(error)")
        }
    }

    func aMergeCopiesResponsesOnceKeepingTheirIDs() throws {
        let (laptop, target) = (try open("laptop"), try open("target"))
        let collected = response(session: "Umeå")
        try laptop.save([collected, response(session: "Umeå", identity: "row-2"), response(status: .draft)], definition: survey)
        // The target has the imported row already (another laptop imported the same export).
        try target.save(response(session: "Luleå", identity: "row-2"), definition: survey)
        let progress = MergeProgress()
        let first = try StoreMerge.merge([laptop], into: target, surveyID: survey.id, progress: progress)[0]
        XCTAssertEqual([first.added, first.skipped, first.drafts], [1, 1, 1])
        // The progress line followed every response read, drafts included.
        XCTAssertEqual(MergeProgress.describe(progress.snapshot), "\(laptop.path): 3 of 3 responses (100%)")
        XCTAssertEqual(MergeProgress.describe(.init(source: "umea.sqlite", done: 12_000, total: 48_000)),
                       "umea.sqlite: 12,000 of 48,000 responses (25%)")
        let again = try StoreMerge.merge([laptop], into: target, surveyID: survey.id)[0]
        XCTAssertEqual([again.added, again.skipped], [0, 2])
        XCTAssertEqual(try target.count(.init(surveyID: survey.id)), 2)
        XCTAssertTrue(try target.responses(.init(surveyID: survey.id)).contains(collected))
    }

    /// Thousands of imported rows, some repeated next to themselves (in one insert batch), some far
    /// from themselves (in another batch), some in both files: each stored once, and each file's
    /// accounting of stored and already-stored rows exact, on import and on re-import.
    func anImportCountsRowsOnceAcrossBatchesAndFiles(in directory: URL) throws {
        let survey = try SurveyLoader.require(path: GeneratedExport.survey)
        let export = try GeneratedExport.make(layout: "limesurvey", rows: 3000, seed: 16, in: directory)
        var reader = try CSVReader(url: URL(fileURLWithPath: export.path), options: CSVOptions(header: .firstRow))
        let header = try XCTUnwrap(reader.header)
        let rows = try reader.readAll().map(\.fields)
        XCTAssertEqual(rows.count, 3000)
        func write(_ name: String, _ body: [[String]]) throws -> String {
            let path = directory.appendingPathComponent(name).path
            try Data(CSVWriter(delimiter: UInt8(ascii: ";"), includeBOM: true, quoteAll: true).bytes([header] + body))
                .write(to: URL(fileURLWithPath: path))
            return path
        }
        // First: rows 0–1999, every tenth twice in a row (200), then rows 1000–1099 again (100).
        var first: [[String]] = []
        for (index, row) in rows[0..<2000].enumerated() {
            first.append(row)
            if index % 10 == 0 { first.append(row) }
        }
        first += rows[1000..<1100]
        // Second: rows 1500–2999 (500 of them in the first file), then rows 2500–2599 again (100).
        let second = Array(rows[1500..<3000]) + rows[2500..<2600]
        let files = [try write("first.csv", first), try write("second.csv", second)]
        let importer = try SurveyImporter(survey: survey, options: ImportOptions())
        let store = try location("import")

        let reports = try importer.run(files: files, storePath: store)
        XCTAssertEqual(reports.map { [$0.new, $0.existing] }, [[2000, 300], [1000, 600]])
        XCTAssertEqual(reports.map { [$0.accounting.responsesStored, $0.accounting.alreadyStored] }, [[2000, 300], [1000, 600]])
        XCTAssertTrue(reports.allSatisfy(\.committed))
        let opened = try ResponseStore(path: store, create: false)
        let stored = try opened.responses(.init(surveyID: survey.id, includeDrafts: true))
        XCTAssertEqual(stored.count, 3000)
        XCTAssertEqual(Set(stored.compactMap(\.identity)).count, 3000)
        XCTAssertEqual(Set(stored.map(\.id)).count, 3000)
        XCTAssertEqual(try opened.sourceFiles(surveyID: survey.id).map { [$0.rowsNew, $0.rowsExisting] }, [[2000, 300], [1000, 600]])

        let again = try importer.run(files: files, storePath: store)
        XCTAssertEqual(again.map { [$0.new, $0.existing] }, [[0, 2300], [0, 1600]])
        XCTAssertEqual(try opened.count(.init(surveyID: survey.id, includeDrafts: true)), 3000)
    }
}
