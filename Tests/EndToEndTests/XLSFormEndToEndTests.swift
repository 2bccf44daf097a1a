import Foundation
import XCTest

/// `samla draft FORM.xlsx` and `samla export-form` through the built binary: the form written by
/// openpyxl, what is not converted on standard error at its cell, the survey valid, and the form
/// written back accepted by pyxform.
final class XLSFormEndToEndTests: XCTestCase {
    var directory: URL!

    override func setUp() {
        directory = EndToEndPaths.temporaryDirectory()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A small Kobo form, named so that nothing but its sheets says it is a form.
    private func form(name: String = "download (3).xlsx") throws -> String {
        let path = directory.appendingPathComponent(name).path
        let script = """
            import sys, openpyxl
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = "survey"
            for row in [
                ["type", "name", "label::Svenska (sv)", "label::English (en)", "relevant", "calculation"],
                ["begin_group", "bakgrund", "Bakgrund", "Background"],
                ["select_one kommuner or_other", "kommun", "Kommun", "Municipality"],
                ["end_group"],
                ["integer", "antal", "Antal", "Count", "${kommun} = 'umea'"],
                ["calculate", "dubbelt", None, None, None, "${antal} * 2"],
                ["geopoint", "plats", "Plats", "Place"],
            ]:
                ws.append(row)
            ch = wb.create_sheet("choices")
            for row in [["list_name", "name", "label::Svenska (sv)", "label::English (en)"],
                        ["kommuner", "umea", "Umeå", "Umeå"], ["kommuner", "lulea", "Luleå", "Luleå"]]:
                ch.append(row)
            st = wb.create_sheet("settings")
            st.append(["form_title", "form_id", "default_language"])
            st.append(["Kommunenkät", "kommun_enkat", "Svenska (sv)"])
            wb.save(sys.argv[1])
            """
        let scriptPath = directory.appendingPathComponent("form.py")
        try script.write(to: scriptPath, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scriptPath.path, path]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "python3 with openpyxl (scripts/install-deps.sh --with-test-tools)")
        return path
    }

    func testDraftConvertsAFormAndListsWhatItCannot() throws {
        let path = try form()
        let out = directory.appendingPathComponent("kommun.yaml").path
        let draft = try SamlaProcess.run(["draft", path, "--out", out])
        XCTAssertEqual(draft.status, 0, draft.stderr)
        XCTAssertTrue(draft.stderr.contains("\(path):survey!A6: warning: calculate 'dubbelt' is not converted: Samla has no calculations"), draft.stderr)
        XCTAssertTrue(draft.stderr.contains("\(path):survey!A7: warning: geopoint 'plats' is not converted"), draft.stderr)
        XCTAssertTrue(draft.stderr.contains("Skrev 2 frågor från XLSForm-formuläret till \(out)."), draft.stderr)
        let yaml = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(yaml.contains("id: kommun-enkat"), yaml)
        XCTAssertTrue(yaml.contains("languages: [sv, en]"), yaml)
        XCTAssertTrue(yaml.contains("  - id: kommun\n    section: {sv: Bakgrund, en: Background}\n"), yaml)
        XCTAssertTrue(yaml.contains("show_if: {question: kommun, equals: umea}"), yaml)
        let validate = try SamlaProcess.run(["validate", out])
        XCTAssertEqual(validate.status, 0, validate.stderr + validate.stdout)

        // Without --out the survey goes to standard output and the listing to standard error.
        let piped = try SamlaProcess.run(["draft", path])
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertTrue(piped.stdout.hasPrefix("# Converted by samla draft from the XLSForm download (3).xlsx: 2 questions."), piped.stdout)
        XCTAssertFalse(piped.stdout.contains("warning:"))
        XCTAssertTrue(piped.stderr.contains("survey!A6: warning"), piped.stderr)
    }

    func testExportFormWritesAFormPyxformAcceptsAndDraftReadsBack() throws {
        let form = directory.appendingPathComponent("tnc-form.xlsx").path
        let exported = try SamlaProcess.run(["export-form", EndToEndPaths.repo("surveys/tnc-workshop.yaml"), "--xlsform", form])
        XCTAssertEqual(exported.status, 0, exported.stderr)
        XCTAssertTrue(exported.stderr.contains("Skrev XLSForm-formuläret \(form) med 10 frågor"), exported.stderr)
        let pyxform = Process()
        pyxform.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        pyxform.arguments = ["python3", "-c", "from pyxform.xls2xform import main_cli; main_cli()", form, form + ".xml"]
        try pyxform.run()
        pyxform.waitUntilExit()
        XCTAssertEqual(pyxform.terminationStatus, 0, "xls2xform accepts the form (pip install pyxform)")
        let back = try SamlaProcess.run(["draft", form])
        XCTAssertEqual(back.status, 0, back.stderr)
        XCTAssertTrue(back.stdout.contains("Everything in the form was converted."), back.stdout)
        XCTAssertEqual(back.stderr, "")

        let old = try SamlaProcess.run(["export-form", EndToEndPaths.repo("surveys/tnc-workshop.yaml"), "--xlsform", directory.appendingPathComponent("f.xls").path])
        XCTAssertEqual(old.status, 2, "a usage mistake")
        XCTAssertTrue(old.stderr.contains("samla writes .xlsx only"), old.stderr)
        let missing = try SamlaProcess.run(["export-form", directory.appendingPathComponent("none.yaml").path, "--xlsform", form + "2.xlsx"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("no such survey file"), missing.stderr)
    }

    func testAFormIsNotImportedAsResponses() throws {
        let path = try form()
        let survey = directory.appendingPathComponent("kommun.yaml").path
        XCTAssertEqual(try SamlaProcess.run(["draft", path, "--out", survey]).status, 0)
        let store = directory.appendingPathComponent("s.sqlite").path
        let imported = try SamlaProcess.run(["import", survey, path, "--store", store])
        XCTAssertEqual(imported.status, 1)
        XCTAssertTrue(imported.stderr.contains("this workbook is an XLSForm (a KoboToolbox / ODK form's definition), not responses"), imported.stderr)
        XCTAssertTrue(imported.stderr.contains("samla draft \(path) converts it"), imported.stderr)
        let inspected = try SamlaProcess.run(["inspect", path])
        XCTAssertEqual(inspected.status, 1, inspected.stdout)
        XCTAssertTrue(inspected.stderr.contains("is an XLSForm"), inspected.stderr)
        let asRows = try SamlaProcess.run(["inspect", path, "--sheet", "survey"])
        XCTAssertEqual(asRows.status, 0, "--sheet reads a sheet anyway: " + asRows.stderr)
    }

    func testAnOldExcelFormIsRefusedWithWhatToDo() throws {
        let legacy = directory.appendingPathComponent("form.xls")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 1024)).write(to: legacy)
        let old = try SamlaProcess.run(["draft", legacy.path])
        XCTAssertEqual(old.status, 1)
        XCTAssertTrue(old.stderr.contains("samla reads neither exports nor XLSForms in that format"), old.stderr)
        XCTAssertTrue(old.stderr.contains("an XLSForm as .xlsx"), old.stderr)
    }
}
