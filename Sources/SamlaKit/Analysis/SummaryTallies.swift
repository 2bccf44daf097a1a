import FreeText

/// The running counts of a whole summary: every question overall and within each `--by` group,
/// the responses counted, and answers the definition no longer has. A value the counting loop owns,
/// so the per-response work runs on local memory; tallies of different responses merge, so each
/// core can count rows of its own.
struct SummaryTallies {
    let plan: AnalysisPlan
    let options: AnalysisOptions
    /// The language labels are given in.
    let language: String
    var overall: [QuestionTally]
    /// Per choice of the `--by` question, the same tallies within that group (a multiple-choice
    /// `--by` counts a respondent in each group they chose).
    var groups: [[QuestionTally]]
    var groupResponses: [Int]
    var responses = 0
    var removed = RemovedAnswersTally()

    init(plan: AnalysisPlan, options: AnalysisOptions) {
        self.plan = plan
        self.options = options
        let survey = plan.survey
        let language = survey.language(options.language)
        self.language = language
        // Text whose language cannot be told is stemmed in the summary's language, else the survey's.
        // A language without a stemmer here (German, Finnish, …) falls back as Samla's words do: to English.
        let textLanguage = Language(rawValue: language) ?? Language(rawValue: survey.defaultLanguage)
            ?? Language(rawValue: UIText.wordsLanguage(for: language)) ?? .en
        let coded = options.codebook.map { Set($0.questions(of: survey)) } ?? []
        overall = survey.questions.enumerated().map { position, question in
            QuestionTally(question: question, position: position, textLanguage: textLanguage,
                          codebook: coded.contains(question.id) ? options.codebook?.codebook : nil,
                          quotesPerTheme: options.quotesPerTheme)
        }
        let groupCount = plan.groupBy.map { survey.questions[$0].choices.count } ?? 0
        groups = Array(repeating: overall, count: groupCount)
        groupResponses = Array(repeating: 0, count: groupCount)
    }

    /// Counts one response laid out in `slots`, if it passes the filters; `row` is its place in
    /// stored order (quotes and examples are the first ones in that order).
    mutating func count(_ slots: inout AnswerSlots, row: Int) {
        slots.evaluateVisibility(plan)
        guard slots.passesFilters(plan) else { return }
        responses += 1
        for answer in slots.removedAnswers {
            removed.add(question: answer.question, value: answer.value, row: row)
        }
        for q in overall.indices {
            overall[q].add(slots, row: row)
        }
        for group in groups(of: slots) { countInGroup(group, slots, row: row) }
    }

    /// Analyses the written text of one response laid out in `slots`, and counts nothing else of
    /// it: the database counted the rest (`GroupedCounting.keptSummary`), and counting here what
    /// `count` counts beside the text would count it twice.
    mutating func countTexts(_ slots: inout AnswerSlots, row: Int) {
        slots.evaluateVisibility(plan)
        guard slots.passesFilters(plan) else { return }
        for q in overall.indices { overall[q].addText(slots, row: row) }
        for group in groups(of: slots) {
            for q in groups[group].indices { groups[group][q].addText(slots, row: row) }
        }
    }

    /// The `--by` groups a response laid out in `slots` belongs to: the choice it made, or each
    /// choice of a multiple-choice question, if the question was shown.
    func groups(of slots: AnswerSlots) -> ArraySlice<Int> {
        guard let by = plan.groupBy, slots.shown[by] else { return [] }
        switch slots.kinds[by] {
        case .choice where slots.choice[by] >= 0: return [slots.choice[by]]
        case .choices: return slots.selections(by)
        default: return []
        }
    }

    private mutating func countInGroup(_ group: Int, _ slots: AnswerSlots, row: Int) {
        groupResponses[group] += 1
        for q in groups[group].indices {
            groups[group][q].add(slots, row: row)
        }
    }

    /// Sorts what the figures need sorted, so that work is done before merging, in parallel.
    mutating func sortValues() {
        for q in overall.indices { overall[q].sortValues() }
        for group in groups.indices {
            for q in groups[group].indices { groups[group][q].sortValues() }
        }
    }

    /// Adds the counts of other responses, made with the same plan and options.
    mutating func merge(_ other: SummaryTallies) {
        responses += other.responses
        removed.merge(other.removed)
        for q in overall.indices { overall[q].merge(other.overall[q]) }
        for group in groups.indices {
            groupResponses[group] += other.groupResponses[group]
            for q in groups[group].indices { groups[group][q].merge(other.groups[group][q]) }
        }
    }

    /// The figures of every response counted so far.
    func summary() -> Summary {
        let survey = plan.survey
        var crosstab: Crosstab?
        if let by = plan.groupBy {
            let byQuestion = survey.questions[by]
            let groupSummaries = byQuestion.choices.enumerated().map { index, choice in
                CrosstabGroup(id: choice.id, label: choice.label.text(language), responses: groupResponses[index],
                              questions: summaries(groups[index]))
            }
            crosstab = Crosstab.tested(by: byQuestion.id, byText: byQuestion.text.text(language), groups: groupSummaries,
                                       questions: survey.questions, bySession: false,
                                       groupsOverlap: byQuestion.type == .multipleChoice)
        }
        return Summary(surveyID: survey.id, title: survey.title.text(language), language: language, responses: responses,
                       filters: options.filters, questions: summaries(overall), crosstab: crosstab,
                       removedQuestions: removed.questions)
    }

    private func summaries(_ tallies: [QuestionTally]) -> [QuestionSummary] {
        tallies.indices.map { q in tallies[q].summary(of: plan.questions[q], language: language, options: options) }
    }
}

extension Crosstab {
    /// The cross-tab of these groups with every test that applies (`IndependenceTests`).
    static func tested(by: String, byText: String, groups: [CrosstabGroup], questions: [Question], bySession: Bool,
                       groupsOverlap: Bool) -> Crosstab {
        let results = IndependenceTests.between(groups, by: by, questions: questions, groupsOverlap: groupsOverlap)
        return Crosstab(by: by, byText: byText, groups: groups, tests: results.chiSquare, bySession: bySession,
                        groupsOverlap: groupsOverlap, exactTests: results.exact, choiceTests: results.choices,
                        untested: results.untested, smallCells: results.smallCells)
    }
}
