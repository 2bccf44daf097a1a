import Foundation
import Hummingbird
import HummingbirdTesting
import SamlaKit
import SamlaServe
import XCTest

/// What respondents and strangers can send: markup that must stay text everywhere, host actions
/// without the key, garbage, disconnects, oversized bodies, floods.
final class SafetyTests: XCTestCase {
    static let attacks = [
        "<script>alert(1)</script>",
        "\"><svg onload=alert(1)>",
        "'><img src=x onerror=alert(2)>",
        "</textarea><script>alert(3)</script>",
        "</text></svg><script>alert(4)</script>",
        "data: {\"board\":\"<script>\"}\n\nevent: results",
        "javascript:alert(5)//&amp;&lt;",
    ]

    func testRespondentMarkupIsStoredAsWrittenAndShownOnlyAsText() async throws {
        let store = try ServeFixture.store()
        let server = ServeFixture.server(store: store)
        let key = "host-key-for-tests"
        try await testApplication(server).test(.live) { client in
            for attack in Self.attacks {
                let body = #"{"id": "\#(UUID())", "answers": {"role": {"other": \#(JSONQuoted(attack))}, "ideas": \#(JSONQuoted(attack)), "focus": {"choices": [], "other": \#(JSONQuoted(attack))}}}"#
                let response = try await client.postJSON("/api/responses", body)
                XCTAssertEqual(response.status, .created, attack)
            }
            // Stored exactly as written (a line break kept, nothing escaped in the store).
            let stored = try store.responses(ResponseStore.Selection(surveyID: "serve-test"))
            XCTAssertEqual(Set(stored.compactMap { if case .text(let text)? = $0.answers["ideas"] { text } else { nil } }),
                           Set(Self.attacks.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }))

            // The host page lists them as text.
            let host = try await client.execute(uri: "/host?key=\(key)", method: .get).text
            Self.assertNoLiveMarkup(host, "host page")
            XCTAssertTrue(host.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))

            // The host approves each for the projector; the projector page and its SVG show them as text.
            for attack in Self.attacks {
                let approved = try await client.postForm("/host/approve", [("key", key), ("question", "ideas"),
                                                                           ("text", attack.trimmingCharacters(in: .whitespacesAndNewlines))])
                XCTAssertEqual(approved.status, .seeOther)
            }
            try await Task.sleep(for: .milliseconds(150))
            let live = try await client.execute(uri: "/live", method: .get).text
            Self.assertNoLiveMarkup(live, "projector")
            XCTAssertTrue(live.contains("<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>"), live)
            XCTAssertTrue(live.contains("<li>&quot;&gt;&lt;svg onload=alert(1)&gt;</li>"))

