import Foundation

/// A summary from the counts a database made (`AnswerCountingDatabase`): groups of responses alike
/// in what decides their figures, and groups of alike answers within them, each laid out once in
/// `AnswerSlots` with the code that lays out a stored row and counted as many times as it occurred.
///
/// A response's figures for one question depend on its definition version, its answers to the
/// deciding questions (`show_if`, `--where`, `--by`) and its own answer to that question, and on
/// nothing else; so counting a group `n` times is counting its `n` responses one by one. Text
/// whose words are analysed is not grouped: the rows that wrote such text (and any the database
/// could not count) come whole, as stored, and are counted as the stored path counts them, on
/// every core (`ParallelCounting`). Those rows' bytes have to reach the client for their text
/// anyway, and counting the rest of a row that is already here costs less than grouping it.
struct GroupedCounting {
    private let plan: AnalysisPlan
    private let versions: DefinitionVersions
    private var tallies: SummaryTallies
    private var slots: AnswerSlots
    /// The deciding questions' positions, in the order their answers come.
    private let deciding: [Int]
    /// The non-personal text questions, whose answers are analysed: the rows that answered them
    /// are counted whole, from their answers as stored, not grouped.
    private let analysed: [Int]
    private let versionLookup: VersionLookup

    /// Throws when the filters name questions or choices the survey lacks.
    init(survey: Survey, options: AnalysisOptions, versions: DefinitionVersions) throws(DiagnosticsError) {
        let plan = try AnalysisPlan(survey: survey, filters: options.filters)
        self.plan = plan
        self.versions = versions
        versionLookup = VersionLookup(versions)
        tallies = SummaryTallies(plan: plan, options: options)
        slots = AnswerSlots(questionCount: plan.questions.count)
        deciding = plan.decidingQuestions
        analysed = plan.questions.indices.filter { plan.types[$0] == .text && !plan.personal[$0] }
    }

    /// What to ask the database for.
    func request(_ selection: ResponseStore.Selection) -> AnswerCountRequest {
        AnswerCountRequest(selection: selection, readsVersions: !versions.isEmpty, readsFiles: versions.readsFiles,
                           deciding: deciding.map { plan.questions[$0].id },
                           analysedTexts: analysed.map { plan.questions[$0].id })
    }

    /// Counts one group of responses, or of their alike answers. Returns false, counting nothing,
    /// for a group whose answer the definition lacks when its first response in stored order is
    /// not known exactly (`AnswerCountRow.firstRowExact`): that answer is listed with the first
    /// examples in stored order, so the group is to be given again with its first.
    @discardableResult
    mutating func add(_ row: AnswerCountRow) throws -> Bool {
        let version = self.version(hash: row.hash, file: row.file)
        slots.reset()
        guard let item = row.item else {
            try lay(row.deciding, version: version, except: nil)
            guard slots.passesFilters(plan) else { return true }
            tallies.responses += row.count
            for q in tallies.overall.indices { tallies.overall[q].addVisibility(slots.shown[q], times: row.count) }
            for group in tallies.groups(of: slots) {
                tallies.groupResponses[group] += row.count
                for q in tallies.groups[group].indices { tallies.groups[group][q].addVisibility(slots.shown[q], times: row.count) }
            }
            return true
        }
        let (id, value) = try AnswerItems.decode(item)
        let q: Int?
        if let position = plan.positionByID[id] {
            // A question the survey has twice (refused by its rules) at its first place, as a stored row is.
            q = position
            slots.put(value, at: position, plan: plan)
        } else {
            q = nil
            slots.addRemovedAnswer(value, question: id)
        }
        // The answer's own problems (a removed question, a shape its type does not take) are taken
        // before the deciding answers add theirs, which their own groups count.
        let removed = slots.removedAnswers
        try lay(row.deciding, version: version, except: q)
        guard slots.passesFilters(plan) else { return true }
        if !removed.isEmpty, !row.firstRowExact { return false }
        for answer in removed {
            tallies.removed.add(question: answer.question, value: answer.value, row: row.firstRow, times: row.count)
        }
        guard let q, slots.shown[q], slots.isAnswered(q) else { return true }
        tallies.overall[q].addAnswer(slots, times: row.count)
        for group in tallies.groups(of: slots) { tallies.groups[group][q].addAnswer(slots, times: row.count) }
        return true
    }

    /// Adds the tallies of the rows counted whole (of the same survey and options).
    mutating func merge(_ rows: SummaryTallies) {
        tallies.merge(rows)
    }

    func summary() -> Summary {
        tallies.summary()
    }

    /// Lays the deciding answers into `slots` (all but question `skipped`'s, already there) and works
    /// out which questions the version and those answers show.
    private mutating func lay(_ answers: [String?], version: Int, except skipped: Int?) throws {
        for (index, q) in deciding.enumerated() where q != skipped {
            if let stored = answers[index] { slots.put(try Self.decode(stored), at: q, plan: plan) }
        }
        slots.lacking = versions.lacking[version]
        slots.evaluateVisibility(plan)
    }

    /// The definition version of a row or group, looked up once per hash and file (on the
    /// thread that counts the groups).
    func version(hash: String?, file: String?) -> Int {
        versionLookup.version(hash: hash, file: file)
    }

    private static func decode(_ stored: String) throws -> AnswerValue {
        var stored = stored
        return try stored.withUTF8 { bytes in
            var reader = JSONReader(bytes)
            return try AnswerCoding.decodeValue(&reader)
        }
    }
}

