import Foundation
import SamlaKit
import SamlaTestSupport
import XCTest

/// Notes through the built binary: `validate` locates what a note cannot have, `collect` through a
/// pipe shows them and asks nothing, `import` names a Kobo export's note columns in its
/// accounting, `summary` and `export` count and number questions only, `export-form` writes note
/// rows pyxform accepts and `draft` reads them back, and the shipped schema agrees with the decoder.
final class NoteEndToEndTests: XCTestCase {
    private var directory: URL!
    private var surveyPath: String { directory.appendingPathComponent("notes.yaml").path }
    private var storePath: String { directory.appendingPathComponent("notes.sqlite").path }

    override func setUpWithError() throws {
        directory = EndToEndPaths.temporaryDirectory()
        try NoteSurvey.text.write(toFile: surveyPath, atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func python(_ script: String, _ arguments: [String]) throws -> String {
        try Python.run(["-c", script] + arguments)
    }

    func testValidateCountsNotesAndLocatesWhatANoteCannotHave() throws {
        let ok = try SamlaProcess.run(["validate", surveyPath])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertTrue(ok.stdout.contains("ok: 'notes', 3 questions and 3 notes in en"), ok.stdout)

        let bad = directory.appendingPathComponent("bad.yaml").path
        try NoteSurvey.text.replacingOccurrences(of: "    hint: Nothing is kept until you finish", with: "    required: true")
            .replacingOccurrences(of: "    text: Plans", with: "    text: Plans\n    show_if: {question: welcome, equals: a}")
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let result = try SamlaProcess.run(["validate", bad])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("\(bad):9:5: error: 'required' does not apply to a note (note 'welcome')"), result.stderr)
        XCTAssertTrue(result.stderr.contains("\(bad):29:14: error: show_if of 'plans' points at 'welcome', which is a note: a note has no answer to test"),
                      result.stderr)
    }

    func testCollectThroughAPipeShowsNotesAndAsksNothingOfThem() throws {
        let lines = ["2", "10", "Grow", "1", "", "Stay"]
        let result = try SamlaProcess.run(["collect", surveyPath, "--store", storePath, "--participants", "2"], input: lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(result.status, 0, result.stderr)
        let responses = try ResponseStore(path: storePath).responses(.init(surveyID: "notes"))
        XCTAssertEqual(responses.map(\.answers), [
            ["role": .choice("b"), "size": .number(10), "plans": .text("Grow")],
            ["role": .choice("a"), "plans": .text("Stay")],
        ], "six lines answer six questions: a note takes no line")
        XCTAssertEqual(result.stdout.components(separatedBy: "Welcome <b>all</b> & thanks\nIt takes two minutes.\nNothing is kept until you finish\n").count - 1, 2,
                       result.stdout)
        XCTAssertEqual(result.stdout.components(separatedBy: "Questions for regions only\nSkip what does not apply\n").count - 1, 1,
                       "the conditional note for role b only")
        XCTAssertEqual(result.stdout.components(separatedBy: "See you at the next workshop\n").count - 1, 2)
    }

    func testImportNamesAKoboExportsNoteColumnsInTheAccounting() throws {
        let header = ["start", "end", "welcome", "role", "size", "regional/region-note", "regional/plans", "goodbye", "_id", "_uuid", "_submission_time", "_index"]
        let rows = [
            ["2026-03-12T09:00:00.000+01:00", "2026-03-12T09:03:00.000+01:00", "", "b", "10", "", "Grow", "", "101",
             "6f1c2a40-0000-4000-8000-000000000001", "2026-03-12T08:03:10", "1"],
            ["2026-03-12T09:01:00.000+01:00", "2026-03-12T09:04:00.000+01:00", "", "a", "60", "", "Stay", "", "102",
             "6f1c2a40-0000-4000-8000-000000000002", "2026-03-12T08:04:10", "2"],
        ]
        func write(_ rows: [[String]], _ name: String) throws -> String {
            let path = directory.appendingPathComponent(name).path
            let text = ([header] + rows).map { $0.map { "\"\($0)\"" }.joined(separator: ";") }.joined(separator: "\n") + "\n"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let clean = try write(rows, "kobo.csv")
        let imported = try SamlaProcess.run(["import", surveyPath, clean, "--store", storePath, "--strict"])
        XCTAssertEqual(imported.status, 0, imported.stderr + imported.stdout)
        let report = imported.stdout + imported.stderr
        XCTAssertTrue(report.contains("column 3 'welcome': 0 non-empty cells, a note of the survey, which takes no answer: not imported"), report)
        XCTAssertTrue(report.contains("column 6 'regional/region-note': 0 non-empty cells, a note of the survey"), report)
        XCTAssertTrue(report.contains("column 8 'goodbye': 0 non-empty cells, a note of the survey"), report)
        XCTAssertTrue(report.contains("every non-empty cell is accounted for"), report)
        XCTAssertFalse(report.contains("matches no question"), report)
        let responses = try ResponseStore(path: storePath).responses(.init(surveyID: "notes"))
        XCTAssertEqual(responses.map(\.answers), [
            ["role": .choice("b"), "size": .number(10), "plans": .text("Grow")],
            ["role": .choice("a"), "size": .number(60), "plans": .text("Stay")],
        ])

        // A cell where a note stands reaches no response: named, and --strict refuses the file.
        var written = rows
        written[0][5] = "typed into a note"
        written[0][9] = "6f1c2a40-0000-4000-8000-000000000003"
        let dirty = try write(written, "kobo-written.csv")
        let refused = try SamlaProcess.run(["import", surveyPath, dirty, "--store", storePath, "--strict"])
        XCTAssertNotEqual(refused.status, 0)
        let said = refused.stdout + refused.stderr
        XCTAssertTrue(said.contains("column 6 'regional/region-note': 1 non-empty cell, a note of the survey"), said)
    }

    func testSummaryAndWorkbookCountAndNumberQuestionsOnly() throws {
        let lines = ["2", "10", "Grow", "1", "70", "Stay"]
        XCTAssertEqual(try SamlaProcess.run(["collect", surveyPath, "--store", storePath], input: lines.joined(separator: "\n") + "\n").status, 0)
        let summary = try SamlaProcess.run(["summary", surveyPath, "--store", storePath, "--json"])
        XCTAssertEqual(summary.status, 0, summary.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((json["questions"] as? [[String: Any]])?.compactMap { $0["id"] as? String }, ["role", "size", "plans"])
        let text = try SamlaProcess.run(["summary", surveyPath, "--store", storePath])
        for words in ["Welcome", "Questions for regions", "See you at the next"] {
            XCTAssertFalse(summary.stdout.contains(words) || text.stdout.contains(words), "\(words) in a summary")
        }
        let workbook = directory.appendingPathComponent("notes.xlsx").path
        let exported = try SamlaProcess.run(["export", surveyPath, "--store", storePath, "--xlsx", workbook])
        XCTAssertEqual(exported.status, 0, exported.stderr)
        let read = try python("""
            import json, sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            texts = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
            print(json.dumps({"sheets": book.sheetnames, "responses": [c.value for c in book["Responses"][1]],
                              "noted": [t for t in texts if "Welcome" in t or "regions only" in t or "next workshop" in t]}))
            """, [workbook])
        let sheets = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(read.utf8)) as? [String: Any])
        let names = try XCTUnwrap(sheets["sheets"] as? [String])
        XCTAssertTrue(names.contains("1. Role") && names.contains("2. Size"), "\(names)")
        XCTAssertFalse(names.contains { $0.hasPrefix("4.") }, "three questions, three numbers: \(names)")
        XCTAssertEqual(sheets["noted"] as? [String], [], "no note's text anywhere in the workbook")
        let headings = (sheets["responses"] as? [Any] ?? []).compactMap { $0 as? String }
        XCTAssertFalse(headings.contains { $0.contains("welcome") || $0.contains("Welcome") }, "\(headings)")
        let exportedJSON = directory.appendingPathComponent("notes.json").path
        XCTAssertEqual(try SamlaProcess.run(["export", surveyPath, "--store", storePath, "--json", exportedJSON]).status, 0)
        let jsonText = try String(contentsOfFile: exportedJSON, encoding: .utf8)
        XCTAssertFalse(jsonText.contains("welcome") || jsonText.contains("region-note") || jsonText.contains("goodbye"))
    }

    func testExportFormWritesNoteRowsAndDraftReadsThemBackAsNotes() throws {
        let form = directory.appendingPathComponent("notes-form.xlsx").path
        let exported = try SamlaProcess.run(["export-form", surveyPath, "--xlsform", form])
        XCTAssertEqual(exported.status, 0, exported.stderr)
        XCTAssertTrue(exported.stderr.contains("with 3 questions and 3 notes"), exported.stderr)
        let xform = try python("""
            import sys
            from pyxform.xls2xform import xls2xform_convert
            warnings = xls2xform_convert(sys.argv[1], sys.argv[1] + ".xml", validate=False, pretty_print=False)
            assert not warnings, warnings
            print(open(sys.argv[1] + ".xml", encoding="utf-8").read())
            """, [form])
        XCTAssertTrue(xform.contains("readonly=\"true()\""), "notes are read-only fields: \(xform)")
        XCTAssertTrue(xform.contains("Welcome &lt;b&gt;all&lt;/b&gt; &amp; thanks"), xform)
        let back = directory.appendingPathComponent("back.yaml").path
        let draft = try SamlaProcess.run(["draft", form, "--out", back])
        XCTAssertEqual(draft.status, 0, draft.stderr)
        XCTAssertTrue(draft.stderr.contains("Wrote 3 questions and 3 notes from the XLSForm"), draft.stderr)
        XCTAssertFalse(draft.stderr.contains("warning:"), draft.stderr)
        let original = try SurveyLoader.require(path: surveyPath)
        let read = try SurveyLoader.require(path: back)
        XCTAssertEqual(read.notes, original.notes)
        XCTAssertEqual(read.questions, original.questions)
    }

    /// The JSON Schema takes notes and refuses what the decoder refuses on them.
    func testTheShippedSchemaTakesNotesAndRefusesAnswerKeysOnThem() throws {
        _ = try python("""
            import json, sys, yaml, jsonschema, copy
            schema = json.load(open(sys.argv[1]))
            survey = yaml.safe_load(open(sys.argv[2]))
            jsonschema.validate(survey, schema, cls=jsonschema.Draft202012Validator)
            for key, value in [("required", True), ("choices", [{"id": "a", "label": "A"}]), ("personal", True), ("scale", {"min": 1, "max": 3})]:
                bad = copy.deepcopy(survey)
                bad["questions"][0][key] = value
                try:
                    jsonschema.validate(bad, schema, cls=jsonschema.Draft202012Validator)
                except jsonschema.ValidationError:
                    continue
                sys.exit("the schema accepts a note with " + key)
            only_notes = copy.deepcopy(survey)
            only_notes["questions"] = [q for q in survey["questions"] if q["type"] == "note"]
            try:
                jsonschema.validate(only_notes, schema, cls=jsonschema.Draft202012Validator)
                sys.exit("the schema accepts a survey of notes alone")
            except jsonschema.ValidationError:
                pass
            """, [EndToEndPaths.repo("schema/survey.schema.json"), surveyPath])
    }
}
