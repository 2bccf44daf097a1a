import Foundation
import Hummingbird
import HummingbirdTesting
import SamlaKit
import SamlaServe
import SamlaTestSupport
import XCTest

/// A `show_if` with any / all / not on the participant's page: the tree travels as JSON in one
/// attribute, the server re-renders it without JavaScript exactly as `Survey.isShown` decides,
/// and an answer to a question the tree hides is never stored.
final class CompoundShowIfServeTests: XCTestCase {
    static let yaml = CompoundConditionSurvey.text

    static var survey: Survey {
        let result = SurveyLoader.parse(text: yaml, file: "logic.yaml")
        guard let survey = result.survey else { fatalError("fixture survey: \(result.diagnostics)") }
        return survey
    }

    private func server(_ store: ResponseStore) -> ServeServer {
        ServeServer(configuration: ServeConfiguration(survey: Self.survey, store: store, session: "Test", hostKey: "host-key-for-tests",
                                                      participantURL: "http://127.0.0.1:8080/", rateLimit: nil, refreshInterval: 0.05))
    }

    private static func followIsHidden(_ page: String, file: StaticString = #filePath, line: UInt = #line) throws -> Bool {
        let start = try XCTUnwrap(page.range(of: "id=\"q-follow\""), "no follow-up on the page", file: file, line: line)
        let tag = page[start.lowerBound...].prefix { $0 != ">" }
        return tag.hasSuffix(" hidden")
    }

    func testThePageCarriesTheTreeAndReRendersItWithoutJavaScript() async throws {
        let store = try ServeFixture.store()
        try await testApplication(server(store)).test(.router) { client in
            let page = try await client.execute(uri: "/", method: .get).text
            XCTAssertTrue(page.contains("data-show-if=\"{&quot;any&quot;:[{&quot;question&quot;:&quot;role&quot;,&quot;equals&quot;:&quot;b&quot;},"
                + "{&quot;all&quot;:[{&quot;question&quot;:&quot;topics&quot;,&quot;includes&quot;:&quot;y&quot;},"
                + "{&quot;not&quot;:{&quot;question&quot;:&quot;size&quot;,&quot;at_least&quot;:50}}]}]}\""), page)
            XCTAssertTrue(try Self.followIsHidden(page))
            XCTAssertTrue(page.contains("<h2 class=\"section\" data-questions=\"follow\" hidden>Follow-up part</h2><fieldset"), page)
            XCTAssertTrue(page.contains("<h2 class=\"section\" data-questions=\"last\">The end</h2><fieldset"), page)
            XCTAssertTrue(page.contains("Follow-up</legend><p class=\"question-hint\">Only asked when it applies &lt;b&gt;now&lt;/b&gt;</p>"), page)
            XCTAssertTrue(page.contains("button type=\"submit\" class=\"update\""), "Update re-renders without JavaScript")

            // "Update" with each set of answers: the follow-up shows exactly when Survey.isShown says so.
            let cases: [([(String, String)], Bool)] = [
                ([("a:role", "a"), ("a:topics", "y"), ("a:size", "10")], true),
                ([("a:role", "a"), ("a:topics", "y"), ("a:size", "60")], false),
                ([("a:role", "a"), ("a:topics", "y")], true),
                ([("a:role", "a"), ("a:topics", "x"), ("a:topics", "z")], false),
                ([("a:role", "b"), ("a:size", "60")], true),
                ([("a:role", "c"), ("a:topics", "x"), ("a:topics", "y"), ("a:size", "49.5")], true),
                ([], false),
            ]
            for (answers, shown) in cases {
                let fields = [("response_id", UUID().uuidString.lowercased()), ("lang", "en"), ("shown", "role topics size last")]
                    + answers + [("action", "update")]
                let response = try await client.postForm("/", fields)
                XCTAssertEqual(response.status, .ok)
                XCTAssertEqual(try Self.followIsHidden(response.text), !shown, "\(answers)")
                XCTAssertEqual(response.text.contains("data-questions=\"follow\">Follow-up part</h2>"), shown, "the heading goes with its only question")
                XCTAssertEqual(try ServeFixture.count(store, surveyID: "logic"), 0, "Update stores nothing")
            }

            // Sent: the follow-up's answer is kept where the tree holds, dropped where it does not.
            for (answers, shown) in [([("a:role", "b")], true), ([("a:role", "a"), ("a:topics", "y"), ("a:size", "60")], false)] {
                let fields = [("response_id", UUID().uuidString.lowercased()), ("lang", "en"),
                              ("shown", shown ? "role topics size follow last" : "role topics size last")]
                    + answers + [("a:follow", "written"), ("a:last", "end"), ("action", "send")]
                let sent = try await client.postForm("/", fields)
                XCTAssertEqual(sent.status, .seeOther, "\(answers)")
            }
            let stored = try ResponseStore(path: store.path).responses(ResponseStore.Selection(surveyID: "logic"))
            XCTAssertEqual(stored.map { $0.answers["follow"] }, [.text("written"), nil])
            XCTAssertEqual(stored.map { $0.answers["last"] }, [.text("end"), .text("end")])
        }
    }
}
