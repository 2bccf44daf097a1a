import CSVReader
import Foundation
import SamlaKit
import XCTest

/// Exports of the bench survey as Google Forms, Microsoft Forms, LimeSurvey and Kobo write them,
/// in Swedish and English, UTF-8 with and without BOM and Windows-1252 with ';', imported with no
/// options: every total counted from the store equals gen.py's truth.
final class ImportTruthTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func importAndCompare(_ export: GeneratedExport, seed: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let survey = try loadSurvey(GeneratedExport.survey)
        let storePath = directory.appendingPathComponent("\(UUID().uuidString).sqlite").path
        let reports = try SurveyImporter(survey: survey, options: ImportOptions()).run(files: [export.path], storePath: storePath)
        let report = try XCTUnwrap(reports.first)
        XCTAssertTrue(report.committed, "\(export.path): \(report.diagnostics)", file: file, line: line)
        XCTAssertEqual(report.errorCount, 0, "\(report.diagnostics)", file: file, line: line)
        XCTAssertEqual(report.new, 300, file: file, line: line)
        let counts = try StoredCounts(store: ResponseStore(path: storePath), surveyID: survey.id)
        let mismatches = counts.mismatches(against: export.truth)
        XCTAssertEqual(mismatches, [], "\(URL(fileURLWithPath: export.path).lastPathComponent) seed \(seed)", file: file, line: line)
    }

    func testEveryLayoutLanguageAndEncodingMatchesTheTruth() throws {
        let encodings: [(encoding: String?, delimiter: String?)] = [(nil, nil), ("utf-8-sig", nil), ("cp1252", ";")]
        for seed in [11, 29] {
            for layout in ["google", "microsoft", "limesurvey", "kobo"] {
                for language in ["sv", "en"] {
                    for (encoding, delimiter) in encodings {
                        let export = try GeneratedExport.make(layout: layout, language: language, encoding: encoding, delimiter: delimiter,
                                                              seed: seed, in: directory)
                        try importAndCompare(export, seed: seed)
                    }
                }
            }
        }
    }

    func testLayoutAndEncodingAreRecognisedWithoutBeingTold() throws {
        let cases: [(layout: String, encoding: String?, delimiter: String?, expected: ExportLayout, text: TextEncoding, separator: UInt8)] = [
            ("google", nil, nil, .googleForms, .utf8, UInt8(ascii: ",")),
            ("microsoft", "cp1252", ";", .microsoftForms, .windows1252, UInt8(ascii: ";")),
            ("limesurvey", nil, nil, .limeSurvey, .utf8, UInt8(ascii: ";")),
            ("kobo", "utf-8-sig", nil, .kobo, .utf8, UInt8(ascii: ";")),
        ]
        let survey = try loadSurvey(GeneratedExport.survey)
        for item in cases {
            let export = try GeneratedExport.make(layout: item.layout, language: "sv", encoding: item.encoding, delimiter: item.delimiter,
                                                  rows: 40, in: directory)
            let inspection = try ExportInspection.inspect(path: export.path, survey: survey)
            XCTAssertEqual(inspection.layout, item.expected, item.layout)
            XCTAssertEqual(inspection.encoding, item.text, item.layout)
            XCTAssertEqual(inspection.delimiter, item.separator, item.layout)
            XCTAssertEqual(inspection.rowCount, 40)
            XCTAssertEqual(inspection.mapping?.notAsked, [], item.layout)
            XCTAssertEqual(inspection.problems.errors, [], item.layout)
        }
    }
}
