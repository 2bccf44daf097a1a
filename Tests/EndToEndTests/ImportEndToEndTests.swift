import Foundation
import SamlaKit
import XCTest

/// `samla import` through the built binary: the exit codes, the report, and the store left
/// exactly as it was when a file has problems.
final class ImportEndToEndTests: XCTestCase {
    private var directory: URL!
    private var storePath: String { directory.appendingPathComponent("store.sqlite").path }
    private let survey = ImportExports.survey

    override func setUpWithError() throws {
        directory = EndToEndPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func generate(_ layout: String, rows: Int = 300, seed: Int = 1) throws -> String {
        try ImportExports.generate(layout, rows: rows, seed: seed, in: directory)
    }

    private func count(includeDrafts: Bool = true) throws -> Int {
        try ResponseStore(path: storePath).count(.init(surveyID: "bench-regional-dialogue", includeDrafts: includeDrafts))
    }

    func testImportThenReimportAddsNothing() throws {
        let export = try generate("microsoft")
        let first = try SamlaProcess.run(["import", survey, export, "--store", storePath, "--session", "Luleå"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("\(export): 300 new, 0 already there"), first.stdout)
        XCTAssertTrue(first.stdout.contains("read as microsoft-forms, utf-8, delimiter ,"), first.stdout)
        let again = try SamlaProcess.run(["import", survey, export, "--store", storePath])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("\(export): 0 new, 300 already there"), again.stdout)
        XCTAssertEqual(try count(), 300)
        let responses = try ResponseStore(path: storePath).responses(.init(surveyID: "bench-regional-dialogue"))
        XCTAssertTrue(responses.allSatisfy { $0.session == "Luleå" })
        XCTAssertEqual(responses.first?.identity, "microsoft-forms:1")
        XCTAssertEqual(responses.first?.metadata["Email"], "anonymous")
    }

    func testReimportOnAMachineInAnotherTimeZoneAddsNothing() throws {
        // Timestamps without a zone are read in the machine's zone; identities must not depend on it.
        let export = directory.appendingPathComponent("naive.csv").path
        try """
            Timestamp,Which organisation do you represent?,How interested are you in closer collaboration?
            13/8/2026 14:28:27,Region,4
            14/8/2026 09:02:11,Business,5

            """.write(toFile: export, atomically: true, encoding: .utf8)
        let first = try SamlaProcess.run(["import", survey, export, "--store", storePath], environment: ["TZ": "Europe/Stockholm"])
        XCTAssertTrue(first.stdout.contains("2 new, 0 already there"), first.stdout + first.stderr)
        let second = try SamlaProcess.run(["import", survey, export, "--store", storePath], environment: ["TZ": "America/New_York"])
        XCTAssertTrue(second.stdout.contains("0 new, 2 already there"), second.stdout + second.stderr)
        let stored = try ResponseStore(path: storePath).responses(.init(surveyID: "bench-regional-dialogue"))
        XCTAssertEqual(stored.first?.submittedAt, ISO8601DateFormatter().date(from: "2026-08-13T12:28:27Z"), "read in Stockholm's summer time")
    }

    func testAnUnterminatedQuoteOnLineSixLeavesTheStoreAsItWas() throws {
        _ = try SamlaProcess.run(["import", survey, try generate("google", rows: 20, seed: 2), "--store", storePath])
        XCTAssertEqual(try count(), 20)
        let source = try String(contentsOfFile: try generate("google", rows: 12, seed: 3), encoding: .utf8)
        // Line 6 opens a quote in its city cell that nothing closes; no other quote follows.
        var lines = source.replacingOccurrences(of: "\"", with: "").components(separatedBy: "\n")
        var cells = lines[5].components(separatedBy: ",")
        cells[2] = "\"" + cells[2]
        lines[5] = cells.joined(separator: ",")
        let broken = directory.appendingPathComponent("broken.csv").path
        try lines.joined(separator: "\n").write(toFile: broken, atomically: true, encoding: .utf8)

        let result = try SamlaProcess.run(["import", survey, broken, "--store", storePath])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("\(broken):6:"), result.stderr)
        XCTAssertTrue(result.stderr.contains("never closed"), result.stderr)
        XCTAssertTrue(result.stdout.contains("\(broken): nothing imported"), result.stdout)
        XCTAssertEqual(try count(), 20)
        XCTAssertEqual(try ResponseStore(path: storePath).sourceFiles(surveyID: "bench-regional-dialogue").count, 1)
    }

