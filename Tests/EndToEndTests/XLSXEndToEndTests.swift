import Foundation
import XCTest

/// .xlsx exports through the built binary: drafted, imported and exported back with every
/// answer, inspected with their sheet, and refused with a clear message when they cannot be read.
/// The workbooks are written here by openpyxl, the way Microsoft Forms and Google Sheets lay theirs out.
final class XLSXEndToEndTests: XCTestCase {
    var directory: URL!

    override func setUp() {
        directory = EndToEndPaths.temporaryDirectory()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    private func workbook(_ body: String, name: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        let script = directory.appendingPathComponent("write.py")
        try ("import sys, datetime, openpyxl\nwb = openpyxl.Workbook()\nws = wb.active\n" + body + "\nwb.save(sys.argv[1])\n")
            .write(to: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, path]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "python3 with openpyxl (scripts/install-deps.sh --with-test-tools)")
        return path
    }

    private func json(_ path: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    /// The answers of each response by question id, as the JSON export has them.
    private func answers(_ export: [String: Any]) throws -> [[String: Any]] {
        let responses = try XCTUnwrap(export["responses"] as? [[String: Any]])
        return try responses.map { try XCTUnwrap($0["answers"] as? [String: Any]) }
    }

    /// The texts in an answer: a choice answer by its labels.
    private func words(_ value: Any) -> [String] {
        switch value {
        case let text as String: return [text]
        case let list as [Any]: return list.flatMap(words)
        case let object as [String: Any]: return object["labels"].map(words) ?? object.values.flatMap(words)
        default: return ["\(value)"]
        }
    }

    private static let microsoftForms = """
        ws.title = "Form1"
        ws.append(["ID", "Start time", "Completion time", "Email", "Name", "Which sessions did you attend?", "How useful was the day?", "What should we change?"])
        rows = [
            (1, datetime.datetime(2026, 7, 27, 19, 1, 2), datetime.datetime(2026, 7, 27, 19, 6, 23), "anonymous", None, "Keynote;Panel;", 4, "More breaks"),
            (2, datetime.datetime(2026, 7, 27, 19, 10, 0), datetime.datetime(2026, 7, 27, 19, 12, 30), "asa@example.org", "Åsa Öberg", "Panel;Workshop;", 5, "Nothing, it was great & fun"),
            (3, datetime.datetime(2026, 7, 28, 8, 0, 0), datetime.datetime(2026, 7, 28, 8, 3, 0), "anonymous", "Anonymous", "Keynote;", 3, None),
            (4, datetime.datetime(2026, 7, 28, 9, 0, 0), datetime.datetime(2026, 7, 28, 9, 1, 0), "bo@example.org", "Bo", "Keynote;Workshop;Panel;", 2, "Shorter keynote"),
        ]
        for row in rows:
            ws.append(row)
        for column in ("B", "C"):
            for cell in ws[column][1:]:
                cell.number_format = "m/d/yy h:mm:ss"
        """

    func testMicrosoftFormsWorkbookImportsEveryAnswer() throws {
        let export = try workbook(Self.microsoftForms, name: "Feedback.xlsx")
        let survey = directory.appendingPathComponent("feedback.yaml").path
        try """
            format: 1
            id: feedback
            title: Feedback
            languages: [en]
            questions:
              - id: sessions
                type: multiple_choice
                text: "Which sessions did you attend?"
                choices:
                  - {id: keynote, label: "Keynote"}
                  - {id: panel, label: "Panel"}
                  - {id: workshop, label: "Workshop"}
              - id: useful
                type: scale
                text: "How useful was the day?"
                scale: {min: 1, max: 5}
              - id: change
                type: text
                text: "What should we change?"

            """.write(toFile: survey, atomically: true, encoding: .utf8)
        let store = directory.appendingPathComponent("store.sqlite").path
        let imported = try SamlaProcess.run(["import", survey, export, "--store", store])
        XCTAssertEqual(imported.status, 0, imported.stdout + imported.stderr)
        XCTAssertTrue(imported.stdout.contains("Feedback.xlsx: 4 new"), imported.stdout)
        XCTAssertTrue(imported.stdout.contains("read as microsoft-forms, sheet Form1"), imported.stdout)

        let out = directory.appendingPathComponent("out.json").path
        let exported = try SamlaProcess.run(["export", survey, "--store", store, "--json", out])
        XCTAssertEqual(exported.status, 0, exported.stderr)
        let exportedJSON = try json(out)
        let all = try answers(exportedJSON)
        XCTAssertEqual(all.map { ($0["sessions"] as? [String: Any])?["choices"] as? [String] },
                       [["keynote", "panel"], ["panel", "workshop"], ["keynote"], ["keynote", "panel", "workshop"]].map { Optional($0) })
        XCTAssertEqual(all.map { $0["useful"] as? Int }, [4, 5, 3, 2])
        XCTAssertEqual(all.map { $0["change"] as? String }, ["More breaks", "Nothing, it was great & fun", nil, "Shorter keynote"])
        // Choices come in the order the survey lists them; the dates are the date cells', read from their
        // serials. A serial has no zone, so it is read in the survey's (Europe/Stockholm, summer time).
        let responses = try XCTUnwrap(exportedJSON["responses"] as? [[String: Any]])
        XCTAssertEqual(responses.map { $0["submittedAt"] as? String },
                       ["2026-07-27T17:06:23Z", "2026-07-27T17:12:30Z", "2026-07-28T06:03:00Z", "2026-07-28T07:01:00Z"])
        XCTAssertEqual(responses.map { $0["submittedAtLocal"] as? String }.first ?? nil, "2026-07-27T19:06:23+02:00")
        XCTAssertEqual(responses.map { $0["sourceRow"] as? Int }, [2, 3, 4, 5])
    }

    func testDraftThenImportOfAWorkbookStoresEveryRow() throws {
        let export = try workbook(Self.microsoftForms, name: "Feedback.xlsx")
        let survey = directory.appendingPathComponent("survey.yaml").path
        let draft = try SamlaProcess.run(["draft", export, "--out", survey])
        XCTAssertEqual(draft.status, 0, draft.stderr)
        let definition = try String(contentsOfFile: survey, encoding: .utf8)
        XCTAssertTrue(definition.contains("Which sessions did you attend?"), definition)
        XCTAssertFalse(definition.contains("Completion time"), "tool columns are not questions:\n\(definition)")
        let store = directory.appendingPathComponent("store.sqlite").path
        let imported = try SamlaProcess.run(["import", survey, export, "--store", store])
        XCTAssertEqual(imported.status, 0, imported.stdout + imported.stderr)
        let out = directory.appendingPathComponent("out.json").path
        XCTAssertEqual(try SamlaProcess.run(["export", survey, "--store", store, "--json", out]).status, 0)
        let texts = try answers(try json(out)).map { Set($0.values.flatMap(words)) }
        XCTAssertEqual(texts.count, 4)
        // Drafted as free text or as a multiple choice, the sessions arrive either way.
        let sessions = [["Keynote", "Panel"], ["Panel", "Workshop"], ["Keynote"], ["Keynote", "Workshop", "Panel"]]
        let others: [Set<String>] = [["4", "More breaks"], ["5", "Nothing, it was great & fun"], ["3"], ["2", "Shorter keynote"]]
        for index in 0..<4 {
            XCTAssertTrue(texts[index].isSuperset(of: others[index]), "\(texts[index])")
            XCTAssertTrue(texts[index].contains(sessions[index].joined(separator: ";") + ";") || texts[index].isSuperset(of: sessions[index]),
                          "\(texts[index])")
        }
    }

    func testGoogleSheetsWorkbookGivesTheSameResponsesAsItsCSV() throws {
        let export = try workbook("""
            ws.append(["Timestamp", "Which city are you based in?", "How many people work on this?", "Other comments"])
            ws.append([datetime.datetime(2025, 3, 12, 9, 0, 0), "Umeå", 12, "Less talk, more =SUM(A1)"])
            ws.append([datetime.datetime(2025, 3, 12, 9, 5, 0), "Sundsvall", 3, None])
            ws.append([datetime.datetime(2025, 3, 12, 9, 7, 0), "Umeå", 0.5, "Ok"])
            for cell in ws["A"][1:]:
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
            """, name: "responses.xlsx")
        let csv = directory.appendingPathComponent("responses.csv").path
        try """
            Timestamp,Which city are you based in?,How many people work on this?,Other comments
            2025-03-12 09:00:00,Umeå,12,"Less talk, more =SUM(A1)"
            2025-03-12 09:05:00,Sundsvall,3,
            2025-03-12 09:07:00,Umeå,0.5,Ok

            """.write(toFile: csv, atomically: true, encoding: .utf8)
        let survey = directory.appendingPathComponent("survey.yaml").path
        XCTAssertEqual(try SamlaProcess.run(["draft", export, "--out", survey]).status, 0)
        var results: [Data] = []
        for (index, file) in [export, csv].enumerated() {
            let store = directory.appendingPathComponent("store\(index).sqlite").path
            let imported = try SamlaProcess.run(["import", survey, file, "--store", store])
            XCTAssertEqual(imported.status, 0, imported.stdout + imported.stderr)
            let out = directory.appendingPathComponent("out\(index).json").path
            XCTAssertEqual(try SamlaProcess.run(["export", survey, "--store", store, "--json", out]).status, 0)
            let all = try answers(try json(out))
            XCTAssertEqual(all.count, 3)
            XCTAssertTrue(all.contains { $0.values.contains { $0 as? String == "Less talk, more =SUM(A1)" } })
            results.append(try JSONSerialization.data(withJSONObject: all, options: .sortedKeys))
        }
        XCTAssertEqual(String(decoding: results[0], as: UTF8.self), String(decoding: results[1], as: UTF8.self))
    }

    /// SurveyMonkey's two header rows with the question merged over its option columns, as its
    /// Excel download has them: drafted and imported exactly as the same export as CSV.
    func testMergedTwoRowHeaderReadsAsItsCSV() throws {
        let csv = EndToEndPaths.repo("Tests/Fixtures/layouts/surveymonkey.csv")
        let export = try workbook("""
            import csv
            for row in csv.reader(open(\(String(reflecting: csv)), encoding="utf-8")):
                ws.append([int(v) if v.isdigit() else (v or None) for v in row])
            ws.merge_cells("K1:M1")
            """, name: "monkey.xlsx")
        var drafts: [String] = []
        var exports: [String] = []
        for (index, file) in [csv, export].enumerated() {
            let survey = directory.appendingPathComponent("survey\(index).yaml").path
            XCTAssertEqual(try SamlaProcess.run(["draft", file, "--out", survey]).status, 0)
            let text = try String(contentsOfFile: survey, encoding: .utf8)
            drafts.append(String(text[try XCTUnwrap(text.range(of: "questions:")).lowerBound...]))
            let store = directory.appendingPathComponent("store\(index).sqlite").path
            let imported = try SamlaProcess.run(["import", directory.appendingPathComponent("survey0.yaml").path, file, "--store", store])
            XCTAssertEqual(imported.status, 0, imported.stdout + imported.stderr)
            XCTAssertTrue(imported.stdout.contains("every non-empty cell is accounted for"), imported.stdout)
            let out = directory.appendingPathComponent("out\(index).json").path
            XCTAssertEqual(try SamlaProcess.run(["export", directory.appendingPathComponent("survey0.yaml").path, "--store", store, "--json", out]).status, 0)
            let all = try answers(try json(out))
            XCTAssertEqual(all.count, 3)
            exports.append(String(decoding: try JSONSerialization.data(withJSONObject: all, options: .sortedKeys), as: UTF8.self))
        }
        XCTAssertEqual(drafts[0], drafts[1])
        XCTAssertEqual(exports[0], exports[1])
    }

    func testInspectShowsTheSheetRowsAndMapping() throws {
        let export = try workbook(Self.microsoftForms + "\nwb.create_sheet(\"Notes\", 0)\nwb[\"Notes\"][\"A1\"] = \"read me\"", name: "two.xlsx")
        let table = try SamlaProcess.run(["inspect", export, "--sheet", "Form1"])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.contains("sheet      Form1"), table.stdout)
        XCTAssertTrue(table.stdout.contains("layout     microsoft-forms"), table.stdout)
        XCTAssertTrue(table.stdout.contains("rows       4"), table.stdout)
        XCTAssertTrue(table.stdout.contains("2026-07-27T19:06:23"), table.stdout)

        let first = try SamlaProcess.run(["inspect", export, "--json"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["sheet"] as? String, "Notes")
        XCTAssertEqual(object["header"] as? [String], ["read me"])

        let survey = directory.appendingPathComponent("survey.yaml").path
        XCTAssertEqual(try SamlaProcess.run(["draft", export, "--sheet", "Form1", "--out", survey]).status, 0)
        let mapped = try SamlaProcess.run(["inspect", export, "--sheet", "Form1", "--survey", survey, "--json"])
        XCTAssertEqual(mapped.status, 0, mapped.stderr)
        let mapping = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(mapped.stdout.utf8)) as? [String: Any])?["mapping"] as? [[String: Any]])
        XCTAssertEqual(mapping.count, 8)
        XCTAssertEqual(mapping.filter { $0["role"] as? String == "tool" }.count, 5, "\(mapping)")
    }

    func testUnreadableWorkbooksAreRefusedWithWhatToDo() throws {
        let export = try workbook(Self.microsoftForms, name: "Feedback.xlsx")
        let missing = try SamlaProcess.run(["inspect", export, "--sheet", "Svar"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("\(export): error: the workbook has no sheet \"Svar\"; its sheets are \"Form1\""), missing.stderr)
        XCTAssertTrue(missing.stderr.contains("--sheet"), missing.stderr)

        let legacy = directory.appendingPathComponent("old.xls")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 1024)).write(to: legacy)
        let old = try SamlaProcess.run(["draft", legacy.path])
        XCTAssertEqual(old.status, 1)
        XCTAssertTrue(old.stderr.contains("Excel 97–2003 workbook (.xls)"), old.stderr)
        XCTAssertTrue(old.stderr.contains("save it as .xlsx or CSV"), old.stderr)

        // A workbook named .csv is still a workbook: told by its zip signature.
        let renamed = directory.appendingPathComponent("export.csv").path
        try FileManager.default.copyItem(atPath: export, toPath: renamed)
        let read = try SamlaProcess.run(["inspect", renamed])
        XCTAssertEqual(read.status, 0, read.stderr)
        XCTAssertTrue(read.stdout.contains("sheet      Form1"), read.stdout)

        // Cut short: a damaged zip, not a crash.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: export))
        let cut = directory.appendingPathComponent("cut.xlsx")
        try bytes.prefix(bytes.count - 40).write(to: cut)
        let damaged = try SamlaProcess.run(["import", directory.appendingPathComponent("none.yaml").path, cut.path])
        XCTAssertNotEqual(damaged.status, 0)
        let survey = directory.appendingPathComponent("survey.yaml").path
        XCTAssertEqual(try SamlaProcess.run(["draft", export, "--out", survey]).status, 0)
        let refused = try SamlaProcess.run(["import", survey, cut.path, "--store", directory.appendingPathComponent("s.sqlite").path])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue((refused.stdout + refused.stderr).contains("the workbook is damaged or cut short"), refused.stdout + refused.stderr)
    }
}
