import Foundation
import WebText

/// A problem in one cell of a row: which field, what is wrong, what to do.
struct CellProblem: Sendable, Hashable {
    var field: Int
    var message: String
    var hint: String?
}

/// One row turned into the parts of a response, with what was wrong in it.
struct DecodedRow {
    /// Per question the decoder reads (`RowDecoder.questionIDs`, survey order): its answer, nil
    /// for none. Slots rather than a dictionary: an import writes them out as the stored JSON
    /// (`StoredAnswersWriter`) without hashing an id per answer.
    var values: [AnswerValue?] = []
    /// The questions `values` answers, shared by every row of a file.
    var questionIDs: [String] = []
    var metadata: [String: String] = [:]
    var language: String?
    var status = Response.Status.complete
    var startedAt: Date?
    var submittedAt: Date?
    /// The submission time as written, zone not applied: the same on every machine.
    var submittedWallClock: Int?
    /// The tool's own id of the response, when the export has one.
    var responseID: String?
    var problems: [CellProblem] = []
    /// Answers left out because `show_if` hides their question for this row's other answers.
    var hiddenAnswers = 0
    /// Multiple-choice answers with more options than `max_selected`: kept as the tool took them.
    var overLimit: [(question: String, field: Int)] = []
    /// "Other" texts that could not be the answer (a comment beside a chosen single choice): kept as metadata.
    var textsAsMetadata = 0

    /// The answers by question id, as a `Response` holds them.
    var answers: Answers {
        var answers = Answers(minimumCapacity: values.count)
        for (id, value) in zip(questionIDs, values) where value != nil { answers[id] = value }
        return answers
    }

    /// Back to an empty row, keeping the storage (the decoder fills one row per record).
    mutating func reset(questionIDs ids: [String]) {
        if values.count == ids.count {
            for slot in values.indices { values[slot] = nil }
        } else {
            values = Array(repeating: nil, count: ids.count)
        }
        questionIDs = ids
        if !metadata.isEmpty { metadata.removeAll(keepingCapacity: true) }
        language = nil
        status = .complete
        startedAt = nil
        submittedAt = nil
        submittedWallClock = nil
        responseID = nil
        if !problems.isEmpty { problems.removeAll(keepingCapacity: true) }
        hiddenAnswers = 0
        if !overLimit.isEmpty { overLimit.removeAll(keepingCapacity: true) }
        textsAsMetadata = 0
    }
}

/// Turns rows of one export into answers, following a `ColumnMapping`. Everything that can be
/// worked out once per file (columns per question, label dictionaries, separators) is, so a row
/// costs lookups.
struct RowDecoder {
    /// A class, so walking the plans per row copies nothing.
    private final class Plan {
        let question: Question
        var answerColumn: Int?
        var flags: [(column: Int, choice: String)] = []
        /// Per flag: the texts that also mean "chosen" (the option's header text and labels), for
        /// tools that write the label into the option's column.
        var flagLabels: [Set<String>] = []
        var otherTextColumn: Int?
        var otherFlagColumn: Int?
        let vocabulary: ChoiceVocabulary?
        /// Choice ids by position, for building an answer from flags set per position.
        let choiceIDs: [String]
        /// Which choices the row being decoded chose, by position: one array for every row.
        var chosen: [Bool]
        /// A joined cell taken apart (`ChoiceVocabulary.split`): arrays kept for every row.
        var found: [ChoiceVocabulary.Entry] = []
        var unknown: [String] = []

        init(question: Question, vocabulary: ChoiceVocabulary?) {
            self.question = question
            self.vocabulary = vocabulary
            choiceIDs = question.choices.map(\.id)
            chosen = Array(repeating: false, count: choiceIDs.count)
        }
    }

    let survey: Survey
    let layout: ExportLayout
    private var plans: [Plan] = []
    private var toolColumns: [(column: Int, name: String, field: ToolField)] = []
    private let separators: [[UInt8]]
    private let otherMarkers: Set<String>
    private var timestamps: ToolTimestamp
    /// An English survey's `1,234` is a thousand and more; elsewhere `3,5` has a decimal comma.
    private let groupingComma: Bool
    private let headerLanguage: String?
    private let hasConditions: Bool
    private let details: LayoutDescription
    /// Header names, for metadata keys.
    private let header: [String]
    /// The questions read, in survey order: the slots of `DecodedRow.values`.
    private(set) var questionIDs: [String] = []
    /// Writes a decoded row's answers as the store's JSON.
    private(set) var answersJSON = StoredAnswersWriter(questionIDs: [])

