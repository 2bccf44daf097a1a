import Foundation
import Hummingbird
import HummingbirdTesting
import SamlaKit
import SamlaServe
import WebServing
import XCTest

/// The participant's form through HTTP: every question type, languages, show_if without
/// JavaScript, errors beside their question, and the stored response.
final class ParticipantPageTests: XCTestCase {
    func testThePageHasEveryQuestionTypeAccessiblyAndOnlyLocalResources() async throws {
        let store = try ServeFixture.store()
        let server = ServeFixture.server(store: store)
        try await testApplication(server).test(.router) { client in
            let response = try await client.execute(uri: "/", method: .get)
            XCTAssertEqual(response.status, .ok)
            let page = response.text
            XCTAssertTrue(page.hasPrefix("<!doctype html><html lang=\"sv\">"))
            XCTAssertEqual(page.components(separatedBy: "<fieldset").count - 1, 7)
            XCTAssertEqual(page.components(separatedBy: "<legend").count - 1, 7)
            XCTAssertTrue(page.contains("type=\"radio\" id=\"c-role-0\" name=\"a:role\" value=\"municipality\""))
            XCTAssertTrue(page.contains("type=\"checkbox\" id=\"c-focus-2\" name=\"a:focus\" value=\"energy\""))
            XCTAssertTrue(page.contains("name=\"o:focus\""), "the text beside Other")
            XCTAssertTrue(page.contains("value=\"5\"><span>5 Mycket</span>"), "scale points with their labels")
            XCTAssertTrue(page.contains("inputmode=\"decimal\" id=\"i-people\""))
            XCTAssertTrue(page.contains("<textarea id=\"i-ideas\""))
            XCTAssertTrue(page.contains("<label class=\"option\" for=\"c-role-0\">"), "every control has its label")
            // The follow-up is hidden until the scale says at least 3, and says how it is shown.
            XCTAssertTrue(page.contains("id=\"q-entry-point\" data-question=\"entry-point\" data-type=\"single_choice\" data-show-if=\"{&quot;question&quot;:&quot;collaboration&quot;,&quot;at_least&quot;:3}\" hidden>"))
            XCTAssertTrue(page.contains("value=\"lang:en\" lang=\"en\">English</button>"))
            XCTAssertTrue(page.contains(UIText(language: "sv").privacyNote))
            XCTAssertNotNil(responseID(in: page).flatMap(UUID.init(uuidString:)))
            // Nothing from another origin: every src and href is the server's own.
            for attribute in ["src=\"", "href=\""] {
                for piece in page.components(separatedBy: attribute).dropFirst() {
                    XCTAssertTrue(piece.hasPrefix("/"), "\(attribute)\(piece.prefix(40))")
                }
            }
            XCTAssertEqual(response.headers[.contentSecurityPolicy], SecurityHeadersMiddleware<ClientRequestContext>.contentSecurityPolicy)
            XCTAssertTrue(response.headers[.contentSecurityPolicy]!.contains("script-src 'self'"))

            let english = try await client.execute(uri: "/?lang=en", method: .get).text
            XCTAssertTrue(english.contains("Which organisation do you represent?"))
            XCTAssertTrue(english.contains("<html lang=\"en\">"))
            let unknown = try await client.execute(uri: "/?lang=xx", method: .get).text
            XCTAssertTrue(unknown.contains("<html lang=\"sv\">"), "an unknown language falls back to the survey's first")

            for asset in ["/assets/samla.css", "/assets/form.js", "/assets/live.js"] {
                let response = try await client.execute(uri: asset, method: .get)
                XCTAssertEqual(response.status, .ok, asset)
                XCTAssertFalse(response.text.contains("http://") || response.text.contains("https://"), asset)
            }
        }
    }

    func testTheLanguageSwitchKeepsTheAnswersAndStoresNothing() async throws {
        let store = try ServeFixture.store()
        let server = ServeFixture.server(store: store)
        try await testApplication(server).test(.router) { client in
            let id = UUID().uuidString.lowercased()
            let response = try await client.postForm("/", [
                ("response_id", id), ("lang", "sv"), ("shown", "role focus collaboration people ideas email"),
                ("a:role", "other"), ("o:role", "Förening"), ("a:focus", "skills"), ("a:focus", "energy"),
                ("a:ideas", "Mer samverkan"), ("action", "lang:en"),
            ])
            XCTAssertEqual(response.status, .ok)
            let page = response.text
            XCTAssertTrue(page.contains("<html lang=\"en\">"))
            XCTAssertTrue(page.contains("What would you like to focus on?"))
            XCTAssertTrue(page.contains("value=\"skills\" checked>"))
            XCTAssertTrue(page.contains("value=\"energy\" checked>"))
            XCTAssertFalse(page.contains("value=\"housing\" checked>"))
            XCTAssertTrue(page.contains("name=\"o:role\" value=\"Förening\""))
            XCTAssertTrue(page.contains(">Mer samverkan</textarea>"))
            XCTAssertEqual(responseID(in: page), id, "the same response id travels on")
            XCTAssertEqual(try ServeFixture.count(store), 0)
        }
    }

