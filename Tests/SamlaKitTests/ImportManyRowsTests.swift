import Foundation
import SamlaTestSupport
import XCTest
@testable import SamlaKit

/// A bulk write inserts `SQLiteRowInserter.rowsPerStatement` rows a statement: each row must still
/// be judged alone and in order, on the real SQLite file: a row whose id or identity is stored, or
/// came earlier in the batch (in the same statement or another), is skipped, an erased identity is
/// skipped through the trigger, and the rows stored keep the batch's order.
final class ImportManyRowsTests: XCTestCase {
    private var directory: URL!
    private var survey: Survey!

    override func setUpWithError() throws {
        directory = TestPaths.temporaryDirectory()
        survey = try writeSurvey("""
            format: 1
            id: many
            title: {en: Many}
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

    private func row(_ identity: String, id: UUID = UUID()) -> EncodedResponse {
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
            rows.append(row(identity, id: index == 8 || index == 9 ? sharedID : UUID()))
            if index != 9, seen.insert(identity).inserted { expected.append(identity) }
        }
        return (rows, expected)
    }

    private func prepareStore(erasing: Bool, name: String) throws -> ResponseStore {
        let store = try ResponseStore(path: directory.appendingPathComponent(name).path)
        var first = EncodedRows()
        for identity in ["old-1", "old-2", "gone"] { first.append(row(identity)) }
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
