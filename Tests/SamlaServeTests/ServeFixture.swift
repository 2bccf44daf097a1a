import Foundation
import Hummingbird
import HummingbirdTesting
import SamlaKit
import SamlaServe
import SamlaTestSupport
import WebServing
import XCTest

/// A survey with every question type, a required question, "other", a scale that opens a
/// follow-up (show_if), bounds on a number, and two languages.
enum ServeFixture {
    static let yaml = """
        format: 1
        id: serve-test
        title: {sv: Verkstadsenkät, en: Workshop survey}
        languages: [sv, en]
        questions:
          - id: role
            type: single_choice
            required: true
            text: {sv: Vilken organisation företräder du?, en: Which organisation do you represent?}
            choices:
              - id: municipality
                label: {sv: Kommun, en: Municipality}
              - id: region
                label: {sv: Region, en: Region}
            other: true
          - id: focus
            type: multiple_choice
            max_selected: 2
            text: {sv: Vad vill ni fokusera på?, en: What would you like to focus on?}
            choices:
              - id: skills
                label: {sv: Kompetens, en: Skills}
              - id: housing
                label: {sv: Bostäder, en: Housing}
              - id: energy
                label: {sv: Energi, en: Energy}
            other: true
          - id: collaboration
            type: scale
            text: {sv: Hur intresserade är ni?, en: How interested are you?}
            scale:
              min: 1
              max: 5
              labels:
                1: {sv: Inte alls, en: Not at all}
                5: {sv: Mycket, en: Very much}
          - id: entry-point
            type: single_choice
            text: {sv: Kan ni vara en ingång?, en: Could you be a way in?}
            choices:
              - id: "yes"
                label: {sv: Ja, en: "Yes"}
              - id: "no"
                label: {sv: Nej, en: "No"}
            show_if: {question: collaboration, at_least: 3}
          - id: people
            type: number
            integer: true
            min: 1
            max: 500
            text: {sv: Hur många är ni?, en: How many are you?}
          - id: ideas
            type: text
            text: {sv: Idéer?, en: Ideas?}
          - id: email
            type: text
            personal: true
            text: {sv: E-post, en: E-mail}
        """

    static var survey: Survey {
        let result = SurveyLoader.parse(text: yaml, file: "serve-test.yaml")
        guard let survey = result.survey else { fatalError("fixture survey: \(result.diagnostics)") }
        return survey
    }

    /// A fresh store in a temporary folder.
    static func store() throws -> ResponseStore {
        try ResponseStore(path: TestPaths.temporaryDirectory().appendingPathComponent("serve.sqlite").path)
    }

    static func server(store: ResponseStore, rateLimit: (perSecond: Double, burst: Double)? = nil, key: String = "host-key-for-tests",
                       refresh: TimeInterval = 0.05) -> ServeServer {
        ServeServer(configuration: ServeConfiguration(survey: survey, store: store, session: "Test", hostKey: key,
                                                      participantURL: "http://127.0.0.1:8080/", rateLimit: rateLimit,
                                                      refreshInterval: refresh))
    }

    static func count(_ store: ResponseStore, surveyID: String = "serve-test") throws -> Int {
        // Another connection, as `samla summary` would open: what it sees is on disk.
        try ResponseStore(path: store.path).count(ResponseStore.Selection(surveyID: surveyID))
    }
}

/// The server as an application HummingbirdTesting can drive (it picks the port itself).
func testApplication(_ server: ServeServer) -> some ApplicationProtocol {
    server.application(host: "127.0.0.1", port: 0)
}

extension TestClientProtocol {
    func postJSON(_ path: String, _ body: String) async throws -> TestResponse {
        try await execute(uri: path, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
    }

    func postForm(_ path: String, _ fields: [(String, String)]) async throws -> TestResponse {
        let body = fields.map { "\(formEncoded($0.0))=\(formEncoded($0.1))" }.joined(separator: "&")
        return try await execute(uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                 body: ByteBuffer(string: body))
    }
}

func formEncoded(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._*")
    return (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text).replacingOccurrences(of: "%20", with: "+")
}

extension TestResponse {
    var text: String { String(buffer: body) }
}

/// The response id a participant page was rendered with.
func responseID(in page: String) -> String? {
    guard let range = page.range(of: "name=\"response_id\" value=\"") else { return nil }
    return String(page[range.upperBound...].prefix(36))
}
