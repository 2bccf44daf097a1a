import Foundation
import XCTest
@testable import SamlaKit

/// The workbook printed by LibreOffice (one headless conversion to PDF), read back with poppler's
/// pdftotext. Every page's footer names its sheet (the workbook sets `&A` in the footer), so the
/// pages of each sheet can be counted. With fit to one page wide, no sheet continues to the
/// right on another page: every page carries text from its sheet's column A, and the short
/// sheets (Overview, each question, About) take exactly one page.
final class PrintLayoutTests: XCTestCase {
    func testLibreOfficePrintsEverySheetOnePageWide() throws {
        let fixture = try ExportFixture()
        defer { fixture.remove() }
        let options = try AnalysisOptions.parse(survey: fixture.survey, language: "en", by: "session")
        let summary = try Analyzer(survey: fixture.survey, options: options).summarize(store: fixture.store)
        let path = fixture.path("print.xlsx")
        _ = try WorkbookExport.write(to: path, survey: fixture.survey, summary: summary, store: fixture.store,
                                     options: ExportOptions(created: Date(timeIntervalSince1970: 1_750_000_000)),
                                     anonymizer: try Anonymizer.forStore(fixture.store, enabled: false))
        let script = #"""
import json, os, re, subprocess, sys, tempfile
import openpyxl
path, outdir = sys.argv[1], sys.argv[2]
profile = tempfile.mkdtemp(prefix="samla-lo-")
subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
                "--convert-to", "pdf", "--outdir", outdir, path], check=True, capture_output=True, timeout=240)
pdf = os.path.join(outdir, os.path.splitext(os.path.basename(path))[0] + ".pdf")
pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout).group(1))
book = openpyxl.load_workbook(path)
column_a = {ws.title: [str(c.value) for c in ws["A"] if c.value is not None] for ws in book.worksheets}
out = {"sheets": book.sheetnames, "pages": []}
for page in range(1, pages + 1):
    text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), pdf, "-"],
                          capture_output=True, text=True, check=True).stdout
    lines = [l for l in text.splitlines() if l.strip()]
    footer = re.split(r"\s{2,}", lines[-1].strip())[0] if lines else ""
    flat = " ".join(text.split())
    # A cell's text may be clipped at its column's edge: its first words are enough.
    has_a = any(" ".join(v.split())[:12] in flat for v in column_a.get(footer, []) if v.strip())
    out["pages"].append({"sheet": footer, "columnA": has_a})
print(json.dumps(out))
"""#
        struct Printed: Decodable {
            struct Page: Decodable { let sheet: String; let columnA: Bool }
            let sheets: [String]
            let pages: [Page]
        }
        let printed = try JSONDecoder().decode(Printed.self, from: Data(try Python.run(["-c", script, path, fixture.directory.path]).utf8))
        var pagesPerSheet: [String: Int] = [:]
        for page in printed.pages {
            XCTAssertTrue(printed.sheets.contains(page.sheet), "a page whose footer names no sheet: '\(page.sheet)'")
            XCTAssertTrue(page.columnA, "a page of \(page.sheet) without its column A: a table cut across pages")
            pagesPerSheet[page.sheet, default: 0] += 1
        }
        for sheet in printed.sheets {
            XCTAssertGreaterThanOrEqual(pagesPerSheet[sheet] ?? 0, 1, "\(sheet) is not printed")
        }
        for sheet in printed.sheets where sheet == "Overview" || sheet == "About" || sheet.first?.isNumber == true {
            XCTAssertEqual(pagesPerSheet[sheet], 1, "\(sheet) fits one page wide and is short: one page")
        }
    }
}
