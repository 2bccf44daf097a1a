import Foundation
import PostgresNIO

/// A summary's counting from the counts PostgreSQL keeps as responses are written (`answer_tally`,
/// migration v6; `AnswerCountingDatabase.countKept`): the groups are the sums of a few thousand
/// rows, not the grouping of every answer, and of the rows that wrote text to analyse only those
/// texts come (from `answer_text`, migration v7), not the rows whole. All in one snapshot, so the
/// sums and the texts are of the same responses.
extension PostgresStoreDatabase {
    func countKept(_ request: AnswerCountRequest, group: (AnswerCountRow) throws -> Bool,
                   texts: @Sendable (Int, StoredTextsRow) throws -> Void, whole: (StoredAnswersRow) throws -> Void) throws {
        precondition(request.canUseKeptCounts, "kept counts answer requests without deciding answers or drafts")
        var rows = 0
        let groups = try read { session in
            try session.planForStreaming()
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
        let (sql, values) = keptFilter(request.selection)
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

    /// Of the rows counted by items, the analysed texts, for the caller to analyse them and nothing
    /// else. They are read from `answer_text` (migration v7: the written texts alone, a sixth of
    /// the width of a response row), split by ranges of the table's pages into
    /// `request.textParts` parts read at once, each on a connection of its own in this
    /// transaction's `snapshot` and handed to `body` with its part's number from a thread of its
    /// own; in the order the table holds them (text figures depend on no order: a quote's rank is
    /// its row's `seq`, which comes with it).
    /// `answer_text` holds the texts of the rows' text items (`{"t":"*"}`), so the texts read per
    /// question are checked against the kept count of those items: answers, items or kept texts
    /// made to disagree by hand throw `TextsNotAsCounted`, for the caller to count another way.
    private func streamTexts(_ request: AnswerCountRequest, session: PostgresSession, itemCounts: [String: Int],
                             _ body: @Sendable (Int, StoredTextsRow) throws -> Void) throws {
        let keys: [[UInt8]] = request.analysedTexts.map { key in
            var quoted: [UInt8] = []
            JSONText.appendQuoted(key, to: &quoted)
            return quoted
        }
        let pages = try session.query("SELECT (pg_relation_size('answer_text') / current_setting('block_size')::bigint)::bigint")
            .rows.first?.makeRandomAccess().integer(0) ?? 0
        let parts = Self.pageRanges(pages: pages, parts: request.textParts, pagesPerPart: request.pagesPerTextPart)
        guard parts.count > 1 else {
            let read = try readTexts(request, pages: parts[0], tablePages: pages, keys: keys, session: session) { try body(0, $0) }
            return try Self.check(read, keys: keys, itemCounts: itemCounts)
        }
        let snapshot = try Self.exportSnapshot(session)
        let results = PartResults<[Int]>(parts.count)
        // Part 0 on this connection, the others each on one of their own in the same snapshot.
        DispatchQueue.concurrentPerform(iterations: parts.count) { part in
            results.finish(part, Result {
                if part == 0 {
                    return try readTexts(request, pages: parts[0], tablePages: pages, keys: keys, session: session) { try body(0, $0) }
                }
                return try self.read(inSnapshot: snapshot) { other in
                    try other.planForStreaming()
                    return try readTexts(request, pages: parts[part], tablePages: pages, keys: keys, session: other) { try body(part, $0) }
                }
            })
        }
        var read = Array(repeating: 0, count: keys.count)
        for counts in try results.all() {
            for index in read.indices { read[index] += counts[index] }
        }
        try Self.check(read, keys: keys, itemCounts: itemCounts)
    }

    /// Streams the analysed texts of the rows on `pages` of `answer_text` (nil: all) to `body`,
    /// read from the arrays the server sends them in (`textsSQL`); returns how many texts of each
    /// question it read.
    private func readTexts(_ request: AnswerCountRequest, pages: Range<Int>?, tablePages: Int, keys: [[UInt8]],
                           session: PostgresSession, _ body: (StoredTextsRow) throws -> Void) throws -> [Int] {
        let statement = Self.textsSQL(request, pages: pages, tablePages: tablePages)
        var read = Array(repeating: 0, count: keys.count)
        var texts: [UInt8] = []
        var ends = Array(repeating: 0, count: keys.count)
        var seqs = PostgresArrayElements()
        var columns = Array(repeating: PostgresArrayElements(), count: keys.count)
        var buffers: [ByteBuffer] = []
        // A row holds the texts of a few hundred responses: a few of them at a time keep memory flat.
        try session.forEachRow(statement.sql, statement.values, batch: 16) { row in
            let (hash, file) = (try row.optionalText(0), try row.optionalText(1))
            // A run of pages without rows of the selection, where no version is asked for.
            guard let seqBuffer = row[2].bytes else { return }
            try seqs.read(seqBuffer)
            buffers.removeAll(keepingCapacity: true)
            for index in keys.indices {
                guard let buffer = row[3 + index].bytes else { throw StoredDataError(message: "the server sent rows without their texts") }
                try columns[index].read(buffer)
                guard columns[index].count == seqs.count else { throw StoredDataError(message: "the server sent texts and rows that do not pair") }
                buffers.append(buffer)
            }
            for element in 0 ..< seqs.count {
                texts.removeAll(keepingCapacity: true)
                var written = false
                for index in keys.indices {
                    let length = columns[index].lengths[element]
                    if length > 0 {
                        read[index] += 1
                        written = true
                        let start = columns[index].starts[element]
                        buffers[index].withUnsafeReadableBytes { texts.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[start ..< start + length])) }
                    }
                    ends[index] = texts.count
                }
                guard written else { continue }
                guard let seq = try seqs.integer(element, in: seqBuffer) else { throw StoredDataError(message: "the server sent a text without its row") }
                try texts.withUnsafeBufferPointer { texts in
                    try ends.withUnsafeBufferPointer { try body(StoredTextsRow(hash: hash, file: file, row: seq, texts: texts, ends: $0)) }
                }
            }
        }
        return read
    }

