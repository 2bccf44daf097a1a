import Foundation

/// One cell of a response row, before it is written to a sheet or a CSV file.
enum ResponseCell: Equatable, Sendable {
    case empty
    case text(String)
    /// Text from a small set that repeats down the list (a choice label, a session, a language);
    /// written as any text, kept apart for the call list's coding.
    case label(String)
    case number(Double)
    case date(Date)
}

/// The columns of the Responses sheet and the wide CSV, worked out once per export so writing a
/// row is table lookups into precomputed label strings rather than work per cell: the export of a
/// million responses spends its time in the writer, not in building the same labels again.
///
/// Layout: the response's number in this export (how Free text and Follow-up refer to it), its id
/// (a pseudonym when anonymising), session, source, row in source file, language, started, submitted
/// (anonymised: no row in the source file, and one Date column with the day only), then per
/// question (personal ones only when not anonymised): single choice → its label (+ an "other" text
/// column when the question allows one); multiple choice → one 1/0 column per choice, an "other"
/// text column when allowed, and the chosen labels joined in one column; scale and number → the
/// number; text → the text. A choice column holds 1 when chosen and stays empty otherwise (the
/// joined column tells "answered, not chosen" from "not answered"): half the cells of 1/0, and
/// SUM and COUNT work the same.
struct ResponseColumns: Sendable {
    struct Column: Sendable {
        var heading: String
        /// How wide the column starts out, before fitting to the data.
        var minimumWidth: Double
        var kind: Kind
    }

    enum Kind: Equatable, Sendable {
        case responseNumber, respondent, session, source, sourceRow, language, started, submitted
        case single, chosen, other, joined, number, text
    }

    /// How one question's answer becomes cells.
    struct QuestionPlan: Sendable {
        enum Shape: Sendable {
            /// `labels` by choice id, and the same by the choice's position.
            case single(labels: [String: String], byPosition: [String], otherColumn: Int?)
            case multiple(choiceIndex: [String: Int], labels: [String], otherColumn: Int?, joinedColumn: Int)
            case number
            case text
        }

        let id: String
        /// The question's position in the survey.
        let position: Int
        let firstColumn: Int
        let shape: Shape
    }

    let columns: [Column]
    let plans: [QuestionPlan]
    /// The question each plan is for, in plan order.
    let questions: [Question]
    private let otherLabel: String
    private let collectedLabel: String
    private let importedLabel: String
    /// The survey's time zone, which the Started and Submitted columns show times in.
    let timeZone: TimeZone

    private let sourceRowColumn: Int?
    private let languageColumn: Int
    private let startedColumn: Int?
    private let submittedColumn: Int
    /// Dates written as their day, `2025-03-12`, with no time.
    private let datesAsDays: Bool