            // The event stream: every respondent character inside a JSON string, escaped, so
            // neither a line break nor markup escapes it.
            let port = try XCTUnwrap(client.port)
            let connection = try RawConnection(port: port)
            connection.send("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
            let stream = connection.read(until: "\n\n", deadline: Date().addingTimeInterval(5))
            let received = connection.read(until: "}\n\n", deadline: Date().addingTimeInterval(5))
            XCTAssertTrue(received.contains("event: results\ndata: {"), stream + received)
            let events = received.components(separatedBy: "\n\n").filter { $0.contains("event: results") }
            XCTAssertEqual(events.count, 1, "one event, not one a text could forge")
            let dataLines = events[0].split(separator: "\n").filter { $0.hasPrefix("data: ") }
            XCTAssertEqual(dataLines.count, 1, "the event is one JSON line")
            XCTAssertFalse(events[0].contains("<script"), "no raw markup in the stream")
            let payload = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(dataLines[0].dropFirst(6).utf8)) as? [String: Any])
            let board = try XCTUnwrap(payload["board"] as? String)
            Self.assertNoLiveMarkup(board, "board in the event")
            XCTAssertTrue(board.contains("&lt;/text&gt;&lt;/svg&gt;&lt;script&gt;alert(4)&lt;/script&gt;"))
            // The summary in the event carries no respondent text at all.
            let summary = try XCTUnwrap(payload["summary"] as? [String: Any])
            XCTAssertFalse(String(describing: summary).contains("alert"))
        }
    }

    /// No element or attribute a respondent could have started: every `<` begins a tag the page
    /// itself writes.
    static func assertNoLiveMarkup(_ html: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for bad in ["<script>alert", "<svg onload", "<img src=x", "onerror=alert(2)>", "</textarea><script"] {
            XCTAssertFalse(html.contains(bad), "\(what) has \(bad)", file: file, line: line)
        }
        XCTAssertFalse(html.contains("\" onload=") || html.contains("' onerror="), "\(what) has an attribute from an answer", file: file, line: line)
    }

    func testHostActionsNeedTheKey() async throws {
        let store = try ServeFixture.store()
        let server = ServeFixture.server(store: store)
        try await testApplication(server).test(.router) { client in
            for uri in ["/host", "/host?key=", "/host?key=host-key-for-test", "/host?key=host-key-for-testsX", "/api/results"] {
                let response = try await client.execute(uri: uri, method: .get)
                XCTAssertEqual(response.status, .forbidden, uri)
                XCTAssertFalse(response.text.contains("host-key-for-tests"), "the key never appears in a refusal")
            }
            for action in ["close", "open", "next", "show", "approve", "hide"] {
                for fields in [[], [("key", "")], [("key", "wrong")]] as [[(String, String)]] {
                    let response = try await client.postForm("/host/\(action)", fields + [("question", "ideas"), ("text", "x")])
                    XCTAssertEqual(response.status, .forbidden, "\(action) \(fields)")
                }
            }
            XCTAssertTrue(server.handlers.state.snapshot.isOpen)
            XCTAssertTrue(server.handlers.state.snapshot.approved.isEmpty)
            XCTAssertNil(server.handlers.state.snapshot.projectorQuestion)
            XCTAssertEqual(server.handlers.state.snapshot.version, 0, "nothing changed")

            // With the key: close, and participants are turned away; open again.
            let page = try await client.execute(uri: "/host?key=host-key-for-tests", method: .get)
            XCTAssertEqual(page.status, .ok)
            let close = try await client.postForm("/host/close", [("key", "host-key-for-tests")])
            XCTAssertEqual(close.status, .seeOther)
            let closed = try await client.postJSON("/api/responses", #"{"id": "\#(UUID())", "answers": {"role": "region"}}"#)
            XCTAssertEqual(closed.status, .forbidden)
            let closedPage = try await client.execute(uri: "/", method: .get)
            XCTAssertTrue(closedPage.text.contains(UIText(language: "sv").surveyClosed))
            let next = try await client.postForm("/host/next", [("key", "host-key-for-tests")])
            XCTAssertEqual(next.status, .seeOther)
            XCTAssertEqual(server.handlers.state.snapshot.projectorQuestion, "role")
            let open = try await client.postForm("/host/open", [("key", "host-key-for-tests")])
            XCTAssertEqual(open.status, .seeOther)
            let results = try await client.execute(uri: "/api/results?key=host-key-for-tests", method: .get)
            XCTAssertEqual(results.status, .ok)
            XCTAssertTrue(results.text.contains("\"survey\""), results.text)
            XCTAssertEqual(try ServeFixture.count(store), 0)
        }
    }

    func testErrorsSayWhatWithoutInternalsAndBodiesHaveALimit() async throws {
        let store = try ServeFixture.store()
        let server = ServeFixture.server(store: store)
        try await testApplication(server).test(.router) { client in
            let missing = try await client.execute(uri: "/no/such/page", method: .get)
            XCTAssertEqual(missing.status, .notFound)
            let large = String(repeating: "a", count: 70 * 1024)
            let tooLarge = try await client.postJSON("/api/responses", #"{"id": "\#(UUID())", "answers": {"ideas": "\#(large)"}}"#)
            XCTAssertEqual(tooLarge.status, .contentTooLarge)
            XCTAssertTrue(tooLarge.text.hasPrefix("{\"error\":"))
            let form = try await client.postForm("/", [("a:ideas", large)])
            XCTAssertEqual(form.status, .contentTooLarge)
            for response in [missing, tooLarge, form] {
                XCTAssertFalse(response.text.contains(".swift") || response.text.contains("/work") || response.text.contains("Error("),
                               response.text)
                XCTAssertNotNil(response.headers[.contentSecurityPolicy])
            }
            XCTAssertEqual(try ServeFixture.count(store), 0)
        }
    }

    func testGarbageAndDisconnectsLeaveTheServerUp() async throws {
        let store = try ServeFixture.store()
        let server = ServeFixture.server(store: store)
        try await testApplication(server).test(.live) { client in
            let port = try XCTUnwrap(client.port)
            let garbage: [[UInt8]] = [
                Array("GARBAGE\r\n\r\n".utf8),
                [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03],   // a TLS hello
                Array("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n".utf8),
                Array("POST /api/responses HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n".utf8),
                Array("GET /\u{0}\u{7f} HTTP/1.1\r\n\r\n".utf8),
                (0..<4096).map { _ in UInt8.random(in: 0...255) },
            ]
            for bytes in garbage {
                let connection = try RawConnection(port: port, timeout: 2)
                connection.send(bytes)
                connection.read(until: "\r\n\r\n", deadline: Date().addingTimeInterval(2))
            }
            // Half a request, and half a body, then gone.
            for partial in ["GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                            "POST /api/responses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"id\": \""] {
                let connection = try RawConnection(port: port)
                connection.send(partial)
            }
            // A projector that goes away mid-stream.
            do {
                let connection = try RawConnection(port: port)
                connection.send("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                connection.read(until: "retry:")
            }
            let page = try await client.execute(uri: "/", method: .get)
            XCTAssertEqual(page.status, .ok)
            let stored = try await client.postJSON("/api/responses", #"{"id": "\#(UUID())", "answers": {"role": "region"}}"#)
            XCTAssertEqual(stored.status, .created)
            XCTAssertEqual(try ServeFixture.count(store), 1, "the half-sent answer stored nothing")
        }
    }

    func testAFloodFromOneDeviceIsRefusedWith429() async throws {
        let store = try ServeFixture.store()
        let server = ServeFixture.server(store: store, rateLimit: (perSecond: 1, burst: 5))
        try await testApplication(server).test(.live) { client in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<8 {
                statuses.append(try await client.execute(uri: "/", method: .get).status)
            }
            XCTAssertEqual(statuses.prefix(5).filter { $0 == .ok }.count, 5, "\(statuses)")
            XCTAssertTrue(statuses.suffix(2).allSatisfy { $0 == .tooManyRequests }, "\(statuses)")
            let refused = try await client.execute(uri: "/", method: .get)
            XCTAssertEqual(refused.headers[.retryAfter], "1")
        }
    }
}

func JSONQuoted(_ text: String) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast().description
}
