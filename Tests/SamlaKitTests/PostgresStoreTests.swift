import Foundation
import SamlaTestSupport
import XCTest
@testable import SamlaKit

/// The store's behaviour on a real PostgreSQL server (`SAMLA_TEST_POSTGRES_URL`, started by
/// `make test`): the same bodies as `ResponseStoreTests`, each store a new database.
final class PostgresStoreTests: XCTestCase {
    private var survey: Survey!
    private var databases: [String: String] = [:]
    private var directory: URL!

    override func setUpWithError() throws {
        survey = try SurveyLoader.require(path: TestPaths.repo("surveys/tnc-workshop.yaml"))
        databases = [:]
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A new database per store name; "never-made" names one that does not hold a store.
    private func location(_ name: String) throws -> String {
        if let known = databases[name] { return known }
        let url = try TestPostgres.freshDatabase()
        databases[name] = url
        return url
    }

    private var contract: StoreContract {
        StoreContract(survey: survey) { [unowned self] name in try self.location(name) }
    }

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

    func testTheSchemaIsVersionedAndANewerOneRefused() throws {
        let url = try location("store")
        _ = try ResponseStore(path: url)
        XCTAssertEqual(try TestPostgres.psql(url, "SELECT max(version) FROM samla_schema"), "\(PostgresSchema.migrations.count)")
        // Opening again migrates nothing.
        _ = try ResponseStore(path: url)
        XCTAssertEqual(try TestPostgres.psql(url, "SELECT count(*) FROM samla_schema"), "\(PostgresSchema.migrations.count)")
        try TestPostgres.psql(url, "INSERT INTO samla_schema (version, name) VALUES (99, 'from the future')")
        XCTAssertThrowsError(try ResponseStore(path: url)) { error in
            XCTAssertTrue("\(error)".contains("made by a newer Samla"), "\(error)")
            XCTAssertTrue("\(error)".contains("version 99"), "\(error)")
        }
    }

    func testAWrongServerIsAClearError() throws {
        var components = try XCTUnwrap(URLComponents(string: try TestPostgres.serverURL()))
        components.path = "/no_such_database"
        XCTAssertThrowsError(try ResponseStore(path: components.string!)) { error in
            XCTAssertTrue("\(error)".contains("cannot open the response store"), "\(error)")
            XCTAssertTrue("\(error)".contains("no_such_database"), "\(error)")
        }
    }
}
