import Foundation

/// The PostgreSQL server the tests run against: `SAMLA_TEST_POSTGRES_URL`, which `make test` and
/// `.ci/run` set after starting a throwaway cluster (`scripts/test-postgres.sh`). Without it the
/// PostgreSQL tests fail, saying how to start one; they are never skipped.
public enum TestPostgres {
    public struct NotConfigured: Error, CustomStringConvertible {
        public var description: String {
            "SAMLA_TEST_POSTGRES_URL is not set: run `make test`, or `scripts/test-postgres.sh start` and "
                + "`export SAMLA_TEST_POSTGRES_URL=$(scripts/test-postgres.sh url)`"
        }
    }

    public struct CommandFailed: Error, CustomStringConvertible {
        public var description: String
    }

    /// The server's URL (its maintenance database).
    public static func serverURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["SAMLA_TEST_POSTGRES_URL"], !url.isEmpty else { throw NotConfigured() }
        return url
    }

    /// A new, empty database on the server, for one test's store; its URL.
    public static func freshDatabase() throws -> String {
        let server = try serverURL()
        let name = "samla_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try psql(server, "CREATE DATABASE \(name)")
        guard var components = URLComponents(string: server) else { throw CommandFailed(description: "bad URL \(server)") }
        components.path = "/" + name
        return components.string!
    }

    /// Runs one statement with the `psql` client (an independent reader of what Samla wrote) and
    /// returns its unaligned output.
    @discardableResult
    public static func psql(_ url: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [url, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CommandFailed(description: "psql \(sql): \(problem)") }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
