import Foundation
import SamlaKit
import XCTest

/// A German Google Forms export through the built binary: `samla draft` gives `languages: [de]`,
/// and Samla, which has no German words of its own, speaks English to it (never Swedish): the
/// prompts of `samla collect` through a pipe and the workbook's sheet names and headings.
final class DraftLanguageEndToEndTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = EndToEndPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private let german = """
        Zeitstempel,Wie zufrieden sind Sie mit dem Workshop?,Welche Themen interessieren Sie?,Was sollten wir beim nächsten Mal besser machen?,Wie viele Personen arbeiten in Ihrer Organisation?
        12.03.2025 09:00:00,Sehr zufrieden,"Wasser und Meer, Wald",Mehr Zeit für die Diskussion in kleinen Gruppen,12
        12.03.2025 09:05:00,Zufrieden,Wald,Die Pausen waren zu kurz und der Raum war zu warm,250
        12.03.2025 09:10:00,Sehr zufrieden,"Arbeit und Ausbildung, Wasser und Meer",Ich würde gerne mehr über die Projekte der anderen Gemeinden hören,8
        12.03.2025 09:12:00,Unzufrieden,Wald,Es gab keine Zeit für Fragen,40
        13.03.2025 14:00:00,Zufrieden,"Wald, Arbeit und Ausbildung",Alles war gut organisiert,3
        13.03.2025 14:30:00,Sehr zufrieden,Wasser und Meer,Wir brauchen mehr Beispiele aus der Praxis,1200

        """

    func testAGermanExportIsDraftedAsGermanAndSpokenToInEnglish() throws {
        let export = directory.appendingPathComponent("umfrage.csv").path
        try german.write(toFile: export, atomically: true, encoding: .utf8)
        let definition = directory.appendingPathComponent("umfrage.yaml").path
        let drafted = try SamlaProcess.run(["draft", export, "--out", definition])
        XCTAssertEqual(drafted.status, 0, drafted.stderr)
        let yaml = try String(contentsOfFile: definition, encoding: .utf8)
        XCTAssertTrue(yaml.contains("\nlanguages: [de]\n"), yaml)
        XCTAssertFalse(drafted.stderr.contains("Skrev") || drafted.stderr.contains("frågor"), "draft speaks English: \(drafted.stderr)")
        let validated = try SamlaProcess.run(["validate", definition])
        XCTAssertEqual(validated.status, 0, validated.stderr)
        let survey = try XCTUnwrap(SurveyLoader.load(path: definition).survey)
        XCTAssertEqual(survey.questions.map(\.type), [.scale, .multipleChoice, .text, .number], yaml)

        let store = directory.appendingPathComponent("umfrage.sqlite").path
        let imported = try SamlaProcess.run(["import", definition, export, "--store", store])
        XCTAssertEqual(imported.status, 0, imported.stderr)

        // One participant through a pipe: satisfaction 5, topics 1 and 2, a comment, a number.
        let collected = try SamlaProcess.run(["collect", definition, "--store", store], input: "5\n1,2\nMehr Pausen bitte\n30\n")
        XCTAssertEqual(collected.status, 0, collected.stderr)
        XCTAssertTrue(collected.stdout.contains("question 1 of 4"), collected.stdout)
        XCTAssertTrue(collected.stdout.contains("a number from 1 to 5"), collected.stdout)
        XCTAssertTrue(collected.stdout.contains("Wie zufrieden sind Sie mit dem Workshop?"), "the survey's own words stay German")
        for swedish in ["fråga", "svara med", "Tack!", "Deltagare", "siffr"] {
            XCTAssertFalse(collected.stdout.contains(swedish), "no Swedish prompt '\(swedish)': \(collected.stdout)")
        }
        XCTAssertTrue(collected.stderr.contains("Saved 1 response"), collected.stderr)
        XCTAssertEqual(try ResponseStore(path: store).count(.init(surveyID: survey.id)), 7)

        let workbook = directory.appendingPathComponent("umfrage.xlsx").path
        let exported = try SamlaProcess.run(["export", definition, "--store", store, "--xlsx", workbook])
        XCTAssertEqual(exported.status, 0, exported.stderr)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import json, sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            print(json.dumps({"sheets": book.sheetnames, "responses": [c.value for c in book["Responses"][1]]}))
            """, workbook]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let read = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let sheets = try XCTUnwrap(read["sheets"] as? [String])
        XCTAssertTrue(sheets.contains("Overview") && sheets.contains("Responses"), "\(sheets)")
        XCTAssertFalse(sheets.contains("Översikt") || sheets.contains("Svar"), "\(sheets)")
        let headings = (read["responses"] as? [Any] ?? []).compactMap { $0 as? String }
        XCTAssertTrue(headings.contains("Submitted (Europe/Stockholm)"), "\(headings)")
        XCTAssertTrue(headings.contains("Wie zufrieden sind Sie mit dem Workshop?"), "\(headings)")
    }
}
