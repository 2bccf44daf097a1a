import Foundation
import Hummingbird
import HummingbirdTesting
import SamlaKit
import SamlaServe
import SamlaTestSupport
import XCTest

/// Notes on the participant's page, through HummingbirdTesting: text among the questions, escaped,
/// shown and hidden by the server's re-render (no JavaScript) exactly as `Survey.isShown` decides,
/// never an input; an answer sent to the JSON API for a note is refused with a 422 that names it.
final class NoteServeTests: XCTestCase {
    static var survey: Survey {
        let result = SurveyLoader.parse(text: NoteSurvey.text, file: "notes.yaml")
        guard let survey = result.survey else { fatalError("fixture survey: \(result.diagnostics)") }
        return survey
    }

    private func server(_ store: ResponseStore) -> ServeServer {
        ServeServer(configuration: ServeConfiguration(survey: Self.survey, store: store, session: "Test", hostKey: "host-key-for-tests",
                                                      participantURL: "http://127.0.0.1:8080/", rateLimit: nil, refreshInterval: 0.05))
    }

    /// The opening tag of the element with `id`.
    private static func tag(_ page: String, id: String, file: StaticString = #filePath, line: UInt = #line) throws -> Substring {
        let start = try XCTUnwrap(page.range(of: "id=\"\(id)\""), "no \(id) on the page", file: file, line: line)
        let open = try XCTUnwrap(page[..<start.lowerBound].range(of: "<", options: .backwards), file: file, line: line)
        return page[open.lowerBound...].prefix { $0 != ">" }
    }

    func testNotesAreEscapedTextAmongTheQuestionsAndFollowTheirShowIfWithoutJavaScript() async throws {
        let store = try ServeFixture.store()
        try await testApplication(server(store)).test(.router) { client in
            let page = try await client.execute(uri: "/", method: .get).text
            XCTAssertTrue(page.contains("<div class=\"note\" id=\"n-welcome\" data-note=\"welcome\"><p class=\"note-text\">Welcome &lt;b&gt;all&lt;/b&gt; &amp; thanks</p>"
                + "<p class=\"note-text\">It takes two minutes.</p><p class=\"question-hint\">Nothing is kept until you finish</p></div>"), page)
            XCTAssertFalse(page.contains("<b>all</b>"), "a note's text is never markup")
            let welcome = try XCTUnwrap(page.range(of: "id=\"n-welcome\"")), role = try XCTUnwrap(page.range(of: "id=\"q-role\""))
            let goodbye = try XCTUnwrap(page.range(of: "id=\"n-goodbye\"")), plans = try XCTUnwrap(page.range(of: "id=\"q-plans\""))
            XCTAssertLessThan(welcome.lowerBound, role.lowerBound)
            XCTAssertLessThan(plans.lowerBound, goodbye.lowerBound)
            XCTAssertTrue(page.contains("<h2 class=\"section\" data-questions=\"region-note plans goodbye\">Regional part</h2><div class=\"note\" id=\"n-region-note\""), page)
            XCTAssertTrue(try Self.tag(page, id: "n-region-note").hasSuffix(" hidden"), "the conditional note starts hidden")
            XCTAssertTrue(try Self.tag(page, id: "n-region-note").contains("data-show-if=\"{&quot;all&quot;:[{&quot;question&quot;:&quot;role&quot;,&quot;equals&quot;:&quot;b&quot;},"
                + "{&quot;not&quot;:{&quot;question&quot;:&quot;size&quot;,&quot;at_least&quot;:50}}]}\""))
            XCTAssertFalse(page.contains("name=\"a:welcome\"") || page.contains("name=\"a:region-note\""), "a note has no input")
            XCTAssertTrue(page.contains("<span class=\"number\">3.</span> Plans"), "notes are not numbered")
            XCTAssertTrue(page.contains("name=\"shown\" value=\"role size plans\""), "the shown field lists questions only")

            for role in [nil, "a", "b"] {
                for size in [nil, "10", "60"] {
                    var fields = [("response_id", UUID().uuidString.lowercased()), ("lang", "en"), ("shown", "role size plans")]
                    if let role { fields.append(("a:role", role)) }
                    if let size { fields.append(("a:size", size)) }
                    let response = try await client.postForm("/", fields + [("action", "update")])
                    XCTAssertEqual(response.status, .ok)
                    let shows = NoteSurvey.regionNoteShows(role: role, size: size.flatMap(Double.init))
                    XCTAssertEqual(try Self.tag(response.text, id: "n-region-note").hasSuffix(" hidden"), !shows, "\(role ?? "-") \(size ?? "-")")
                    XCTAssertFalse(try Self.tag(response.text, id: "n-goodbye").hasSuffix(" hidden"))
                }
            }
            XCTAssertEqual(try ServeFixture.count(store, surveyID: "notes"), 0)
        }
    }

    func testAnAnswerPostedForANoteIsRefusedWithItsName() async throws {
        let store = try ServeFixture.store()
        try await testApplication(server(store)).test(.router) { client in
            let api = try await client.postJSON("/api/responses", #"{"id": "\#(UUID())", "answers": {"role": "a", "welcome": "hello"}}"#)
            XCTAssertEqual(api.status, .unprocessableContent)
            XCTAssertTrue(api.text.contains("welcome") && api.text.contains("That is a note in the survey, not a question: it takes no answer."), api.text)
            XCTAssertEqual(try ServeFixture.count(store, surveyID: "notes"), 0, "nothing stored")
            // The form reads its fields by question, as it treats any field it does not know: a field
            // named after a note (the page has none) reaches nothing.
            let form = try await client.postForm("/", [("response_id", UUID().uuidString.lowercased()), ("lang", "en"), ("shown", "role size plans"),
                                                       ("a:role", "b"), ("a:region-note", "x"), ("a:plans", "Grow"), ("action", "send")])
            XCTAssertEqual(form.status, .seeOther)
            let accepted = try await client.postJSON("/api/responses", #"{"id": "\#(UUID())", "answers": {"role": "a", "plans": "Stay"}}"#)
            XCTAssertEqual(accepted.status, .created, accepted.text)
            let stored = try ResponseStore(path: store.path).responses(ResponseStore.Selection(surveyID: "notes"))
            XCTAssertEqual(stored.map(\.answers), [["role": .choice("b"), "plans": .text("Grow")], ["role": .choice("a"), "plans": .text("Stay")]])
        }
    }
}
