import Foundation
import PostgresNIO

/// The counting of a summary pushed down to PostgreSQL (`AnswerCountingDatabase`), in one
/// snapshot: one `GROUP BY` pass over the selection's answer items (`AnswerItems`, migration v5:
/// a question and its value as one short text, written with each row), grouped with the version
/// and the deciding answers; meanwhile the rows with texts to analyse, and the few rows not counted
/// by their items, are streamed as stored for the client to count whole.
///
/// The deciding answers are read from `answers_jsonb` (migration v4), the answers parsed once when
/// written (and the rows with texts found by its keys). jsonb keeps every value the analysis reads: a string's characters, a
/// number's exact decimal (written back as text, it reads as the same `Double`; Samla never
/// writes `-0`, the one value jsonb's numeric changes). A text jsonb refuses (`\u0000`) leaves the
/// column NULL, and that row is counted from its stored text, as on SQLite; so is a row whose
/// items Samla could not make.
extension PostgresStoreDatabase: AnswerCountingDatabase {
    /// Parts of the selection (by ranges of stored order) counted at once, each by a server
    /// process of its own: the grouping of one part is one process's work, so the split is made
    /// here, and the parts' groups simply add up.
    static let countingParts = 3

    func countAnswers(_ request: AnswerCountRequest, group: (AnswerCountRow) throws -> Void,
                      whole: (StoredAnswersRow) throws -> Void) throws {
        try read { session in
            // Every part reads this transaction's snapshot, so all see the same responses.
            let snapshot = try Self.exportSnapshot(session)
            try session.planForStreaming()
            let (filter, values) = request.selection.postgresFilter
            let bounds = try session.query("SELECT min(seq)::bigint, max(seq)::bigint FROM response WHERE \(filter)", values)
                .rows.first?.makeRandomAccess()
            guard let low = try bounds?.optionalInteger(0), let high = try bounds?.optionalInteger(1) else { return }
            // Where most rows wrote text to analyse, every row comes whole and none is grouped.
            if try textShare(request, in: low ... high, session: session) >= request.wholeFromShare {
                try stream(Self.allSQL(request), session: session, whole)
                return
            }
            let parts = Self.split(low ... high)
            let counted = PartResults<[AnswerCountRow]>(parts.count)
            let queue = DispatchQueue(label: "samla.counting-parts", attributes: .concurrent)
            let work = DispatchGroup()
            for (index, range) in parts.enumerated() {
                queue.async(group: work) {
                    counted.finish(index, Result { try self.count(request, in: range, snapshot: snapshot) })
                }
            }
            // Meanwhile this connection streams the rows with texts to analyse and those not counted by items.
            let streamed = Result {
                if !request.analysedTexts.isEmpty { try stream(Self.textSQL(request), session: session, whole) }
                try stream(Self.unparsedSQL(request), session: session, whole)
            }
            work.wait()
            try streamed.get()
            for part in try counted.all() {
                for row in part { try group(row) }
            }
        }
    }

    /// The share of the selection with text to analyse, in a sample of about a thousand rows
    /// spread evenly over stored order (found through the primary key, so it reads no more).
    private func textShare(_ request: AnswerCountRequest, in range: ClosedRange<Int>, session: PostgresSession) throws -> Double {
        guard !request.analysedTexts.isEmpty else { return 0 }
        let begun = Self.start(request)
        var statement = begun.statement
        statement.values += [.integer(range.lowerBound), .integer(range.upperBound),
                             .integer(max(1, (range.upperBound - range.lowerBound) / Self.textSample))]
        let (low, high, step) = (statement.values.count - 2, statement.values.count - 1, statement.values.count)
        let sampled = try session.query("""
            SELECT count(*) FILTER (WHERE answers_jsonb ?| \(Self.analysed(request, &statement)))::bigint, count(*)::bigint
            FROM response WHERE \(begun.filter) AND seq = ANY(ARRAY(SELECT generate_series($\(low)::bigint, $\(high)::bigint, $\(step)::bigint)))
            """, statement.values).rows.first?.makeRandomAccess()
        guard let sampled, let rows = try sampled.optionalInteger(1), rows > 0 else { return 0 }
        return Double(try sampled.integer(0)) / Double(rows)
    }

    /// Rows looked at to tell the share of text to analyse.
    static let textSample = 1000

    /// The groups of one part of the selection, counted in `snapshot`.
    private func count(_ request: AnswerCountRequest, in range: ClosedRange<Int>, snapshot: String) throws -> [AnswerCountRow] {
        try read(inSnapshot: snapshot) { session in
            // Grouping by hashing: sorting millions of items would cost far more, and the
            // planner picks a sort when the table was never analysed (right after a big import).
            try session.query("SET LOCAL enable_sort = off")
            try session.query("SET LOCAL work_mem = '64MB'")
            try session.planForStreaming()
            let counts = Self.countSQL(request, range: range)
            let deciding = request.deciding.count
            return try session.query(counts.sql, counts.values).rows.map { row in
                let row = row.makeRandomAccess()
                return AnswerCountRow(
                    hash: try row.optionalText(0), file: try row.optionalText(1),
                    deciding: try (0 ..< deciding).map { try row.optionalText(2 + $0) },
                    item: try row.optionalText(2 + deciding), count: try row.integer(3 + deciding),
                    firstRow: try row.integer(4 + deciding))
            }
        }
    }

