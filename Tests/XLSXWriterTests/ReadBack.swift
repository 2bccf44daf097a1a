import Foundation
import SamlaTestSupport
import XCTest

/// Reads a finished .xlsx back with tools that share no code with libxlsxwriter: openpyxl for
/// the cell model and Python's zipfile for the raw parts (sheet XML, chart caches), printed as
/// JSON. The script lives here rather than in a .py file so the test target needs no resources.
enum ReadBack {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private static let script = #"""
import json, re, sys, zipfile

try:
    import openpyxl
except ImportError as error:
    sys.stderr.write("python3 cannot import openpyxl (%s); install it with: pip install openpyxl\n" % error)
    sys.exit(3)

path, mode = sys.argv[1], sys.argv[2]

def color(c):
    if c is None or c.type != "rgb" or c.rgb in (None, "00000000"):
        return None
    return str(c.rgb)[-6:].upper()

def raw_parts():
    parts = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                parts[name] = z.read(name).decode("utf-8")
    return parts

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
\#(WorkbookParts.placedCellsPython)

def excel_decode(text):
    # ECMA-376 ST_Xstring: every _xHHHH_ stands for the character U+HHHH, scanned left to
    # right. This is what Excel shows; openpyxl does not decode (it only drops "x005F_").
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)

def decoded_strings():
    # Cell text as Excel would display it, from the raw XML rather than through openpyxl.
    import xml.etree.ElementTree as ET
    result = {}
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(MAIN + "si"):
                shared.append("".join(t.text or "" for t in si.iter(MAIN + "t")))
        for name in z.namelist():
            if not re.match(r"xl/worksheets/sheet\d+\.xml$", name):
                continue
            cells = {}
            for row in ET.fromstring(z.read(name)).iter(MAIN + "row"):
                for reference, c in placed_cells(row, MAIN):
                    kind = c.get("t")
                    if kind == "s":
                        cells[reference] = excel_decode(shared[int(c.find(MAIN + "v").text)])
                    elif kind == "inlineStr":
                        cells[reference] = excel_decode("".join(t.text or "" for t in c.iter(MAIN + "t")))
            result[name] = cells
    return result

def chart_info(xml):
    info = {"numCache": [], "strCache": [], "titles": [], "grouping": None, "formulas": [],
            "colors": re.findall(r'<a:srgbClr val="([0-9A-F]{6})"', xml),
            "legend": "<c:legend>" in xml, "types": re.findall(r"<c:(barChart|pieChart|lineChart|doughnutChart)>", xml),
            "barDir": re.findall(r'<c:barDir val="(\w+)"', xml)}
    for cache in re.findall(r"<c:numCache>(.*?)</c:numCache>", xml, re.S):
        info["numCache"].append([float(v) for v in re.findall(r"<c:pt idx=\"\d+\"><c:v>(.*?)</c:v></c:pt>", cache)])
    for cache in re.findall(r"<c:strCache>(.*?)</c:strCache>", xml, re.S):
        info["strCache"].append(re.findall(r"<c:pt idx=\"\d+\"><c:v>(.*?)</c:v></c:pt>", cache))
    info["titles"] = re.findall(r"<a:t>(.*?)</a:t>", xml)
    info["seriesNames"] = re.findall(r"<c:tx><c:v>(.*?)</c:v></c:tx>", xml)
    g = re.search(r'<c:grouping val="(\w+)"', xml)
    info["grouping"] = g.group(1) if g else None
    info["formulas"] = re.findall(r"<c:f>(.*?)</c:f>", xml)
    info["min"] = re.findall(r'<c:min val="([^"]+)"', xml)
    info["max"] = re.findall(r'<c:max val="([^"]+)"', xml)
    info["overlap"] = re.findall(r'<c:overlap val="([^"]+)"', xml)
    info["legendPos"] = re.findall(r'<c:legendPos val="(\w+)"', xml)
    info["dataLabels"] = '<c:showVal val="1"/>' in xml
    return info

