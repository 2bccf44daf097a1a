import CSQLiteWriteCoalescing
import Foundation
import GRDB
import SamlaTestSupport
import XCTest
@testable import SamlaKit

/// The VFS shim that hands a bulk write's WAL frames and checkpoint pages on in aligned pieces
/// (`WriteCoalescing`), on real SQLite files: the same rows as without it, SQLite reading back
/// pages it spilled while they are still gathered, a rolled-back write leaving nothing to be
/// written after another process took the write lock, and an import through it.
final class WriteCoalescingTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = TestPaths.temporaryDirectory()
        WriteCoalescing.install()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func pool(_ name: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA page_size = 16384") }
        let pool = try DatabasePool(path: directory.appendingPathComponent(name).path, configuration: configuration)
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, k TEXT UNIQUE, v TEXT)")
        }
        return pool
    }

    /// Rows whose keys arrive in no order, so index pages are spilled from a small cache into the
    /// WAL and read back while the transaction goes on.
    private func rows(_ count: Int, seed: UInt64) -> [(String, String)] {
        var state = seed
        return (0..<count).map { index in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let key = String(state >> 16, radix: 36) + "-\(index)"
            return (key, String(repeating: key, count: 1 + index % 40))
        }
    }

    private func bulkInsert(_ rows: [(String, String)], into pool: DatabasePool, coalescing: Bool, commit: Bool = true) throws -> Bool {
        var began = false
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = 8")
            defer { if began { try? WriteCoalescing.end(db) } }
            try db.inTransaction(.immediate) {
                if coalescing { began = WriteCoalescing.begin(db) }
                let statement = try db.makeStatement(sql: "INSERT INTO t (k, v) VALUES (?, ?)")
                for (key, value) in rows { try statement.execute(arguments: [key, value]) }
                return commit ? .commit : .rollback
            }
        }
        return began
    }

    private func contents(_ pool: DatabasePool) throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "SELECT k || '=' || v FROM t ORDER BY id") }
    }

    private func integrity(_ pool: DatabasePool) throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }

    func testABulkWriteThroughTheShimStoresWhatOneWithoutItStores() throws {
        let rows = rows(6_000, seed: 7)
        let plain = try pool("plain.sqlite")
        XCTAssertFalse(try bulkInsert(rows, into: plain, coalescing: false))
        let gathered = try pool("gathered.sqlite")
        let before = WriteCoalescing.writesHandedOn
        XCTAssertTrue(try bulkInsert(rows, into: gathered, coalescing: true), "the store's files go through the shim")
        XCTAssertGreaterThan(WriteCoalescing.writesHandedOn - before, 0)
        XCTAssertEqual(try integrity(gathered), "ok")
        XCTAssertEqual(try contents(gathered), try contents(plain))
        XCTAssertEqual(try contents(gathered).count, 6_000)
        // The checkpoint copied every frame into the store file: a fresh connection through the
        // shim and one without it read the same.
        try gathered.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        XCTAssertEqual(try integrity(gathered), "ok")
    }

    /// SQLite ignores what SQLITE_FCNTL_CKPT_DONE returns: a checkpoint whose last gathered pages
    /// cannot be written there must fail at the truncate and sync after it, not be recorded as
    /// done with those pages missing from the store file (the WAL would then be dropped).
    func testACheckpointWhoseLastPagesCannotBeWrittenIsNotRecordedAsDone() throws {
        let rows = rows(6_000, seed: 11)
        do {
            let failing = try pool("failing.sqlite")
            try failing.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA cache_size = 8")
                var began = false
                defer { if began { try? WriteCoalescing.end(db) } }
                try db.inTransaction(.immediate) {
                    began = WriteCoalescing.begin(db)
                    let statement = try db.makeStatement(sql: "INSERT INTO t (k, v) VALUES (?, ?)")
                    for (key, value) in rows { try statement.execute(arguments: [key, value]) }
                    return .commit
                }
                XCTAssertTrue(began)
                samla_coalescing_fail_next_checkpoint_end()
                XCTAssertThrowsError(try db.checkpoint(.passive), "a checkpoint that lost pages reported done")
            }
            XCTAssertEqual(try contents(failing).count, 6_000)
        }
        // Opened again (the first pool closed, its own checkpoint written without the shim's gathering).
        let again = try pool("failing.sqlite")
        XCTAssertEqual(try integrity(again), "ok")
        XCTAssertEqual(try contents(again).count, 6_000)
        try again.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        XCTAssertEqual(try integrity(again), "ok")
        XCTAssertEqual(try contents(again).count, 6_000)
    }

    private func sqlite3(_ path: String, _ sql: String) throws -> String {
        let shell = Process()
        let output = Pipe()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        shell.arguments = [path, sql]
        shell.standardOutput = output
        try shell.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        XCTAssertEqual(shell.terminationStatus, 0, sql)
        return text
    }

    func testARolledBackBulkWriteLeavesNothingToWriteOverAnotherWriter() throws {
        let path = directory.appendingPathComponent("shared.sqlite").path
        let store = try pool("shared.sqlite")
        try store.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = 8")
            try db.execute(sql: "BEGIN IMMEDIATE")
            XCTAssertTrue(WriteCoalescing.begin(db))
            // Frames spilled into the WAL, the last of them still gathered, then void.
            let statement = try db.makeStatement(sql: "INSERT INTO t (k, v) VALUES (?, ?)")
            for (key, value) in rows(400, seed: 11) { try statement.execute(arguments: [key, value + String(repeating: "v", count: 1000)]) }
            try db.execute(sql: "ROLLBACK")
            // Before the gathering ends, another process takes the write lock and commits frames
            // where the void ones lay: nothing gathered may be written over them afterwards
            // (it was written, or dropped, before the lock was released).
            _ = try sqlite3(path, """
                PRAGMA wal_autocheckpoint = 0; INSERT INTO t (k, v) VALUES ('from the shell', 'kept');
                WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 600)
                INSERT INTO t (k, v) SELECT 'shell ' || x, hex(zeroblob(500)) FROM c;
                """)
            try WriteCoalescing.end(db)
        }
        XCTAssertTrue(try bulkInsert(rows(500, seed: 13), into: store, coalescing: true))
        XCTAssertEqual(try integrity(store), "ok")
        let all = try contents(store)
        XCTAssertEqual(all.count, 1_101)
        XCTAssertTrue(all.contains("from the shell=kept"))
        // And read by a new process from the files alone.
        XCTAssertEqual(try sqlite3(path, "PRAGMA integrity_check; SELECT count(*) FROM t;"), "ok\n1101\n")
    }

    func testAReaderBesideTheBulkWriteSeesTheLastCommitThenAllOfIt() throws {
        let store = try pool("read.sqlite")
        XCTAssertTrue(try bulkInsert(rows(200, seed: 17), into: store, coalescing: true))
        let reader = try pool("read.sqlite")
        XCTAssertEqual(try contents(reader).count, 200)
        XCTAssertTrue(try bulkInsert(rows(4_000, seed: 19), into: store, coalescing: true))
        XCTAssertEqual(try contents(reader).count, 4_200)
        XCTAssertEqual(try integrity(reader), "ok")
    }

    /// An import keeps to the WAL, and so goes through the shim, while another connection has the
    /// store open (alone, it writes the store file under the rollback journal: `BulkJournal`).
    func testAnImportBesideAnotherConnectionGoesThroughTheShimAndASecondAddsNothing() throws {
        let survey = try writeSurvey("""
            format: 1
            id: gathered
            title: {en: Gathered}
            languages: [en]
            questions:
              - id: city
                type: text
                text: {en: City}
            """, in: directory)
        var csv = "Timestamp,City\n"
        for index in 0..<5_000 { csv += "2025-03-12 09:\(String(format: "%02d", index / 60 % 60)):\(String(format: "%02d", index % 60)),City number \(index) with some words\n" }
        let file = directory.appendingPathComponent("export.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let storePath = directory.appendingPathComponent("store.sqlite").path
        let holder = try ResponseStore(path: storePath)
        let importer = try SurveyImporter(survey: survey, options: ImportOptions())
        let before = WriteCoalescing.writesHandedOn
        let first = try importer.run(files: [file.path], storePath: storePath)
        XCTAssertTrue(first[0].committed, "\(first[0].diagnostics)")
        XCTAssertEqual(first[0].new, 5_000)
        // Rows in order fill whole frames one after another: each 64 KiB piece carries about four.
        let handedOn = WriteCoalescing.writesHandedOn - before
        let pages = try DatabaseQueue(path: storePath).read { db in try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0 }
        XCTAssertGreaterThan(handedOn, 0)
        XCTAssertLessThan(handedOn, Int64(pages), "\(handedOn) writes for \(pages) pages")
        let second = try importer.run(files: [file.path], storePath: storePath)
        XCTAssertEqual(second[0].new, 0)
        XCTAssertEqual(second[0].existing, 5_000)
        let store = try ResponseStore(path: storePath, create: false)
        XCTAssertEqual(try store.count(.init(surveyID: survey.id)), 5_000)
        XCTAssertEqual(try holder.count(.init(surveyID: survey.id)), 5_000)
    }
}
