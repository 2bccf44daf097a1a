import Foundation
import SamlaKit
import XCTest

/// `samla export --contacts` and `--anonymize` run as child processes on two workshops imported
/// from CSV files in a folder whose name must not travel, their files read back by python3.
final class ContactExportEndToEndTests: XCTestCase {
    private var directory: URL!
    private var storePath: String { directory.appendingPathComponent("workshops.sqlite").path }
    private var surveyPath: String { directory.appendingPathComponent("contact-test.yaml").path }
    private let folder = "Hemligt projekt"

    override func setUpWithError() throws {
        directory = EndToEndPaths.temporaryDirectory()
        try Data(ContactSurvey.text.utf8).write(to: URL(fileURLWithPath: surveyPath))
        let sources = directory.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
        let header = "kommun,betyg,involvering,tankar,namn,epost,telefon,organisation,roll\n"
        let umea = header + """
            Umeå,4,"Bli kontaktad, Få information","Vi var 12 personer 2025, mötet 2025-03-12 kostade 4500 kr.",Anna Lindberg,Anna@Example.se,070-123 45 67,Umeå kommun,Strateg
            Umeå,5,Få information,Prata med Anna Lindberg på 073-111 22 33,Bo Ek,bo.ek@example.se,,,
            Umeå,3,Få information,Mitt personnummer är 850709-1234,,,,,
            Umeå,4,Få information,,,,,,
            Umeå,2,Få information,,,,,,
            Östersund,4,Få information,,,,,,

            """
        let lulea = header + """
            Luleå,5,"Bli kontaktad, Delta i aktiviteter",Mejla anna@example.se eller ring +46 70 123 45 67,Anna Lindberg, anna@example.se,+46 70 123 45 67,,
            Luleå,4,Få information,,,,,,
            Luleå,3,Få information,,,,,,
            Luleå,3,Få information,,,,,,
            Luleå,4,Få information,,,,,,

            """
        for (name, text, session) in [("umea.csv", umea, "Umeå 2025-03-12"), ("lulea.csv", lulea, "Luleå 2025-04-02")] {
            let file = sources.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            let result = try SamlaProcess.run(["import", surveyPath, file, "--store", storePath, "--session", session])
            XCTAssertEqual(result.status, 0, result.stderr)
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    private func export(_ arguments: [String]) throws -> SamlaProcess.Result {
        try SamlaProcess.run(["export", surveyPath, "--store", storePath] + arguments,
                             environment: ["SOURCE_DATE_EPOCH": "1750000000"], directory: directory)
    }

    private func python(_ script: String, _ arguments: [String]) throws -> Any {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "python3 failed")
        return try JSONSerialization.jsonObject(with: data)
    }

    func testContactsListsEachConsentingPersonOnceAsTheWorkbookDoes() throws {
        let result = try export(["--xlsx", path("calls.xlsx"), "--contacts", path("calls.csv")])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("calls.csv"), result.stderr)
        let read = try XCTUnwrap(try python(#"""
import csv, json, sys, openpyxl
rows = [[("" if c is None else str(c)) for c in row] for row in openpyxl.load_workbook(sys.argv[1])["Uppföljning"].iter_rows(values_only=True)]
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    records = list(csv.reader(f))
print(json.dumps({"sheet": rows, "csv": records}))
"""#, [path("calls.xlsx"), path("calls.csv")]) as? [String: [[String]]])
        let records = try XCTUnwrap(read["csv"])
        XCTAssertEqual(records, read["sheet"], "the CSV holds the sheet's rows")
        XCTAssertEqual(records.count, 2, "a header and Anna, once: Bo left an address but asked for no contact")
        let header = records[0]
        let anna = records[1]
        func value(_ heading: String) -> String? { header.firstIndex(of: heading).map { anna[$0] } }
        XCTAssertEqual(value("Namn"), "Anna Lindberg")
        XCTAssertEqual(value("E-post"), "anna@example.se")
        XCTAssertEqual(value("Telefon"), "070-123 45 67")
        XCTAssertEqual(value("Workshoppar"), "Umeå 2025-03-12; Luleå 2025-04-02")
        XCTAssertEqual(value("Hur vill du vara med?"), "Bli kontaktad; Få information; Delta i aktiviteter")
    }

    func testContactsWithAnonymizeIsAUsageError() throws {
        let result = try export(["--anonymize", "--contacts", path("no.csv")])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("--contacts"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("no.csv")))
        let threshold = try export(["--min-count", "3", "--xlsx", path("no.xlsx")])
        XCTAssertEqual(threshold.status, 2, "--min-count without --anonymize is a mistake, not ignored")
        XCTAssertTrue(threshold.stderr.contains("--anonymize"), threshold.stderr)
        let zero = try export(["--anonymize", "--min-count", "0", "--xlsx", path("no.xlsx")])
        XCTAssertEqual(zero.status, 2, zero.stderr)
    }

    func testAnonymizeLeavesNoPersonalDataPathOrSmallCountInAnyFile() throws {
        let result = try export(["--anonymize", "--xlsx", path("anon.xlsx"), "--csv", path("anon.csv"), "--json", path("anon.json")])
        XCTAssertEqual(result.status, 0, result.stderr)
        let needles = ["Anna Lindberg", "Anna@Example.se", "anna@example.se", "070-123 45 67", "+46 70 123 45 67", "073-111 22 33",
                       "850709-1234", "bo.ek@example.se", "Bo Ek", "Strateg", "Umeå kommun", folder, directory.path]
        let read = try XCTUnwrap(try python(#"""
import json, re, sys, zipfile, openpyxl
needles = json.loads(sys.argv[4])
found = {n: [] for n in needles}
with zipfile.ZipFile(sys.argv[1]) as z:
    for name in z.namelist():
        data = z.read(name).decode("utf-8", "replace")
        for n in needles:
            if n in data:
                found[n].append(name)
for path in sys.argv[2:4]:
    data = open(path, encoding="utf-8").read()
    for n in needles:
        if n in data:
            found[n].append(path)
book = openpyxl.load_workbook(sys.argv[1])
sheet = book["1. Vilken kommun"] if "1. Vilken kommun" in book.sheetnames else book[[s for s in book.sheetnames if s.startswith("1. ")][0]]
table = {str(r[0]): r[1] for r in sheet.iter_rows(min_row=5, max_row=7, values_only=True)}
texts = [str(r[2]) for r in book["Fritext"].iter_rows(min_row=2, values_only=True)]
about = [str(c) for row in book["Om"].iter_rows(values_only=True) for c in row if c is not None]
print(json.dumps({"found": found, "table": table, "texts": texts, "about": about, "sheets": book.sheetnames}))
"""#, [path("anon.xlsx"), path("anon.csv"), path("anon.json"),
       String(decoding: try JSONEncoder().encode(needles), as: UTF8.self)]) as? [String: Any])
        let found = try XCTUnwrap(read["found"] as? [String: [String]])
        for needle in needles { XCTAssertEqual(found[needle], [], needle) }
        XCTAssertFalse((read["sheets"] as? [String])?.contains("Uppföljning") ?? true)
        let table = try XCTUnwrap(read["table"] as? [String: Any])
        XCTAssertEqual(table["Östersund"] as? String, "<5", "one person from Östersund")
        XCTAssertEqual(table["Umeå"] as? String, "<5", "11 answered − 5 − 5 would give Östersund's 1 back, so a second cell hides")
        XCTAssertEqual(table["Luleå"] as? Int, 5)
        let texts = try XCTUnwrap(read["texts"] as? [String])
        XCTAssertTrue(texts.contains("Vi var 12 personer 2025, mötet 2025-03-12 kostade 4500 kr."), "\(texts)")
        XCTAssertTrue(texts.contains("Prata med [namn] på [telefon]"), "\(texts)")
        XCTAssertTrue(texts.contains("Mejla [e-post] eller ring [telefon]"), "\(texts)")
        let about = try XCTUnwrap(read["about"] as? [String])
        XCTAssertTrue(about.contains("umea.csv") && about.contains("workshops.sqlite"), "\(about)")
        XCTAssertTrue(about.contains { $0.contains("Antal under 5 visas som <5") }, "\(about)")
        XCTAssertTrue(about.contains { $0.hasPrefix("samla export contact-test.yaml --store workshops.sqlite") && $0.contains("--anonymize") },
                      "\(about)")
    }
}
