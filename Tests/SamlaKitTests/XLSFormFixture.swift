import Foundation

/// XLSForms written and read by openpyxl, independently of Samla's own workbook code, and the
/// form checked by pyxform's `xls2xform`, the converter KoboToolbox and ODK use.
enum XLSFormFixture {
    typealias Sheets = [(name: String, rows: [[String]])]

    /// Writes the sheets as a workbook; an empty string leaves its cell empty.
    static func write(_ sheets: Sheets, to path: String) throws {
        let payload: [[String: Any]] = sheets.map { ["name": $0.name, "rows": $0.rows] }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: ["path": path, "sheets": payload]), as: UTF8.self)
        try Python.run(["-c", """
            import json, sys, openpyxl
            spec = json.load(sys.stdin)
            book = openpyxl.Workbook()
            book.remove(book.active)
            for sheet in spec["sheets"]:
                ws = book.create_sheet(sheet["name"])
                for r, row in enumerate(sheet["rows"], start=1):
                    for c, value in enumerate(row, start=1):
                        if value != "":
                            ws.cell(row=r, column=c, value=value)
            book.save(spec["path"])
            """], input: json)
    }

    /// Every sheet's rows as text (empty cells as ""), trailing empty cells dropped.
    static func read(_ path: String) throws -> [String: [[String]]] {
        let output = try Python.run(["-c", """
            import json, sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            out = {}
            for ws in book.worksheets:
                rows = []
                for row in ws.iter_rows(values_only=True):
                    cells = ["" if v is None else str(v) for v in row]
                    while cells and cells[-1] == "":
                        cells.pop()
                    rows.append(cells)
                out[ws.title] = rows
            print(json.dumps(out))
            """, path])
        return try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String: [[String]]]
    }

    /// pyxform on many forms in one run: the error, or "" when it accepts the form without a warning.
    static func pyxformProblems(_ paths: [String]) throws -> [String] {
        let output = try Python.run(["-c", """
            import json, sys
            from pyxform.xls2xform import xls2xform_convert
            out = []
            for path in sys.argv[1:]:
                try:
                    warnings = xls2xform_convert(path, path + ".xml", validate=False, pretty_print=False)
                    out.append("; ".join(warnings))
                except Exception as error:
                    out.append("error: %s" % error)
            print(json.dumps(out))
            """] + paths)
        return try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String]
    }

    /// Converts the form as `xls2xform FORM out.xml` does (ODK Validate, which needs Java, left
    /// out): the XForm and pyxform's warnings when it accepts the form; a thrown error otherwise.
    static func pyxform(_ path: String) throws -> (xform: String, warnings: [String]) {
        let xml = path + ".xml"
        let output = try Python.run(["-c", """
            import json, sys
            from pyxform.xls2xform import xls2xform_convert
            warnings = xls2xform_convert(sys.argv[1], sys.argv[2], validate=False, pretty_print=False)
            print(json.dumps(warnings))
            """, path, xml])
        let warnings = try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String]
        return (try String(contentsOfFile: xml, encoding: .utf8), warnings)
    }
}
