import Foundation
import SamlaKit
import XCTest

/// `samla merge` through the built binary: three laptops' stores, one of them merged twice, give
/// exactly the union of their responses, with ids, sessions, definition versions, source files and
/// erasures kept; stores of another survey are refused.
final class MergeEndToEndTests: XCTestCase {
    private var directory: URL!
    private let surveyPath = EndToEndPaths.repo("surveys/tnc-workshop.yaml")
    private let export = EndToEndPaths.repo("surveys/examples/tnc-workshop-responses.csv")
    private var survey: Survey!

    override func setUpWithError() throws {
        directory = EndToEndPaths.temporaryDirectory()
        survey = try SurveyLoader.require(path: surveyPath)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A second version of the survey: the same id, one more question, another definition hash.
    private func revisedSurvey() throws -> Survey {
        let text = try String(contentsOfFile: surveyPath, encoding: .utf8).replacingOccurrences(of: "\nquestions:\n", with: """

            questions:
              - id: merged-later
                type: text
                text:
                  sv: Något mer?
                  en: Anything else?

            """)
        let revised = path("tnc-workshop-v2.yaml")
        try text.write(toFile: revised, atomically: true, encoding: .utf8)
        return try SurveyLoader.require(path: revised)
    }

    private func collect(into store: String, session: String, count: Int, definition: Survey, drafts: Int = 0) throws {
        let opened = try ResponseStore(path: store)
        try opened.write { writer in
            try writer.register(definition)
            for number in 0..<(count + drafts) {
                try writer.insert(Response(surveyID: definition.id, definitionHash: definition.definitionHash, session: session,
                                           status: number < count ? .complete : .draft,
                                           submittedAt: Date(timeIntervalSince1970: 1_742_472_000 + Double(number)),
                                           answers: ["role": .choice("region"), "similar": .text("\(session) \(number)")]))
            }
        }
    }

    private func importExport(into store: String, session: String) throws {
        let imported = try SamlaProcess.run(["import", surveyPath, export, "--store", store, "--session", session])
        XCTAssertEqual(imported.status, 0, imported.stderr)
    }

    private func complete(_ store: String) throws -> [Response] {
        try ResponseStore(path: store).responses(.init(surveyID: survey.id))
    }

    func testThreeLaptopsOneMergedTwiceGiveTheExactUnion() throws {
        let (laptopA, laptopB, laptopC, target) = (path("umea.sqlite"), path("lulea.sqlite"), path("ostersund.sqlite"), path("all.sqlite"))
        // A: the export imported, two collected and a draft. B: the same export imported (the same
        // rows, other response ids) and collected answers on a revised survey. C: the export again,
        // with one imported respondent erased on the laptop, and collected answers.
        try importExport(into: laptopA, session: "Umeå 2025-03-12")
        try collect(into: laptopA, session: "Umeå 2025-03-12", count: 2, definition: survey, drafts: 1)
        try importExport(into: laptopB, session: "Luleå 2025-03-13")
        let revised = try revisedSurvey()
        try collect(into: laptopB, session: "Luleå 2025-03-13", count: 3, definition: revised)
        try importExport(into: laptopC, session: "Östersund 2025-03-14")
        let erasedOnC = try XCTUnwrap(try complete(laptopC).first { $0.identity != nil })
        let deleted = try SamlaProcess.run(["delete", surveyPath, "--respondent", erasedOnC.id.uuidString, "--yes", "--store", laptopC])
        XCTAssertEqual(deleted.status, 0, deleted.stderr)
        try collect(into: laptopC, session: "Östersund 2025-03-14", count: 4, definition: survey)

        // The union: every collected response by id, each imported row (by identity) once, as the
        // first laptop merged stored it, and never the row erased on C.
        let (a, b, c) = (try complete(laptopA), try complete(laptopB), try complete(laptopC))
        var expected: [UUID: Response] = [:]
        var identities: Set<String> = [erasedOnC.identity!]
        for response in a + b + c {
            if let identity = response.identity {
                guard identities.insert(identity).inserted else { continue }
            }
            expected[response.id] = response
        }
        XCTAssertGreaterThan(a.filter { $0.identity != nil }.count, 30)

        let first = try SamlaProcess.run(["merge", laptopA, laptopB, laptopC, "--into", target])
        XCTAssertEqual(first.status, 0, first.stderr)
        let again = try SamlaProcess.run(["merge", laptopB, "--into", target])
        XCTAssertEqual(again.status, 0, again.stderr)

        let merged = try ResponseStore(path: target)
        let stored = try merged.responses(.init(surveyID: survey.id, includeDrafts: true))
        XCTAssertEqual(stored.count, expected.count, first.stdout)
        XCTAssertEqual(Set(stored.map(\.id)), Set(expected.keys))
        for response in stored {
            XCTAssertEqual(response, expected[response.id], "response \(response.id) differs from its laptop's")
        }
        XCTAssertFalse(stored.contains { $0.identity == erasedOnC.identity }, "the row erased on a laptop came back")
        XCTAssertEqual(Set(try merged.definitions(surveyID: survey.id).map(\.hash)), [survey.definitionHash, revised.definitionHash])
        XCTAssertEqual(try merged.sourceFiles(surveyID: survey.id).count, 3)
        XCTAssertEqual(try merged.erasureLog(surveyID: survey.id).map(\.selector), [erasedOnC.id.uuidString])
        XCTAssertEqual(Set(try merged.sessionCounts(surveyID: survey.id).compactMap(\.name)),
                       ["Umeå 2025-03-12", "Luleå 2025-03-13", "Östersund 2025-03-14"])

        // What it printed: A's rows all new, B's imported rows skipped, the draft left out; the
        // second merge of B added nothing.
        let imported = a.filter { $0.identity != nil }.count
        XCTAssertTrue(first.stdout.contains("\(laptopA): \(imported + 2) added, 0 skipped"), first.stdout)
        XCTAssertTrue(first.stdout.contains("1 draft left out"), first.stdout)
        XCTAssertTrue(first.stdout.contains("\(laptopB): 3 added, \(imported) skipped"), first.stdout)
        XCTAssertTrue(first.stdout.contains("1 removed as erased"), first.stdout)
        XCTAssertTrue(again.stdout.contains("0 added, \(imported + 3) skipped"), again.stdout)

        // The summary of the merged store counts exactly the union.
        let summary = try SamlaProcess.run(["summary", surveyPath, "--store", target, "--json"])
        XCTAssertEqual(summary.status, 0, summary.stderr)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(document["responses"] as? Int, expected.count, summary.stdout.prefix(300).description)
    }

    func testStoresOfAnotherSurveyAreRefusedAndNothingIsMerged() throws {
        let (mine, theirs, target) = (path("mine.sqlite"), path("theirs.sqlite"), path("all.sqlite"))
        try collect(into: mine, session: "Umeå", count: 2, definition: survey)
        let text = try String(contentsOfFile: surveyPath, encoding: .utf8).replacingOccurrences(of: "id: tnc-workshop\n", with: "id: another-survey\n")
        let otherPath = path("another.yaml")
        try text.write(toFile: otherPath, atomically: true, encoding: .utf8)
        try collect(into: theirs, session: "Luleå", count: 2, definition: try SurveyLoader.require(path: otherPath))

        let refused = try SamlaProcess.run(["merge", mine, theirs, "--into", target])
        XCTAssertEqual(refused.status, 1, refused.stdout)
        XCTAssertTrue(refused.stderr.contains("different surveys"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("\(theirs): another-survey"), refused.stderr)
        XCTAssertEqual(try ResponseStore(path: target).count(.init(surveyID: survey.id, includeDrafts: true)), 0)

        let missing = try SamlaProcess.run(["merge", path("nowhere.sqlite"), "--into", target])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("no response store here"), missing.stderr)

        let chosen = try SamlaProcess.run(["merge", theirs, "--into", target, "--survey", "another-survey"])
        XCTAssertEqual(chosen.status, 0, chosen.stderr)
        XCTAssertTrue(chosen.stdout.contains("2 added, 0 skipped"), chosen.stdout)
    }
}
