import Foundation
import Logging
import PostgresNIO

/// A value bound to a statement's `$n`.
enum SQLValue {
    case text(String?)
    case integer(Int?)
    case bytes(Data)
    /// A `text[]`.
    case texts([String]?)
}

/// One connection to the PostgreSQL server, used by one thread at a time, with the blocking calls
/// the store's synchronous code needs: each statement is sent and waited for (never on one of
/// NIO's event loop threads, which the callers are not).
struct PostgresSession {
    let connection: PostgresConnection

    /// Runs one statement (extended protocol, values bound, never spliced into the text).
    @discardableResult
    func query(_ sql: String, _ values: [SQLValue] = []) throws -> PostgresQueryResult {
        try send(sql, values).wait()
    }

    /// Sends one statement and returns at once; statements sent on one connection run in order.
    private func send(_ sql: String, _ values: [SQLValue] = []) -> EventLoopFuture<PostgresQueryResult> {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .text(let text): bindings.append(text)
            case .integer(let number): bindings.append(number)
            case .bytes(let data): bindings.append(ByteBuffer(bytes: data))
            case .texts(let texts): bindings.append(texts)
            }
        }
        return connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: PostgresConnections.logger)
    }

    /// How many rows a statement inserted, updated or deleted.
    func execute(_ sql: String, _ values: [SQLValue] = []) throws -> Int {
        try query(sql, values).metadata.rows ?? 0
    }

    /// Runs several statements without values, one after another (a migration). Statements end
    /// at a `;` at the end of a line outside a `$$` body.
    func script(_ sql: String) throws {
        for statement in Self.statements(of: sql) { try query(statement) }
    }

    static func statements(of script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var inBody = false
        for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
            let code = line.trimmingCharacters(in: .whitespaces)
            if code.hasPrefix("--") { continue }
            current += line + "\n"
            if line.components(separatedBy: "$$").count % 2 == 0 { inBody.toggle() }
            if !inBody, code.hasSuffix(";") {
                statements.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
                current = ""
            }
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }

    /// Runs `body` in one transaction: committed when it returns `(value, true)`, rolled back when
    /// it returns false or throws.
    func transaction<T>(_ begin: String = "BEGIN", _ body: () throws -> (T, commit: Bool)) throws -> T {
        try query(begin)
        do {
            let (value, commit) = try body()
            try query(commit ? "COMMIT" : "ROLLBACK")
            return value
        } catch {
            _ = try? query("ROLLBACK")
            throw error
        }
    }

    /// For the rest of this transaction, plans without JIT compilation or parallel workers: a
    /// streamed read or a count in parts spends a few microseconds a row, less than compiling
    /// the plan to machine code costs, and is its own parallelism (workers under a Gather would
    /// only pass every row through one more queue). Must run inside a transaction.
    func planForStreaming() throws {
        try query("SET LOCAL jit = off")
        try query("SET LOCAL max_parallel_workers_per_gather = 0")
    }

    /// Streams the rows of `sql` through a server-side cursor, a batch at a time, so a million rows
    /// never sit in memory at once; the next batch is asked for before this one is read, so the
    /// server makes and sends it meanwhile (two batches at most in memory). Must run inside a
    /// transaction.
    func forEachRow(_ sql: String, _ values: [SQLValue], batch: Int = 4000,
                    _ body: (PostgresRandomAccessRow) throws -> Void) throws {
        try query("DECLARE samla_rows NO SCROLL CURSOR FOR \(sql)", values)
        let fetch = "FETCH FORWARD \(batch) FROM samla_rows"
        var next = send(fetch)
        while true {
            let rows = try next.wait().rows
            if rows.isEmpty { break }
            next = send(fetch)
            do {
                for row in rows { try body(row.makeRandomAccess()) }
            } catch {
                // The batch asked for is waited for, so the connection is idle for the rollback.
                _ = try? next.wait()
                throw error
            }
        }
        try query("CLOSE samla_rows")
    }
}

/// The connections of one store: taken by a thread for one unit of work and handed back, so the
/// export's reading thread and its background counts each have their own.
final class PostgresConnections: @unchecked Sendable {
    static let logger = Logger(label: "samla.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    let configuration: PostgresConnection.Configuration
    /// Guards `connections` and `nextID`.
    private let lock = NSLock()
    private var connections: [PostgresConnection] = []
    private var nextID = 1

    init(configuration: PostgresConnection.Configuration) {
        self.configuration = configuration
    }

    deinit {
        for connection in connections {
            try? connection.close().wait()
        }
    }

    func withSession<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        let connection = try take()
        defer { if !connection.isClosed { lock.withLock { connections.append(connection) } } }
        return try body(PostgresSession(connection: connection))
    }

    private func take() throws -> PostgresConnection {
        let (reused, id) = lock.withLock { () -> (PostgresConnection?, Int) in
            if let connection = connections.popLast() { return (connection, 0) }
            nextID += 1
            return (nil, nextID)
        }
        if let reused { return reused }
        return try PostgresConnection.connect(on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration,
                                              id: id, logger: Self.logger).wait()
    }
}
