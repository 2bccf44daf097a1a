import Foundation
@testable import SamlaKit
import XCTest

/// `time_zone`: times written without a zone are read in the survey's zone and stored in UTC;
/// the workbook and the JSON show them back in local time, with the zone named.
final class SurveyTimeZoneTests: XCTestCase {
    private var directory: URL!
    private var storePath: String { directory.appendingPathComponent("store.sqlite").path }

    override func setUpWithError() throws {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func survey(zone: String?) -> String {
        """
        format: 1
        id: zoned
        title: Zoned
        languages: [en]
        \(zone.map { "time_zone: \($0)\n" } ?? "")questions:
          - id: role
            type: single_choice
            text: What is your role?
            choices:
              - {id: host, label: Host}
              - {id: guest, label: Guest}
        """
    }

    private let microsoft = """
        ID,Start time,Completion time,Email,Name,What is your role?
        1,7/27/26 19:05:00,7/27/26 19:06:23,anonymous,,Host
        2,1/13/26 9:00:00,1/13/26 9:01:30,anonymous,,Guest

        """

    private func imported(zone: String?) throws -> (Survey, [Response]) {
        let survey = try writeSurvey(survey(zone: zone), in: directory, name: "zoned-\(zone?.replacingOccurrences(of: "/", with: "-") ?? "none").yaml")
        let file = directory.appendingPathComponent("ms.csv").path
        try microsoft.write(toFile: file, atomically: true, encoding: .utf8)
        let report = try SurveyImporter(survey: survey, options: ImportOptions()).run(files: [file], storePath: storePath)[0]
        XCTAssertTrue(report.committed, "\(report.diagnostics)")
        return (survey, try ResponseStore(path: storePath).responses(.init(surveyID: "zoned")))
    }

    func testMicrosoftFormsTimesAreReadInTheSurveysZoneAndShownBackInIt() throws {
        let (survey, stored) = try imported(zone: "Europe/Stockholm")
        XCTAssertEqual(survey.timeZone.identifier, "Europe/Stockholm")
        let iso = ISO8601DateFormatter()
        // Summer time (UTC+2) in July, standard time (UTC+1) in January.
        XCTAssertEqual(stored.map(\.submittedAt), [iso.date(from: "2026-07-27T17:06:23Z"), iso.date(from: "2026-01-13T08:01:30Z")])
        XCTAssertEqual(stored.map(\.startedAt), [iso.date(from: "2026-07-27T17:05:00Z"), iso.date(from: "2026-01-13T08:00:00Z")])

        let json = directory.appendingPathComponent("zoned.json").path
        let xlsx = directory.appendingPathComponent("zoned.xlsx").path
        _ = try SurveyExport.run(survey: survey, store: try ResponseStore(path: storePath), analysis: AnalysisOptions(),
                                 targets: .init(xlsx: xlsx, json: json), options: ExportOptions())
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let responses = try XCTUnwrap(document["responses"] as? [[String: Any]])
        XCTAssertEqual(responses.map { $0["submittedAt"] as? String }, ["2026-07-27T17:06:23Z", "2026-01-13T08:01:30Z"])
        XCTAssertEqual(responses.map { $0["submittedAtLocal"] as? String }, ["2026-07-27T19:06:23+02:00", "2026-01-13T09:01:30+01:00"])
        XCTAssertEqual(responses.map { $0["timeZone"] as? String }, ["Europe/Stockholm", "Europe/Stockholm"])

        let book = try WorkbookReadBack.read(xlsx)
        let headers = book.headerColumns("Responses")
        let submitted = try XCTUnwrap(headers["Submitted (Europe/Stockholm)"], "\(headers)")
        XCTAssertEqual(book.cell("Responses", "\(submitted)2")?.value, "2026-07-27T19:06:23")
        XCTAssertEqual(book.cell("Responses", "\(submitted)3")?.value, "2026-01-13T09:01:30")
    }

    func testAnotherZoneAndTheDefault() throws {
        let (_, newYork) = try imported(zone: "America/New_York")
        XCTAssertEqual(newYork.first?.submittedAt, ISO8601DateFormatter().date(from: "2026-07-27T23:06:23Z"))
        try FileManager.default.removeItem(atPath: storePath)
        let (survey, stockholm) = try imported(zone: nil)
        XCTAssertNil(survey.timeZoneName)
        XCTAssertEqual(survey.timeZone.identifier, "Europe/Stockholm", "the default")
        XCTAssertEqual(stockholm.first?.submittedAt, ISO8601DateFormatter().date(from: "2026-07-27T17:06:23Z"))
        XCTAssertEqual(SurveyTimeZone.localISO(ISO8601DateFormatter().date(from: "2024-02-29T23:30:00Z")!, in: TimeZone(identifier: "Europe/Stockholm")!),
                       "2024-03-01T00:30:00+01:00")
    }

    func testAnUnknownZoneIsAnErrorAtItsPlace() throws {
        let yaml = survey(zone: "Europe/Stockholmm")
        let result = SurveyLoader.parse(text: yaml, file: "zoned.yaml")
        XCTAssertNil(result.survey)
        let rendered = DiagnosticRenderer(sources: ["zoned.yaml": yaml]).render(result.diagnostics)
        XCTAssertTrue(rendered.hasPrefix("zoned.yaml:5:12: error: 'Europe/Stockholmm' is not a time zone"), rendered)
        let lines = rendered.split(separator: "\n")
        XCTAssertEqual(lines[1], "    time_zone: Europe/Stockholmm")
        XCTAssertEqual(lines[2], "               ^")
        XCTAssertTrue(rendered.contains("did you mean 'Europe/Stockholm'?"), rendered)
        for bad in ["CET", "Mars/Olympus", "+02:00"] {
            XCTAssertNil(SurveyLoader.parse(text: survey(zone: "\"\(bad)\""), file: "z.yaml").survey, bad)
        }
        XCTAssertNotNil(SurveyLoader.parse(text: survey(zone: "UTC"), file: "z.yaml").survey)
    }

    /// Google Forms writes its timestamp in its user's locale and without a zone: the column's
    /// order is decided by all its cells before any row is stored.
    func testATimestampColumnsDayMonthOrderIsDecidedByTheWholeFile() throws {
        let iso = ISO8601DateFormatter()
        func submitted(_ csv: String, language: String) throws -> [Date?] {
            let yaml = survey(zone: nil).replacingOccurrences(of: "languages: [en]", with: "languages: [\(language)]")
            let survey = try writeSurvey(yaml, in: directory, name: "google-\(language).yaml")
            let file = directory.appendingPathComponent("google.csv").path
            try csv.write(toFile: file, atomically: true, encoding: .utf8)
            try? FileManager.default.removeItem(atPath: storePath)
            let report = try SurveyImporter(survey: survey, options: ImportOptions()).run(files: [file], storePath: storePath)[0]
            XCTAssertTrue(report.committed, "\(report.diagnostics)")
            return try ResponseStore(path: storePath).responses(.init(surveyID: "zoned")).map(\.submittedAt)
        }
        // The last row settles it (13 cannot be a month), for the rows before it too, even in an English survey.
        let settled = "Timestamp,What is your role?\n03/04/2025 10:00:00,Host\n05/04/2025 11:00:00,Guest\n13/04/2025 12:00:00,Host\n"
        XCTAssertEqual(try submitted(settled, language: "en"),
                       [iso.date(from: "2025-04-03T08:00:00Z"), iso.date(from: "2025-04-05T09:00:00Z"), iso.date(from: "2025-04-13T10:00:00Z")])
        // Nothing settles it: the survey's language does, Swedish day first, English month first.
        let open = "Timestamp,What is your role?\n03/04/2025 10:00:00,Host\n05/06/2025 11:00:00,Guest\n"
        XCTAssertEqual(try submitted(open, language: "sv").first, iso.date(from: "2025-04-03T08:00:00Z"))
        XCTAssertEqual(try submitted(open, language: "en").first, iso.date(from: "2025-03-04T09:00:00Z"))
    }
}