    /// `dateOrder`: the timestamp columns' day-month order as `TimestampOrderScan` decided it
    /// for the whole file; nil leaves cells that do not settle it themselves unread.
    init(survey: Survey, mapping: ColumnMapping, dateOrder: ToolTimestamp.DayOrder? = nil) {
        self.survey = survey
        hasConditions = survey.questions.contains { $0.showIf != nil }
        layout = mapping.layout
        details = mapping.layout.details
        header = mapping.header
        separators = details.separators.map { Array($0.utf8) }
        otherMarkers = details.otherMarkers
        groupingComma = !DateConventions.decimalComma(language: survey.defaultLanguage)
        timestamps = ToolTimestamp(layout: mapping.layout, zone: survey.timeZone)
        if let dateOrder { timestamps.order = dateOrder }
        headerLanguage = mapping.headerLanguages.language(in: survey.languages)
        var byQuestion: [String: Plan] = [:]
        for question in survey.questions {
            byQuestion[question.id] = Plan(question: question,
                                           vocabulary: question.type.hasChoices || question.type == .scale
                                               ? ChoiceVocabulary(question: question, languages: survey.languages) : nil)
        }
        for (column, role) in mapping.roles.enumerated() {
            switch role {
            case .answer(let id): byQuestion[id]?.answerColumn = column
            case .choiceFlag(let id, let choice):
                guard let plan = byQuestion[id] else { break }
                plan.flags.append((column, choice))
                var labels = Set(plan.question.choice(choice)?.label.values.values.map { $0 } ?? [])
                if let open = mapping.header[column].lastIndex(of: "["), mapping.header[column].hasSuffix("]") {
                    labels.insert(String(mapping.header[column][mapping.header[column].index(after: open)...].dropLast()))
                }
                labels.insert(mapping.header[column])
                plan.flagLabels.append(details.optionCellsHoldLabels ? labels : [])
            case .otherText(let id): byQuestion[id]?.otherTextColumn = column
            case .otherFlag(let id): byQuestion[id]?.otherFlagColumn = column
            case .tool(let field): toolColumns.append((column, mapping.header[column], field))
            case .covered, .ignored, .note, .unmatched: break
            }
        }
        plans = survey.questions.compactMap { byQuestion[$0.id] }.filter {
            $0.answerColumn != nil || !$0.flags.isEmpty || $0.otherTextColumn != nil || $0.otherFlagColumn != nil
        }
        questionIDs = plans.map(\.question.id)
        answersJSON = StoredAnswersWriter(questionIDs: questionIDs)
    }

    mutating func decode(_ fields: [String]) -> DecodedRow {
        var row = DecodedRow()
        decode(fields, into: &row)
        return row
    }

    /// Decodes `fields` into `row`, which is emptied first and keeps its storage.
    mutating func decode(_ fields: [String], into row: inout DecodedRow) {
        row.reset(questionIDs: questionIDs)
        var languages = LanguageSet.all
        var answered = 0
        for (slot, plan) in plans.enumerated() {
            let value: AnswerValue?
            switch plan.question.type {
            case .singleChoice: value = singleChoice(plan, fields, &row, &languages)
            case .multipleChoice: value = multipleChoice(plan, fields, &row, &languages)
            case .scale: value = scale(plan, fields, &row, &languages)
            case .number: value = number(plan, fields, &row)
            case .text: value = text(plan, fields)
            }
            if let value, value.isAnswered {
                row.values[slot] = value
                answered += 1
            }
        }
        for (column, name, field) in toolColumns {
            guard column < fields.count else { continue }
            let raw = fields[column]
            guard !raw.isEmpty else { continue }
            row.metadata[name] = raw
            switch field {
            case .responseID: row.responseID = raw
            case .started: row.startedAt = timestamps.parse(raw)
            case .submitted:
                let reading = timestamps.read(raw)
                row.submittedAt = reading?.date
                row.submittedWallClock = reading?.wallClock
            case .language where survey.languages.contains(raw): row.language = raw
            case .language where survey.languages.contains(raw.lowercased()): row.language = raw.lowercased()
            default: break
            }
        }
        // LimeSurvey leaves submitdate empty for a response that was never sent.
        if details.emptySubmissionIsDraft, let column = toolColumns.first(where: { $0.field == .submitted })?.column,
           column < fields.count, fields[column].isEmpty {
            row.status = .draft
        }
        if row.language == nil { row.language = languages.language(in: survey.languages) ?? headerLanguage }
        if hasConditions && answered > 0 {
            let visible = survey.visibleAnswers(row.answers)
            for (slot, id) in questionIDs.enumerated() where row.values[slot] != nil && visible[id] == nil {
                row.values[slot] = nil
                row.hiddenAnswers += 1
            }
        }
    }