    init(survey: Survey, language: String, anonymizer: Anonymizer) {
        let ui = UIText(language: language)
        let text = ui.export
        otherLabel = ui.other
        collectedLabel = text.collected
        importedLabel = text.imported
        timeZone = survey.timeZone
        // Anonymised: no row in the source file and no time of day (re-identifying with the
        // source or the room's clock at hand): one Date column instead of started and submitted.
        let anonymous = anonymizer.isEnabled
        var columns: [Column] = [
            Column(heading: text.responseNumber, minimumWidth: 8, kind: .responseNumber),
            Column(heading: anonymous ? text.pseudonym : text.responseID, minimumWidth: 12, kind: .respondent),
            Column(heading: text.session, minimumWidth: 10, kind: .session),
            Column(heading: text.source, minimumWidth: 10, kind: .source),
        ]
        if !anonymous { columns.append(Column(heading: text.sourceRow, minimumWidth: 8, kind: .sourceRow)) }
        columns.append(Column(heading: text.languageHeading, minimumWidth: 8, kind: .language))
        if anonymous {
            columns.append(Column(heading: text.date, minimumWidth: 11, kind: .submitted))
        } else {
            columns.append(Column(heading: text.started(in: survey.timeZone.identifier), minimumWidth: 17, kind: .started))
            columns.append(Column(heading: text.submitted(in: survey.timeZone.identifier), minimumWidth: 17, kind: .submitted))
        }
        func position(_ kind: Kind) -> Int? { columns.firstIndex { $0.kind == kind } }
        sourceRowColumn = position(.sourceRow)
        languageColumn = position(.language) ?? 0
        startedColumn = position(.started)
        submittedColumn = position(.submitted) ?? 0
        datesAsDays = anonymous
        var plans: [QuestionPlan] = []
        var questions: [Question] = []
        for (position, question) in survey.questions.enumerated() where anonymizer.keeps(question) {
            let heading = question.text.text(language)
            let first = columns.count
            let shape: QuestionPlan.Shape
            switch question.type {
            case .singleChoice:
                var labels: [String: String] = [:]
                for choice in question.choices { labels[choice.id] = choice.label.text(language) }
                columns.append(Column(heading: heading, minimumWidth: 10, kind: .single))
                var otherColumn: Int?
                if question.allowsOther {
                    otherColumn = columns.count
                    columns.append(Column(heading: "\(heading) [\(text.otherText)]", minimumWidth: 10, kind: .other))
                }
                shape = .single(labels: labels, byPosition: question.choices.map { $0.label.text(language) },
                                otherColumn: otherColumn)
            case .multipleChoice:
                var index: [String: Int] = [:]
                for (offset, choice) in question.choices.enumerated() {
                    index[choice.id] = offset
                    columns.append(Column(heading: "\(heading) [\(choice.label.text(language))]", minimumWidth: 6, kind: .chosen))
                }
                var otherColumn: Int?
                if question.allowsOther {
                    otherColumn = columns.count
                    columns.append(Column(heading: "\(heading) [\(text.otherText)]", minimumWidth: 10, kind: .other))
                }
                let joined = columns.count
                columns.append(Column(heading: heading, minimumWidth: 14, kind: .joined))
                shape = .multiple(choiceIndex: index, labels: question.choices.map { $0.label.text(language) },
                                  otherColumn: otherColumn, joinedColumn: joined)
            case .scale, .number:
                columns.append(Column(heading: heading, minimumWidth: 6, kind: .number))
                shape = .number
            case .text:
                columns.append(Column(heading: heading, minimumWidth: 20, kind: .text))
                shape = .text
            }
            plans.append(QuestionPlan(id: question.id, position: position, firstColumn: first, shape: shape))
            questions.append(question)
        }
        self.columns = columns
        self.plans = plans
        self.questions = questions
    }

    var headings: [String] { columns.map(\.heading) }

    /// The cells of one response, numbered `number` and named `respondent`.
    func cells(of response: Response, number: Int, respondent: String, cache: inout JoinedLabelCache) -> [ResponseCell] {
        var row: [ResponseCell] = []
        fill(&row, with: response, number: number, respondent: respondent, cache: &cache)
        return row
    }

    /// Fills `row` (resized to the column count) with the cells of one response.
    /// `joinedCache` keeps the joined labels per set of choices, keyed by question and bit mask.
    func fill(_ row: inout [ResponseCell], with response: Response, number: Int, respondent: String, cache: inout JoinedLabelCache) {
        fillHead(&row, with: response, number: number, respondent: respondent, cache: &cache)
        fillAnswers(&row, of: response, cache: &cache)
    }

    /// The same, with the answers read from `answers` (by position when laid out): the same cells.
    func fill(_ row: inout [ResponseCell], with response: Response, answers: ListedAnswers, number: Int, respondent: String,
              cache: inout JoinedLabelCache) {
        fillHead(&row, with: response, number: number, respondent: respondent, cache: &cache)
        guard answers.laidOut else {
            fillAnswers(&row, of: response, cache: &cache)
            return
        }
        let slots = answers.slots
        for (planIndex, plan) in plans.enumerated() where slots.isAnswered(plan.position) {
            fill(&row, plan: plan, planIndex: planIndex, slots: slots, cache: &cache)
        }
    }

