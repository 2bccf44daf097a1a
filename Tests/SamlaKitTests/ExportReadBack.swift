import Foundation
import XCTest

/// A finished workbook read back by code that shares nothing with libxlsxwriter: openpyxl for
/// cells, tables and filters, Python's zipfile for the raw parts (chart caches, formulas, and a
/// plain search through every XML part for text that must not be there).
struct WorkbookReadBack {
    struct Cell: Decodable, Equatable {
        let value: String?
        let number: Double?
        /// openpyxl's data type: s string, n number, f formula, d date, b boolean.
        let type: String
    }

    struct Chart: Decodable {
        let part: String
        let numCache: [[Double]]
        let strCache: [[String]]
        let formulas: [String]
    }

    struct Dump: Decodable {
        let sheets: [String]
        let cells: [String: [String: Cell]]
        let tables: [String: [String]]
        let autofilter: [String: String?]
        let freeze: [String: String?]
        let charts: [Chart]
        let formulaCount: Int
        let found: [String: [String]]
        let parts: [String]
    }

    private static let script = #"""
import json, re, sys, zipfile
import openpyxl

path = sys.argv[1]
needles = json.loads(sys.argv[2])
book = openpyxl.load_workbook(path)
out = {"sheets": book.sheetnames, "cells": {}, "tables": {}, "autofilter": {}, "freeze": {}, "charts": []}
for sheet in book.worksheets:
    cells = {}
    for row in sheet.iter_rows():
        for c in row:
            if c.value is None:
                continue
            number = c.value if isinstance(c.value, (int, float)) and not isinstance(c.value, bool) else None
            value = c.value.isoformat() if hasattr(c.value, "isoformat") else str(c.value)
            cells[c.coordinate] = {"value": value, "number": number, "type": c.data_type}
    out["cells"][sheet.title] = cells
    out["tables"][sheet.title] = [t.ref for t in sheet.tables.values()]
    out["autofilter"][sheet.title] = sheet.auto_filter.ref
    out["freeze"][sheet.title] = sheet.freeze_panes
formulas = 0
found = {n: [] for n in needles}
with zipfile.ZipFile(path) as z:
    out["parts"] = sorted(z.namelist())
    for name in sorted(z.namelist()):
        data = z.read(name).decode("utf-8", "replace")
        if re.match(r"xl/worksheets/sheet\d+\.xml$", name):
            formulas += len(re.findall(r"<f[ >]", data))
        if re.match(r"xl/charts/chart\d+\.xml$", name):
            chart = {"part": name, "numCache": [], "strCache": [], "formulas": re.findall(r"<c:f>(.*?)</c:f>", data)}
            for cache in re.findall(r"<c:numCache>(.*?)</c:numCache>", data, re.S):
                chart["numCache"].append([float(v) for v in re.findall(r"<c:pt idx=\"\d+\"><c:v>(.*?)</c:v></c:pt>", cache)])
            for cache in re.findall(r"<c:strCache>(.*?)</c:strCache>", data, re.S):
                chart["strCache"].append(re.findall(r"<c:pt idx=\"\d+\"><c:v>(.*?)</c:v></c:pt>", cache))
            out["charts"].append(chart)
        for n in needles:
            if n in data:
                found[n].append(name)
out["formulaCount"] = formulas
out["found"] = found
print(json.dumps(out))
"""#

    static func read(_ path: String, searching needles: [String] = []) throws -> Dump {
        let needleList = String(decoding: try JSONEncoder().encode(needles), as: UTF8.self)
        let output = try Python.run(["-c", script, path, needleList])
        return try JSONDecoder().decode(Dump.self, from: Data(output.utf8))
    }
}

extension WorkbookReadBack.Dump {
    func cell(_ sheet: String, _ reference: String) -> WorkbookReadBack.Cell? {
        cells[sheet]?[reference]
    }

    /// The row number (1-based) where column A holds `label`.
    func row(of label: String, in sheet: String, column: String = "A") -> Int? {
        cells[sheet]?.first { $0.key.hasPrefix(column) && Int($0.key.dropFirst(column.count)) != nil && $0.value.value == label }
            .flatMap { Int($0.key.dropFirst(column.count)) }
    }

    /// Column letters of row `row` whose cell holds `value`.
    func columns(holding value: String, row: Int, in sheet: String) -> [String] {
        (cells[sheet] ?? [:]).filter { $0.value.value == value && $0.key.hasSuffix(String(row))
            && $0.key.dropLast(String(row).count).allSatisfy(\.isLetter) }.map { String($0.key.dropLast(String(row).count)) }.sorted()
    }

    /// Every value in column `column` below the header row, in row order.
    func column(_ column: String, in sheet: String, from firstRow: Int = 2) -> [WorkbookReadBack.Cell?] {
        let rows = (cells[sheet] ?? [:]).keys.compactMap { key -> Int? in
            guard key.hasPrefix(column), let number = Int(key.dropFirst(column.count)) else { return nil }
            return number
        }
        guard let last = rows.max(), last >= firstRow else { return [] }
        return (firstRow...last).map { cells[sheet]?["\(column)\($0)"] }
    }

    /// Number of rows with anything in them.
    func rowCount(_ sheet: String) -> Int {
        Set((cells[sheet] ?? [:]).keys.compactMap { Int($0.drop(while: \.isLetter)) }).count
    }

    /// The header row of a list sheet, column letter by heading.
    func headerColumns(_ sheet: String) -> [String: String] {
        var result: [String: String] = [:]
        for (key, cell) in cells[sheet] ?? [:] where key.drop(while: \.isLetter) == "1" {
            if let value = cell.value { result[value] = String(key.prefix(while: \.isLetter)) }
        }
        return result
    }
}
