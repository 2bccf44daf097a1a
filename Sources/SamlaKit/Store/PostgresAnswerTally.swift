import Foundation
import PostgresNIO

/// A summary's counting from the counts PostgreSQL keeps as responses are written (`answer_tally`,
/// migration v6; `AnswerCountingDatabase.countKept`): the groups are the sums of a few thousand
/// rows, not the grouping of every answer, and of the rows that wrote text to analyse only those
/// texts come, not the rows whole. All in one snapshot, so the sums and the texts are of the
/// same responses.
extension PostgresStoreDatabase {
    func countKept(_ request: AnswerCountRequest, group: (AnswerCountRow) throws -> Bool,
                   texts: (StoredAnswersRow) throws -> Void, whole: (StoredAnswersRow) throws -> Void) throws {
        precondition(request.canUseKeptCounts, "kept counts answer requests without deciding answers or drafts")
        var rows = 0
        let groups = try read { session in
            try session.query("SET LOCAL jit = off")
            try session.query("SET LOCAL max_parallel_workers_per_gather = 0")
            let sums = Self.keptSQL(request)
            var groups = 0
            var declined: [AnswerCountRow] = []
            // The written text answers counted, per item, to check the texts read against.
            var itemCounts: [String: Int] = [:]
            for plain in try session.query(sums.sql, sums.values).rows {
                let row = plain.makeRandomAccess()
                let counts = AnswerCountRow(hash: try row.optionalText(0), file: try row.optionalText(1), deciding: [],
                                            item: try row.optionalText(2), count: try row.integer(3),
                                            firstRow: try row.integer(4), firstRowExact: try row.integer(5) == 0)
                if let item = counts.item, item.hasSuffix(#":{"t":"*"}"#) { itemCounts[item, default: 0] += counts.count }
                if try !group(counts) { declined.append(counts) }
                rows += try row.integer(6)
                groups += 1
            }
            try withExactFirstRows(declined, request, session: session) { _ = try group($0) }
            if !request.analysedTexts.isEmpty { try streamTexts(request, session: session, itemCounts: itemCounts, texts) }
            try stream(Self.unparsedSQL(request), session: session, whole)
            return groups
        }
        // Rows of one group add up; where many have gathered (every INSERT adds its own), a
        // later summary reads fewer once they are added together.
        if rows > 2 * groups + Self.rowsBeforeCompacting { compactKeptCounts(surveyID: request.selection.surveyID) }
    }

    /// The groups given again with their first response in stored order found among the rows,
    /// in one pass over the selection's items (needed only where a response was taken away from
    /// a group of an answer the definition lacks).
    private func withExactFirstRows(_ groups: [AnswerCountRow], _ request: AnswerCountRequest, session: PostgresSession,
                                    _ body: (AnswerCountRow) throws -> Void) throws {
        guard !groups.isEmpty else { return }
        var (filter, values) = request.selection.postgresFilter
        values.append(.texts(groups.compactMap(\.item)))
        let hash = request.readsVersions || request.readsFiles ? "definition_hash" : "NULL::text"
        let file = request.readsFiles ? "source_file" : "NULL::text"
        filter += " AND \(Self.countedByItems) AND answer_items && $\(values.count)::text[]"
        struct Key: Hashable { var hash: String?, file: String?, item: String? }
        var first: [Key: Int] = [:]
        for plain in try session.query("""
            SELECT h, f, item, min(seq)::bigint
            FROM (SELECT \(hash) AS h, \(file) AS f, seq, unnest(answer_items) AS item FROM response WHERE \(filter)) r
            WHERE item = ANY($\(values.count)::text[]) GROUP BY 1, 2, 3
            """, values).rows {
            let row = plain.makeRandomAccess()
            first[Key(hash: try row.optionalText(0), file: try row.optionalText(1), item: try row.optionalText(2))] = try row.integer(3)
        }
        for var counts in groups {
            guard let exact = first[Key(hash: counts.hash, file: counts.file, item: counts.item)] else {
                throw StoredDataError(message: "the kept answer counts (answer_tally) count \(counts.item ?? "") where no stored response has it")
            }
            counts.firstRow = exact
            counts.firstRowExact = true
            try body(counts)
        }
    }

    /// Rows beyond two per group the kept counts of a survey may grow to before a summary adds them up.
    static let rowsBeforeCompacting = 20000

    /// Per version (when asked for) and item, the kept counts of the selection added up: how many
    /// responses, the first of them in stored order, whether any were taken away (then that first
    /// is only a bound), and how many rows were added up.
    static func keptSQL(_ request: AnswerCountRequest) -> (sql: String, values: [SQLValue]) {
        var sql = "survey_id = $1"
        var values: [SQLValue] = [.text(request.selection.surveyID)]
        if !request.selection.sessions.isEmpty {
            sql += " AND session IN (" + request.selection.sessions.indices.map { "$\($0 + 2)" }.joined(separator: ", ") + ")"
            values += request.selection.sessions.map { .text($0) }
        }
        let hash = request.readsVersions || request.readsFiles ? "definition_hash" : "NULL::text"
        let file = request.readsFiles ? "source_file" : "NULL::text"
        return ("""
            SELECT \(hash) AS h, \(file) AS f, item, sum(n)::bigint, coalesce(min(first_seq), 0)::bigint,
                   sum(subtracted)::bigint, count(*)::bigint
            FROM answer_tally WHERE \(sql)
            GROUP BY 1, 2, 3 HAVING sum(n) <> 0
            """, values)
    }

    /// Adds up the kept counts of a survey (of every survey when nil), in one statement: it takes away the rows its snapshot
    /// sees and puts their sums in their place, so rows other writers add meanwhile are left as
    /// they are, and no writer waits for it. Groups that add up to nothing go. Best effort: a
    /// store opened by a user who may only read keeps its rows, which count the same.
    func compactKeptCounts(surveyID: String? = nil) {
        _ = try? connections.withSession { session in
            try session.transaction {
                // One at a time: a second would find nothing to do.
                let locked = try session.query("SELECT pg_try_advisory_xact_lock(\(Self.tallyLock))").rows.first?
                    .makeRandomAccess()[0].decode(Bool.self) ?? false
                guard locked else { return ((), false) }
                try session.query("""
                    WITH gone AS (DELETE FROM answer_tally WHERE $1::text IS NULL OR survey_id = $1 RETURNING *)
                    INSERT INTO answer_tally
                    SELECT survey_id, definition_hash, source_file, session, item, sum(n), min(first_seq), sum(subtracted)
                    FROM gone GROUP BY survey_id, definition_hash, source_file, session, item HAVING sum(n) <> 0
                    """, [.text(surveyID)])
                return ((), true)
            }
        }
    }

    /// The advisory lock of adding up kept counts.
    static let tallyLock = 0x5A4D_4C41_0003

    /// Of the rows counted by items, the analysed texts, as one stored answers object each
    /// (`{"question":{"t":"…"},…}`), for the caller to analyse their text and nothing else; in
    /// the order the table holds them (text figures depend on no order: a quote's rank is its
    /// row's `seq`, which comes with it), since walking the primary key to have them in stored
    /// order cost the server more than reading them all. A text is read as `answers -> question
    /// ->> 't'`, which the stored answer's own reading takes for a text only when it is one (a
    /// string `t` and no choice, other, selection or number beside it): so the texts read per
    /// question are checked against the kept count of its text items (`{"t":"*"}`, made by the
    /// same reading), and any answer read as text that is not one (only an UPDATE by hand makes
    /// such an answer) throws `TextsNotAsCounted`, for the caller to count another way.
    private func streamTexts(_ request: AnswerCountRequest, session: PostgresSession, itemCounts: [String: Int],
                             _ body: (StoredAnswersRow) throws -> Void) throws {
        let statement = Self.textsSQL(request)
        let keys: [[UInt8]] = request.analysedTexts.map { key in
            var quoted: [UInt8] = []
            JSONText.appendQuoted(key, to: &quoted)
            return quoted
        }
        var read = Array(repeating: 0, count: keys.count)
        var object: [UInt8] = []
        try session.forEachRow(statement.sql, statement.values) { row in
            object.removeAll(keepingCapacity: true)
            object.append(UInt8(ascii: "{"))
            for (index, key) in keys.enumerated() {
                guard let value = row[3 + index].bytes, value.readableBytes > 0 else { continue }
                read[index] += 1
                if object.count > 1 { object.append(UInt8(ascii: ",")) }
                object.append(contentsOf: key)
                object.append(contentsOf: #":{"t":"#.utf8)
                JSONText.appendQuoted(String(decoding: value.readableBytesView, as: UTF8.self), to: &object)
                object.append(UInt8(ascii: "}"))
            }
            guard object.count > 1 else { return }
            object.append(UInt8(ascii: "}"))
            let (hash, file, seq) = (try row.optionalText(0), try row.optionalText(1), try row.integer(2))
            try object.withUnsafeBufferPointer { try body(StoredAnswersRow(hash: hash, file: file, row: seq, answers: $0)) }
        }
        for (index, key) in keys.enumerated() where read[index] != itemCounts[Self.textItem(quotedKey: key), default: 0] {
            throw TextsNotAsCounted()
        }
    }

    /// The item of a written (non-empty) text answer to the question whose JSON-quoted id is `quotedKey`.
    static func textItem(quotedKey: [UInt8]) -> String {
        String(decoding: quotedKey, as: UTF8.self) + #":{"t":"*"}"#
    }

    /// The version, place and analysed texts (NULL where not written as text) of the selected
    /// rows counted by items.
    static func textsSQL(_ request: AnswerCountRequest) -> (sql: String, values: [SQLValue]) {
        let (filter, values) = request.selection.postgresFilter
        var statement = values
        let hash = request.readsVersions || request.readsFiles ? "definition_hash" : "NULL::text"
        let file = request.readsFiles ? "source_file" : "NULL::text"
        let keys = request.analysedTexts.map { key -> String in
            statement.append(.text(key))
            return "$\(statement.count)"
        }
        return ("""
            SELECT \(hash), \(file), seq\(keys.map { ", answers_jsonb -> \($0)::text ->> 't'" }.joined())
            FROM response WHERE \(filter) AND \(countedByItems)
            """, statement)
    }
}

/// Texts read from the server that its kept counts do not count as written text answers (an
/// answer edited by hand into a shape the stored answers' reading does not take for text).
struct TextsNotAsCounted: Error {}

extension AnswerCountRequest {
    /// Whether the counts kept as responses were written answer it: they are kept per version,
    /// file, session and answer, of complete responses, so not where a response's answers to
    /// other questions decide (`show_if`, `--where`, `--by`) or drafts are read.
    var canUseKeptCounts: Bool {
        deciding.isEmpty && !selection.includeDrafts
    }
}