    // MARK: Types

    private func singleChoice(_ plan: Plan, _ fields: [String], _ row: inout DecodedRow, _ languages: inout LanguageSet) -> AnswerValue? {
        let question = plan.question
        let otherText = plan.otherTextColumn.map { Self.trimmed(Self.cell(fields, $0)) } ?? ""
        if let column = plan.answerColumn {
            let cell = Self.trimmed(Self.cell(fields, column))
            if !cell.isEmpty {
                // The main cell says "Other" in the form's language, the text sits in its own column.
                if !otherText.isEmpty, question.allowsOther, otherMarkers.contains(cell) || OtherWords.isOther(cell) {
                    return .other(otherText)
                }
                if let entry = plan.vocabulary?.lookup(cell) {
                    languages = languages.intersection(entry.languages)
                    if !otherText.isEmpty, let textColumn = plan.otherTextColumn {
                        // A comment beside a chosen answer has no place in a single choice: kept as metadata.
                        row.metadata[header[textColumn]] = otherText
                        row.textsAsMetadata += 1
                    }
                    return .choice(entry.id)
                }
                if otherMarkers.contains(cell) {
                    guard question.allowsOther else {
                        row.problems.append(CellProblem(field: column, message: "'\(Self.shown(cell))' means an \"other\" answer, but question '\(question.id)' allows none",
                                                        hint: "add 'other: true' to '\(question.id)' in the survey"))
                        return nil
                    }
                    return .other(otherText)
                }
                // Code-writing tools mark "other" with a code of their own; an unknown code is a
                // definition that does not fit, not someone's "other" answer.
                if question.allowsOther && otherMarkers.isEmpty { return .other(cell) }
                row.problems.append(notAChoice(cell, question, column: column))
                return nil
            }
        }
        let chosen = plan.flags.indices.filter { flag(fields, plan.flags[$0].column, question, &row, labels: plan.flagLabels[$0]) == true }
            .map { plan.flags[$0] }
        if chosen.count > 1 {
            row.problems.append(CellProblem(field: chosen[1].column, message: "several options of single-choice question '\(question.id)' are flagged",
                                            hint: "keep one, or make '\(question.id)' a multiple_choice question"))
        }
        if let first = chosen.first { return .choice(first.choice) }
        if !otherText.isEmpty, question.allowsOther { return .other(otherText) }
        return nil
    }