extension QuestionTally {
    /// Counts `times` responses to which this question was shown, or not.
    mutating func addVisibility(_ isShown: Bool, times: Int) {
        if isShown { shown += times } else { notShown += times }
    }
}

extension AnalysisPlan {
    /// The questions whose answers decide which questions a response was shown (`show_if`), whether
    /// it passes `--where` and its `--by` groups, each once, in survey order.
    var decidingQuestions: [Int] {
        let tested = showIf.flatMap { $0?.tests.map(\.question) ?? [] } + filters.map(\.question) + (groupBy.map { [$0] } ?? [])
        return Set(tested).sorted()
    }
}

extension GroupedCounting {
    /// The summary of `selection`, counted by `database`: from the counts it keeps as responses are
    /// written where they answer the request (`keptCounts`, unless told not to), else by grouping
    /// the selection's answers; `wholeFromShare` and `textParts`, when given, replace
    /// `AnswerCountRequest`'s (`SAMLA_POSTGRES_COUNTING=groups`, `SAMLA_POSTGRES_TEXT_PARTS`, and
    /// tests taking each way).
    static func summary(survey: Survey, options: AnalysisOptions, versions: DefinitionVersions,
                        selection: ResponseStore.Selection, database: any AnswerCountingDatabase,
                        wholeFromShare: Double? = nil, keptCounts: Bool = true, textParts: Int? = nil) throws -> Summary {
        if keptCounts, let kept = try keptSummary(survey: survey, options: options, versions: versions,
                                                  selection: selection, database: database, textParts: textParts) {
            return kept
        }
        var counting = try GroupedCounting(survey: survey, options: options, versions: versions)
        var request = counting.request(selection)
        if let wholeFromShare { request.wholeFromShare = wholeFromShare }
        let rows = try ParallelCounting(survey: survey, options: options, versions: versions,
                                        workers: min(4, ProcessInfo.processInfo.activeProcessorCount), batchSize: 1024)
        try database.countAnswers(request, group: { try counting.add($0) }, whole: { row in
            try rows.add(row.answers, version: counting.version(hash: row.hash, file: row.file), place: row.row)
        })
        counting.merge(try rows.finish())
        return counting.summary()
    }
}

extension GroupedCounting {
    /// The summary from the counts `database` keeps as responses are written (`countKept`): their
    /// groups, the analysed texts of the responses that wrote some (`ParallelCounting` counting
    /// their text alone: one counting per part the texts are read in, on every core between them),
    /// and the few rows the database does not count, whole. Nil where the kept counts cannot
    /// answer: the request has deciding answers or reads drafts, or a text the database read is
    /// not a text answer it counted (`TextsNotAsCounted`). `textParts`, `pagesPerTextPart` and
    /// `pagesPerTextRun`, when given, replace `AnswerCountRequest`'s (tests taking each way).
    static func keptSummary(survey: Survey, options: AnalysisOptions, versions: DefinitionVersions,
                            selection: ResponseStore.Selection, database: any AnswerCountingDatabase,
                            textParts: Int? = nil, pagesPerTextPart: Int? = nil, pagesPerTextRun: Int? = nil) throws -> Summary? {
        var counting = try GroupedCounting(survey: survey, options: options, versions: versions)
        var request = counting.request(selection)
        guard request.canUseKeptCounts else { return nil }
        if let textParts { request.textParts = max(1, textParts) }
        if let pagesPerTextPart { request.pagesPerTextPart = pagesPerTextPart }
        if let pagesPerTextRun { request.pagesPerTextRun = pagesPerTextRun }
        let workers = min(4, ProcessInfo.processInfo.activeProcessorCount)
        let texts = try (0 ..< request.textParts).map { _ throws(DiagnosticsError) in
            try ParallelCounting(survey: survey, options: options, versions: versions,
                                 workers: max(1, workers / request.textParts), batchSize: 1024, texts: request.analysedTexts)
        }
        // Versions looked up by each part's thread in a table of its own.
        let lookups = (0 ..< request.textParts).map { _ in VersionLookup(versions) }
        let rows = try ParallelCounting(survey: survey, options: options, versions: versions, workers: 1, batchSize: 1024)
        do {
            try database.countKept(request, group: { try counting.add($0) }, texts: { part, row in
                try texts[part].addTexts(row.texts, ends: row.ends, version: lookups[part].version(hash: row.hash, file: row.file),
                                         place: row.row)
            }, whole: { row in
                try rows.add(row.answers, version: counting.version(hash: row.hash, file: row.file), place: row.row)
            })
        } catch is TextsNotAsCounted {
            for part in texts { _ = try? part.finish() }
            _ = try? rows.finish()
            return nil
        }
        for part in texts { counting.merge(try part.finish()) }
        counting.merge(try rows.finish())
        return counting.summary()
    }
}

/// Definition versions looked up once per hash and file, by one thread at a time.
private final class VersionLookup: @unchecked Sendable {
    private let versions: DefinitionVersions
    private var known: [String: [String?: Int]] = [:]

    init(_ versions: DefinitionVersions) {
        self.versions = versions
    }

    func version(hash: String?, file: String?) -> Int {
        guard let hash else { return 0 }
        if let index = known[hash]?[file] { return index }
        let index = versions.index(ofHash: hash, file: file)
        known[hash, default: [:]][file] = index
        return index
    }
}
