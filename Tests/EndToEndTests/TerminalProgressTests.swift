import Foundation
import XCTest

/// Long imports and exports show how far they have got on one terminal line, cleared when done,
/// and nothing of it reaches a pipe.
final class TerminalProgressTests: TerminalTestCase {
    /// About 10 MB: above the size from which import shows progress, and long enough in a debug
    /// build for the line to be seen a few times.
    private let rows = 30_000

    func testImportAndExportShowProgressOnATerminalAndClearIt() throws {
        let export = try ImportExports.generate("google", rows: rows, seed: 3, in: directory)
        let store = directory.appendingPathComponent("progress.sqlite").path
        let workbook = directory.appendingPathComponent("progress.xlsx").path
        let survey = ImportExports.survey
        let samla = "env -u NO_COLOR TERM=xterm \(SamlaProcess.binary)"
        try terminal.start("""
            \(samla) import '\(survey)' '\(export)' --store '\(store)'; echo IMPORT-DONE; \
            \(samla) export '\(survey)' --store '\(store)' --xlsx '\(workbook)'; echo EXPORT-DONE; sleep 60
            """)

        let file = URL(fileURLWithPath: export).lastPathComponent
        var importLines: Set<String> = []
        try eventually(timeout: 120, "an import percentage, then the end of the import") {
            let screen = try terminal.screen()
            importLines.formUnion(screen.split(separator: "\n").map(String.init).filter { $0.contains("\(file): ") && $0.hasSuffix("%") })
            return screen.contains("IMPORT-DONE")
        }
        XCTAssertFalse(importLines.isEmpty, "no progress line was seen during the import")

        var exportLines: Set<String> = []
        try eventually(timeout: 120, "an export percentage, then the end of the export") {
            let screen = try terminal.screen()
            exportLines.formUnion(screen.split(separator: "\n").map(String.init).filter { $0.contains("Writing") && $0.contains("%") })
            return screen.contains("EXPORT-DONE")
        }
        XCTAssertTrue(exportLines.contains { $0.contains("of \(rows) responses") }, "no export progress line: \(exportLines)")

        // Each line went away once its work was done: the reports start on clean lines.
        let final = try terminal.screen()
        XCTAssertTrue(final.contains("\(file): \(rows) new, 0 already there"), final)
        XCTAssertTrue(final.contains("Wrote \(workbook)"), final)
        XCTAssertFalse(final.contains("%"), "a progress line was left on the screen:\n\(final)")
        XCTAssertFalse(final.contains("Compressing"), final)

        // Through a pipe the same export prints its report and no progress at all.
        let piped = try SamlaProcess.run(["export", survey, "--store", store, "--xlsx", workbook])
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertFalse(piped.stderr.contains("\r") || piped.stderr.contains("Writing"), piped.stderr)
    }
}
