import CSVReader
import Foundation
import SamlaKit
import XCTest

/// What one import does to the store: all or nothing, nothing twice, drafts for unfinished rows,
/// metadata and times from the tool's columns, the file recorded.
final class ImportBehaviourTests: XCTestCase {
    private var directory: URL!
    private var storePath: String { directory.appendingPathComponent("store.sqlite").path }

    override func setUpWithError() throws {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func write(_ text: String, _ name: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func run(_ survey: Survey, _ files: [String], _ options: ImportOptions = ImportOptions()) throws -> [FileImportReport] {
        try SurveyImporter(survey: survey, options: options).run(files: files, storePath: storePath)
    }

    private let small = """
        format: 1
        id: small
        title: {sv: Liten, en: Small}
        languages: [sv, en]
        questions:
          - id: role
            type: single_choice
            text: {sv: "Vilken roll har du?", en: "What is your role?"}
            choices:
              - {id: host, label: {sv: Värd, en: Host}}
              - {id: guest, label: {sv: Gäst, en: Guest}}
          - id: topics
            type: multiple_choice
            text: {sv: "Vilka ämnen?", en: "Which topics?"}
            other: true
            choices:
              - {id: water, label: {sv: "Vatten, hav och sjöar", en: "Water, seas and lakes"}}
              - {id: forest, label: {sv: Skog, en: Forest}}
          - id: score
            type: scale
            text: {sv: Betyg, en: Score}
            scale: {min: 1, max: 5}
          - id: why
            type: text
            text: {sv: Varför?, en: Why?}
            show_if: {question: score, at_most: 2}
          - id: staff
            type: number
            text: {sv: Antal, en: Count}
        """

    func testReimportingAddsNothingAndSaysSo() throws {
        let survey = try loadSurvey(GeneratedExport.survey)
        for layout in ["google", "limesurvey"] {
            let export = try GeneratedExport.make(layout: layout, rows: 120, in: directory)
            let first = try run(survey, [export.path])[0]
            XCTAssertEqual([first.new, first.existing], [120, 0], layout)
            let second = try run(survey, [export.path])[0]
            XCTAssertEqual([second.new, second.existing], [0, 120], layout)
            XCTAssertTrue(second.committed)
        }
        let store = try ResponseStore(path: storePath)
        XCTAssertEqual(try store.count(.init(surveyID: survey.id)), 240)
        let files = try store.sourceFiles(surveyID: survey.id)
        XCTAssertEqual(files.map(\.rowsNew), [120, 0, 120, 0])
        XCTAssertEqual(files.map(\.layout), ["google-forms", "google-forms", "limesurvey", "limesurvey"])
    }

    func testARowWithAProblemImportsNothingFromItsFileAndIsLocated() throws {
        let survey = try writeSurvey(small, in: directory)
        let good = try write("Tidstämpel,Vilken roll har du?,Betyg\n2025/03/12 9:00:00 AM CET,Värd,4\n", "good.csv")
        let bad = try write("""
            Timestamp,What is your role?,Score,Count
            2025/03/12 9:00:00 AM CET,Host,4,3
            2025/03/12 9:01:00 AM CET,Chef,9,3
            2025/03/12 9:02:00 AM CET,Guest,2,"1,5"
            """, "bad.csv")
        let reports = try run(survey, [good, bad])
        XCTAssertTrue(reports[0].committed)
        XCTAssertFalse(reports[1].committed)
        XCTAssertTrue(reports[1].refused)
        XCTAssertEqual(reports[1].errorCount, 2)
        let errors = reports[1].diagnostics.errors
        XCTAssertEqual(errors.map(\.location), [SourceLocation(file: bad, line: 3, column: 27), SourceLocation(file: bad, line: 3, column: 32)])
        XCTAssertTrue(errors[0].message.contains("'Chef' is not one of the choices of 'role'"), errors[0].message)
        XCTAssertTrue(errors[1].message.contains("'9' is not a point of the scale"), errors[1].message)
        let stored = try ResponseStore(path: storePath).responses(.init(surveyID: "small"))
        XCTAssertEqual(stored.count, 1, "only the good file")
        XCTAssertEqual(stored.first?.answers, ["role": .choice("host"), "score": .number(4)])
    }

    func testSkipBadRowsKeepsTheGoodOnesAndWritesTheOthersWithReasons() throws {
        let survey = try writeSurvey(small, in: directory)
        let bad = try write("""
            Timestamp,What is your role?,Score
            2025/03/12 9:00:00 AM CET,Host,4
            2025/03/12 9:01:00 AM CET,Chef,3
            2025/03/12 9:02:00 AM CET,Guest,2
            """, "bad.csv")
        let rejects = directory.appendingPathComponent("rejects.csv").path
        let report = try run(survey, [bad], ImportOptions(rejectsPath: rejects))[0]
        XCTAssertTrue(report.committed)
        XCTAssertFalse(report.refused)
        XCTAssertEqual([report.new, report.rejected], [2, 1])
        let rows = try CSVReader(url: URL(fileURLWithPath: rejects), options: CSVOptions(header: .firstRow))
        XCTAssertEqual(rows.header, ["file", "line", "problem", "Timestamp", "What is your role?", "Score"])
        let records = try rows.readAll()
        XCTAssertEqual(records.count, 1)
        XCTAssertEqual(Array(records[0].fields[0...1]), [bad, "3"])
        XCTAssertTrue(records[0].fields[2].hasPrefix("3:27: 'Chef' is not one of the choices"), records[0].fields[2])
        XCTAssertEqual(Array(records[0].fields[3...]), ["2025/03/12 9:01:00 AM CET", "Chef", "3"])
    }

    func testDryRunWritesNothingNotEvenAStore() throws {
        let survey = try writeSurvey(small, in: directory)
        let file = try write("What is your role?,Score\nHost,4\nGuest,5\n", "export.csv")
        let report = try run(survey, [file], ImportOptions(dryRun: true))[0]
        XCTAssertEqual(report.new, 2)
        XCTAssertFalse(report.committed)
        XCTAssertEqual(report.sample.map(\.answers), [["role": .choice("host"), "score": .number(4)], ["role": .choice("guest"), "score": .number(5)]])
        XCTAssertFalse(FileManager.default.fileExists(atPath: storePath))

        _ = try run(survey, [file])
        let again = try run(survey, [file], ImportOptions(dryRun: true))[0]
        XCTAssertEqual([again.new, again.existing], [0, 2], "a dry run against a store says what is already there")
        XCTAssertEqual(try ResponseStore(path: storePath).sourceFiles(surveyID: "small").count, 1)
    }

    func testLabelsWithTheSeparatorOtherAnswersNumbersAndHiddenQuestions() throws {
        let survey = try writeSurvey(small, in: directory)
        let file = try write("""
            Timestamp,Vilka ämnen?,Betyg,Varför?,Antal
            2025/03/12 9:00:00 AM CET,"Vatten, hav och sjöar, Skog",2,För kallt,"2,5"
            2025/03/12 9:01:00 AM CET,"Skog, Fjällen, mest",5,Ingen anledning,1 200
            """, "sv.csv")
        let report = try run(survey, [file])[0]
        XCTAssertTrue(report.committed, "\(report.diagnostics)")
        XCTAssertEqual(report.hiddenAnswers, 1)
        let stored = try ResponseStore(path: storePath).responses(.init(surveyID: "small"))
        XCTAssertEqual(stored[0].answers, ["topics": .choices(["water", "forest"], other: nil), "score": .number(2),
                                           "why": .text("För kallt"), "staff": .number(2.5)])
        // "Fjällen, mest" names no label: an "other" answer, its comma kept.
        XCTAssertEqual(stored[1].answers, ["topics": .choices(["forest"], other: "Fjällen, mest"), "score": .number(5), "staff": .number(1200)])
        XCTAssertEqual(stored.map(\.language), ["sv", "sv"])
        XCTAssertEqual(stored[0].submittedAt, ISO8601DateFormatter().date(from: "2025-03-12T08:00:00Z"))
        XCTAssertEqual(stored[1].metadata, ["Timestamp": "2025/03/12 9:01:00 AM CET"])
        XCTAssertEqual(stored[1].source, .imported(file: file, row: 3))
    }

    func testTheToolsOwnColumnsBecomeMetadataAndUnknownColumnsWarnings() throws {
        let survey = try writeSurvey(small, in: directory)
        let file = try write("""
            Timestamp,Email Address,What is your role?,Added later
            2026/09/08 2:28:27 PM GMT+2,anna@example.org,Guest,yes
            """, "emails.csv")
        let report = try run(survey, [file])[0]
        XCTAssertTrue(report.committed)
        XCTAssertEqual(report.diagnostics.warnings.map(\.location), [SourceLocation(file: file, line: 1, column: 44)])
        XCTAssertEqual(report.mapping?.notAsked, ["topics", "score", "why", "staff"])
        let stored = try XCTUnwrap(try ResponseStore(path: storePath).responses(.init(surveyID: "small")).first)
        XCTAssertEqual(stored.answers, ["role": .choice("guest")])
        XCTAssertEqual(stored.metadata, ["Timestamp": "2026/09/08 2:28:27 PM GMT+2", "Email Address": "anna@example.org"])
        XCTAssertEqual(stored.submittedAt, ISO8601DateFormatter().date(from: "2026-09-08T12:28:27Z"))
        XCTAssertEqual(stored.language, "en")
    }

    func testLimeSurveyDraftsLineBreaksLanguageAndIDs() throws {
        let survey = try loadSurvey(GeneratedExport.survey)
        let export = try GeneratedExport.make(layout: "limesurvey", language: "sv", rows: 300, seed: 9, in: directory)
        // Empty the submitdate of two rows: responses never sent.
        var reader = try CSVReader(url: URL(fileURLWithPath: export.path), options: CSVOptions(header: .firstRow))
        var rows = [reader.header!] + (try reader.readAll().map(\.fields))
        rows[3][1] = ""
        rows[7][1] = ""
        let edited = directory.appendingPathComponent("unfinished.csv").path
        try Data(CSVWriter(delimiter: UInt8(ascii: ";"), includeBOM: true, quoteAll: true).bytes(rows)).write(to: URL(fileURLWithPath: edited))
        let report = try run(survey, [edited])[0]
        XCTAssertEqual([report.new, report.drafts], [300, 2])
        let store = try ResponseStore(path: storePath)
        XCTAssertEqual(try store.count(.init(surveyID: survey.id)), 298)
        let all = try store.responses(.init(surveyID: survey.id, includeDrafts: true))
        XCTAssertEqual(all.filter { $0.status == .draft }.map(\.identity), ["limesurvey:3", "limesurvey:7"])
        XCTAssertTrue(all.allSatisfy { $0.language == "sv" })
        // gen.py writes the line break of one tricky answer as LimeSurvey does: the two characters \n.
        reader = try CSVReader(url: URL(fileURLWithPath: export.path))
        let escaped = try reader.readAll().contains { $0.fields.contains("first line\\nsecond line") }
        XCTAssertTrue(escaped, "seed 9 has the tricky answer")
        let texts = all.flatMap { $0.answers.values.compactMap { value -> String? in if case .text(let text) = value { return text } else { return nil } } }
        XCTAssertTrue(texts.contains("first line\nsecond line"))
        XCTAssertFalse(texts.contains { $0.contains("\\n") })
    }

    func testIdenticalRowsWithoutResponseIDsAreTwoResponsesAndStayTwo() throws {
        let survey = try writeSurvey(small, in: directory)
        let file = try write("What is your role?,Score\nHost,4\nHost,4\nGuest,4\n", "same.csv")
        XCTAssertEqual(try run(survey, [file])[0].new, 3)
        let again = try run(survey, [file])[0]
        XCTAssertEqual([again.new, again.existing], [0, 3])
        let identities = try ResponseStore(path: storePath).responses(.init(surveyID: "small")).compactMap(\.identity)
        XCTAssertEqual(identities.count, 3)
        XCTAssertEqual(Set(identities).count, 3)
        XCTAssertEqual(identities[1], identities[0] + "#2")
    }

    func testTheFileIsRecordedWithItsHash() throws {
        let survey = try loadSurvey(GeneratedExport.survey)
        let export = try GeneratedExport.make(layout: "kobo", rows: 50, in: directory)
        _ = try run(survey, [export.path])
        let recorded = try XCTUnwrap(try ResponseStore(path: storePath).sourceFiles(surveyID: survey.id).first)
        // An independent hash: Python's hashlib over the same bytes.
        let output = directory.appendingPathComponent("hash.txt").path
        try GeneratedExport.runPython(["-c", "import hashlib,sys; open(sys.argv[2],'w').write(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())",
                                       export.path, output])
        XCTAssertEqual(recorded.sha256, try String(contentsOfFile: output, encoding: .utf8))
        XCTAssertEqual([recorded.layout, recorded.encoding], ["kobo", "utf-8"])
        XCTAssertEqual([recorded.rowsNew, recorded.rowsExisting], [50, 0])
    }

    func testMapOverridesAndUsageMistakes() throws {
        let survey = try writeSurvey(small, in: directory)
        let file = try write("Q1,Q2,Comment\nGäst,3,hej\n", "coded.csv")
        let unmapped = try run(survey, [file])[0]
        XCTAssertTrue(unmapped.refused, "nothing matches without --map")
        XCTAssertEqual(unmapped.diagnostics.warnings.count, 3)
        XCTAssertEqual(unmapped.diagnostics.warnings.first?.location, SourceLocation(file: file, line: 1, column: 1))
        let options = ImportOptions(overrides: [ColumnOverride(column: "Q1", target: "role"), ColumnOverride(column: "q2", target: "score"),
                                                ColumnOverride(column: "Comment", target: "-")])
        let mapped = try run(survey, [file], options)[0]
        XCTAssertTrue(mapped.committed)
        XCTAssertEqual(mapped.diagnostics.warnings, [])
        XCTAssertEqual(mapped.mapping?.notAsked, ["topics", "why", "staff"])
        XCTAssertThrowsError(try SurveyImporter(survey: survey, options: ImportOptions(overrides: [ColumnOverride(column: "Q1", target: "rol")]))) { error in
            XCTAssertTrue("\(error)".contains("did you mean 'role'"), "\(error)")
        }
        XCTAssertThrowsError(try ColumnOverride(parsing: "no equals sign"))
        XCTAssertEqual(try ColumnOverride(parsing: "Score = 1=5=score"), ColumnOverride(column: "Score = 1=5", target: "score"))
    }
}