def full():
    wb = openpyxl.load_workbook(path)
    out = {"sheets": [], "properties": {}}
    props = wb.properties
    out["properties"] = {"title": props.title, "creator": props.creator,
                         "created": props.created.isoformat() if props.created else None}
    for ws in wb.worksheets:
        sheet = {"name": ws.title, "cells": {}, "freeze": ws.freeze_panes,
                 "autofilter": ws.auto_filter.ref, "merged": sorted(str(r) for r in ws.merged_cells.ranges),
                 "tables": [], "columnWidths": {}, "rowHeights": {},
                 "gridlines": ws.sheet_view.showGridLines, "charts": len(ws._charts)}
        if ws.max_row > 2000:
            # Big streamed sheets are checked in "rows" mode; dumping them here would be slow.
            sheet["cellsSkipped"] = True
            out["sheets"].append(sheet)
            continue
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None and not cell.has_style:
                    continue
                value = cell.value
                if hasattr(value, "isoformat"):
                    value = value.isoformat()
                sheet["cells"][cell.coordinate] = {
                    "value": value, "type": cell.data_type, "numberFormat": cell.number_format,
                    "bold": bool(cell.font.b), "italic": bool(cell.font.i), "fontColor": color(cell.font.color),
                    "fill": color(cell.fill.fgColor) if cell.fill.fill_type == "solid" else None,
                    "wrap": bool(cell.alignment.wrap_text), "horizontal": cell.alignment.horizontal,
                    "indent": cell.alignment.indent, "border": cell.border.left.style,
                    "hyperlink": cell.hyperlink.target if cell.hyperlink else None}
        for table in ws.tables.values():
            sheet["tables"].append({"name": table.name, "ref": table.ref,
                                    "columns": [c.name for c in table.tableColumns],
                                    "style": table.tableStyleInfo.name if table.tableStyleInfo else None})
        for key, dim in ws.column_dimensions.items():
            if dim.width and dim.customWidth:
                sheet["columnWidths"][key] = dim.width
        for key, dim in ws.row_dimensions.items():
            if dim.ht:
                sheet["rowHeights"][str(key)] = dim.ht
        out["sheets"].append(sheet)
    parts = raw_parts()
    out["sheetXML"] = {k: v for k, v in parts.items() if k.startswith("xl/worksheets/sheet")}
    out["charts"] = {k: chart_info(v) for k, v in sorted(parts.items()) if k.startswith("xl/charts/chart")}
    # Charts are anchored by the cells under their corners: [col, colOff, row, rowOff] of "to".
    out["drawingAnchors"] = {k: re.findall(r"<xdr:to><xdr:col>(\d+)</xdr:col><xdr:colOff>(\d+)</xdr:colOff>"
                                           r"<xdr:row>(\d+)</xdr:row><xdr:rowOff>(\d+)</xdr:rowOff></xdr:to>", v)
                             for k, v in parts.items() if k.startswith("xl/drawings/drawing")}
    out["core"] = parts.get("docProps/core.xml")
    out["decoded"] = decoded_strings()
    out["parts"] = sorted(parts)
    return out

def rows():
    # Streams the sheet with openpyxl's read-only reader: counts every row and returns the
    # first and last ones, so a sheet of hundreds of thousands of rows stays cheap to check.
    sheet_name = sys.argv[3]
    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb[sheet_name]
    count, first, last, cells = 0, None, None, 0
    for row in ws.iter_rows(values_only=True):
        count += 1
        cells += sum(1 for v in row if v is not None)
        if first is None:
            first = list(row)
        last = list(row)
    return {"rows": count, "cells": cells, "first": first, "last": last,
            "sheets": wb.sheetnames}

def count():
    # Counts <row> elements of one sheet part by streaming the raw XML: cheap even for
    # millions of cells, and independent of openpyxl.
    part = sys.argv[3]
    rows, last, tail = 0, None, ""
    with zipfile.ZipFile(path) as z, z.open(part) as f:
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                break
            text = tail + chunk.decode("utf-8", "ignore")
            cut = text.rfind("<")
            text, tail = text[:cut], text[cut:]
            found = re.findall(r'<row r="(\d+)"', text)
            rows += len(found)
            if found:
                last = int(found[-1])
    return {"rows": rows, "lastRow": last}

def packing():
    # Each part's SHA-256, and the packed and unpacked sizes of them all.
    import hashlib
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        return {"parts": {i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in infos},
                "packed": sum(i.compress_size for i in infos), "unpacked": sum(i.file_size for i in infos)}

print(json.dumps({"full": full, "rows": rows, "count": count, "packing": packing}[mode]()))
"""#

    /// Runs the reader and returns its JSON. A missing python3 or openpyxl is a failure with
    /// an explanation, never a skip.
    static func read(_ path: String, mode: String = "full", extra: [String] = []) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path, mode] + extra
        let stdout = Pipe()
        let errorURL = FileManager.default.temporaryDirectory.appendingPathComponent("readback-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let stderr = try FileHandle(forWritingTo: errorURL)
        defer { try? FileManager.default.removeItem(at: errorURL) }
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run python3 (needed to read workbooks back; install python3 and openpyxl): \(error)")
        }
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try stderr.close()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
            throw Failure(description: "python3 reader failed with status \(process.terminationStatus): \(message)")
        }
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure(description: "reader printed no JSON object")
        }
        return json
    }
}

/// Convenience accessors for the reader's JSON.
struct ReadBackWorkbook {
    let json: [String: Any]

    init(path: String) throws {
        json = try ReadBack.read(path)
    }

    var sheets: [[String: Any]] { json["sheets"] as? [[String: Any]] ?? [] }
    var sheetNames: [String] { sheets.compactMap { $0["name"] as? String } }

    func sheet(_ name: String) -> [String: Any]? {
        sheets.first { $0["name"] as? String == name }
    }

    func cell(_ sheetName: String, _ coordinate: String) -> [String: Any]? {
        (sheet(sheetName)?["cells"] as? [String: Any])?[coordinate] as? [String: Any]
    }

    func sheetXML(index: Int) -> String {
        (json["sheetXML"] as? [String: String])?["xl/worksheets/sheet\(index).xml"] ?? ""
    }

    /// A string cell's text as Excel displays it (ECMA-376 `_xHHHH_` escapes decoded).
    func excelText(sheetIndex: Int, _ coordinate: String) -> String? {
        ((json["decoded"] as? [String: Any])?["xl/worksheets/sheet\(sheetIndex).xml"] as? [String: String])?[coordinate]
    }

    var charts: [String: [String: Any]] { json["charts"] as? [String: [String: Any]] ?? [:] }
}

/// A fresh directory per test, removed afterwards.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("xlsxwriter-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