    private func multipleChoice(_ plan: Plan, _ fields: [String], _ row: inout DecodedRow, _ languages: inout LanguageSet) -> AnswerValue? {
        let question = plan.question
        var chosen = plan.chosen
        plan.chosen = []
        defer { plan.chosen = chosen }
        for index in chosen.indices { chosen[index] = false }
        var any = false
        var other: String?
        var column = plan.answerColumn ?? plan.flags.first?.column ?? plan.otherTextColumn ?? 0
        if !plan.flags.isEmpty || plan.otherFlagColumn != nil {
            for (position, (flagColumn, choice)) in plan.flags.enumerated()
            where flag(fields, flagColumn, question, &row, labels: plan.flagLabels[position]) == true {
                if let index = plan.choiceIDs.firstIndex(of: choice) { chosen[index] = true; any = true }
            }
            if let otherFlag = plan.otherFlagColumn, flag(fields, otherFlag, question, &row) == true {
                other = ""
                column = otherFlag
            }
        } else if let answerColumn = plan.answerColumn, let vocabulary = plan.vocabulary {
            let cell = Self.cell(fields, answerColumn)
            if !Self.isBlank(cell) {
                var found = plan.found, unknown = plan.unknown
                plan.found = []
                plan.unknown = []
                defer { plan.found = found; plan.unknown = unknown }
                vocabulary.split(cell, separators: separators, found: &found, unknown: &unknown)
                for entry in found where entry.position >= 0 {
                    chosen[entry.position] = true
                    any = true
                    languages = languages.intersection(entry.languages)
                }
                // "Other" among the labels, its text in its own column: the text is the answer.
                if let textColumn = plan.otherTextColumn, !Self.isBlank(Self.cell(fields, textColumn)) {
                    unknown.removeAll { otherMarkers.contains($0) || OtherWords.isOther($0) }
                }
                if !unknown.isEmpty {
                    if question.allowsOther {
                        other = unknown.joined(separator: details.separators.first ?? ", ")
                    } else {
                        for piece in unknown { row.problems.append(notAChoice(piece, question, column: answerColumn)) }
                    }
                }
            }
        }
        if let textColumn = plan.otherTextColumn {
            let text = Self.trimmed(Self.cell(fields, textColumn))
            if !text.isEmpty { other = text }
        }
        guard any || other != nil else { return nil }
        // Definition order, as collect stores them.
        var ids: [String] = []
        ids.reserveCapacity(plan.choiceIDs.count)
        for (index, isChosen) in chosen.enumerated() where isChosen { ids.append(plan.choiceIDs[index]) }
        // The other tool enforced its own limits (some leave "other" out of the count); what it
        // accepted is kept and reported, not refused.
        if let maximum = question.maxSelected, ids.count + (other == nil ? 0 : 1) > maximum {
            row.overLimit.append((question.id, column))
        }
        return .choices(ids, other: other)
    }

    private func scale(_ plan: Plan, _ fields: [String], _ row: inout DecodedRow, _ languages: inout LanguageSet) -> AnswerValue? {
        guard let column = plan.answerColumn, let range = plan.question.scale else { return nil }
        let cell = Self.trimmed(Self.cell(fields, column))
        if cell.isEmpty { return nil }
        // A point written as a number names no label unless some label is all digits.
        let mayBeLabel = plan.vocabulary.map { $0.hasDigitKeys || !ChoiceVocabulary.isDigits(cell) } ?? false
        if mayBeLabel, let entry = plan.vocabulary?.lookup(cell), let point = Int(entry.id) {
            languages = languages.intersection(entry.languages)
            return .number(Double(point))
        }
        guard let value = NumberText.parse(cell), value == value.rounded(), range.points.contains(Int(value)) else {
            row.problems.append(CellProblem(field: column, message: "'\(Self.shown(cell))' is not a point of the scale of '\(plan.question.id)' (whole numbers \(range.min) to \(range.max))",
                                            hint: "correct the cell, or widen the scale in the survey"))
            return nil
        }
        return .number(value)
    }

    private func number(_ plan: Plan, _ fields: [String], _ row: inout DecodedRow) -> AnswerValue? {
        guard let column = plan.answerColumn else { return nil }
        let cell = Self.trimmed(Self.cell(fields, column))
        if cell.isEmpty { return nil }
        let question = plan.question
        guard let value = NumberText.parse(cell, groupingComma: groupingComma) else {
            row.problems.append(CellProblem(field: column, message: "'\(Self.shown(cell))' is not a number, and '\(question.id)' takes numbers",
                                            hint: "write digits, with a decimal point or comma, or make '\(question.id)' a text question"))
            return nil
        }
        if question.bounds.integer, value != value.rounded() {
            row.problems.append(CellProblem(field: column, message: "'\(Self.shown(cell))' is not a whole number, and '\(question.id)' takes whole numbers",
                                            hint: "correct the cell, or drop 'integer: true' from '\(question.id)'"))
            return nil
        }
        if !question.bounds.contains(value) {
            let limits = [question.bounds.min.map { "at least \(UIText.plain($0))" }, question.bounds.max.map { "at most \(UIText.plain($0))" }]
                .compactMap { $0 }.joined(separator: " and ")
            row.problems.append(CellProblem(field: column, message: "\(Self.shown(cell)) is out of bounds for '\(question.id)', which takes numbers \(limits)",
                                            hint: "correct the cell, or change min/max of '\(question.id)' in the survey"))
            return nil
        }
        return .number(value)
    }

