import CSVReader
import Foundation
import XCTest
@testable import SamlaKit

/// The CSV and JSON exports, read back with Python's csv and json modules, and the atomic write.
final class ExportFilesTests: XCTestCase {
    private var fixture: ExportFixture!

    override func setUpWithError() throws {
        fixture = try ExportFixture()
    }

    override func tearDownWithError() throws {
        fixture.remove()
    }

    private func csv(_ name: String, layout: CSVLayout, excel: Bool = false, anonymize: Bool = false) throws -> (path: String, rows: Int) {
        let path = fixture.path(name)
        let options = ExportOptions(anonymize: anonymize, csvLayout: layout, excelCSV: excel)
        let rows = try CSVExport.write(to: path, survey: fixture.survey, summary: fixture.summary, store: fixture.store,
                                       options: options, anonymizer: try Anonymizer.forStore(fixture.store, enabled: anonymize))
        return (path, rows)
    }

    /// Records as Python's csv module reads them (utf-8-sig drops a byte order mark).
    private func pythonRecords(_ path: String, delimiter: String) throws -> [[String]] {
        let output = Data(try Python.run(["-c", """
            import csv, json, sys
            with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
                print(json.dumps(list(csv.reader(f, delimiter=sys.argv[2]))))
            """, path, delimiter]).utf8)
        return try JSONDecoder().decode([[String]].self, from: output)
    }

    func testWideCSVHasOneRowPerResponseWithTheSheetsColumns() throws {
        let (path, rows) = try csv("wide.csv", layout: .wide)
        XCTAssertEqual(rows, 8)
        let records = try pythonRecords(path, delimiter: ",")
        XCTAssertEqual(records.count, 9)
        let header = records[0]
        XCTAssertEqual(Array(header.prefix(2)), ["Response #", "Response id"])
        XCTAssertEqual(records.dropFirst().map { $0[1] }, fixture.responses.map(\.id.uuidString))
        XCTAssertEqual(records.dropFirst().map { $0[0] }, (1...8).map(String.init))
        let karin = records[2]
        let joined = try XCTUnwrap(header.firstIndex(of: "How do you want to be involved?"))
        XCTAssertEqual(karin[joined], "Establish a contact; Take part in concrete activities where we work together")
        let scale = try XCTUnwrap(header.firstIndex(of: "How interested are you in closer collaboration with Thriving Northern Cities?"))
        XCTAssertEqual(karin[scale], "2")
        // Local time in the survey's zone (Europe/Stockholm, UTC+1 in March), the zone named.
        let submitted = try XCTUnwrap(header.firstIndex(of: "Submitted (Europe/Stockholm)"))
        XCTAssertEqual(karin[submitted], "2025-03-12T13:12:00+01:00")
    }

    func testLongCSVIsTidyWithOneRowPerChosenChoice() throws {
        let (path, rows) = try csv("long.csv", layout: .long)
        let records = try pythonRecords(path, delimiter: ",")
        XCTAssertEqual(records.first, ["response", "session", "question", "value", "label"])
        XCTAssertEqual(records.count - 1, rows)
        let karin = fixture.responses[1].id.uuidString
        let involvement = records.filter { $0[0] == karin && $0[2] == "involvement" }
        XCTAssertEqual(involvement.map { $0[3] }, ["contact", "activities"])
        XCTAssertEqual(involvement.map { $0[4] }, ["Establish a contact", "Take part in concrete activities where we work together"])
        // Every answered question of every response has at least one row.
        let answered = fixture.responses.reduce(0) { $0 + $1.answers.count }
        XCTAssertEqual(Set(records.dropFirst().map { "\($0[0])|\($0[2])" }).count, answered)
    }

