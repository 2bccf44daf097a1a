/// A database that counts answers itself (`GROUP BY`), so that a summary reads counts rather than
/// every response: PostgreSQL, where streaming a million responses' answers to the client costs
/// far more than counting them on the server (`PostgresAnswerCounts`). SQLite runs in the process
/// and is read row by row (`ParallelCounting`).
///
/// What decides a response's figures beside its own answer to a question is its definition version
/// (hash, and imported file when a file left questions out) and its answers to the *deciding*
/// questions: those `show_if`, `--where` and `--by` test. The database groups responses by those
/// and each answer by its item (`AnswerItems`), so the analysis lays each group out once with the
/// very code that lays out a stored row (`GroupedCounting`) and gets exactly the stored path's figures.
protocol AnswerCountingDatabase: StoreDatabase {
    /// Calls `group` with every group of alike answers among the selected responses that wrote no
    /// text to be analysed, and `whole` with every other selected response (its answers as stored,
    /// to be counted by the caller: those that wrote such text, and those the database could not
    /// count), all from one snapshot; the whole rows come in runs of ascending stored order.
    func countAnswers(_ request: AnswerCountRequest, group: (AnswerCountRow) throws -> Void,
                      whole: (StoredAnswersRow) throws -> Void) throws

    /// The same from the counts the database keeps as responses are written, for a request that
    /// `canUseKeptCounts`: `group` with every group of alike answers of the selected responses it
    /// counts (those that wrote text to analyse among them; a group `group` declines, returning
    /// false, comes again with its first response exact), `texts` with each of those that wrote
    /// such text, only its analysed texts (for their text and nothing else to be counted), and
    /// `whole` with every other selected response, as `countAnswers` does.
    /// The groups come first; `whole` rows in ascending stored order, `texts` rows in any order
    /// (each with its place), in up to `request.textParts` parts read at once: `texts` is called
    /// with the part's number (from 0), from several threads at once, but never twice at once
    /// for one part.
    func countKept(_ request: AnswerCountRequest, group: (AnswerCountRow) throws -> Bool,
                   texts: @Sendable (Int, StoredTextsRow) throws -> Void, whole: (StoredAnswersRow) throws -> Void) throws
}

/// What to count: the selection, the columns that tell a definition version, the deciding
/// questions, and the text questions whose text is analysed: the responses that answered them are
/// counted whole in the client, not grouped.
struct AnswerCountRequest: Sendable {
    var selection: ResponseStore.Selection
    var readsVersions: Bool
    var readsFiles: Bool
    var deciding: [String]
    var analysedTexts: [String]
    /// The share of the selection with text to analyse from which the database sends every row
    /// whole and groups none: those rows come whole anyway, and grouping the rest costs the
    /// server about what sending them costs (README, Benchmark), on top of a scan of them all.
    var wholeFromShare = 0.5
    /// In how many parts at most the texts to analyse are read at once (`countKept`), each on a
    /// connection of its own with a server process and a reading thread of its own, so neither
    /// the server's scan nor the client's receiving is one stage the analysis waits on (where every
    /// core is busy anyway, as on the 2-core benchmark machine, two parts read no faster than one).
    var textParts = 2
    /// The fewest pages of texts (8 kB each) a part is worth: below that a connection of its own
    /// costs more than it saves.
    var pagesPerTextPart = 256
    /// The pages of texts whose rows the server sends as one row of arrays (`textsSQL`): a few
    /// hundred responses, so neither side pays a protocol row per response, and a few rows in
    /// memory at once are still little.
    var pagesPerTextRun = 8
}

/// One group: `count` responses of one definition version (`hash`, `file` when asked for) whose
/// deciding answers are `deciding` (stored JSON, nil where unanswered), and what they have alike:
/// an answer `item` (`AnswerItems`: a question, of the survey or not, and the value), or, where
/// `item` is nil, nothing more (the group of the responses themselves). `firstRow` is the first
/// one's place in stored order.
struct AnswerCountRow: Sendable {
    var hash: String?
    var file: String?
    var deciding: [String?]
    var item: String?
    var count: Int
    var firstRow: Int
    /// Whether `firstRow` is the first one's place, or (in counts kept as responses were written,
    /// some since deleted) only no later than it.
    var firstRowExact = true
}

/// A response with its answers' bytes as stored (valid during the call).
struct StoredAnswersRow {
    var hash: String?
    var file: String?
    var row: Int
    var answers: UnsafeBufferPointer<UInt8>
}

/// A response's written answers to the analysed text questions (`AnswerCountRequest.analysedTexts`,
/// in that order), as the database read them: their UTF-8 back to back, the i-th ending at
/// `ends[i]`, empty where not written (valid during the call).
struct StoredTextsRow {
    var hash: String?
    var file: String?
    var row: Int
    var texts: UnsafeBufferPointer<UInt8>
    var ends: UnsafeBufferPointer<Int>
}
