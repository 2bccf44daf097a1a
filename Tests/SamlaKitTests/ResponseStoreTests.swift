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

    func testASavedResponseReadsBackWhole() throws {
        let store = try ResponseStore(path: storePath())
        let response = Response(surveyID: survey.id, definitionHash: survey.definitionHash, session: "Umeå 2025-03-12",
                                language: "sv", submittedAt: Date(timeIntervalSince1970: 1_741_780_800),
                                answers: ["role": .choice("region"), "focus": .choices(["scale-up"], other: "Turism")])
        try store.save(response, definition: survey)
        let back = try store.responses(.init(surveyID: survey.id))
        XCTAssertEqual(back.count, 1)
        XCTAssertEqual(back.first?.id, response.id)
        XCTAssertEqual(back.first?.answers, response.answers)
        XCTAssertEqual(back.first?.session, "Umeå 2025-03-12")
        XCTAssertEqual(back.first?.submittedAt, response.submittedAt)
        XCTAssertEqual(try store.definitions(surveyID: survey.id).first?.hash, survey.definitionHash)
        // Reopening the same file sees the same data: the real SQLite file, not a cache.
        let reopened = try ResponseStore(path: storePath())
        XCTAssertEqual(try reopened.count(.init(surveyID: survey.id)), 1)
    }

    func testAFailedWriteLeavesNothingBehind() throws {
        struct Boom: Error {}
        let store = try ResponseStore(path: storePath())
        XCTAssertThrowsError(try store.write { writer in
            try writer.register(self.survey)
            for number in 0..<10 {
                try writer.insert(Response(surveyID: self.survey.id, definitionHash: self.survey.definitionHash, answers: ["similar": .text("\(number)")]))
            }
            throw Boom()
        })
        XCTAssertEqual(try store.count(.init(surveyID: survey.id, includeDrafts: true)), 0)
    }

    func testTheSameIdentityIsStoredOnce() throws {
        let store = try ResponseStore(path: storePath())
        let inserted = try store.write { writer -> [Bool] in
            try writer.register(self.survey)
            return try (0..<3).map { _ in
                try writer.insert(Response(surveyID: self.survey.id, definitionHash: self.survey.definitionHash,
                                           source: .imported(file: "a.csv", row: 2), identity: "row-1"))
            }
        }
        XCTAssertEqual(inserted, [true, false, false])
        XCTAssertEqual(try store.count(.init(surveyID: survey.id)), 1)
    }

    func testDraftsAreKeptButNotCountedAndSessionsFilter() throws {
        let store = try ResponseStore(path: storePath())
        try store.write { writer in
            try writer.register(self.survey)
            try writer.insert(Response(surveyID: self.survey.id, definitionHash: self.survey.definitionHash, session: "Umeå"))
            try writer.insert(Response(surveyID: self.survey.id, definitionHash: self.survey.definitionHash, session: "Luleå"))
            try writer.insert(Response(surveyID: self.survey.id, definitionHash: self.survey.definitionHash, session: "Luleå", status: .draft))
        }
        XCTAssertEqual(try store.count(.init(surveyID: survey.id)), 2)
        XCTAssertEqual(try store.count(.init(surveyID: survey.id, sessions: ["Luleå"])), 1)
        XCTAssertEqual(try store.count(.init(surveyID: survey.id, includeDrafts: true)), 3)
        XCTAssertEqual(try store.draftCount(surveyID: survey.id), 1)
        XCTAssertEqual(Set(try store.sessions(surveyID: survey.id).compactMap(\.name)), ["Umeå", "Luleå"])
    }

    func testThePseudonymKeyIsMadeOnceAndKept() throws {
        let store = try ResponseStore(path: storePath())
        let key = try store.pseudonymKey()
        XCTAssertEqual(key.count, 32)
        XCTAssertEqual(try ResponseStore(path: storePath()).pseudonymKey(), key)
        XCTAssertNotEqual(try ResponseStore(path: storePath("other.sqlite")).pseudonymKey(), key)
    }

    func testAFileThatIsNotAStoreIsAClearError() throws {
        let path = storePath("not-a-store.sqlite")
        try Data("this is not sqlite".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try ResponseStore(path: path)) { error in
            XCTAssertTrue("\(error)".contains("cannot open the response store"), "\(error)")
        }
    }
}
