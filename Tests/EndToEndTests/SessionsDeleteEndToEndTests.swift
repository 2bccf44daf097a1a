import Foundation
import SamlaKit
import XCTest

/// `samla sessions` and `samla delete` through the built binary: the counts, the confirmation,
/// the erasure log read back with the sqlite3 shell, and a store that is whole afterwards.
final class SessionsDeleteEndToEndTests: XCTestCase {
    private var directory: URL!
    private var storePath: String { directory.appendingPathComponent("workshop.sqlite").path }
    private let surveyPath = EndToEndPaths.repo("surveys/tnc-workshop.yaml")
    private let export = EndToEndPaths.repo("surveys/examples/tnc-workshop-responses.csv")
    private var survey: Survey!

    override func setUpWithError() throws {
        directory = EndToEndPaths.temporaryDirectory()
        survey = try SurveyLoader.require(path: surveyPath)
        // The bundled export as one session, and three collected responses (one a draft) in another.
        let imported = try SamlaProcess.run(["import", surveyPath, export, "--store", storePath, "--session", "Sundsvall 2025-03-12"])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let store = try ResponseStore(path: storePath)
        try store.write { writer in
            try writer.register(self.survey)
            for (email, status) in [("Eva.Berg@Example.se", Response.Status.complete), ("olle@example.se", .complete), ("eva.berg@example.se ", .draft)] {
                try writer.insert(Response(surveyID: self.survey.id, definitionHash: self.survey.definitionHash, session: "Umeå 2025-03-20",
                                           status: status, submittedAt: Date(timeIntervalSince1970: 1_742_472_000),
                                           answers: ["role": .choice("region"), "email": .text(email)]))
            }
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func sqlite(_ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [storePath, sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    private func sessions() throws -> [[String: Any]] {
        let listed = try SamlaProcess.run(["sessions", surveyPath, "--store", storePath, "--json"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    }

    func testSessionsListsCountsAndDates() throws {
        let rows = try sessions()
        XCTAssertEqual(rows.map { $0["session"] as? String }, ["Sundsvall 2025-03-12", "Umeå 2025-03-20"])
        // Counted apart, by the store's own reader.
        let csvRows = try ResponseStore(path: storePath).count(.init(surveyID: survey.id, sessions: ["Sundsvall 2025-03-12"]))
        XCTAssertGreaterThan(csvRows, 30)
        XCTAssertEqual(rows[0]["complete"] as? Int, csvRows)
        XCTAssertEqual(rows[0]["drafts"] as? Int, 0)
        XCTAssertEqual(rows[1]["complete"] as? Int, 2)
        XCTAssertEqual(rows[1]["drafts"] as? Int, 1)
        XCTAssertEqual(rows[1]["first"] as? String, "2025-03-20T12:00:00.000Z")
        XCTAssertTrue((rows[0]["first"] as? String ?? "").hasPrefix("2025-03-12T12:00"), "\(rows[0])")

        let text = try SamlaProcess.run(["sessions", surveyPath, "--store", storePath])
        XCTAssertEqual(text.status, 0)
        XCTAssertTrue(text.stdout.contains("Umeå 2025-03-20"), text.stdout)
        XCTAssertTrue(text.stdout.contains("\(csvRows + 2) complete, 1 drafts in 2 sessions"), text.stdout)
    }

    func testDeletingARespondentByEmailRemovesTheirAnswersAndLogsOnlyAHash() throws {
        // Not a terminal and no --yes: refused, nothing deleted.
        let refused = try SamlaProcess.run(["delete", surveyPath, "--store", storePath, "--respondent", "EVA.BERG@example.se"], input: "y\n")
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("--yes"), refused.stderr)
        XCTAssertEqual(try sqlite("SELECT count(*) FROM response"), "\(try sessions().reduce(0) { $0 + ($1["complete"] as! Int) + ($1["drafts"] as! Int) })\n")

        let deleted = try SamlaProcess.run(["delete", surveyPath, "--store", storePath, "--respondent", "EVA.BERG@example.se", "--yes"])
        XCTAssertEqual(deleted.status, 0, deleted.stderr)
        XCTAssertTrue(deleted.stdout.contains("deleted 2 responses"), deleted.stdout)
        let rows = try sessions()
        XCTAssertEqual(rows[1]["complete"] as? Int, 1)
        XCTAssertEqual(rows[1]["drafts"] as? Int, 0)
        XCTAssertEqual(try sqlite("SELECT count(*) FROM response WHERE lower(answers) LIKE '%eva.berg%'"), "0\n")

        let log = try sqlite("SELECT survey_id, selector_kind, length(selector), responses FROM erasure_log")
        XCTAssertEqual(log, "tnc-workshop|respondent|64|2\n")
        XCTAssertEqual(try sqlite("SELECT count(*) FROM erasure_log WHERE selector LIKE '%@%' OR selector LIKE '%eva%'"), "0\n",
                       "the address itself is never logged")
        XCTAssertEqual(try sqlite("PRAGMA integrity_check"), "ok\n")

        // Nobody left with that address: an error, and no second log line.
        let again = try SamlaProcess.run(["delete", surveyPath, "--store", storePath, "--respondent", "eva.berg@example.se", "--yes"])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("no response"), again.stderr)
        XCTAssertEqual(try sqlite("SELECT count(*) FROM erasure_log"), "1\n")
    }

    func testAnImportedRespondentStaysDeletedWhenTheSameExportIsImportedAgain() throws {
        let before = try sessions()[0]["complete"] as! Int
        // Anna answered twice in the bundled export.
        let deleted = try SamlaProcess.run(["delete", surveyPath, "--store", storePath, "--respondent", "Anna.Lindberg@example.se", "--yes"])
        XCTAssertEqual(deleted.status, 0, deleted.stderr)
        XCTAssertTrue(deleted.stdout.contains("deleted 2 responses"), deleted.stdout)
        let again = try SamlaProcess.run(["import", surveyPath, export, "--store", storePath, "--session", "Sundsvall 2025-03-12"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try sessions()[0]["complete"] as? Int, before - 2)
        XCTAssertEqual(try sqlite("SELECT count(*) FROM response WHERE answers LIKE '%anna.lindberg%'"), "0\n")
        XCTAssertEqual(try sqlite("SELECT count(*) FROM erased_identity"), "2\n")
        XCTAssertEqual(try sqlite("PRAGMA integrity_check"), "ok\n")
    }

    func testDeletingAResponseByIDAndASession() throws {
        let id = try sqlite("SELECT id FROM response WHERE session = 'Umeå 2025-03-20' ORDER BY seq LIMIT 1")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let byID = try SamlaProcess.run(["delete", surveyPath, "--store", storePath, "--respondent", id, "--yes"])
        XCTAssertEqual(byID.status, 0, byID.stderr)
        XCTAssertTrue(byID.stdout.contains("deleted 1 response "), byID.stdout)

        let typo = try SamlaProcess.run(["delete", surveyPath, "--store", storePath, "--session", "Umea 2025-03-20", "--yes"])
        XCTAssertEqual(typo.status, 2)
        XCTAssertTrue(typo.stderr.contains("Did you mean 'Umeå 2025-03-20'?"), typo.stderr)
        XCTAssertTrue(typo.stderr.contains("'Sundsvall 2025-03-12'"), typo.stderr)

        let session = try SamlaProcess.run(["delete", surveyPath, "--store", storePath, "--session", "Umeå 2025-03-20", "--yes"])
        XCTAssertEqual(session.status, 0, session.stderr)
        XCTAssertTrue(session.stdout.contains("deleted 2 responses"), session.stdout)
        XCTAssertEqual(try sessions().count, 1)
        XCTAssertEqual(try sqlite("SELECT selector_kind, selector, responses FROM erasure_log ORDER BY id"),
                       "response|\(id)|1\nsession|Umeå 2025-03-20|2\n")
        XCTAssertEqual(try sqlite("PRAGMA integrity_check"), "ok\n")
    }
}

/// The confirmation prompt needs a terminal: typed in tmux.
final class DeleteConfirmationTerminalTests: TerminalTestCase {
    func testTheHostConfirmsOrDeclinesAtThePrompt() throws {
        let store = directory.appendingPathComponent("s.sqlite").path
        let survey = EndToEndPaths.repo("surveys/tnc-workshop.yaml")
        let export = EndToEndPaths.repo("surveys/examples/tnc-workshop-responses.csv")
        XCTAssertEqual(try SamlaProcess.run(["import", survey, export, "--store", store, "--session", "S"]).status, 0)
        let stored = try ResponseStore(path: store).count(.init(surveyID: "tnc-workshop", includeDrafts: true))
        XCTAssertGreaterThan(stored, 0)
        let command = "\(SamlaProcess.binary) delete '\(survey)' --store '\(store)' --session S"
        try terminal.start("\(command); echo \"exit=$?\"; \(command); echo \"exit=$?\"; sleep 30")
        try eventually("the first question") { try terminal.screen().contains("of 'tnc-workshop' matching session 'S'") }
        XCTAssertTrue(try terminal.screen().contains("This cannot be undone. [y/N]"))
        try terminal.type("n")
        try eventually("declined") { try terminal.screen().contains("nothing was deleted") }
        try eventually("the second question") { try terminal.screen().components(separatedBy: "[y/N]").count == 3 }
        try terminal.type("y")
        try eventually("deleted") { try terminal.screen().contains("deleted \(stored) responses of 'tnc-workshop' matching session 'S'") }
        XCTAssertEqual(try ResponseStore(path: store).count(.init(surveyID: "tnc-workshop", includeDrafts: true)), 0)
    }
}
