/// A database that counts answers itself (`GROUP BY`), so that a summary reads counts rather than
/// every response: PostgreSQL, where streaming a million responses' answers to the client costs
/// far more than counting them on the server (`PostgresAnswerCounts`). SQLite runs in the process
/// and is read row by row (`ParallelCounting`).
///
/// What decides a response's figures beside its own answer to a question is its definition version
/// (hash, and imported file when a file left questions out) and its answers to the *deciding*
/// questions: those `show_if`, `--where` and `--by` test. The database groups responses by those
/// and each answer by its JSON text, so the analysis lays each group out once with the very code
/// that lays out a stored row (`GroupedCounting`) and gets exactly the stored path's figures.
protocol AnswerCountingDatabase: StoreDatabase {
    /// Calls `group` with every group of alike answers, `text` with every selected response that
    /// wrote text to be analysed (in stored order), and `stored` with every selected response the
    /// database could not count (its answers as stored, in stored order), all from one snapshot.
    func countAnswers(_ request: AnswerCountRequest, group: (AnswerCountRow) throws -> Void,
                      text: (AnswerTextRow) throws -> Void, stored: (StoredAnswersRow) throws -> Void) throws
}

/// What to count: the selection, the columns that tell a definition version, the deciding
/// questions, every question (a text question's answers counted only as written or empty), and
/// those whose text is analysed: they are streamed and counted in the client, not grouped.
struct AnswerCountRequest: Sendable {
    var selection: ResponseStore.Selection
    var readsVersions: Bool
    var readsFiles: Bool
    var deciding: [String]
    var questions: [String]
    var textQuestions: Set<String>
    var analysedTexts: [String]
}

/// One group: `count` responses of one definition version (`hash`, `file` when asked for) whose
/// deciding answers are `deciding` (stored JSON, nil where unanswered), and what they have alike.
/// `firstRow` is the first one's place in stored order.
struct AnswerCountRow: Sendable {
    enum Part: Equatable, Sendable {
        /// The responses themselves.
        case responses
        /// Their answer `value` to `questions[index]` (stored JSON; a text question's as
        /// `{"t":""}` or `{"t":"*"}`; nil for those that did not answer it). Never an analysed text question.
        case question(Int)
        /// Their answers to questions the survey does not have, as one JSON object in `value`
        /// (nil for those that have none).
        case otherKeys
    }

    var hash: String?
    var file: String?
    var deciding: [String?]
    var part: Part
    var value: String?
    var count: Int
    var firstRow: Int
}

/// One response's answers to the analysed text questions (stored JSON, nil where unanswered),
/// with its version, deciding answers and place in stored order.
struct AnswerTextRow {
    var hash: String?
    var file: String?
    var deciding: [String?]
    var row: Int
    var texts: [String?]
}

/// A response the database did not count, with its answers' bytes as stored (valid during the call).
struct StoredAnswersRow {
    var hash: String?
    var file: String?
    var row: Int
    var answers: UnsafeBufferPointer<UInt8>
}
