/// A summary from the counts a database made (`AnswerCountingDatabase`): groups of responses alike
/// in what decides their figures, and groups of alike answers within them, each laid out once in
/// `AnswerSlots` with the code that lays out a stored row and counted as many times as it occurred.
///
/// A response's figures for one question depend on its definition version, its answers to the
/// deciding questions (`show_if`, `--where`, `--by`) and its own answer to that question, and on
/// nothing else; so counting a group `n` times is counting its `n` responses one by one. Answers
/// to text questions that are analysed come one by one, in stored order, and are counted as the
/// stored path counts them.
struct GroupedCounting {
    private let plan: AnalysisPlan
    private let versions: DefinitionVersions
    private var tallies: SummaryTallies
    private var slots: AnswerSlots
    /// The deciding questions' positions, in the order their answers come.
    private let deciding: [Int]
    /// The non-personal text questions whose answers are analysed, in the order they come: counted
    /// from their answers streamed in stored order, not grouped.
    private let analysed: [Int]
    private var versionIndex: [VersionKey: Int] = [:]
    /// The last deciding answers a text row came with, and what they decided.
    private var lastDecided: (key: DecidingKey, shown: [Bool], passes: Bool, groups: [Int])?

    private struct VersionKey: Hashable {
        var hash: String?
        var file: String?
    }

    private struct DecidingKey: Equatable {
        var version: Int
        var answers: [String?]
    }

    /// Throws when the filters name questions or choices the survey lacks.
    init(survey: Survey, options: AnalysisOptions, versions: DefinitionVersions) throws(DiagnosticsError) {
        let plan = try AnalysisPlan(survey: survey, filters: options.filters)
        self.plan = plan
        self.versions = versions
        tallies = SummaryTallies(plan: plan, options: options)
        slots = AnswerSlots(questionCount: plan.questions.count)
        deciding = plan.decidingQuestions
        analysed = plan.questions.indices.filter { plan.types[$0] == .text && !plan.personal[$0] }
    }

    /// What to ask the database for.
    func request(_ selection: ResponseStore.Selection) -> AnswerCountRequest {
        AnswerCountRequest(selection: selection, readsVersions: !versions.isEmpty, readsFiles: versions.readsFiles,
                           deciding: deciding.map { plan.questions[$0].id },
                           questions: plan.questions.map(\.id),
                           textQuestions: Set(plan.questions.filter { $0.type == .text }.map(\.id)),
                           analysedTexts: analysed.map { plan.questions[$0].id })
    }

    /// Counts one group of responses, or of their alike answers.
    mutating func add(_ row: AnswerCountRow) throws {
        let version = self.version(hash: row.hash, file: row.file)
        slots.reset()
        let q: Int?
        switch row.part {
        case .responses:
            try lay(row.deciding, version: version, except: nil)
            guard slots.passesFilters(plan) else { return }
            tallies.responses += row.count
            for q in tallies.overall.indices { tallies.overall[q].addVisibility(slots.shown[q], times: row.count) }
            for group in tallies.groups(of: slots) {
                tallies.groupResponses[group] += row.count
                for q in tallies.groups[group].indices { tallies.groups[group][q].addVisibility(slots.shown[q], times: row.count) }
            }
            return
        case .question(let index):
            // Unanswered: nothing to count beyond the responses' own group.
            guard let stored = row.value else { return }
            // A question the survey has twice (refused by its rules) is counted at its first place, as a stored row is.
            guard let position = plan.positionByID[plan.questions[index].id], position == index else { return }
            q = position
            slots.put(try Self.decode(stored), at: position, plan: plan)
        case .otherKeys:
            guard var stored = row.value else { return }
            q = nil
            try stored.withUTF8 { bytes in
                var reader = JSONReader(bytes)
                try reader.object { reader, key throws in slots.addRemovedAnswer(try AnswerCoding.decodeValue(&reader), question: key) }
            }
        }
        // The answer's own problems (a removed question, a shape its type does not take) are taken
        // before the deciding answers add theirs, which their own groups count.
        let removed = slots.removedAnswers
        try lay(row.deciding, version: version, except: q)
        guard slots.passesFilters(plan) else { return }
        for answer in removed {
            tallies.removed.add(question: answer.question, value: answer.value, row: row.firstRow, times: row.count)
        }
        guard let q, slots.shown[q], slots.isAnswered(q) else { return }
        tallies.overall[q].addAnswer(slots, times: row.count)
        for group in tallies.groups(of: slots) { tallies.groups[group][q].addAnswer(slots, times: row.count) }
    }

    /// Counts a response the database did not count, from its answers as stored, as the stored path does.
    mutating func add(_ row: StoredAnswersRow) throws {
        try slots.fill(stored: row.answers, plan: plan)
        slots.lacking = versions.lacking[version(hash: row.hash, file: row.file)]
        tallies.count(&slots, row: row.row)
    }

    /// Counts one response's answers to the analysed text questions, as the stored path counts
    /// them (answered, removed for a shape the type does not take, the text analysed), where the
    /// response passes the filters and the question was shown.
    mutating func add(_ row: AnswerTextRow) throws {
        let key = DecidingKey(version: version(hash: row.hash, file: row.file), answers: row.deciding)
        if lastDecided?.key != key {
            slots.reset()
            try lay(row.deciding, version: key.version, except: nil)
            lastDecided = (key, slots.shown, slots.passesFilters(plan), Array(tallies.groups(of: slots)))
        }
        guard let decided = lastDecided, decided.passes else { return }
        for (index, q) in analysed.enumerated() {
            guard let stored = row.texts[index] else { continue }
            slots.reset()
            slots.put(try Self.decode(stored), at: q, plan: plan)
            for answer in slots.removedAnswers {
                tallies.removed.add(question: answer.question, value: answer.value, row: row.row)
            }
            guard decided.shown[q], slots.isAnswered(q) else { continue }
            tallies.overall[q].addAnswer(slots, times: 1)
            for group in decided.groups { tallies.groups[group][q].addAnswer(slots, times: 1) }
            guard slots.kinds[q] == .text else { continue }
            slots.written(q) { bytes in
                tallies.overall[q].text?.add(bytes, row: row.row)
                for group in decided.groups { tallies.groups[group][q].text?.add(bytes, row: row.row) }
            }
        }
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

    private mutating func version(hash: String?, file: String?) -> Int {
        guard let hash else { return 0 }
        let key = VersionKey(hash: hash, file: file)
        if let known = versionIndex[key] { return known }
        let index = versions.index(ofHash: hash, file: file)
        versionIndex[key] = index
        return index
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
    /// The summary of `selection`, counted by `database`.
    static func summary(survey: Survey, options: AnalysisOptions, versions: DefinitionVersions,
                        selection: ResponseStore.Selection, database: any AnswerCountingDatabase) throws -> Summary {
        var counting = try GroupedCounting(survey: survey, options: options, versions: versions)
        try database.countAnswers(counting.request(selection), group: { try counting.add($0) }, text: { try counting.add($0) },
                                  stored: { try counting.add($0) })
        return counting.summary()
    }
}
