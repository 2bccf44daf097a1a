import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SamlaKit
import SamlaTestSupport
import XCTest

/// The commands on a PostgreSQL store (`--store postgres://…`, `SAMLA_STORE`), through the built
/// binary against the test cluster: the same results as on SQLite, imports all or nothing and
/// never twice, writers at once losing nothing, a killed import leaving nothing half-imported,
/// and merges to and from PostgreSQL.
final class PostgresEndToEndTests: XCTestCase {
    private var directory: URL!
    private let surveyPath = EndToEndPaths.repo("surveys/tnc-workshop.yaml")
    private let export = EndToEndPaths.repo("surveys/examples/tnc-workshop-responses.csv")

    override func setUpWithError() throws {
        directory = EndToEndPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func run(_ arguments: [String], environment: [String: String] = [:], input: String = "") throws -> SamlaProcess.Result {
        let result = try SamlaProcess.run(arguments, input: input, environment: environment)
        XCTAssertEqual(result.status, 0, "samla \(arguments.joined(separator: " ")): \(result.stderr)")
        return result
    }

    private func count(_ url: String, _ condition: String = "status = 'complete'") throws -> Int {
        Int(try TestPostgres.psql(url, "SELECT count(*) FROM response WHERE \(condition)")) ?? -1
    }

    func testEveryCommandGivesOnPostgreSQLWhatItGivesOnSQLite() throws {
        let (url, file) = (try TestPostgres.freshDatabase(), path("same.sqlite"))
        // The reading commands never create a store.
        let missing = try SamlaProcess.run(["summary", surveyPath, "--store", url])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("no response store here"), missing.stderr)

        for store in [url, file] {
            _ = try run(["import", surveyPath, export, "--store", store, "--session", "Umeå 2025-03-12"])
        }
        let stored = try count(url)
        XCTAssertGreaterThan(stored, 30)
        XCTAssertEqual(stored, try ResponseStore(path: file).count(.init(surveyID: "tnc-workshop")))
        // Again, through SAMLA_STORE: nothing added.
        _ = try run(["import", surveyPath, export, "--session", "Umeå 2025-03-12"], environment: ["SAMLA_STORE": url])
        XCTAssertEqual(try count(url), stored)
        XCTAssertEqual(try TestPostgres.psql(url, "SELECT count(*) FROM source_file"), "2")

        // A collected participant, through a pipe, committed before the thank-you.
        let participant = ["1", "1", "1", "1", "4", "1", "Liknande arbete i Skellefteå", "", "", "eva@example.se"].joined(separator: "\n") + "\n"
        for store in [url, file] {
            _ = try run(["collect", surveyPath, "--store", store, "--lang", "sv", "--session", "Luleå 2025-03-13", "--participants", "1"],
                        input: participant)
        }
        XCTAssertEqual(try count(url), stored + 1)

        // Summaries, sessions and exports read the same answers.
        for arguments in [["summary", surveyPath, "--json"], ["summary", surveyPath, "--by", "session", "--json"]] {
            let onPostgres = try run(arguments + ["--store", url]).stdout
            XCTAssertEqual(onPostgres, try run(arguments + ["--store", file]).stdout, arguments.joined(separator: " "))
        }
        // Sessions alike but for the moment each store's participant finished.
        let sessions = { (store: String) throws -> [[String: AnyHashable]] in
            let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try self.run(["sessions", self.surveyPath, "--json", "--store", store]).stdout.utf8))
                                     as? [[String: AnyHashable]])
            return rows.map { row in row["session"] == AnyHashable("Luleå 2025-03-13") ? row.filter { $0.key != "first" && $0.key != "last" } : row }
        }
        XCTAssertEqual(try sessions(url), try sessions(file))
        XCTAssertEqual(try sessions(url).count, 2)
        let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try run(["summary", surveyPath, "--json", "--store", url]).stdout.utf8)) as? [String: Any])
        XCTAssertEqual(summary["responses"] as? Int, stored + 1)
        for (store, name) in [(url, "pg"), (file, "sqlite")] {
            _ = try run(["export", surveyPath, "--store", store, "--xlsx", path("\(name).xlsx"), "--csv", path("\(name).csv")])
        }
        let csvLines = { (name: String) in try String(contentsOfFile: self.path("\(name).csv"), encoding: .utf8).split(separator: "\n").count }
        XCTAssertEqual(try csvLines("pg"), try csvLines("sqlite"))
        XCTAssertGreaterThan(try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path("pg.xlsx"))[.size] as? Int), 10_000)

        // An erasure, and the erased row is not imported again.
        _ = try run(["delete", surveyPath, "--store", url, "--session", "Luleå 2025-03-13", "--yes"])
        XCTAssertEqual(try count(url, "session = 'Luleå 2025-03-13'"), 0)
        let someone = try TestPostgres.psql(url, "SELECT id FROM response WHERE identity IS NOT NULL ORDER BY seq LIMIT 1")
        _ = try run(["delete", surveyPath, "--store", url, "--respondent", someone, "--yes"])
        _ = try run(["import", surveyPath, export, "--store", url, "--session", "Umeå 2025-03-12"])
        XCTAssertEqual(try count(url), stored - 1)
        XCTAssertEqual(try TestPostgres.psql(url, "SELECT count(*) FROM erasure_log"), "2")
    }

    func testTwoImportsAndACollectorAtOnceLoseNothing() throws {
        let url = try TestPostgres.freshDatabase()
        let first = try ImportExports.generate("google", rows: 3000, seed: 11, in: directory)
        let second = try ImportExports.generate("microsoft", rows: 2500, seed: 12, in: directory)
        // The three start on an empty database at the same moment, so they also race to make the tables.
        let participant = ["1", "1", "1", "1", "4", "1", "Liknande arbete", "", "", "p@example.se"].joined(separator: "\n") + "\n"
        let signal = path("go")
        let importers = try [first, second].map {
            try SamlaProcess.start(["import", ImportExports.survey, $0, "--store", url], startSignal: signal)
        }
        let collector = try SamlaProcess.start(["collect", surveyPath, "--store", url, "--lang", "sv", "--participants", "40"],
                                               startSignal: signal)
        collector.send(String(repeating: participant, count: 40))
        collector.closeInput()
        FileManager.default.createFile(atPath: signal, contents: nil)
        for process in importers + [collector] {
            let result = process.wait()
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertFalse(result.stderr.contains("error"), result.stderr)
        }
        XCTAssertEqual(try count(url, "survey_id = 'tnc-workshop'"), 40)
        XCTAssertEqual(try count(url, "survey_id <> 'tnc-workshop'"), 5500)
    }

    func testAKilledImportLeavesNothingAndTheRerunCompletes() throws {
        let url = try TestPostgres.freshDatabase()
        let big = try ImportExports.generate("google", rows: 20000, seed: 21, in: directory)
        let importer = try SamlaProcess.start(["import", ImportExports.survey, big, "--store", url])
        // The import holds the bulk-write lock once its transaction is open and rows are going in.
        try eventually(timeout: 60, "the import's transaction") {
            try TestPostgres.psql(url, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted") != "0"
        }
        Thread.sleep(forTimeInterval: 1.0)
        importer.kill(SIGKILL)
        XCTAssertEqual(importer.wait().status, SIGKILL)
        // The server rolls back a transaction whose client is gone.
        try eventually(timeout: 30, "the killed transaction rolled back") {
            try TestPostgres.psql(url, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'") == "0"
        }
        XCTAssertEqual(try count(url, "true"), 0)
        XCTAssertEqual(try TestPostgres.psql(url, "SELECT count(*) FROM source_file"), "0")
        _ = try run(["import", ImportExports.survey, big, "--store", url])
        XCTAssertEqual(try count(url), 20000)
        XCTAssertEqual(try TestPostgres.psql(url, "SELECT count(*) FROM source_file"), "1")
    }

    func testMergingToAndFromPostgreSQLGivesTheUnion() throws {
        let (url, umea, lulea, back) = (try TestPostgres.freshDatabase(), path("umea.sqlite"), path("lulea.sqlite"), path("back.sqlite"))
        _ = try run(["import", surveyPath, export, "--store", umea, "--session", "Umeå"])
        _ = try run(["import", surveyPath, export, "--store", lulea, "--session", "Luleå"])
        let participant = ["1", "1", "1", "1", "4", "1", "Liknande arbete", "", "", "p@example.se"].joined(separator: "\n") + "\n"
        _ = try run(["collect", surveyPath, "--store", lulea, "--lang", "sv", "--session", "Luleå", "--participants", "2"],
                    input: participant + participant)
        let imported = try ResponseStore(path: umea).count(.init(surveyID: "tnc-workshop"))
        let merged = try run(["merge", umea, lulea, "--into", url]).stdout
        XCTAssertTrue(merged.contains("\(lulea): 2 added, \(imported) skipped"), merged)
        _ = try run(["merge", lulea, "--into", url])
        XCTAssertEqual(try count(url), imported + 2)
        // And back out of PostgreSQL into a new file: the same responses, ids and all.
        _ = try run(["merge", url, "--into", back])
        let fromPostgres = try ResponseStore(path: url).responses(.init(surveyID: "tnc-workshop"))
        let inFile = try ResponseStore(path: back).responses(.init(surveyID: "tnc-workshop"))
        XCTAssertEqual(Set(inFile), Set(fromPostgres))
        XCTAssertEqual(inFile.count, imported + 2)
    }
    /// Two imports and a `samla serve` taking answers from phones, all into one database at once:
    /// every answer the server acknowledged is stored once, every import row is, and nobody fails.
    func testTwoImportsAndAServeUnderLoadAtOnceLoseNothing() throws {
        let url = try TestPostgres.freshDatabase()
        let first = try ImportExports.generate("google", rows: 4000, seed: 31, in: directory)
        let second = try ImportExports.generate("microsoft", rows: 3000, seed: 32, in: directory)
        let port = try TestPorts.free()
        let server = try SamlaProcess.start(["serve", surveyPath, "--store", url, "--bind", "127.0.0.1", "--port", String(port),
                                             "--host-key", "test-host-key-123", "--no-rate-limit", "--session", "Luleå"])
        eventually(timeout: 60, "serve ready") { server.outputSoFar.contains("ready http") }
        let signal = path("go")
        let importers = try [first, second].map {
            try SamlaProcess.start(["import", ImportExports.survey, $0, "--store", url], startSignal: signal)
        }
        let importing = ImportWatch()
        let ids = AcknowledgedIDs()
        // Sixteen phones, each a thread of its own, keep sending from before the imports start
        // until after both have ended.
        let load = DispatchGroup()
        for _ in 0 ..< 16 {
            load.enter()
            Thread.detachNewThread {
                while !importing.over || ids.sent < 1500 {
                    let id = UUID()
                    ids.record(id, status: Self.post(port: port, id: id))
                }
                load.leave()
            }
        }
        eventually(timeout: 60, "the first answers acknowledged") { ids.acknowledged.count >= 50 }
        let beforeImports = ids.sent
        _ = FileManager.default.createFile(atPath: signal, contents: nil)
        for importer in importers {
            let result = importer.wait()
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertFalse(result.stderr.lowercased().contains("error"), result.stderr)
        }
        let duringImports = ids.sent
        importing.end()
        load.wait()
        server.kill(SIGINT)
        let served = server.wait()
        XCTAssertEqual(served.status, 0, served.stderr)
        XCTAssertGreaterThan(duringImports, beforeImports + 50, "answers were acknowledged while the imports ran")
        XCTAssertEqual(ids.failures, [], "every answer acknowledged with 201")
        XCTAssertGreaterThanOrEqual(ids.acknowledged.count, 1500)
        let stored = try TestPostgres.psql(url, "SELECT id FROM response WHERE survey_id = 'tnc-workshop' AND session = 'Luleå'")
            .split(separator: "\n").map(String.init)
        XCTAssertEqual(stored.count, ids.acknowledged.count)
        XCTAssertEqual(Set(stored.map { $0.lowercased() }), Set(ids.acknowledged.map { $0.uuidString.lowercased() }))
        XCTAssertEqual(try count(url, "survey_id <> 'tnc-workshop'"), 7000)
    }

    /// Merges into one target at once take turns: a laptop merged twice at the same moment adds
    /// its responses, files and erasures once, two laptops that imported one export add its rows
    /// once, and no merge fails.
    func testMergesIntoOneStoreAtOnceAddEverythingOnce() throws {
        let shared = try ImportExports.generate("google", rows: 3000, seed: 41, in: directory)
        let (umea, lulea) = (path("umea-m.sqlite"), path("lulea-m.sqlite"))
        for (laptop, own) in [(umea, try ImportExports.generate("microsoft", rows: 500, seed: 42, in: directory)),
                              (lulea, try ImportExports.generate("google", rows: 400, seed: 43, in: directory))] {
            _ = try run(["import", ImportExports.survey, shared, "--store", laptop])
            _ = try run(["import", ImportExports.survey, own, "--store", laptop])
        }
        for target in [try TestPostgres.freshDatabase(), path("all-m.sqlite")] {
            let signal = path("go-\(UUID())")
            let merges = try [umea, lulea, umea].map { try SamlaProcess.start(["merge", $0, "--into", target], startSignal: signal) }
            _ = FileManager.default.createFile(atPath: signal, contents: nil)
            var added = 0
            for merge in merges {
                let result = merge.wait()
                XCTAssertEqual(result.status, 0, result.stderr)
                XCTAssertFalse(result.stderr.lowercased().contains("error"), result.stderr)
                let total = result.stdout.split(separator: "\n").last?.split(separator: ":").last?.split(separator: " ").first
                added += try XCTUnwrap(total.flatMap { Int($0) }, result.stdout)
            }
            XCTAssertEqual(added, 3900, target)
            let merged = try ResponseStore(path: target)
            XCTAssertEqual(try merged.count(.init(surveyID: "bench-regional-dialogue")), 3900, target)
            // Each laptop's two imports, once each.
            XCTAssertEqual(try merged.sourceFiles(surveyID: "bench-regional-dialogue").count, 4, target)
        }
    }

    /// Sends one answer as a phone does and waits for the status (0 when no answer came).
    private static func post(port: Int, id: UUID) -> Int {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/responses")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"id": "\#(id)", "answers": {"role": "region", "collaboration": 3}}"#.utf8)
        request.timeoutInterval = 60
        let status = StatusBox()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { _, response, _ in
            status.set((response as? HTTPURLResponse)?.statusCode ?? 0)
            done.signal()
        }.resume()
        done.wait()
        return status.value
    }
}

/// Whether the imports under way have ended, for the load that runs beside them.
private final class ImportWatch: @unchecked Sendable {
    private let lock = NSLock()
    private var ended = false
    func end() { lock.withLock { ended = true } }
    var over: Bool { lock.withLock { ended } }
}

/// The answers sent to `serve`: those acknowledged (201), and any other outcome with its status.
private final class AcknowledgedIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [UUID] = []
    private var others: [Int] = []
    private var count = 0
    func record(_ id: UUID, status: Int) {
        lock.withLock {
            count += 1
            if status == 201 { ids.append(id) } else { others.append(status) }
        }
    }
    var sent: Int { lock.withLock { count } }
    var acknowledged: [UUID] { lock.withLock { ids } }
    var failures: [Int] { lock.withLock { others } }
}

/// A status handed from URLSession's callback to the waiting thread.
private final class StatusBox: @unchecked Sendable {
    private let lock = NSLock()
    private var status = 0
    func set(_ value: Int) { lock.withLock { status = value } }
    var value: Int { lock.withLock { status } }
}
