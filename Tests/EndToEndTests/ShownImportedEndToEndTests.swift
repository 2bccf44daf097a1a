import Foundation
import SamlaKit
import XCTest

/// An imported file without a column for a question never showed it: its rows count as not shown.
final class ShownImportedEndToEndTests: XCTestCase {
    func testAQuestionAFileHadNoColumnForIsNotShownToItsRows() throws {
        let directory = EndToEndPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let survey = EndToEndPaths.repo("surveys/tnc-workshop.yaml")
        let store = directory.appendingPathComponent("s.sqlite").path
        // The bundled export, and a copy without its last column (the e-mail), written with Python's csv module.
        let full = EndToEndPaths.repo("surveys/examples/tnc-workshop-responses.csv")
        let cut = directory.appendingPathComponent("no-email.csv").path
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        python.arguments = ["-c", "import csv,sys; r=list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')));"
                            + " csv.writer(open(sys.argv[2], 'w', newline='', encoding='utf-8')).writerows([row[:-1] for row in r])", full, cut]
        try python.run()
        python.waitUntilExit()
        XCTAssertEqual(python.terminationStatus, 0)
        for (file, session) in [(full, "A"), (cut, "B")] {
            let imported = try SamlaProcess.run(["import", survey, file, "--store", store, "--session", session])
            XCTAssertEqual(imported.status, 0, imported.stderr)
        }
        let summary = try SamlaProcess.run(["summary", survey, "--store", store, "--json"])
        XCTAssertEqual(summary.status, 0, summary.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any])
        let questions = try XCTUnwrap(json["questions"] as? [[String: Any]])
        let responses = try XCTUnwrap(json["responses"] as? Int)
        XCTAssertGreaterThan(responses, 40, "both files' rows (the second has other identities)")
        let email = try XCTUnwrap(questions.first { $0["id"] as? String == "email" })
        let role = try XCTUnwrap(questions.first { $0["id"] as? String == "role" })
        XCTAssertEqual(role["shown"] as? Int, responses)
        XCTAssertEqual(email["shown"] as? Int, responses / 2, "only the rows of the file with an e-mail column: \(email)")
    }
}
