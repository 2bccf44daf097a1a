import Foundation
import PostgresNIO

/// The counting of a summary pushed down to PostgreSQL (`AnswerCountingDatabase`), in one
/// snapshot: one `GROUP BY GROUPING SETS` pass over the selection (a set per question, one for
/// keys the survey lacks, one for the responses themselves), the analysed texts streamed, and the
/// few rows the server holds no parsed answers for streamed as stored.
///
/// It reads `answers_jsonb` (migration v4), the answers parsed once when written, so counting
/// parses nothing. jsonb keeps every value the analysis reads: a string's characters, a number's
/// exact decimal (written back as text, it reads as the same `Double`; Samla never writes `-0`,
/// the one value jsonb's numeric changes). A text jsonb refuses (`\u0000`) leaves the column NULL,
/// and that row is counted from its stored text, as on SQLite.
extension PostgresStoreDatabase: AnswerCountingDatabase {
    /// Parts of the selection (by ranges of stored order) counted at once, each by a server
    /// process of its own: PostgreSQL cannot split an aggregate over grouping sets between its
    /// parallel workers, so the split is made here, and the parts' groups simply add up.
    static let countingParts = 3

    func countAnswers(_ request: AnswerCountRequest, group: (AnswerCountRow) throws -> Void,
                      text: (AnswerTextRow) throws -> Void, stored: (StoredAnswersRow) throws -> Void) throws {
        try read { session in
            // Every part reads this transaction's snapshot, so all see the same responses.
            let snapshot = try session.query("SELECT pg_export_snapshot()").rows.first?.makeRandomAccess().text(0) ?? ""
            guard !snapshot.isEmpty, snapshot.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
                throw StoredDataError(message: "the server gave no snapshot to count in")
            }
            let (filter, values) = request.selection.postgresFilter
            let bounds = try session.query("SELECT min(seq)::bigint, max(seq)::bigint FROM response WHERE \(filter)", values)
                .rows.first?.makeRandomAccess()
            let parts = try bounds.flatMap { row in
                try row.optionalInteger(0).flatMap { low in try row.optionalInteger(1).map { Self.split(low ... $0) } }
            } ?? []
            let counted = CountedParts(parts.count)
            let queue = DispatchQueue(label: "samla.counting-parts", attributes: .concurrent)
            let work = DispatchGroup()
            for (index, range) in parts.enumerated() {
                queue.async(group: work) {
                    counted.finish(index, Result { try self.count(request, in: range, snapshot: snapshot) })
                }
            }
            // Meanwhile this connection streams the texts to analyse and the rows not counted there.
            let streamed = Result {
                try streamTexts(request, session: session, text)
                try streamUnparsed(request, session: session, stored)
            }
            work.wait()
            try streamed.get()
            for part in try counted.all() {
                for row in part { try group(row) }
            }
        }
    }

    /// The groups of one part of the selection, counted in `snapshot`.
    private func count(_ request: AnswerCountRequest, in range: ClosedRange<Int>, snapshot: String) throws -> [AnswerCountRow] {
        try connections.withSession { session in
            try session.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
                try session.query("SET TRANSACTION SNAPSHOT '\(snapshot)'")
                // Grouping by hashing: a sort per grouping set would cost far more, and the
                // planner picks sorts when a table was never analysed (right after a big import).
                try session.query("SET LOCAL enable_sort = off")
                try session.query("SET LOCAL work_mem = '64MB'")
                let counts = Self.countSQL(request, range: range)
                let deciding = request.deciding.count
                let parts = request.questions.count
                let rows = try session.query(counts.sql, counts.values).rows.map { row in
                    let row = row.makeRandomAccess()
                    let index = try row.integer(2 + deciding)
                    return AnswerCountRow(
                        hash: try row.optionalText(0), file: try row.optionalText(1),
                        deciding: try (0 ..< deciding).map { try row.optionalText(2 + $0) },
                        part: index < 0 ? .responses : index == parts ? .otherKeys : .question(index),
                        value: try row.optionalText(3 + deciding), count: try row.integer(4 + deciding),
                        firstRow: try row.integer(5 + deciding))
                }
                return (rows, true)
            }
        }
    }

    private func streamTexts(_ request: AnswerCountRequest, session: PostgresSession, _ text: (AnswerTextRow) throws -> Void) throws {
        guard !request.analysedTexts.isEmpty else { return }
        let texts = Self.textSQL(request)
        let deciding = request.deciding.count
        let analysed = request.analysedTexts.count
        try session.forEachRow(texts.sql, texts.values) { row in
            try text(AnswerTextRow(
                hash: row.optionalText(0), file: row.optionalText(1),
                deciding: try (0 ..< deciding).map { try row.optionalText(2 + $0) },
                row: row.integer(2 + deciding),
                texts: try (0 ..< analysed).map { try row.optionalText(3 + deciding + $0) }))
        }
    }

    private func streamUnparsed(_ request: AnswerCountRequest, session: PostgresSession,
                                _ stored: (StoredAnswersRow) throws -> Void) throws {
        let unparsed = Self.unparsedSQL(request)
        try session.forEachRow(unparsed.sql, unparsed.values) { row in
            guard let answers = row[3].bytes else { throw StoredDataError(message: "a response without answers") }
            let (hash, file, seq) = (try row.optionalText(0), try row.optionalText(1), try row.integer(2))
            try answers.withUnsafeReadableBytes { raw in
                try stored(StoredAnswersRow(hash: hash, file: file, row: seq,
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

    /// Per grouping set, the version, the deciding answers, which part (the question's index, the
    /// question count for keys the survey lacks, -1 for the responses), the value, how many, and
    /// the first in stored order. The analysed texts are counted from the stream; a personal text
    /// question's answer counts as written or empty when it is in the shape the store writes, so
    /// the groups do not grow with the texts.
    static func countSQL(_ request: AnswerCountRequest, range: ClosedRange<Int>) -> (sql: String, values: [SQLValue]) {
        let begun = start(request)
        var statement = begun.statement
        statement.values += [.integer(range.lowerBound), .integer(range.upperBound)]
        let within = "seq BETWEEN $\(statement.values.count - 1) AND $\(statement.values.count)"
        let (filter, hash, file) = (begun.filter, begun.hash, begun.file)
        let deciding = request.deciding.enumerated().map { "(a -> \(statement.bind($0.element)))::text AS d\($0.offset)" }
        var values: [String] = []
        var valueColumns: [String] = []
        let streamed = Set(request.analysedTexts)
        for (index, id) in request.questions.enumerated() where !streamed.contains(id) {
            valueColumns.append("v\(index)")
            let v = "(a -> \(statement.bind(id)))"
            if request.textQuestions.contains(id) {
                values.append("""
                    CASE WHEN jsonb_typeof(\(v)) = 'object' AND jsonb_typeof(\(v) -> 't') = 'string' THEN
                        CASE WHEN \(v) - 't' = '{}'::jsonb THEN CASE WHEN \(v) ->> 't' = '' THEN '{"t":""}' ELSE '{"t":"*"}' END
                             ELSE \(v)::text END
                    ELSE \(v)::text END AS v\(index)
                    """)
            } else {
                values.append("\(v)::text AS v\(index)")
            }
        }
        let known = request.questions.isEmpty ? "ARRAY[]::text[]" : "ARRAY[\(request.questions.map { statement.bind($0) }.joined(separator: ", "))]::text[]"
        values.append("NULLIF((a - \(known))::text, '{}') AS rest")
        valueColumns.append("rest")
        let keys = ["h", "f"] + request.deciding.indices.map { "d\($0)" }
        let sets = valueColumns.map { "(\((keys + [$0]).joined(separator: ", ")))" } + ["(\(keys.joined(separator: ", ")))"]
        // The part is the question's index (`v7` is questions[7]), the question count for `rest`.
        let part = "CASE " + valueColumns.map { column in
            "WHEN GROUPING(\(column)) = 0 THEN \(column == "rest" ? request.questions.count : Int(column.dropFirst())!)"
        }.joined(separator: " ") + " ELSE -1 END"
        let sql = """
            SELECT \(keys.joined(separator: ", ")), \(part), COALESCE(\(valueColumns.joined(separator: ", "))), count(*)::bigint, min(seq)::bigint
            FROM (SELECT seq, h, f\((deciding + values).map { ", " + $0 }.joined())
                  FROM (SELECT seq, \(hash) AS h, \(file) AS f, answers_jsonb AS a
                        FROM response WHERE \(filter) AND \(within) AND answers_jsonb IS NOT NULL) r) s
            GROUP BY GROUPING SETS (\(sets.joined(separator: ", ")))
            """
        return (sql, statement.values)
    }

    /// The analysed text answers of every response that has any, in stored order.
    static func textSQL(_ request: AnswerCountRequest) -> (sql: String, values: [SQLValue]) {
        let begun = start(request)
        var statement = begun.statement
        let (filter, hash, file) = (begun.filter, begun.hash, begun.file)
        let deciding = request.deciding.map { "(answers_jsonb -> \(statement.bind($0)))::text" }
        let texts = request.analysedTexts.map { "(answers_jsonb -> \(statement.bind($0)))::text" }
        let any = "ARRAY[\(request.analysedTexts.map { statement.bind($0) }.joined(separator: ", "))]::text[]"
        let sql = """
            SELECT \(([hash, file] + deciding + ["seq"] + texts).joined(separator: ", "))
            FROM response WHERE \(filter) AND answers_jsonb ?| \(any)
            ORDER BY seq
            """
        return (sql, statement.values)
    }

    /// The selected rows without parsed answers, as stored, in stored order.
    static func unparsedSQL(_ request: AnswerCountRequest) -> (sql: String, values: [SQLValue]) {
        let (filter, hash, file, statement) = start(request)
        return ("SELECT \(hash), \(file), seq, answers FROM response WHERE \(filter) AND answers_jsonb IS NULL ORDER BY seq",
                statement.values)
    }
}

/// The groups each part of a count gave, or how it failed, gathered from the threads counting them.
private final class CountedParts: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<[AnswerCountRow], any Error>?]

    init(_ count: Int) {
        results = Array(repeating: nil, count: count)
    }

    func finish(_ index: Int, _ result: Result<[AnswerCountRow], any Error>) {
        lock.withLock { results[index] = result }
    }

    /// Every part's groups, in order; the first failure instead, if any part failed.
    func all() throws -> [[AnswerCountRow]] {
        try lock.withLock { results }.map { try $0?.get() ?? [] }
    }
}
