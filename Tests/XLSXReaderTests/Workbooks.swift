import Foundation
import SamlaTestSupport
import XCTest
import XLSXReader
import ZIPFoundation

/// Workbooks the tests make themselves: parts written by hand and zipped, or whole workbooks
/// written by openpyxl (an independent writer) through python3.
enum Workbooks {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// Zips `parts` (entry name → XML) into a new file.
    static func zip(_ parts: [(String, String)], in directory: URL, name: String = "book.xlsx") throws -> URL {
        let url = directory.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        return url
    }

    /// A minimal workbook around the given sheets (name → `<sheetData>` and anything after it).
    static func parts(sheets: [(name: String, body: String)], sharedStrings: [String]? = nil, styles: String? = nil,
                      workbookProperties: String = "") -> [(String, String)] {
        var parts: [(String, String)] = []
        parts.append(("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>
            """))
        parts.append(("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
            </Relationships>
            """))
        let sheetList = sheets.enumerated().map { index, sheet in
            "<sheet name=\"\(sheet.name)\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }.joined()
        parts.append(("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <workbook xmlns="\(mainNamespace)" xmlns:r="\(relationshipNamespace)">\(workbookProperties)<sheets>\(sheetList)</sheets></workbook>
            """))
        var relationships = sheets.indices.map { index in
            "<Relationship Id=\"rId\(index + 1)\" Type=\"\(relationshipNamespace)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        if sharedStrings != nil {
            relationships.append("<Relationship Id=\"rId90\" Type=\"\(relationshipNamespace)/sharedStrings\" Target=\"sharedStrings.xml\"/>")
        }
        if styles != nil {
            relationships.append("<Relationship Id=\"rId91\" Type=\"\(relationshipNamespace)/styles\" Target=\"/xl/styles.xml\"/>")
        }
        parts.append(("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(relationships.joined())</Relationships>
            """))
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="\(mainNamespace)" xmlns:r="\(relationshipNamespace)">\(sheet.body)</worksheet>
                """))
        }
        if let sharedStrings {
            parts.append(("xl/sharedStrings.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <sst xmlns="\(mainNamespace)" count="\(sharedStrings.count)">\(sharedStrings.joined())</sst>
                """))
        }
        if let styles {
            parts.append(("xl/styles.xml", """
                <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="\(mainNamespace)">\(styles)</styleSheet>
                """))
        }
        return parts
    }

    /// Runs a Python script (with openpyxl) that writes a workbook to argv[1].
    static func openpyxl(_ script: String, in directory: URL, name: String = "openpyxl.xlsx") throws -> URL {
        let url = directory.appendingPathComponent(name)
        let scriptURL = directory.appendingPathComponent("write.py")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scriptURL.path, url.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python3 failed (install openpyxl with scripts/install-deps.sh --with-test-tools): "
                          + String(decoding: message, as: UTF8.self))
        }
        return url
    }

    /// Every row of a sheet, read to the end.
    static func rows(_ url: URL, sheet: String? = nil, headerRows: Int = 1) throws -> [XLSXRow] {
        let workbook = try XLSXWorkbook(url: url)
        let reader = try workbook.rows(of: workbook.sheet(named: sheet), headerRows: headerRows)
        var rows: [XLSXRow] = []
        while let row = try reader.next() { rows.append(row) }
        return rows
    }
}
