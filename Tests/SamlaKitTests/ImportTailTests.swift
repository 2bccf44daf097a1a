import Foundation
import GRDB
import SamlaTestSupport
import XCTest
@testable import SamlaKit

/// A bulk write (an import, a merge) runs without the erased-identity trigger while no identity is
/// erased (`ErasedRowsTrigger`), under the rollback journal when it has the store to itself
/// (`BulkJournal`), and syncs the file it writes through its commit (`WriteBehind.syncContinuously`). Neither may let an erased row in, nor leave the
/// connection without its trigger, on the real SQLite file. It inserts
/// `SQLiteRowInserter.rowsPerStatement` rows a statement: each row must still be judged alone and
/// in order (a row whose id or identity is stored, or came earlier in the batch, in the same
/// statement or another, is skipped; an erased identity is skipped through the trigger).
final class ImportTailTests: XCTestCase {
    private var directory: URL!
    private var survey: Survey!
    private var storePath: String { directory.appendingPathComponent("store.sqlite").path }

    override func setUpWithError() throws {
        directory = TestPaths.temporaryDirectory()
        survey = try writeSurvey("""
            format: 1
            id: tail
            title: {en: Tail}
            languages: [en]
            questions:
              - id: city
                type: text
                text: {en: City}
            """, in: directory)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func row(_ identity: String) -> Response {
        Response(surveyID: survey.id, definitionHash: survey.definitionHash, session: "Umeå",
                 source: .imported(file: "export.csv", row: 2), identity: identity,
                 submittedAt: Date(timeIntervalSince1970: 1_741_780_800), answers: ["city": .text(identity)])
    }

    /// Inserts rows as an import does (one `EncodedRows` batch); returns how many were stored.
    private func insert(_ identities: [String], with writer: StoreWriter) throws -> Int {
        var rows = EncodedRows()
        for identity in identities { rows.append(EncodedResponse(row(identity), storedAt: Date())) }
        return try writer.insert(rows)
    }

    private func triggerEnforced(_ writer: StoreWriter) throws -> Bool {
        let transaction = try XCTUnwrap(writer.transaction as? SQLiteTransaction)
        return try XCTUnwrap(transaction.erasedRows).enforced
    }

    private func identities(_ store: ResponseStore) throws -> [String] {
        try store.responses(.init(surveyID: survey.id, includeDrafts: true)).compactMap(\.identity).sorted()
    }

    func testTheTriggerIsOffOnlyWhileNothingIsErasedAndOnAgainAfter() throws {
        let store = try ResponseStore(path: storePath)
        // Nothing erased yet: the bulk write runs without the trigger.
        try store.bulkWrite { writer in
            try writer.register(survey)
            XCTAssertFalse(try triggerEnforced(writer), "no identity is erased, so the trigger is off")
            XCTAssertEqual(try insert(["row-1", "row-2", "row-3"], with: writer), 3)
            return true
        }
        // Erased through the same store (its one writer connection): the trigger must be back.
        let erased = try XCTUnwrap(store.responses(.init(surveyID: survey.id)).first { $0.identity == "row-2" })
        XCTAssertEqual(try store.erase(try store.planErasure(.response(erased.id), survey: survey)), 1)
        XCTAssertFalse(try store.write { writer in try writer.insert(row("row-2")) }, "an erased row came back through a single write")
        // A bulk write with an identity erased keeps the trigger, and skips the row.
        try store.bulkWrite { writer in
            XCTAssertTrue(try triggerEnforced(writer), "an identity is erased, so the trigger stays on")
            XCTAssertEqual(try insert(["row-2", "row-4"], with: writer), 1)
            return true
        }
        XCTAssertEqual(try identities(store), ["row-1", "row-3", "row-4"])
        // The same from another process's connection (a store opened anew).
        let reopened = try ResponseStore(path: storePath)
        try reopened.bulkWrite { writer in
            XCTAssertEqual(try insert(["row-2"], with: writer), 0)
            return true
        }
        XCTAssertEqual(try identities(reopened), ["row-1", "row-3", "row-4"])
    }

    /// A merge copies the source's erasures before its rows, in one bulk write begun with nothing
    /// erased: the rows inserted after the erasure must meet the trigger, through the insert
    /// statement prepared while it was off.
    func testAnErasureInsideABulkWriteTurnsTheTriggerOnForTheRowsAfterIt() throws {
        let store = try ResponseStore(path: storePath)
        try store.bulkWrite { writer in
            try writer.register(survey)
            XCTAssertEqual(try insert(["row-1"], with: writer), 1)
            XCTAssertFalse(try triggerEnforced(writer))
            let erasure = StoredErasure(erasedAt: "2026-12-07T08:00:00Z", surveyID: survey.id, selectorKind: "response",
                                        selector: UUID().uuidString, responses: 1, identities: ["row-2"])
            XCTAssertEqual(try writer.recordIfNew(erasure).new, true)
            XCTAssertTrue(try triggerEnforced(writer))
            XCTAssertEqual(try insert(["row-2", "row-3"], with: writer), 1)
            return true
        }
        XCTAssertEqual(try identities(store), ["row-1", "row-3"])
    }

    /// A bulk write rolled back (an import refused) leaves the trigger on too.
    func testARolledBackBulkWriteLeavesTheTriggerOn() throws {
        let store = try ResponseStore(path: storePath)
        try store.bulkWrite { writer in
            try writer.register(survey)
            XCTAssertEqual(try insert(["row-1"], with: writer), 1)
            return true
        }
        try store.bulkWrite { writer in
            XCTAssertFalse(try triggerEnforced(writer))
            XCTAssertEqual(try insert(["row-2"], with: writer), 1)
            return false
        }
        let kept = try XCTUnwrap(store.responses(.init(surveyID: survey.id)).first)
        XCTAssertEqual(try store.erase(try store.planErasure(.response(kept.id), survey: survey)), 1)
        XCTAssertFalse(try store.write { writer in try writer.insert(row("row-1")) })
        XCTAssertEqual(try identities(store), [])
    }

    // MARK: The journal

    private func journalMode(_ writer: StoreWriter) throws -> String? {
        let transaction = try XCTUnwrap(writer.transaction as? SQLiteTransaction)
        return try String.fetchOne(transaction.db, sql: "PRAGMA journal_mode")
    }

    /// What the store file's header says: WAL mode when its bytes 18 and 19 are 2 (1 is the
    /// rollback journal).
    private func fileIsInWALMode() throws -> Bool {
        let header = try XCTUnwrap(FileManager.default.contents(atPath: storePath)).prefix(20)
        return header.count == 20 && header[18] == 2 && header[19] == 2
    }

    /// Alone on a store without responses, a bulk write runs under the rollback journal, rolled
    /// back or committed, and leaves the store in WAL mode with no journal behind. On a store
    /// holding responses, or beside another connection to the store (another `ResponseStore`, as
    /// another process's), it keeps to the WAL.
    func testABulkWriteUsesTheRollbackJournalOnlyAloneOnAStoreWithoutResponses() throws {
        let store = try ResponseStore(path: storePath)
        for commit in [false, true] {
            try store.bulkWrite { writer in
                try writer.register(survey)
                XCTAssertEqual(try journalMode(writer), "delete")
                XCTAssertEqual(try insert(["alone-\(commit)"], with: writer), 1)
                return commit
            }
            XCTAssertTrue(try fileIsInWALMode(), "in WAL mode after a bulk write \(commit ? "committed" : "rolled back")")
            XCTAssertFalse(FileManager.default.fileExists(atPath: storePath + "-journal"))
        }
        XCTAssertEqual(try identities(store), ["alone-true"])
        try store.bulkWrite { writer in
            XCTAssertEqual(try journalMode(writer), "wal", "a store holding responses")
            XCTAssertEqual(try insert(["after"], with: writer), 1)
            return true
        }
        XCTAssertEqual(try identities(store), ["after", "alone-true"])

        let besidePath = directory.appendingPathComponent("beside.sqlite").path
        let beside = try ResponseStore(path: besidePath)
        let other = try ResponseStore(path: besidePath)
        try beside.bulkWrite { writer in
            try writer.register(survey)
            XCTAssertEqual(try journalMode(writer), "wal", "another connection has the store open")
            XCTAssertEqual(try insert(["beside"], with: writer), 1)
            return true
        }
        XCTAssertEqual(try identities(other), ["beside"])
    }

    /// An opening that finds the store held by another connection's write, out of WAL mode (as a
    /// bulk write under the rollback journal holds it), waits for it and, when it waited too long,
    /// says what is going on rather than that the file may not be a store.
    func testAnOpeningThatWaitsTooLongForAnotherWriterSaysSo() throws {
        _ = try ResponseStore(path: storePath)
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let holder = try DatabaseQueue(path: storePath, configuration: configuration)
        try holder.writeWithoutTransaction { db in
            XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE"), "delete")
            try db.execute(sql: "BEGIN EXCLUSIVE")
        }
        let started = Date()
        XCTAssertThrowsError(try SQLiteStoreDatabase(path: storePath, busyTimeout: 1)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("another process has been writing the response store for over 1 seconds"), message)
            XCTAssertTrue(message.contains("run this again when it has finished"), message)
        }
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 1, "it waited")
        try holder.writeWithoutTransaction { db in try db.execute(sql: "COMMIT") }
        try holder.close()
        XCTAssertNoThrow(try SQLiteStoreDatabase(path: storePath, busyTimeout: 1))
        XCTAssertTrue(try fileIsInWALMode(), "the opening turned WAL on again")
    }

    /// In continuous mode the thread syncs both files over and over until stopped, and only reads.
    func testWriteBehindSyncsContinuouslyUntilStopped() throws {
        let wal = directory.appendingPathComponent("store.sqlite-wal").path
        let file = directory.appendingPathComponent("store.sqlite").path
        for path in [wal, file] { XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil)) }
        let writeBehind = try XCTUnwrap(WriteBehind(path: wal))
        writeBehind.syncContinuously(alsoSyncing: file)
        let handles = try [wal, file].map { try XCTUnwrap(FileHandle(forWritingAtPath: $0)) }
        for _ in 0..<20 {
            for handle in handles { try handle.write(contentsOf: Data(repeating: 0x5A, count: 1 << 19)) }
            Thread.sleep(forTimeInterval: 0.003)
        }
        XCTAssertGreaterThan(writeBehind.syncs, 4, "synced over and over")
        writeBehind.stop()
        let after = writeBehind.syncs
        Thread.sleep(forTimeInterval: 0.02)
        XCTAssertEqual(writeBehind.syncs, after, "nothing synced after stop")
        for handle in handles { try handle.close() }
        for path in [wal, file] {
            XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, 20 << 19, "the file is only read")
        }
        // A store file that is not there: the WAL alone is synced.
        let alone = try XCTUnwrap(WriteBehind(path: wal))
        alone.syncContinuously(alsoSyncing: directory.appendingPathComponent("missing").path)
        alone.stop()
    }

    // MARK: Many rows a statement

    private func encodedRow(_ identity: String, id: UUID = UUID()) -> EncodedResponse {
        EncodedResponse(Response(id: id, surveyID: survey.id, definitionHash: survey.definitionHash, session: "Umeå",
                                 source: .imported(file: "export.csv", row: 2), identity: identity,
                                 submittedAt: Date(timeIntervalSince1970: 1_741_780_800), answers: ["city": .text(identity)]),
                        storedAt: Date())
    }

    private func storedIdentities(_ store: ResponseStore) throws -> [String] {
        try store.responses(.init(surveyID: survey.id, includeDrafts: true)).compactMap(\.identity)
    }

    /// A batch of two full statements and a tail of single rows, with every kind of row to skip
    /// placed inside a statement, across statements and in the tail.
    private func batch(sharedID: UUID) -> (rows: EncodedRows, expected: [String]) {
        let many = SQLiteRowInserter.rowsPerStatement
        var identities = (0..<(2 * many + 7)).map { "row-\($0)" }
        identities[3] = "old-1"                 // stored by an earlier write
        identities[5] = "row-4"                 // the row before, same statement
        identities[many + 2] = "gone"           // erased (when the store has erased it)
        identities[many + 4] = "row-1"          // an earlier statement's row
        identities[2 * many + 3] = "row-0"      // the single rows after the statements
        identities[2 * many + 5] = "old-2"
        var rows = EncodedRows()
        var expected: [String] = []
        var seen: Set<String> = ["old-1", "old-2", "gone"]
        for (index, identity) in identities.enumerated() {
            // Row 9 has the id of row 8: the same response again, under another identity.
            rows.append(encodedRow(identity, id: index == 8 || index == 9 ? sharedID : UUID()))
            if index != 9, seen.insert(identity).inserted { expected.append(identity) }
        }
        return (rows, expected)
    }

    private func prepareStore(erasing: Bool, name: String) throws -> ResponseStore {
        let store = try ResponseStore(path: directory.appendingPathComponent(name).path)
        var first = EncodedRows()
        for identity in ["old-1", "old-2", "gone"] { first.append(encodedRow(identity)) }
        try store.bulkWrite { writer in
            try writer.register(survey)
            XCTAssertEqual(try writer.insert(first), 3)
            return true
        }
        let gone = try XCTUnwrap(store.responses(.init(surveyID: survey.id)).first { $0.identity == "gone" })
        if erasing {
            XCTAssertEqual(try store.erase(try store.planErasure(.response(gone.id), survey: survey)), 1)
        }
        return store
    }

    func testEachRowOfAStatementIsJudgedAloneAndInOrder() throws {
        for erasing in [false, true] {
            let store = try prepareStore(erasing: erasing, name: erasing ? "erasing.sqlite" : "store.sqlite")
            let (rows, expected) = batch(sharedID: UUID())
            try store.bulkWrite { writer in
                XCTAssertEqual(try writer.insert(rows), expected.count, erasing ? "with the trigger" : "without the trigger")
                return true
            }
            let before = erasing ? ["old-1", "old-2"] : ["old-1", "old-2", "gone"]
            XCTAssertEqual(try storedIdentities(store), before + expected, erasing ? "with the trigger" : "without the trigger")
            // The same batch again adds nothing.
            try store.bulkWrite { writer in
                XCTAssertEqual(try writer.insert(rows), 0)
                return true
            }
            XCTAssertEqual(try storedIdentities(store).count, before.count + expected.count)
        }
    }

    /// The statements store what one row a statement stores (a store filled through single
    /// writes), column for column.
    func testManyRowsAStatementStoreWhatOneRowAStatementStores() throws {
        let sharedID = UUID()
        let (rows, _) = batch(sharedID: sharedID)
        let one = try prepareStore(erasing: true, name: "one.sqlite")
        try one.write { writer in
            for row in rows.rows { _ = try writer.transaction.insert(row) }
        }
        let oneByOne = try one.responses(.init(surveyID: survey.id, includeDrafts: true))
        let many = try prepareStore(erasing: true, name: "many.sqlite")
        try many.bulkWrite { writer in
            _ = try writer.insert(rows)
            return true
        }
        let batched = try many.responses(.init(surveyID: survey.id, includeDrafts: true))
        XCTAssertEqual(batched.count, oneByOne.count)
        let storedAt = StoreDates.format(Date(timeIntervalSince1970: 0))
        XCTAssertEqual(batched.dropFirst(2).map { EncodedResponse($0, storedAt: storedAt).columns },
                       oneByOne.dropFirst(2).map { EncodedResponse($0, storedAt: storedAt).columns })
    }
}

private extension EncodedResponse {
    var columns: [String?] {
        [id, surveyID, definitionHash, session, sourceKind, sourceFile, sourceRow.map(String.init), identity, language, status,
         startedAt, submittedAt, storedAt, metadata, answers]
    }
}
