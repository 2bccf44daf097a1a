import Foundation

/// Two .xlsx files compared part by part with Python's zipfile and ElementTree, which share no code
/// with libxlsxwriter: parts that hold the same bytes, and for a worksheet whose bytes differ, its
/// XML outside `<sheetData>` compared as text and its rows and cells parsed (a row's attributes; a
/// cell's reference, its own or where a reader places a cell without one, type, style index and
/// value, numbers as doubles, inline text with its `xml:space`; an empty cell without attributes
/// holds nothing and is skipped). So a sheet whose rows were written by another writer
/// (``SplicedRows``) may differ in how a cell is spelled, never in where it is or what it holds. Numbers are compared as the doubles that
/// libxlsxwriter 1.1.4's "%.16G" makes of them: where 16 digits do not give a double back,
/// ``SplicedRows`` writes 17 (the exact double), the library the nearest 16-digit one.
public struct WorkbookParts {
    /// Parts whose bytes are the same in both files.
    public let sameBytes: [String]
    /// Parts whose bytes differ.
    public let differentBytes: [String]
    /// What differs beyond the spelling: a part only in one file, a non-sheet part's bytes, a
    /// sheet's XML outside its rows, a row or a cell. Empty when the workbooks say the same.
    public let problems: [String]

    /// `value` with every double in it as the double "%.16G" gives back (see above), for comparing
    /// what openpyxl reads from a spliced sheet with what it reads from the library's.
    public static func sixteenDigits(_ value: Any?) -> NSObject? {
        switch value {
        case let number as NSNumber:
            return NSNumber(value: Double(String(format: "%.16G", number.doubleValue)) ?? number.doubleValue)
        case let array as [Any]:
            return array.map { sixteenDigits($0) ?? NSNull() } as NSArray
        case let dictionary as [String: Any]:
            return dictionary.mapValues { sixteenDigits($0) ?? NSNull() } as NSDictionary
        case let object as NSObject:
            return object
        default:
            return nil
        }
    }

    public static func compare(_ first: String, _ second: String) throws -> WorkbookParts {
        let output = try Python.run(["-c", script, first, second])
        guard let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [String]] else {
            throw PythonError(message: "unexpected output comparing \(first) and \(second): \(output.prefix(200))")
        }
        return WorkbookParts(sameBytes: json["same"] ?? [], differentBytes: json["different"] ?? [], problems: json["problems"] ?? [])
    }

    /// Python (standard library only) defining `placed_cells(row, main)`: each `<c>` of a parsed
    /// `<row>` (`main` the SpreadsheetML namespace in braces) with the reference a reader gives it,
    /// its own or, when it has none, the column after the row's previous cell (ECMA-376 18.3.1.4;
    /// ``SplicedRows`` leaves references out where they can be told).
    public static let placedCellsPython = #"""
import re

def column_letters(number):
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters

def placed_cells(row, main):
    column = 0
    for c in row.findall(main + "c"):
        reference = c.get("r")
        if reference is None:
            column += 1
            reference = column_letters(column) + row.get("r", "?")
        else:
            column = 0
            for letter in re.match(r"[A-Z]+", reference).group(0):
                column = column * 26 + ord(letter) - 64
        yield reference, c
"""#

    private static let script = #"""
import json, re, sys, zipfile
import xml.etree.ElementTree as ET
M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
SPACE = "{http://www.w3.org/XML/1998/namespace}space"
\#(placedCellsPython)

def rows(data):
    # Each cell under the reference a reader gives it; an empty cell with no attribute at all holds
    # nothing and is left out (SplicedRows fills short gaps with them).
    out = []
    sheet_data = ET.fromstring(data).find(M + "sheetData")
    for row in (sheet_data if sheet_data is not None else []):
        out.append(("row", sorted(row.attrib.items())))
        for reference, c in placed_cells(row, M):
            if not c.attrib and len(c) == 0:
                continue
            kind = c.get("t")
            if kind == "inlineStr":
                t = c.find(M + "is").find(M + "t")
                value = ("text", t.text or "", t.get(SPACE))
            else:
                v = c.find(M + "v")
                value = None if v is None else (float(v.text) if kind in (None, "n") else v.text)
            out.append((reference, kind, c.get("s"), value, sorted(k for k in c.attrib if k not in ("r", "t", "s"))))
    return out

def sixteen(item):
    # A cell with its number as the double "%.16G" gives back.
    if item[0] == "row" or not isinstance(item[3], float):
        return item
    return item[:3] + (float("%.16G" % item[3]),) + item[4:]

def outside_rows(text):
    return re.sub(r"<sheetData>.*</sheetData>", "<sheetData/>", text, flags=re.S)

first, second = sys.argv[1], sys.argv[2]
same, different, problems = [], [], []
with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
    names_a, names_b = set(a.namelist()), set(b.namelist())
    for name in sorted(names_a ^ names_b):
        problems.append("%s is in only one file" % name)
    for name in sorted(names_a & names_b):
        x, y = a.read(name), b.read(name)
        if x == y:
            same.append(name)
            continue
        different.append(name)
        if not re.match(r"xl/worksheets/sheet\d+\.xml$", name):
            problems.append("%s: different bytes" % name)
            continue
        if outside_rows(x.decode("utf-8")) != outside_rows(y.decode("utf-8")):
            problems.append("%s: the XML outside the rows differs" % name)
        rx, ry = rows(x), rows(y)
        if len(rx) != len(ry):
            problems.append("%s: %d rows and cells against %d" % (name, len(rx), len(ry)))
        shown = 0
        for i, (p, q) in enumerate(zip(rx, ry)):
            if p != q and sixteen(p) != sixteen(q) and shown < 5:
                problems.append("%s: item %d: %r against %r" % (name, i, p, q))
                shown += 1
print(json.dumps({"same": same, "different": different, "problems": problems}))
"""#
}