    /// The cells of one response from `answers`.
    func cells(of response: Response, answers: ListedAnswers, number: Int, respondent: String,
               cache: inout JoinedLabelCache) -> [ResponseCell] {
        var row: [ResponseCell] = []
        fill(&row, with: response, answers: answers, number: number, respondent: respondent, cache: &cache)
        return row
    }

    /// The columns before the answers: number, respondent, session, source, language, times.
    private func fillHead(_ row: inout [ResponseCell], with response: Response, number: Int, respondent: String,
                          cache: inout JoinedLabelCache) {
        if row.count != columns.count {
            row = Array(repeating: .empty, count: columns.count)
        } else {
            for index in row.indices { row[index] = .empty }
        }
        row[0] = .number(Double(number))
        row[1] = .text(respondent)
        if let session = response.session { row[2] = .label(session) }
        switch response.source {
        case .collected:
            row[3] = .label(collectedLabel)
        case .imported(let file, let line):
            row[3] = .label(cache.sourceLabel(file: file, imported: importedLabel))
            if let sourceRowColumn { row[sourceRowColumn] = .number(Double(line)) }
        }
        if let language = response.language { row[languageColumn] = .label(language) }
        if let started = response.startedAt, let startedColumn { row[startedColumn] = .date(started) }
        if let submitted = response.submittedAt ?? (datesAsDays ? response.startedAt : nil) {
            row[submittedColumn] = datesAsDays ? .label(DayText.format(submitted)) : .date(submitted)
        }
    }

    private func fillAnswers(_ row: inout [ResponseCell], of response: Response, cache: inout JoinedLabelCache) {
        for (planIndex, plan) in plans.enumerated() {
            guard let answer = response.answers[plan.id], answer.isAnswered else { continue }
            fill(&row, plan: plan, planIndex: planIndex, answer: answer, cache: &cache)
        }
    }

    private func fill(_ row: inout [ResponseCell], plan: QuestionPlan, planIndex: Int, answer: AnswerValue,
                      cache: inout JoinedLabelCache) {
        let column = plan.firstColumn
        switch (plan.shape, answer) {
        case (.single(let labels, _, _), .choice(let id)):
            row[column] = labels[id].map(ResponseCell.label) ?? .text(id)
        case (.single(_, _, let otherColumn), .other(let text)):
            fillOther(&row, column: column, otherColumn: otherColumn, text: text)
        case (.multiple(let index, let labels, let otherColumn, let joinedColumn), .choices(let ids, let other)):
            var mask: UInt64 = 0
            var unknown: [String] = []
            for id in ids {
                if let offset = index[id] {
                    if offset < 64 { mask |= 1 << UInt64(offset) }
                } else {
                    unknown.append(id)
                }
            }
            for id in ids { if let offset = index[id] { row[column + offset] = .number(1) } }
            var joined = cache.joined(question: planIndex, mask: mask, labels: labels)
            // Only combinations of known choices come from a small set; anything else is one of a kind.
            var repeats = true
            if !unknown.isEmpty || labels.count > 64 {
                joined = ids.map { index[$0].map { labels[$0] } ?? $0 }.joined(separator: "; ")
                repeats = false
            }
            fillJoined(&row, joined: joined, repeats: repeats, other: other, otherColumn: otherColumn, joinedColumn: joinedColumn)
        case (_, .number(let value)):
            row[column] = .number(value)
        case (_, .text(let text)):
            row[column] = .text(text)
        case (_, .choice(let id)):
            row[column] = .text(id)
        case (_, .other(let text)):
            row[column] = .text(text)
        case (_, .choices(let ids, let other)):
            row[column] = .text((ids + (other.map { [$0] } ?? [])).joined(separator: "; "))
        }
    }
}