    /// Streams the version, place and answers as stored of the rows `statement` selects.
    func stream(_ statement: (sql: String, values: [SQLValue]), session: PostgresSession,
                        _ body: (StoredAnswersRow) throws -> Void) throws {
        try session.forEachRow(statement.sql, statement.values) { row in
            guard let answers = row[3].bytes else { throw StoredDataError(message: "a response without answers") }
            let (hash, file, seq) = (try row.optionalText(0), try row.optionalText(1), try row.integer(2))
            try answers.withUnsafeReadableBytes { raw in
                try body(StoredAnswersRow(hash: hash, file: file, row: seq,
                                          answers: UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self),
                                                                       count: raw.count)))
            }
        }
    }

    /// `range` in `countingParts` ranges of about equal length (fewer when it is short).
    static func split(_ range: ClosedRange<Int>) -> [ClosedRange<Int>] {
        let length = range.upperBound - range.lowerBound + 1
        let parts = max(1, min(countingParts, length))
        return (0 ..< parts).map { part in
            range.lowerBound + length * part / parts ... range.lowerBound + length * (part + 1) / parts - 1
        }
    }

    /// Binds values to `$n` in order after the selection's own.
    private struct Statement {
        var values: [SQLValue]

        mutating func bind(_ text: String) -> String {
            values.append(.text(text))
            return "$\(values.count)"
        }
    }

    /// The selection's filter and the version columns (NULL when not asked for), with its values bound.
    private static func start(_ request: AnswerCountRequest) -> (filter: String, hash: String, file: String, statement: Statement) {
        let (filter, values) = request.selection.postgresFilter
        let hash = request.readsVersions || request.readsFiles ? "definition_hash" : "NULL::text"
        let file = request.readsFiles ? "source_file" : "NULL::text"
        return (filter, hash, file, Statement(values: values))
    }

    /// Per group, the version, the deciding answers, the answer item (`AnswerItems`: a question and
    /// its value; NULL for the group of the responses themselves), how many, and the first in stored
    /// order. Each response's items are unnested beside one NULL, so one hash table, with one lookup
    /// per answer of short text, counts every question, the keys the survey lacks and the responses.
    static func countSQL(_ request: AnswerCountRequest, range: ClosedRange<Int>) -> (sql: String, values: [SQLValue]) {
        let begun = start(request)
        var statement = begun.statement
        statement.values += [.integer(range.lowerBound), .integer(range.upperBound)]
        let within = "seq BETWEEN $\(statement.values.count - 1) AND $\(statement.values.count)"
        let (filter, hash, file) = (begun.filter, begun.hash, begun.file)
        let deciding = request.deciding.enumerated().map { "(answers_jsonb -> \(statement.bind($0.element)))::text AS d\($0.offset)" }
        // The rows with texts to analyse are counted whole in the client (`textSQL`).
        let withoutTexts = request.analysedTexts.isEmpty ? "" : " AND NOT (answers_jsonb ?| \(analysed(request, &statement)))"
        let keys = ["h", "f"] + request.deciding.indices.map { "d\($0)" } + ["item"]
        let sql = """
            SELECT \(keys.joined(separator: ", ")), count(*)::bigint, min(seq)::bigint
            FROM (SELECT seq, \(hash) AS h, \(file) AS f\(deciding.map { ", " + $0 }.joined()),
                         unnest(array_append(answer_items, NULL::text)) AS item
                  FROM response WHERE \(filter) AND \(within) AND \(countedByItems)\(withoutTexts)) r
            GROUP BY \(keys.joined(separator: ", "))
            """
        return (sql, statement.values)
    }

    /// The rows counted by their items (the rest are read as stored): those whose items and jsonb
    /// (where the texts and the deciding answers are read) Samla and the server could both make.
    static let countedByItems = "answer_items IS NOT NULL AND answers_jsonb IS NOT NULL"

    /// The rows counted by items that answered a text question to be analysed, as stored, in stored
    /// order: the client counts them whole (their bytes come for the text anyway), so the grouping
    /// leaves them out.
    static func textSQL(_ request: AnswerCountRequest) -> (sql: String, values: [SQLValue]) {
        let begun = start(request)
        var statement = begun.statement
        let (filter, hash, file) = (begun.filter, begun.hash, begun.file)
        return ("""
            SELECT \(hash), \(file), seq, answers FROM response
            WHERE \(filter) AND \(countedByItems) AND answers_jsonb ?| \(analysed(request, &statement)) ORDER BY seq
            """, statement.values)
    }

    /// The analysed text questions as a bound `text[]`.
    private static func analysed(_ request: AnswerCountRequest, _ statement: inout Statement) -> String {
        "ARRAY[\(request.analysedTexts.map { statement.bind($0) }.joined(separator: ", "))]::text[]"
    }

    /// Every selected row, as stored, in stored order.
    static func allSQL(_ request: AnswerCountRequest) -> (sql: String, values: [SQLValue]) {
        let (filter, hash, file, statement) = start(request)
        return ("SELECT \(hash), \(file), seq, answers FROM response WHERE \(filter) ORDER BY seq", statement.values)
    }

    /// The selected rows not counted by their items, as stored, in stored order.
    static func unparsedSQL(_ request: AnswerCountRequest) -> (sql: String, values: [SQLValue]) {
        let (filter, hash, file, statement) = start(request)
        return ("SELECT \(hash), \(file), seq, answers FROM response WHERE \(filter) AND (answer_items IS NULL OR answers_jsonb IS NULL) ORDER BY seq",
                statement.values)
    }
}

/// What each part of a read done in parts at once gave, or how it failed, gathered from the
/// threads reading them.
final class PartResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Value, any Error>?]

    init(_ count: Int) {
        results = Array(repeating: nil, count: count)
    }

    func finish(_ index: Int, _ result: Result<Value, any Error>) {
        lock.withLock { results[index] = result }
    }

    /// Every part's value, in order; the first failure instead, if any part failed (or never finished).
    func all() throws -> [Value] {
        try lock.withLock { results }.map { result in
            guard let result else { throw StoredDataError(message: "a part of the read never finished") }
            return try result.get()
        }
    }
}