    /// Throws `TextsNotAsCounted` unless as many texts of each question were read as its text items count.
    private static func check(_ read: [Int], keys: [[UInt8]], itemCounts: [String: Int]) throws {
        for (index, key) in keys.enumerated() where read[index] != itemCounts[textItem(quotedKey: key), default: 0] {
            throw TextsNotAsCounted()
        }
    }

    /// This transaction's snapshot, for other connections to read the same responses.
    static func exportSnapshot(_ session: PostgresSession) throws -> String {
        let snapshot = try session.query("SELECT pg_export_snapshot()").rows.first?.makeRandomAccess().text(0) ?? ""
        guard !snapshot.isEmpty, snapshot.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw StoredDataError(message: "the server gave no snapshot to read in")
        }
        return snapshot
    }

    /// `pages` pages in at most `parts` ranges of about equal length and at least `pagesPerPart`
    /// each; the last is open-ended (nil bound), so no row is missed however the table grew. One
    /// range of nil (the whole table) where a single part is all there is.
    static func pageRanges(pages: Int, parts: Int, pagesPerPart: Int) -> [Range<Int>?] {
        let count = max(1, min(parts, pages / max(1, pagesPerPart)))
        guard count > 1 else { return [nil] }
        return (0 ..< count).map { part in
            pages * part / count ..< (part == count - 1 ? Int.max : pages * (part + 1) / count)
        }
    }

    /// The item of a written (non-empty) text answer to the question whose JSON-quoted id is `quotedKey`.
    static func textItem(quotedKey: [UInt8]) -> String {
        String(decoding: quotedKey, as: UTF8.self) + #":{"t":"*"}"#
    }

    /// The version, place and analysed texts (NULL where not written) of the selected rows of
    /// `answer_text` on `pages` (nil: all) of its `tablePages`, sent many rows at a time: per run
    /// of `request.pagesPerTextRun` pages (a TID range scan of those pages alone) and version, the
    /// rows' `seq` and each question's texts as arrays, element by element of the same rows. A
    /// row of the protocol costs the server about what taking a few hundred rows' texts into
    /// arrays costs, and the client (postgres-nio decoding each) far more. The last run of the
    /// last part has no end, so no row is missed however the table grew.
    static func textsSQL(_ request: AnswerCountRequest, pages: Range<Int>?, tablePages: Int) -> (sql: String, values: [SQLValue]) {
        var (filter, statement) = keptFilter(request.selection)
        let hash = request.readsVersions || request.readsFiles ? "definition_hash" : "NULL::text"
        let file = request.readsFiles ? "source_file" : "NULL::text"
        let keys = request.analysedTexts.map { key -> String in
            statement.append(.text(key))
            return "$\(statement.count)"
        }
        let first = pages?.lowerBound ?? 0
        let upper = pages?.upperBound ?? Int.max
        // Runs start at `first`, `step` pages apart, up to the part's last page; the last run ends with the part.
        let step = max(1, request.pagesPerTextRun)
        let last = upper == Int.max ? max(first, tablePages - 1) : upper - 1
        let end = upper == Int.max ? "'(4294967295,0)'::tid" : "'(\(upper),0)'::tid"
        filter += """
             AND ctid >= format('(%s,0)', run.page)::tid
             AND ctid < CASE WHEN run.page + \(step) > \(last) THEN \(end) ELSE format('(%s,0)', run.page + \(step))::tid END
            """
        // Without versions to tell apart, one aggregate per run (its arrays NULL where the run has no rows).
        let grouping = request.readsVersions || request.readsFiles ? " GROUP BY 1, 2" : ""
        return ("""
            SELECT chunk.* FROM generate_series(\(first), \(last), \(step)) AS run(page), LATERAL (
                SELECT \(hash) AS h, \(file) AS f, array_agg(seq)\(keys.map { ", array_agg(texts ->> \($0)::text)" }.joined())
                FROM answer_text WHERE \(filter)\(grouping)) chunk
            """, statement)
    }

    /// The selection as a filter of `answer_tally` and `answer_text` (which hold complete responses only).
    static func keptFilter(_ selection: ResponseStore.Selection) -> (String, [SQLValue]) {
        var sql = "survey_id = $1"
        var values: [SQLValue] = [.text(selection.surveyID)]
        if !selection.sessions.isEmpty {
            sql += " AND session IN (" + selection.sessions.indices.map { "$\($0 + 2)" }.joined(separator: ", ") + ")"
            values += selection.sessions.map { .text($0) }
        }
        return (sql, values)
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
