import Foundation
import Hummingbird
import HummingbirdTesting
import SamlaKit
import SamlaServe
import XCTest

/// The projector: the count and bars through Server-Sent Events, within a second of an answer.
final class LiveResultsTests: XCTestCase {
    func testAnAnswerReachesAnOpenEventStreamWithinASecond() async throws {
        let store = try ServeFixture.store()
        let server = ServeFixture.server(store: store, refresh: 0.25)
        try await testApplication(server).test(.live) { client in
            let connection = try RawConnection(port: try XCTUnwrap(client.port))
            connection.send("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let head = connection.read(until: "\"count\":0")
            XCTAssertTrue(head.hasPrefix("HTTP/1.1 200 OK"), head)
            XCTAssertTrue(head.lowercased().contains("content-type: text/event-stream"), head)
            _ = connection.take()

            for round in 1...3 {
                let sent = Date()
                let response = try await client.postJSON("/api/responses", #"{"id": "\#(UUID())", "answers": {"role": "region", "collaboration": 4, "entry-point": "yes"}}"#)
                XCTAssertEqual(response.status, .created)
                let event = connection.read(until: "\"count\":\(round)", deadline: sent.addingTimeInterval(3))
                XCTAssertTrue(event.contains("\"count\":\(round)"), event)
                XCTAssertLessThan(Date().timeIntervalSince(sent), 1.0, "round \(round)")
                // The board in the event: the count and the region bar at 100 %.
                XCTAssertTrue(event.contains("id=\\\"count\\\">\(round)</span>") || event.contains("id=\\\"count\\\"\\u003e\(round)\\u003c/span\\u003e"), event)
                XCTAssertTrue(event.contains("\(round) (100 %)"), event)
                _ = connection.take()
            }

            // A host action is an event too: the projector shows one question.
            let shown = try await client.postForm("/host/show", [("key", "host-key-for-tests"), ("question", "collaboration")])
            XCTAssertEqual(shown.status, .seeOther)
            let event = connection.read(until: "data-question=\\\"collaboration\\\"")
            XCTAssertTrue(event.contains("data-question=\\\"collaboration\\\""), event)
            XCTAssertFalse(event.contains("data-question=\\\"role\\\""), event)
        }
    }

    func testTheProjectorPageShowsBarsTheQRCodeAndNoPersonalAnswer() async throws {
        let store = try ServeFixture.store()
        let server = ServeFixture.server(store: store)
        try await testApplication(server).test(.router) { client in
            for role in ["region", "region", "municipality"] {
                let body = #"{"id": "\#(UUID())", "answers": {"role": "\#(role)", "email": "anna@example.se", "ideas": "Not approved yet"}}"#
                let response = try await client.postJSON("/api/responses", body)
                XCTAssertEqual(response.status, .created)
            }
            try await Task.sleep(for: .milliseconds(100))
            let page = try await client.execute(uri: "/live", method: .get).text
            XCTAssertTrue(page.contains("<span class=\"count-number\" id=\"count\">3</span>"), page)
            XCTAssertTrue(page.contains(">Region</text>"))
            XCTAssertTrue(page.contains(">2 (67 %)</text>"))
            XCTAssertTrue(page.contains(">1 (33 %)</text>"))
            XCTAssertTrue(page.contains("<div class=\"qr\"><svg xmlns=\"http://www.w3.org/2000/svg\""))
            XCTAssertTrue(page.contains("<script src=\"/assets/live.js\" defer></script>"))
            XCTAssertTrue(page.contains("<noscript><meta http-equiv=\"refresh\" content=\"5\"></noscript>"))
            XCTAssertFalse(page.contains("anna@example.se"))
            XCTAssertFalse(page.contains("Not approved yet"), "free text only after the host approves it")
            // /api/results is `samla summary --json` of the same store, byte for byte.
            let results = try await client.execute(uri: "/api/results?key=host-key-for-tests", method: .get)
            XCTAssertEqual(results.text, SummaryJSON.render(try Analyzer(survey: ServeFixture.survey).summarize(store: store)))
            XCTAssertTrue(results.text.contains("\"responses\": 3"), results.text)
            let qr = try await client.execute(uri: "/qr.svg", method: .get)
            XCTAssertEqual(qr.headers[.contentType], "image/svg+xml")
        }
    }
}
