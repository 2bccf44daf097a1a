import Foundation
import SamlaKit
import XCTest

/// `samla export` run as a child process on a store filled by `samla collect` through a pipe,
/// its files read back by python3 (openpyxl, zipfile, csv, json).
final class ExportEndToEndTests: XCTestCase {
    private var directory: URL!
    private var storePath: String { directory.appendingPathComponent("workshop.sqlite").path }
    private let surveyPath = EndToEndPaths.repo("surveys/tnc-workshop.yaml")
    private let epoch = ["SOURCE_DATE_EPOCH": "1750000000"]

    override func setUpWithError() throws {
        directory = EndToEndPaths.temporaryDirectory()
        // Three participants in English: Region from Kiruna; a municipality with a formula-like
        // answer and contact details; Other (Folkhögskola) who skips the rest.
        let lines = [
            "2", "6", "Kiruna", "1 3", "", "2", "", "", "", "",
            "1", "", "", "1,2,4", "4", "2", "=1+2", "", "Anna Lindqvist", "anna@example.se",
            "7", "Folkhögskola", "3", "2 1 6", "", "", "", "", "", "",
        ]
        let collect = try SamlaProcess.run(["collect", surveyPath, "--store", storePath, "--lang", "en", "--session", "Umeå 2025-03-12"],
                                           input: lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(collect.status, 0, collect.stderr)
        XCTAssertTrue(collect.stderr.contains("Saved 3 responses"), collect.stderr)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    private func export(_ arguments: [String], environment: [String: String]? = nil) throws -> SamlaProcess.Result {
        try SamlaProcess.run(["export", surveyPath, "--store", storePath, "--lang", "en"] + arguments, environment: environment ?? epoch,
                             directory: directory)
    }

    private func python(_ script: String, _ arguments: [String]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "python3 failed")
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Sheets, their cells as text, chart caches, formula count and which parts hold which needles.
    private func readWorkbook(_ path: String, searching needles: [String] = []) throws -> [String: Any] {
        try python(#"""
import json, re, sys, zipfile, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
needles = json.loads(sys.argv[2])
out = {"sheets": book.sheetnames, "cells": {}, "types": {}}
for sheet in book.worksheets:
    out["cells"][sheet.title] = [[("" if c.value is None else str(c.value)) for c in row] for row in sheet.iter_rows()]
    out["types"][sheet.title] = [[c.data_type for c in row] for row in sheet.iter_rows()]
caches, formulas, found = [], 0, {n: [] for n in needles}
with zipfile.ZipFile(sys.argv[1]) as z:
    for name in z.namelist():
        data = z.read(name).decode("utf-8", "replace")
        if re.match(r"xl/charts/chart\d+\.xml$", name):
            caches.append(len(re.findall(r"<c:numCache>", data)))
        if re.match(r"xl/worksheets/sheet\d+\.xml$", name):
            formulas += len(re.findall(r"<f[ >]", data))
        for n in needles:
            if n in data:
                found[n].append(name)
out["chartCaches"], out["formulas"], out["found"] = caches, formulas, found
print(json.dumps(out))
"""#, [path, String(decoding: try JSONEncoder().encode(needles), as: UTF8.self)])
    }

    /// Each workbook's parts (their SHA-256) and packed size, read by Python's zipfile.
    private func zipParts(_ paths: [String]) throws -> [String: Any] {
        try python(#"""
import hashlib, json, sys, zipfile
out = {}
for path in sys.argv[1:]:
    with zipfile.ZipFile(path) as z:
        out[path] = {"parts": {i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist()},
                     "packed": sum(i.compress_size for i in z.infolist())}
print(json.dumps(out))
"""#, paths)
    }

    private func rows(_ book: [String: Any], _ sheet: String) -> [[String]] {
        grid(book, "cells", sheet)
    }

    /// A sheet's cells (or their types) as text; JSONSerialization on Linux hands back nested
    /// arrays as [Any], so they are converted one level at a time.
    private func grid(_ book: [String: Any], _ key: String, _ sheet: String) -> [[String]] {
        let sheets = book[key] as? [String: Any]
        let rows = sheets?[sheet] as? [Any] ?? []
        return rows.map { row in (row as? [Any] ?? []).map { "\($0)" } }
    }

    func testTheWorkbookHoldsEveryResponseAndCountsBesideTheirLabels() throws {
        let result = try export(["--xlsx", path("out.xlsx"), "--by", "role"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("Wrote \(path("out.xlsx"))"), result.stderr)
        let book = try readWorkbook(path("out.xlsx"))
        let sheets = try XCTUnwrap(book["sheets"] as? [String])
        XCTAssertEqual(sheets.first, "Overview")
        XCTAssertTrue(sheets.contains("Cross-tabs"))
        let responses = rows(book, "Responses")
        XCTAssertEqual(responses.count, 4, "header and three responses")
        let stored = try ResponseStore(path: storePath).responses(.init(surveyID: "tnc-workshop"))
        XCTAssertEqual(responses.dropFirst().map { $0[1] }, stored.map(\.id.uuidString))
        // Region 1, Municipality 1, Other 1: each count in the cell right of its label.
        let role = try XCTUnwrap(sheets.first { $0.hasPrefix("1. ") })
        let table = Dictionary(rows(book, role).filter { $0.count > 1 }.map { ($0[0], $0[1]) }, uniquingKeysWith: { first, _ in first })
        XCTAssertEqual(table["Region"], "1")
        XCTAssertEqual(table["Municipality"], "1")
        XCTAssertEqual(table["Business"], "0")
        XCTAssertEqual(table["Other"], "1")
        // Every chart carries its values.
        let caches = try XCTUnwrap(book["chartCaches"] as? [Int])
        XCTAssertFalse(caches.isEmpty)
        XCTAssertTrue(caches.allSatisfy { $0 > 0 }, "\(caches)")
        // The formula-like answer is a string cell, and no cell anywhere is a formula.
        XCTAssertEqual(book["formulas"] as? Int, 0)
        let types = grid(book, "types", "Responses")
        let formulaRow = try XCTUnwrap(responses.firstIndex { $0.contains("=1+2") })
        let formulaColumn = try XCTUnwrap(responses[formulaRow].firstIndex(of: "=1+2"))
        XCTAssertEqual(types[formulaRow][formulaColumn], "s")
    }

    func testWithSourceDateEpochTwoExportsAreByteIdentical() throws {
        XCTAssertEqual(try export(["--xlsx", path("a.xlsx"), "--csv", path("a.csv"), "--json", path("a.json")]).status, 0)
        XCTAssertEqual(try export(["--xlsx", path("b.xlsx"), "--csv", path("b.csv"), "--json", path("b.json")]).status, 0)
        for ext in ["xlsx", "csv", "json"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: path("a.\(ext)")))
            let b = try Data(contentsOf: URL(fileURLWithPath: path("b.\(ext)")))
            XCTAssertGreaterThan(a.count, 100)
            XCTAssertEqual(a, b, ext)
        }
    }

    func testCompressionChangesThePackingAndNothingElse() throws {
        let fastPathsOn = epoch.merging(["SAMLA_XLSX_FAST_PATHS": "on"]) { $1 }
        XCTAssertEqual(try export(["--xlsx", path("fast.xlsx")], environment: fastPathsOn).status, 0)
        XCTAssertEqual(try export(["--xlsx", path("small.xlsx"), "--compression", "small"], environment: fastPathsOn).status, 0)
        let parts = try zipParts([path("fast.xlsx"), path("small.xlsx")])
        let fast = try XCTUnwrap(parts[path("fast.xlsx")] as? [String: Any])
        let small = try XCTUnwrap(parts[path("small.xlsx")] as? [String: Any])
        XCTAssertEqual(fast["parts"] as? [String: String], small["parts"] as? [String: String])
        XCTAssertLessThan(try XCTUnwrap(small["packed"] as? Int), try XCTUnwrap(fast["packed"] as? Int))
        let mistake = try export(["--xlsx", path("bad.xlsx"), "--compression", "tiny"])
        XCTAssertEqual(mistake.status, 2, mistake.stderr)
        XCTAssertTrue(mistake.stderr.contains("fast") && mistake.stderr.contains("small"), mistake.stderr)
    }

    /// `SAMLA_XLSX_FAST_PATHS=off` leaves libxlsxwriter to pack as its API alone does: every part of
    /// the workbook holds the same bytes as with them on, and reads back the same, cell for cell.
    func testTheWorkbookSaysTheSameWithTheFastPathsOnAndOff() throws {
        var books: [String: [String: Any]] = [:]
        for setting in ["on", "off"] {
            let result = try export(["--xlsx", path("\(setting).xlsx"), "--by", "role"],
                                    environment: epoch.merging(["SAMLA_XLSX_FAST_PATHS": setting]) { $1 })
            XCTAssertEqual(result.status, 0, result.stderr)
            books[setting] = try readWorkbook(path("\(setting).xlsx"))
        }
        let on = try XCTUnwrap(books["on"])
        let off = try XCTUnwrap(books["off"])
        let sheets = try XCTUnwrap(on["sheets"] as? [String])
        XCTAssertEqual(sheets, off["sheets"] as? [String])
        XCTAssertTrue(sheets.contains("Free text") && sheets.contains("Follow-up") && sheets.contains("Responses"), "\(sheets)")
        for sheet in sheets {
            XCTAssertEqual(rows(on, sheet), rows(off, sheet), sheet)
            XCTAssertEqual(grid(on, "types", sheet), grid(off, "types", sheet), sheet)
        }
        XCTAssertEqual(on["chartCaches"] as? [Int], off["chartCaches"] as? [Int])
        let parts = try zipParts([path("on.xlsx"), path("off.xlsx")])
        let onParts = try XCTUnwrap(parts[path("on.xlsx")] as? [String: Any])
        let offParts = try XCTUnwrap(parts[path("off.xlsx")] as? [String: Any])
        XCTAssertEqual(onParts["parts"] as? [String: String], offParts["parts"] as? [String: String])
        XCTAssertLessThan(try XCTUnwrap(offParts["packed"] as? Int), try XCTUnwrap(onParts["packed"] as? Int),
                          "off, the default --compression fast packs at zlib's default level")
    }

    /// A workbook whose large parts span many of the packing threads' blocks (5,000 imported
    /// responses): with the fast paths on and off every part holds the same bytes, and
    /// Info-ZIP's `unzip -t` and zipfile's CRC check take both files whole.
    func testALargeWorkbookSaysTheSameWithTheFastPathsOnAndOff() throws {
        let rows = 5_000
        let csv = try ImportExports.generate("google", rows: rows, seed: 17, in: directory)
        let store = path("large.sqlite")
        let imported = try SamlaProcess.run(["import", ImportExports.survey, csv, "--store", store])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        for setting in ["on", "off"] {
            let result = try SamlaProcess.run(["export", ImportExports.survey, "--store", store, "--xlsx", path("large-\(setting).xlsx")],
                                              environment: epoch.merging(["SAMLA_XLSX_FAST_PATHS": setting]) { $1 })
            XCTAssertEqual(result.status, 0, result.stderr)
        }
        let checked = try python(#"""
import hashlib, json, subprocess, sys, zipfile
out = {}
for path in sys.argv[1:]:
    tested = subprocess.run(["unzip", "-tq", path], capture_output=True, text=True)
    with zipfile.ZipFile(path) as z:
        out[path] = {"unzip": tested.returncode, "crc": z.testzip(),
                     "parts": {i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist()},
                     "sizes": {i.filename: i.file_size for i in z.infolist()},
                     "packed": sum(i.compress_size for i in z.infolist())}
print(json.dumps(out))
"""#, [path("large-on.xlsx"), path("large-off.xlsx")])
        let on = try XCTUnwrap(checked[path("large-on.xlsx")] as? [String: Any])
        let off = try XCTUnwrap(checked[path("large-off.xlsx")] as? [String: Any])
        for file in [on, off] {
            XCTAssertEqual(file["unzip"] as? Int, 0, "unzip -t")
            XCTAssertTrue(file["crc"] is NSNull, "zipfile's CRC check: \(String(describing: file["crc"]))")
        }
        let sizes = try XCTUnwrap(on["sizes"] as? [String: Int])
        XCTAssertGreaterThanOrEqual(sizes.values.filter { $0 > 2 * 512 * 1024 }.count, 2,
                                    "at least two parts span several blocks: \(sizes)")
        XCTAssertEqual(on["parts"] as? [String: String], off["parts"] as? [String: String], "the same parts with the same bytes")
        XCTAssertLessThan(try XCTUnwrap(off["packed"] as? Int), try XCTUnwrap(on["packed"] as? Int))
        let responses = try python(#"""
import json, sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1], read_only=True)
print(json.dumps({"rows": sum(1 for _ in book["Responses"].iter_rows())}))
"""#, [path("large-on.xlsx")])
        XCTAssertEqual(responses["rows"] as? Int, rows + 1, "openpyxl reads every response and the header")
    }

    func testWithNoOutputNamedTheWorkbookGoesToOutputSlashSurveyID() throws {
        let result = try export([])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("output/tnc-workshop.xlsx")))
        let left = try FileManager.default.contentsOfDirectory(atPath: path("output"))
        XCTAssertEqual(left, ["tnc-workshop.xlsx"], "no temporary file left beside it")
    }

    func testAnonymisedFilesHoldNoPersonalAnswer() throws {
        let result = try export(["--anonymize", "--by", "role", "--xlsx", path("anon.xlsx"), "--csv", path("anon.csv"),
                                 "--json", path("anon.json")])
        XCTAssertEqual(result.status, 0, result.stderr)
        let needles = ["Anna Lindqvist", "anna@example.se"]
        let book = try readWorkbook(path("anon.xlsx"), searching: needles)
        let found = try XCTUnwrap(book["found"] as? [String: [String]])
        for needle in needles {
            XCTAssertEqual(found[needle], [], needle)
        }
        XCTAssertFalse((book["sheets"] as? [String])?.contains("Follow-up") ?? true)
        for file in ["anon.csv", "anon.json"] {
            let text = try String(contentsOfFile: path(file), encoding: .utf8)
            for needle in needles { XCTAssertFalse(text.contains(needle), "\(file) holds \(needle)") }
        }
        // The same search on a plain export does find them, so the search is not blind.
        XCTAssertEqual(try export(["--xlsx", path("plain.xlsx")]).status, 0)
        let plain = try readWorkbook(path("plain.xlsx"), searching: needles)
        XCTAssertFalse(((plain["found"] as? [String: [String]])?["anna@example.se"] ?? []).isEmpty)
    }

    func testCSVAndJSONCarryTheSameResponses() throws {
        let result = try export(["--csv", path("long.csv"), "--csv-layout", "long", "--excel-csv", "--json", path("all.json")])
        XCTAssertEqual(result.status, 0, result.stderr)
        let read = try python(#"""
import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    raw = f.read()
records = list(csv.reader(raw.lstrip("\ufeff").splitlines(), delimiter=";"))
doc = json.load(open(sys.argv[2]))
print(json.dumps({"bom": raw.startswith("\ufeff"), "header": records[0], "records": records[1:],
                  "summary": doc["summary"]["responses"], "responses": [r["id"] for r in doc["responses"]]}))
"""#, [path("long.csv"), path("all.json")])
        XCTAssertEqual(read["bom"] as? Bool, true)
        XCTAssertEqual(read["header"] as? [String], ["response", "session", "question", "value", "label"])
        let records = try XCTUnwrap(read["records"] as? [[String]])
        XCTAssertTrue(records.contains { $0[1] == "Umeå 2025-03-12" && $0[2] == "similar" && $0[3] == "'=1+2" },
                      "the formula-like answer is neutralised")
        let stored = try ResponseStore(path: storePath).responses(.init(surveyID: "tnc-workshop"))
        XCTAssertEqual(Set(records.map { $0[0] }), Set(stored.map(\.id.uuidString)))
        XCTAssertEqual(read["summary"] as? Int, 3)
        XCTAssertEqual(read["responses"] as? [String], stored.map(\.id.uuidString))
    }

    func testMistakesExitWithTheDocumentedCodes() throws {
        let usage = try export(["--where", "nope=1"])
        XCTAssertEqual(usage.status, 2, usage.stderr)
        XCTAssertTrue(usage.stderr.contains("'nope' is not a question"), usage.stderr)
        let missing = try SamlaProcess.run(["export", surveyPath, "--store", path("missing.sqlite")], directory: directory)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("no response store here"), missing.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("missing.sqlite")), "exporting never creates a store")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("output")), "nothing written")
    }
}
