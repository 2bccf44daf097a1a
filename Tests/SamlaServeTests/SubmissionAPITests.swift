import Foundation
import Hummingbird
import HummingbirdTesting
import SamlaKit
import SamlaServe
import XCTest

/// `POST /api/responses`: idempotent by response id, 422 with located errors, the group commit.
final class SubmissionAPITests: XCTestCase {
    func testARetriedSubmissionIsStoredOnce() async throws {
        let store = try ServeFixture.store()
        let server = ServeFixture.server(store: store)
        try await testApplication(server).test(.router) { client in
            let id = UUID().uuidString.lowercased()
            let body = #"{"id": "\#(id)", "language": "en", "answers": {"role": "region", "focus": {"choices": ["skills"], "other": "Culture"}, "collaboration": 5, "entry-point": "yes", "people": 12, "ideas": "More\nmeetings"}}"#
            let first = try await client.postJSON("/api/responses", body)
            XCTAssertEqual(first.status, .created)
            XCTAssertEqual(first.text, "{\"id\":\"\(id)\",\"stored\":true}\n")
            // Durable before the answer: another connection to the file sees it at once.
            XCTAssertEqual(try ServeFixture.count(store), 1)
            let retry = try await client.postJSON("/api/responses", body)
            XCTAssertEqual(retry.status, .ok)
            XCTAssertEqual(retry.text, "{\"id\":\"\(id)\",\"stored\":false}\n")
            XCTAssertEqual(try ServeFixture.count(store), 1)

            let stored = try store.responses(ResponseStore.Selection(surveyID: "serve-test"))[0]
            XCTAssertEqual(stored.answers["focus"], .choices(["skills"], other: "Culture"))
            XCTAssertEqual(stored.answers["people"], .number(12))
            XCTAssertEqual(stored.answers["ideas"], .text("More\nmeetings"))
            XCTAssertEqual(stored.answers["entry-point"], .choice("yes"))

            // The same id sent by many at once (a retry racing the first): one row, one 201.
            let raced = UUID().uuidString
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        try await client.postJSON("/api/responses", #"{"id": "\#(raced)", "answers": {"role": "municipality"}}"#).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            XCTAssertEqual(statuses.filter { $0 == .created }.count, 1)
            XCTAssertEqual(statuses.filter { $0 == .ok }.count, 11)
            XCTAssertEqual(try ServeFixture.count(store), 2)
        }
    }

    func testBadAnswersGet422WithEveryErrorLocated() async throws {
        let store = try ServeFixture.store()
        let server = ServeFixture.server(store: store)
        try await testApplication(server).test(.router) { client in
            let body = #"{"id": "\#(UUID())", "language": "en", "answers": {"focus": ["skills", "housing", "energy"], "collaboration": 9, "people": 2.5, "nonsense": "x", "ideas": true}}"#
            let response = try await client.postJSON("/api/responses", body)
            XCTAssertEqual(response.status, .unprocessableContent)
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
            let errors = try XCTUnwrap(json["errors"] as? [[String: Any]])
            let byQuestion = Dictionary(errors.map { ($0["question"] as? String ?? "", $0["message"] as? String ?? "") }, uniquingKeysWith: { a, _ in a })
            let en = UIText(language: "en")
            XCTAssertEqual(Set(byQuestion.keys), ["nonsense", "role", "focus", "collaboration", "people", "ideas"])
            XCTAssertEqual(byQuestion["role"], en.needsAnswer)
            XCTAssertEqual(byQuestion["focus"], en.tooMany(2))
            XCTAssertEqual(byQuestion["collaboration"], en.outOfRange("9", min: 1, max: 5))
            XCTAssertEqual(byQuestion["nonsense"], en.unknownQuestion)
            XCTAssertEqual(byQuestion["ideas"], en.notAValidAnswer)
            XCTAssertEqual(try ServeFixture.count(store), 0)

            // Swedish messages for a Swedish submission; a choice id that does not exist.
            let swedish = try await client.postJSON("/api/responses", #"{"id": "\#(UUID())", "language": "sv", "answers": {"role": "kommun"}}"#)
            XCTAssertEqual(swedish.status, .unprocessableContent)
            XCTAssertTrue(swedish.text.contains(JSONEscapeForTest(UIText(language: "sv").notAChoice("kommun", count: 3))), swedish.text)

            for garbage in ["", "[]", "{", #"{"id": "not-a-uuid", "answers": {}}"#, #"{"id": "\#(UUID())"}"#, "\u{0}\u{1}binary"] {
                let response = try await client.postJSON("/api/responses", garbage)
                XCTAssertEqual(response.status, .badRequest, garbage)
                XCTAssertTrue(response.text.hasPrefix("{\"errors\":[{\"question\":null,"), response.text)
            }
            XCTAssertEqual(try ServeFixture.count(store), 0)
        }
    }

    func testABurstIsCommittedInFewTransactionsAndEveryAnswerIsStored() async throws {
        let store = try ServeFixture.store()
        let server = ServeFixture.server(store: store)
        try await testApplication(server).test(.router) { client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<300 {
                    group.addTask {
                        try await client.postJSON("/api/responses", #"{"id": "\#(UUID())", "answers": {"role": "region", "people": \#(index % 400 + 1)}}"#).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            XCTAssertEqual(statuses, Array(repeating: .created, count: 300))
        }
        XCTAssertEqual(try ServeFixture.count(store), 300)
        XCTAssertEqual(server.writer.committedResponses, 300)
        XCTAssertLessThan(server.writer.commits, 300, "answers that arrive together share a commit")
        await server.finish()
    }

    func testAnotherWriterMakesTheServerWaitNotFailAndReadersNeverBlockIt() async throws {
        let store = try ServeFixture.store()
        let server = ServeFixture.server(store: store)
        // A second process's import holds the write lock for a while (another connection).
        let importer = try ResponseStore(path: store.path)
        let survey = ServeFixture.survey
        let locked = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let holder = Thread {
            try? importer.write { writer in
                try writer.register(survey)
                try writer.insert(SamlaKit.Response(surveyID: survey.id, definitionHash: survey.definitionHash,
                                                    answers: ["role": .choice("region")]))
                locked.signal()
                release.wait()
            }
        }
        holder.start()
        locked.wait()
        try await testApplication(server).test(.router) { client in
            let post = Task {
                try await client.postJSON("/api/responses", #"{"id": "\#(UUID())", "answers": {"role": "municipality"}}"#).status
            }
            try await Task.sleep(for: .milliseconds(300))
            // A reader (summary, export) reads what is committed while the writers wait.
            XCTAssertEqual(try ServeFixture.count(store), 0)
            let page = try await client.execute(uri: "/", method: .get)
            XCTAssertEqual(page.status, .ok, "pages are served while the store is locked")
            release.signal()
            let status = try await post.value
            XCTAssertEqual(status, .created, "the submission waited for the lock and was stored")
        }
        XCTAssertEqual(try ServeFixture.count(store), 2)
    }

    func testTheStoreSavesABatchInOneTransactionAndReportsWhichWereNew() throws {
        let store = try ServeFixture.store()
        let survey = ServeFixture.survey
        let known = SamlaKit.Response(surveyID: survey.id, definitionHash: survey.definitionHash, answers: ["role": .choice("region")])
        XCTAssertEqual(try store.save([known], definition: survey), [true])
        let fresh = SamlaKit.Response(surveyID: survey.id, definitionHash: survey.definitionHash, answers: ["role": .choice("municipality")])
        XCTAssertEqual(try store.save([fresh, known, fresh], definition: survey), [true, false, false])
        XCTAssertEqual(try ServeFixture.count(store), 2)
        XCTAssertEqual(try store.save([], definition: survey), [])
        // All or nothing: a response the schema refuses takes the whole batch with it.
        var broken = SamlaKit.Response(surveyID: survey.id, definitionHash: "no-such-definition", answers: [:])
        broken.id = UUID()
        let another = SamlaKit.Response(surveyID: survey.id, definitionHash: survey.definitionHash, answers: [:])
        XCTAssertThrowsError(try store.save([another, broken], definition: survey))
        XCTAssertEqual(try ServeFixture.count(store), 2)
    }
}

func JSONEscapeForTest(_ text: String) -> String {
    text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        .replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e").replacingOccurrences(of: "&", with: "\\u0026")
}