    func testExcelFriendlyCSVUsesSemicolonsAndAByteOrderMark() throws {
        let (path, _) = try csv("excel.csv", layout: .wide, excel: true)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF])
        let records = try pythonRecords(path, delimiter: ";")
        XCTAssertEqual(records.count, 9)
        XCTAssertEqual(Set(records.map(\.count)).count, 1, "every record has the header's field count")
    }

    func testFormulaLikeTextIsNeutralisedInCSV() throws {
        for layout in CSVLayout.allCases {
            let (path, _) = try csv("formula-\(layout).csv", layout: layout)
            let fields = try pythonRecords(path, delimiter: ",").flatMap { $0 }
            XCTAssertTrue(fields.contains("'" + ExportFixture.formulaAnswer), "\(layout)")
            XCTAssertTrue(fields.contains("'+46 70 123 45 67"))
            XCTAssertTrue(fields.contains("'-- see above"))
            XCTAssertTrue(fields.contains("'@here please"))
            XCTAssertFalse(fields.contains { ["=", "+", "-", "@", "\t", "\r"].contains($0.first.map(String.init) ?? "") },
                           "no field a spreadsheet would run")
        }
        XCTAssertEqual(CSVExport.neutralized("\tcmd"), "'\tcmd")
        XCTAssertEqual(CSVExport.neutralized("\r=1"), "'\r=1")
        XCTAssertEqual(CSVExport.neutralized("ok = fine"), "ok = fine")
    }

    func testAnonymisedCSVHoldsNoPersonalAnswer() throws {
        for layout in CSVLayout.allCases {
            let (path, _) = try csv("anon-\(layout).csv", layout: layout, anonymize: true)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            for needle in ExportFixture.personalValues + fixture.responses.map(\.id.uuidString) + ["email", "E-mail if"] {
                XCTAssertFalse(text.contains(needle), "\(layout) CSV contains \(needle)")
            }
            XCTAssertTrue(text.contains("We would like more data on housing"), "the rest is still there")
            XCTAssertFalse(text.contains("Konsultbolag"), "one person's 'other' answer is a hidden cell, blank in the rows too")
        }
    }

    func testJSONHoldsTheSummaryAndEveryResponse() throws {
        let path = fixture.path("out.json")
        let count = try JSONExport.write(to: path, survey: fixture.survey, summary: fixture.summary,
                                         summaryJSON: #"{"responses":8}"#, store: fixture.store, anonymizer: .disabled)
        XCTAssertEqual(count, 8)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        XCTAssertEqual((document["summary"] as? [String: Any])?["responses"] as? Int, 8)
        let responses = try XCTUnwrap(document["responses"] as? [[String: Any]])
        XCTAssertEqual(responses.compactMap { $0["id"] as? String }, fixture.responses.map(\.id.uuidString))
        let karin = try XCTUnwrap(responses[1]["answers"] as? [String: Any])
        XCTAssertEqual((karin["involvement"] as? [String: Any])?["choices"] as? [String], ["contact", "activities"])
        XCTAssertEqual(karin["collaboration"] as? Int, 2)
        XCTAssertEqual(karin["email"] as? String, "karin.holm@example.se")
        let erik = try XCTUnwrap(responses[3]["answers"] as? [String: Any])
        XCTAssertEqual((erik["role"] as? [String: Any])?["other"] as? String, "Konsultbolag")
        XCTAssertEqual((erik["focus"] as? [String: Any])?["other"] as? String, "Turism")
    }

    /// `samla export --json` alone copies the responses out while the summary is worked out beside
    /// them, and joins the two at the end: the file is byte for byte the one written after the
    /// summary, and no second temporary file is left beside it.
    func testJSONWrittenWhileSummarizingIsTheSameFile() throws {
        for (name, analysis) in [("all", AnalysisOptions()), ("umea", AnalysisOptions(filters: SummaryFilters(sessions: ["Umeå 2025-03-12"])))] {
            let summary = try Analyzer(survey: fixture.survey, options: analysis).summarize(store: fixture.store)
            let before = fixture.path("\(name)-after-summary.json")
            try JSONExport.write(to: before, survey: fixture.survey, summary: summary, summaryJSON: SummaryJSON.render(summary, pretty: false),
                                 store: fixture.store, anonymizer: .disabled)
            let directory = fixture.path("\(name)-overlap")
            let overlapped = directory + "/out.json"
            let report = try SurveyExport.run(survey: fixture.survey, store: fixture.store, analysis: analysis,
                                              targets: SurveyExport.Targets(json: overlapped), options: ExportOptions())
            XCTAssertEqual(report.jsonResponses, summary.responses)
            XCTAssertEqual(report.files, [overlapped])
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: overlapped)), try Data(contentsOf: URL(fileURLWithPath: before)), name)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["out.json"])
        }
    }

    /// With more than a megabyte of responses, the summary may be ready while they are still being
    /// copied: from then on they go into the file directly. Whenever it becomes ready (at once, after
    /// a while, only at the end), the file is the same bytes; and so it is however the responses are
    /// split between the two threads that write them.
    func testJSONIsTheSameWhenTheSummaryIsReadyPartWay() throws {
        let directory = URL(fileURLWithPath: fixture.path("generated"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let export = try GeneratedExport.make(layout: "google", rows: 3000, seed: 5, in: directory)
        let survey = try SurveyLoader.require(path: GeneratedExport.survey)
        let storePath = directory.appendingPathComponent("store.sqlite").path
        _ = try SurveyImporter(survey: survey, options: ImportOptions()).run(files: [export.path], storePath: storePath)
        let store = try ResponseStore(path: storePath)
        let summary = try Analyzer(survey: survey, options: AnalysisOptions()).summarize(store: store)
        let before = directory.appendingPathComponent("after-summary.json").path
        try JSONExport.write(to: before, survey: survey, summary: summary, summaryJSON: SummaryJSON.render(summary, pretty: false),
                             store: store, anonymizer: .disabled)
        let expected = try Data(contentsOf: URL(fileURLWithPath: before))
        XCTAssertGreaterThan(expected.count, 2 << 20, "more than one megabyte of responses")
        for readyAfter in [0, 1, 2, Int.max] {
            var asked = 0
            let path = directory.appendingPathComponent("ready-\(readyAfter).json").path
            let count = try JSONExport.writeWhileSummarizing(to: path, survey: survey, analysis: AnalysisOptions(), store: store,
                                                             responses: 3000, progress: nil,
                                                             summaryIsReady: { asked += 1; return asked > readyAfter }, summary: { summary })
            XCTAssertEqual(count, 3000)
            XCTAssertGreaterThan(asked, 0)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), expected, "ready after \(readyAfter)")
        }
        // The reading thread writes chunks of responses itself: the same bytes whatever the chunks'
        // size (0: all written by the writing thread) and whichever it writes, at and across their
        // boundaries.
        var sharings = [0, 1, 2, 255, 256, 1499, 1500, 2999, 3000, 4000].map { ("every other chunk of \($0)", JSONExport.ChunkSharing.alternating(rows: $0)) }
        sharings.append(("every chunk of 100", JSONExport.ChunkSharing(rows: 100) { _, _ in true }))
        sharings.append(("chunks of 7 as the writer falls behind", JSONExport.ChunkSharing(rows: 7) { _, waiting in waiting >= 2 }))
        for (index, (name, sharing)) in sharings.enumerated() {
            let path = directory.appendingPathComponent("chunks-\(index).json").path
            let count = try JSONExport.writeWhileSummarizing(to: path, survey: survey, analysis: AnalysisOptions(), store: store,
                                                             responses: 3000, progress: nil, summaryIsReady: { true },
                                                             chunks: sharing, summary: { summary })
            XCTAssertEqual(count, 3000, name)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), expected, name)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains("tmp") }, [])
    }

    func testAnonymisedJSONHoldsNoPersonalAnswer() throws {
        let path = fixture.path("anon.json")
        let anonymizer = try Anonymizer.forStore(fixture.store, enabled: true)
        try JSONExport.write(to: path, survey: fixture.survey, summary: fixture.summary, summaryJSON: "{}",
                             store: fixture.store, anonymizer: anonymizer)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for needle in ExportFixture.personalValues + fixture.responses.map(\.id.uuidString) + ["\"email\"", "\"name\""] {
            XCTAssertFalse(text.contains(needle), needle)
        }
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual((document["responses"] as? [[String: Any]])?.compactMap { $0["pseudonym"] as? String }.count, 8)
    }

    func testAFailedWriteLeavesNeitherTheTargetNorATemporaryFile() throws {
        struct Crash: Error {}
        let target = fixture.path("sub/out.xlsx")
        XCTAssertThrowsError(try AtomicFile.write(to: target) { temporary -> Void in
            try Data("half a workbook".utf8).write(to: URL(fileURLWithPath: temporary))
            XCTAssertEqual(URL(fileURLWithPath: temporary).deletingLastPathComponent().path,
                           URL(fileURLWithPath: target).deletingLastPathComponent().path, "beside the target, so rename is atomic")
            throw Crash()
        })
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: fixture.path("sub")), [])
        // An earlier file under the name survives a failed export untouched.
        try Data("earlier".utf8).write(to: URL(fileURLWithPath: target))
        XCTAssertThrowsError(try AtomicFile.write(to: target) { _ -> Void in throw Crash() })
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "earlier")
        try AtomicFile.write(to: target) { try Data("new".utf8).write(to: URL(fileURLWithPath: $0)) }
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "new")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: fixture.path("sub")), ["out.xlsx"])
    }
}