    func testShowIfWithoutJavaScriptShowsTheNewQuestionBeforeStoring() async throws {
        let store = try ServeFixture.store()
        let server = ServeFixture.server(store: store)
        try await testApplication(server).test(.router) { client in
            let id = UUID().uuidString.lowercased()
            var fields = [("response_id", id), ("lang", "en"), ("shown", "role focus collaboration people ideas email"),
                          ("a:role", "region"), ("a:collaboration", "4"), ("action", "send")]
            let first = try await client.postForm("/", fields)
            XCTAssertEqual(first.status, .ok)
            XCTAssertTrue(first.text.contains(UIText(language: "en").newQuestionsAppeared))
            XCTAssertTrue(first.text.contains("&quot;at_least&quot;:3}\">"), "the follow-up is no longer hidden")
            XCTAssertTrue(first.text.contains("name=\"shown\" value=\"role focus collaboration entry-point people ideas email\""))
            XCTAssertEqual(try ServeFixture.count(store), 0)

            // "Update" re-renders the same way without the notice.
            let update = try await client.postForm("/", fields.map { $0.0 == "action" ? ("action", "update") : $0 })
            XCTAssertTrue(update.text.contains("&quot;at_least&quot;:3}\">"))

            fields = fields.map { $0.0 == "shown" ? ("shown", "role focus collaboration entry-point people ideas email") : $0 }
            fields.append(("a:entry-point", "yes"))
            let sent = try await client.postForm("/", fields)
            XCTAssertEqual(sent.status, .seeOther)
            XCTAssertEqual(sent.headers[.location], "/thanks?lang=en")
            let stored = try ResponseStore(path: store.path).responses(ResponseStore.Selection(surveyID: "serve-test"))
            XCTAssertEqual(stored.count, 1)
            XCTAssertEqual(stored.first?.id.uuidString.lowercased(), id)
            XCTAssertEqual(stored.first?.answers["entry-point"], .choice("yes"))
            XCTAssertEqual(stored.first?.answers["collaboration"], .number(4))
            XCTAssertEqual(stored.first?.session, "Test")
            XCTAssertEqual(stored.first?.language, "en")

            // A low score hides the follow-up again; an answer sent for it anyway is dropped.
            let low = try await client.postForm("/", [("response_id", UUID().uuidString), ("lang", "en"),
                                                      ("shown", "role focus collaboration people ideas email"),
                                                      ("a:role", "region"), ("a:collaboration", "2"), ("a:entry-point", "no")])
            XCTAssertEqual(low.status, .seeOther)
            let all = try store.responses(ResponseStore.Selection(surveyID: "serve-test"))
            XCTAssertEqual(all.count, 2)
            XCTAssertNil(all.last?.answers["entry-point"])
            let thanks = try await client.execute(uri: "/thanks?lang=en", method: .get)
            XCTAssertTrue(thanks.text.contains(UIText(language: "en").thanks))
        }
    }

    func testErrorsStandBesideTheirQuestionInTheParticipantsLanguage() async throws {
        let store = try ServeFixture.store()
        let server = ServeFixture.server(store: store)
        try await testApplication(server).test(.router) { client in
            let response = try await client.postForm("/", [
                ("response_id", UUID().uuidString), ("lang", "sv"), ("shown", "role focus collaboration people ideas email"),
                ("a:focus", "skills"), ("a:focus", "housing"), ("a:focus", "energy"),
                ("a:people", "3,5"), ("a:ideas", "<b>fet</b>"), ("action", "send"),
            ])
            XCTAssertEqual(response.status, .unprocessableContent)
            let page = response.text
            let sv = UIText(language: "sv")
            // Each message inside its own fieldset, tied to the controls for screen readers.
            for (question, message) in [("role", sv.needsAnswer), ("focus", sv.tooMany(2)),
                                        ("people", sv.notANumber("3,5", hint: sv.numberHint(integer: true, min: 1, max: 500)))] {
                guard let start = page.range(of: "id=\"q-\(question)\""),
                      let end = page.range(of: "</fieldset>", range: start.upperBound..<page.endIndex) else {
                    return XCTFail("no fieldset for \(question)")
                }
                let fieldset = page[start.lowerBound..<end.lowerBound]
                XCTAssertTrue(fieldset.contains("<p class=\"error\" id=\"e-\(question)\">\(HTMLEscapeForTest(message))</p>"), "\(question): \(fieldset)")
                XCTAssertTrue(fieldset.contains("aria-describedby=\"e-\(question)\" aria-invalid=\"true\""))
            }
            XCTAssertFalse(page.range(of: "id=\"q-ideas\"").map { page[$0.lowerBound...].prefix(600).contains("class=\"error\"") } ?? true)
            XCTAssertTrue(page.contains("&lt;b&gt;fet&lt;/b&gt;</textarea>"), "what was typed comes back, as text")
            XCTAssertTrue(page.contains("role=\"alert\""))
            XCTAssertEqual(try ServeFixture.count(store), 0)
            // Other chosen without its text.
            let other = try await client.postForm("/", [("response_id", UUID().uuidString), ("lang", "en"), ("a:role", "other"),
                                                        ("shown", "role focus collaboration people ideas email")])
            XCTAssertEqual(other.status, .unprocessableContent)
            XCTAssertTrue(other.text.contains(UIText(language: "en").otherNeedsText))
        }
    }
}

func HTMLEscapeForTest(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
}