    /// Killed while its rows go in and again after its commit, on a store it has to itself and on
    /// one another connection holds open, with the file it writes synced on a thread of its own
    /// meanwhile: the store opens and holds none of the file or all of it, never a part, and a
    /// re-run completes it. Alone, the import writes the store file under SQLite's rollback journal
    /// (`BulkJournal`), so the file grows as rows go in and the journal is left for the next
    /// opening to roll back. Beside another connection it keeps to the WAL, and a new store's
    /// file grows only in the checkpoint after the commit.
    func testAnImportKilledWhileRowsGoInOrAfterItsCommitLeavesAllOrNothing() throws {
        let rows = 20_000
        let export = try generate("google", rows: rows, seed: 5)
        func size(_ path: String) -> Int { (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 }
        for (moment, shared) in [("rows", false), ("rows", true), ("checkpoint", true)] {
            let store = directory.appendingPathComponent("killed-\(moment)-\(shared ? "shared" : "alone").sqlite").path
            // An idle connection of this process keeps the store open, as a collector's would.
            let holder = shared ? try ResponseStore(path: store) : nil
            let importer = try SamlaProcess.start(["import", survey, export, "--store", store])
            let deadline = Date().addingTimeInterval(300)
            while Date() < deadline, importer.process.isRunning {
                let grown = switch (moment, shared) {
                case ("rows", false): size(store) > 4 << 20
                case ("rows", true): size(store + "-wal") > 4 << 20
                default: size(store) > 1 << 20
                }
                if grown { break }
                Thread.sleep(forTimeInterval: 0.0005)
            }
            importer.kill(SIGKILL)
            let status = importer.wait().status
            if moment == "rows" {
                XCTAssertEqual(FileManager.default.fileExists(atPath: store + "-journal"), !shared,
                               "a rollback journal left behind only by an import that had the store to itself")
            }
            let opened = try ResponseStore(path: store)
            let stored = try opened.count(.init(surveyID: "bench-regional-dialogue", includeDrafts: true))
            let files = try opened.sourceFiles(surveyID: "bench-regional-dialogue").count
            if moment == "rows" {
                XCTAssertEqual(status, SIGKILL, "killed while its rows went in (\(shared ? "shared" : "alone"))")
                XCTAssertEqual([stored, files], [0, 0], "nothing of an import killed before its commit (\(shared ? "shared" : "alone"))")
            } else {
                // The store file grows only in the checkpoint, after the commit: all is there.
                XCTAssertEqual([stored, files], [rows, 1], "an import killed in its checkpoint (exit \(status))")
            }
            let rerun = try SamlaProcess.run(["import", survey, export, "--store", store])
            XCTAssertEqual(rerun.status, 0, rerun.stderr)
            XCTAssertTrue(rerun.stdout.contains(stored == 0 ? "\(rows) new, 0 already there" : "0 new, \(rows) already there"), rerun.stdout)
            XCTAssertEqual(try ResponseStore(path: store).count(.init(surveyID: "bench-regional-dialogue", includeDrafts: true)), rows)
            withExtendedLifetime(holder) {}
        }
    }

    /// While an import that has a store to itself writes it under the rollback journal, another
    /// process cannot read it: a summary started then waits for the import, rather than failing,
    /// and counts all of it.
    func testASummaryStartedWhileAnImportWritesTheStoreWaitsAndCountsAllOfIt() throws {
        let rows = 20_000
        let export = try generate("google", rows: rows, seed: 8)
        let importer = try SamlaProcess.start(["import", survey, export, "--store", storePath])
        let deadline = Date().addingTimeInterval(300)
        var journaled = false
        while Date() < deadline, importer.process.isRunning, !journaled {
            journaled = FileManager.default.fileExists(atPath: storePath + "-journal")
            Thread.sleep(forTimeInterval: 0.0005)
        }
        XCTAssertTrue(journaled, "the import wrote under the rollback journal")
        let summary = try SamlaProcess.run(["summary", survey, "--store", storePath, "--json"])
        XCTAssertEqual(summary.status, 0, summary.stderr)
        XCTAssertEqual(importer.wait().status, 0)
        let counted = try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(counted?["responses"] as? Int, rows)
        XCTAssertEqual(try count(), rows)
    }

    func testProblemsAreListedCappedWithTheTotal() throws {
        let export = try generate("google", rows: 80, seed: 4)
        // Every row's scale answers moved off the scale: far more problems than are shown.
        var text = try String(contentsOfFile: export, encoding: .utf8)
        text = text.replacingOccurrences(of: ",5,", with: ",55,").replacingOccurrences(of: ",4,", with: ",44,")
        try text.write(toFile: export, atomically: true, encoding: .utf8)
        let result = try SamlaProcess.run(["import", survey, export, "--store", storePath])
        XCTAssertEqual(result.status, 1)
        let shown = result.stderr.components(separatedBy: "\n").filter { $0.contains(": error: ") }
        XCTAssertEqual(shown.count, 50, result.stderr)
        let total = try XCTUnwrap(result.stderr.range(of: #"\(\d+ in all\)"#, options: .regularExpression).map { String(result.stderr[$0]) })
        XCTAssertGreaterThan(Int(total.dropFirst().prefix { $0.isNumber }) ?? 0, 50)
        XCTAssertEqual(try count(), 0)
    }

    func testDryRunShowsTheMappingAndWritesNothing() throws {
        let export = try generate("kobo", rows: 10)
        let result = try SamlaProcess.run(["import", survey, export, "--store", storePath, "--dry-run"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("10 new would be stored"), result.stdout)
        XCTAssertTrue(result.stdout.contains("focus/scale-up → focus/scale-up"), result.stdout)
        XCTAssertTrue(result.stdout.contains("_uuid → tool: response-id"), result.stdout)
        XCTAssertTrue(result.stdout.contains("focus → focus (read from its option columns)"), result.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: storePath))
    }

    func testSkipBadRowsAndUsageMistakes() throws {
        let export = try generate("google", rows: 30, seed: 6)
        var lines = try String(contentsOfFile: export, encoding: .utf8).components(separatedBy: "\n")
        lines[4] = lines[4].replacingOccurrences(of: "Umeå", with: "Kiruna").replacingOccurrences(of: "Sundsvall", with: "Kiruna")
            .replacingOccurrences(of: "Luleå", with: "Kiruna").replacingOccurrences(of: "Östersund", with: "Kiruna")
            .replacingOccurrences(of: "Örnsköldsvik", with: "Kiruna")
        try lines.joined(separator: "\n").write(toFile: export, atomically: true, encoding: .utf8)
        let rejects = directory.appendingPathComponent("rejects.csv").path
        let result = try SamlaProcess.run(["import", survey, export, "--store", storePath, "--skip-bad-rows", rejects])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("29 new"), result.stdout)
        XCTAssertTrue(result.stdout.contains("1 row with problems skipped and written to \(rejects)"), result.stdout)
        XCTAssertTrue(result.stderr.contains("\(export):5:"), result.stderr)
        let rejected = try String(contentsOfFile: rejects, encoding: .utf8)
        XCTAssertTrue(rejected.contains("'Kiruna' is not one of the choices of 'city'"), rejected)

        for arguments in [["--format", "mentimeter"], ["--encoding", "windows-1250"], ["--map", "nothing"], ["--map", "Timestamp=when"]] {
            let mistake = try SamlaProcess.run(["import", survey, export, "--store", storePath] + arguments)
            XCTAssertEqual(mistake.status, 2, "\(arguments): \(mistake.stderr)")
        }
        XCTAssertEqual(try SamlaProcess.run(["import", survey, "--store", storePath]).status, 2)
    }
}