    private func text(_ plan: Plan, _ fields: [String]) -> AnswerValue? {
        guard let column = plan.answerColumn else { return nil }
        let cell = Self.cell(fields, column)
        if Self.isBlank(cell) { return nil }
        if details.escapesLineBreaks, cell.utf8.contains(UInt8(ascii: "\\")) {
            return .text(cell.replacingOccurrences(of: "\\n", with: "\n"))
        }
        return .text(cell)
    }

    // MARK: Cells

    /// A flag cell: true for Y/1, false for empty/0/N, nil (and a problem) for anything else.
    private func flag(_ fields: [String], _ column: Int, _ question: Question, _ row: inout DecodedRow,
                      labels: Set<String> = []) -> Bool? {
        switch Self.trimmed(Self.cell(fields, column)) {
        case "Y", "y", "1", "Yes", "yes", "YES", "TRUE", "true", "True", "X", "x", "Ja", "ja", "Sí", "sí", "Si", "Oui", "oui": return true
        case "", "0", "N", "n", "No", "no", "NO", "FALSE", "false", "False", "Nein", "nein", "Nej", "nej", "Non", "non": return false
        case let other where !labels.isEmpty && (labels.contains(other) || labels.contains { TextKey.make($0) == TextKey.make(other) }):
            return true
        case let other:
            row.problems.append(CellProblem(field: column, message: "'\(Self.shown(other))' in an option column of '\(question.id)' is neither Y or 1 (chosen) nor empty or 0 (not chosen)",
                                            hint: "correct the cell, or map the column elsewhere with --map"))
            return nil
        }
    }

    private func notAChoice(_ cell: String, _ question: Question, column: Int) -> CellProblem {
        let language = survey.defaultLanguage
        // Code-writing tools are compared with ids, the others with labels.
        let known = question.choices.prefix(6).map { "'\(otherMarkers.isEmpty ? $0.label.text(language) : $0.id)'" }.joined(separator: ", ")
        let more = question.choices.count > 6 ? ", …" : ""
        return CellProblem(field: column, message: "'\(Self.shown(cell))' is not one of the choices of '\(question.id)' (\(known)\(more))",
                           hint: "write a choice's id or label in any of the survey's languages, or add the choice (or 'other: true') to '\(question.id)' in the survey")
    }

    /// A cell as quoted in a message: on one line, and cut short when long.
    static func shown(_ cell: String) -> String {
        let flat = cell.replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\r", with: "\\r")
        return flat.count > 60 ? String(flat.prefix(57)) + "…" : flat
    }

    @inline(__always)
    private static func cell(_ fields: [String], _ column: Int) -> String {
        column < fields.count ? fields[column] : ""
    }

    private static func isBlank(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    /// Spaces and line breaks around a value, which tools and spreadsheets add, are not part of it.
    private static func trimmed(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        func space(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        if !space(first) && !space(last) && first != 0xC2 && last != 0xA0 { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A decoded row's answers as the store's JSON (`AnswerCoding`), written from its slots: keys in
/// `AnswerCoding.encode`'s order, each quoted once per file, values by `AnswerCoding.append`, so
/// the bytes are `AnswerCoding.encode(row.answers)`'s without the dictionary.
struct StoredAnswersWriter {
    /// Slot positions in the order of their ids, as `AnswerCoding.encode` sorts the keys.
    private let keyOrder: [Int]
    /// Each id as a JSON key, quoted, with its colon.
    private let quotedKeys: [[UInt8]]

    init(questionIDs: [String]) {
        keyOrder = questionIDs.indices.sorted { questionIDs[$0] < questionIDs[$1] }
        quotedKeys = questionIDs.map { id in
            var key: [UInt8] = []
            JSONString.append(id, to: &key)
            key.append(UInt8(ascii: ":"))
            return key
        }
    }

    /// Slots a row has: one per question read.
    var slotCount: Int { keyOrder.count }

    func append(_ row: DecodedRow, to out: inout [UInt8]) {
        row.values.withUnsafeBufferPointer { append(slots: $0, to: &out) }
    }

    /// The same from a row's slots where they lie (`EncodedRows.completeAnswers`).
    func append(slots: UnsafeBufferPointer<AnswerValue?>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        var first = true
        for slot in keyOrder {
            guard let value = slots[slot] else { continue }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(contentsOf: quotedKeys[slot])
            AnswerCoding.append(value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }
}