extension ResponseColumns {
    /// One answered question's cells from laid-out answers: what ``fill(_:plan:planIndex:answer:cache:)``
    /// makes of the same answer (the scanner only lays out a question's own shape and its own
    /// choices, so the cases that name unknown ids do not arise here).
    private func fill(_ row: inout [ResponseCell], plan: QuestionPlan, planIndex: Int, slots: AnswerSlots,
                      cache: inout JoinedLabelCache) {
        let column = plan.firstColumn
        let q = plan.position
        switch (plan.shape, slots.kinds[q]) {
        case (.single(_, let labels, _), .choice):
            row[column] = .label(labels[slots.choice[q]])
        case (.single(_, _, let otherColumn), .other):
            fillOther(&row, column: column, otherColumn: otherColumn, text: slots.text[q] ?? "")
        case (.multiple(_, let labels, let otherColumn, let joinedColumn), .choices):
            let selections = slots.selections(q)
            var mask: UInt64 = 0
            for offset in selections {
                if offset < 64 { mask |= 1 << UInt64(offset) }
                row[column + offset] = .number(1)
            }
            // Past 64 choices the combinations are not cached: each is one of a kind.
            let cached = labels.count <= 64
            let joined = cached ? cache.joined(question: planIndex, mask: mask, labels: labels)
                : selections.map { labels[$0] }.joined(separator: "; ")
            fillJoined(&row, joined: joined, repeats: cached, other: slots.text[q], otherColumn: otherColumn,
                       joinedColumn: joinedColumn)
        case (_, .number):
            row[column] = .number(slots.number[q])
        case (_, .text):
            row[column] = .text(slots.written(q) { String(decoding: $0, as: UTF8.self) })
        default:
            // Not laid out by the scanner (see above).
            break
        }
    }
}

extension ResponseColumns {
    /// A single choice's "Other" answer: the label in the question's column, the text in its
    /// other column, or both in the one column when it has none.
    private func fillOther(_ row: inout [ResponseCell], column: Int, otherColumn: Int?, text: String) {
        row[column] = .label(otherLabel)
        if let otherColumn { row[otherColumn] = .text(text) } else { row[column] = .text("\(otherLabel): \(text)") }
    }

    /// A multiple choice's joined column: the chosen labels (`repeats` when they come from the
    /// cache of known combinations) and its "Other" text, which also goes to its other column.
    private func fillJoined(_ row: inout [ResponseCell], joined: String, repeats: Bool, other: String?, otherColumn: Int?,
                            joinedColumn: Int) {
        guard let other else {
            row[joinedColumn] = repeats ? .label(joined) : .text(joined)
            return
        }
        if let otherColumn { row[otherColumn] = .text(other) }
        row[joinedColumn] = .text(joined.isEmpty ? "\(otherLabel): \(other)" : "\(joined); \(otherLabel): \(other)")
    }
}

/// Labels built once and reused across rows: joined choice labels per set of choices, and the
/// source text per imported file.
struct JoinedLabelCache {
    private var joined: [Int: [UInt64: String]] = [:]
    private var sources: [String: String] = [:]
    /// The last file asked for and its text: rows come in runs of one file (and one `String`).
    private var lastSource: (file: String, text: String)?

    mutating func joined(question: Int, mask: UInt64, labels: [String]) -> String {
        if let known = joined[question]?[mask] { return known }
        var parts: [String] = []
        for offset in labels.indices where offset < 64 && mask & (1 << UInt64(offset)) != 0 {
            parts.append(labels[offset])
        }
        let text = parts.joined(separator: "; ")
        joined[question, default: [:]][mask] = text
        return text
    }

    mutating func sourceLabel(file: String, imported: String) -> String {
        if let lastSource, lastSource.file == file { return lastSource.text }
        if let known = sources[file] {
            lastSource = (file, known)
            return known
        }
        let text = "\(imported): \((file as NSString).lastPathComponent)"
        sources[file] = text
        lastSource = (file, text)
        return text
    }
}
