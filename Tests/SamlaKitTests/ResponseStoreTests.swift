import SamlaTestSupport
import XCTest
@testable import SamlaKit

final class ResponseStoreTests: XCTestCase {
    private var directory: URL!
    private var survey: Survey!

    override func setUpWithError() throws {
        directory = TestPaths.temporaryDirectory()
        survey = try SurveyLoader.require(path: TestPaths.repo("surveys/tnc-workshop.yaml"))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func storePath(_ name: String = "store.sqlite") -> String {
        directory.appendingPathComponent(name).path
    }

    func testCommitsUseSynchronousFullDespiteThePoolsWALDefault() throws {
        let store = try ResponseStore(path: storePath())
        XCTAssertEqual(try store.synchronousLevel(), 2, "PRAGMA synchronous must be FULL (2) on the writer")
    }

    /// An import writes with foreign keys off (so SQLite keeps no statement journal per insert) and
    /// checks the rows' definition itself: a row naming an unknown definition fails the whole
    /// write as the constraint would, and the connection has foreign keys on again afterwards.
    func testABulkWriteChecksTheDefinitionItselfAndTurnsForeignKeysBackOn() throws {
        let store = try ResponseStore(path: storePath())
        let good = contract.response(identity: "row-1")
        var orphan = contract.response(identity: "row-2")
        orphan.definitionHash = String(repeating: "0", count: 64)
        XCTAssertThrowsError(try store.bulkWrite { writer in
            try writer.register(survey)
            XCTAssertEqual(try writer.insert([EncodedResponse(good, storedAt: Date()), EncodedResponse(orphan, storedAt: Date())]), 2)
            return true
        }) { error in
            XCTAssertTrue("\(error)".contains("FOREIGN KEY"), "\(error)")
        }
        XCTAssertEqual(try store.count(.init(surveyID: survey.id, includeDrafts: true)), 0, "nothing of the failed write stays")
        XCTAssertEqual(try store.definitions(surveyID: survey.id).count, 0)

        try store.bulkWrite { writer in
            try writer.register(survey)
            XCTAssertEqual(try writer.insert([EncodedResponse(good, storedAt: Date())]), 1)
            return true
        }
        XCTAssertEqual(try store.responses(.init(surveyID: survey.id)), [good])
        // Foreign keys hold again for every later write on the pool's writer.
        XCTAssertThrowsError(try store.write { writer in _ = try writer.insert(orphan) }) { error in
            XCTAssertTrue("\(error)".contains("FOREIGN KEY"), "\(error)")
        }
        XCTAssertEqual(try store.count(.init(surveyID: survey.id)), 1)
    }

    private var contract: StoreContract {
        StoreContract(survey: survey) { [directory] name in directory!.appendingPathComponent(name + ".sqlite").path }
    }

    // The bodies every store runs (PostgresStoreTests runs them on PostgreSQL).
    func testASavedResponseReadsBackWhole() throws { try contract.aSavedResponseReadsBackWhole() }
    func testAFailedWriteLeavesNothingBehind() throws { try contract.aFailedWriteLeavesNothingBehind() }
    func testTheSameIdentityOrIDIsStoredOnce() throws { try contract.theSameIdentityOrIDIsStoredOnce() }
    func testABatchIsSavedWholeAndOnce() throws { try contract.aBatchIsSavedWholeAndOnce() }
    func testDraftsAreKeptButNotCountedAndSessionsFilter() throws { try contract.draftsAreKeptButNotCountedAndSessionsFilter() }
    func testThePseudonymKeyIsMadeOnceAndKept() throws { try contract.thePseudonymKeyIsMadeOnceAndKept() }
    func testSourceFilesKeepWhatTheyDidNotAsk() throws { try contract.sourceFilesKeepWhatTheyDidNotAsk() }
    func testAnErasedRowIsNotImportedAgain() throws { try contract.anErasedRowIsNotImportedAgain() }
    func testReadingCommandsDoNotMakeAStore() throws { try contract.readingCommandsDoNotMakeAStore() }
    func testAMergeCopiesResponsesOnceKeepingTheirIDs() throws { try contract.aMergeCopiesResponsesOnceKeepingTheirIDs() }
    func testAnImportCountsRowsOnceAcrossBatchesAndFiles() throws { try contract.anImportCountsRowsOnceAcrossBatchesAndFiles(in: directory) }

    func testAStoreOfANewerSamlaIsRefused() throws {
        let path = storePath()
        _ = try ResponseStore(path: path)
        // As a later Samla would leave it: one more migration applied, written by the sqlite3 shell.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        shell.arguments = [path, "INSERT INTO grdb_migrations (identifier) VALUES ('v9 from the future')"]
        try shell.run()
        shell.waitUntilExit()
        XCTAssertEqual(shell.terminationStatus, 0)
        XCTAssertThrowsError(try ResponseStore(path: path)) { error in
            XCTAssertTrue("\(error)".contains("made by a newer Samla"), "\(error)")
            XCTAssertTrue("\(error)".contains("v9 from the future"), "\(error)")
        }
    }

    func testAFileThatIsNotAStoreIsAClearError() throws {
        let path = storePath("not-a-store.sqlite")
        try Data("this is not sqlite".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try ResponseStore(path: path)) { error in
            XCTAssertTrue("\(error)".contains("cannot open the response store"), "\(error)")
        }
    }
}
