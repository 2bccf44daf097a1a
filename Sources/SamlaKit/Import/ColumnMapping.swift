/// How an export's columns map onto a survey's questions: by id, by the `id[choice]` and
/// `group/id/choice` forms, by question text in any of the survey's languages (case, spacing and
/// punctuation ignored), by `--map`; the tool's own columns become metadata. Columns are kept
/// apart by position: the second column headed like the first goes to the second question with
/// that text, a "please specify" column to the other text of the question before it.
public struct ColumnMapping: Sendable {
    public var layout: ExportLayout
    public var header: [String]
    public var roles: [ColumnRole]
    /// Unmatched and repeated columns (warnings), located at their header cell.
    public var diagnostics: Diagnostics
    /// Questions no column answers: counted as not asked in this file.
    public var notAsked: [String]
    /// The languages whose question texts the header matched.
    var headerLanguages: LanguageSet

    /// Maps a one-row `header`; `locate` gives the place of a header cell for messages.
    public static func make(
        header: [String], survey: Survey, layout: ExportLayout, overrides: [ColumnOverride] = [],
        locate: (Int) -> SourceLocation
    ) throws(ImportUsageError) -> ColumnMapping {
        try make(columns: ExportColumns.make(headerRows: [header], layout: layout), survey: survey, layout: layout,
                 overrides: overrides, locate: locate)
    }

    static func make(
        columns: [ExportColumn], survey: Survey, layout: ExportLayout, overrides: [ColumnOverride] = [],
        locate: (Int) -> SourceLocation
    ) throws(ImportUsageError) -> ColumnMapping {
        let details = layout.details
        var matcher = QuestionMatcher(survey: survey)
        let header = columns.map(\.name)
        var roles: [ColumnRole] = []
        var diagnostics = Diagnostics()
        var languages = LanguageSet.all
        var overrideRoles: [String: ColumnRole] = [:]
        for override in overrides { overrideRoles[override.column] = try override.role(in: survey) }
        let overrideKeys = Dictionary(overrideRoles.map { (TextKey.make($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })

        for column in columns {
            let name = column.name
            if let role = overrideRoles[name] ?? overrideKeys[TextKey.make(name)] {
                roles.append(role)
                continue
            }
            if let field = column.tool {
                roles.append(.tool(field))
                continue
            }
            let previous = roles.last
            // A stem names the question of the column headed so (Qualtrics' `Q2` beside `Q2_4_TEXT`).
            var column = column
            switch column.part {
            case .otherText(let stem), .option(let stem, _, false):
                if let at = header.firstIndex(of: stem), at < roles.count, let id = roles[at].questionID {
                    column.stemQuestion = id
                }
            default: break
            }
            if let (role, set) = matcher.role(for: column, after: previous, details: details) {
                roles.append(role)
                // A header in mixed languages says nothing about the language; keep what was known.
                if case .answer = role, !languages.intersection(set).isEmpty { languages = languages.intersection(set) }
                continue
            }
            if let note = matcher.note(for: column) {
                roles.append(.note(note))
                continue
            }
            roles.append(.unmatched)
            let suggestion = NearestMatch.suggestion(for: name, among: survey.questions.map(\.id))
                ?? matcher.nearestText(to: name)
            let hint = "to import it, pass --map '\(name)=\(suggestion ?? "QUESTION")'; to silence this, --map '\(name)=-'"
            diagnostics.warning("column '\(name)' matches no question of '\(survey.id)' and is left out", at: locate(column.index), hint: hint)
        }

        // Kobo writes a multiple choice twice: joined in one column and as one flag per option;
        // the flags are exact, so the joined column is only checked against nothing.
        let flagged = Set(roles.compactMap { role -> String? in
            if case .choiceFlag(let id, _) = role { return id }
            if case .otherFlag(let id) = role { return id }
            return nil
        })
        var answered: [String: Int] = [:]
        var otherTexts: [String: Int] = [:]
        for index in roles.indices {
            switch roles[index] {
            case .answer(let id):
                if flagged.contains(id), survey.question(id)?.type == .multipleChoice {
                    roles[index] = .covered(question: id)
                } else if let first = answered[id] {
                    roles[index] = .ignored
                    diagnostics.warning("column '\(header[index])' is a second column for question '\(id)'; only column \(first + 1) ('\(header[first])') is read",
                                        at: locate(index), hint: "pass --map '\(header[index])=-' to leave it out without this warning, or --map to point it elsewhere")
                } else {
                    answered[id] = index
                }
            case .otherText(let id):
                if let first = otherTexts[id] {
                    roles[index] = .ignored
                    diagnostics.warning("column '\(header[index])' is a second \"other\" text for question '\(id)'; only column \(first + 1) ('\(header[first])') is read",
                                        at: locate(index), hint: "pass --map '\(header[index])=-' to leave it out without this warning, or --map to point it elsewhere")
                } else {
                    otherTexts[id] = index
                }
            default: break
            }
        }
        let covered = Set(roles.compactMap(\.questionID))
        let notAsked = survey.questions.map(\.id).filter { !covered.contains($0) }
        return ColumnMapping(layout: layout, header: header, roles: roles, diagnostics: diagnostics, notAsked: notAsked,
                             headerLanguages: languages)
    }

    /// The tool's own columns of a header (see `ToolColumns.fields`).
    static func toolFields(header: [String], layout: ExportLayout) -> [ToolField?] {
        ToolColumns.fields(header: header, layout: layout)
    }

    /// Whether any column answers a question at all.
    public var mapsAnyQuestion: Bool { roles.contains { $0.questionID != nil } }

    public func column(of field: ToolField) -> Int? {
        roles.firstIndex { $0 == .tool(field) }
    }
}

/// Finds the question (and choice) a header names. Questions sharing a text are handed out in
/// order, one per column headed so.
struct QuestionMatcher {
    let survey: Survey
    private var byID: [String: Question] = [:]
    private var byKey: [String: [(question: Question, languages: LanguageSet)]] = [:]
    /// How many columns have taken each text so far.
    private var taken: [String: Int] = [:]

    init(survey: Survey) {
        self.survey = survey
        for question in survey.questions {
            byID[question.id.lowercased()] = byID[question.id.lowercased()] ?? question
        }
        for question in survey.questions {
            let key = TextKey.make(question.id)
            if byKey[key] == nil { byKey[key] = [(question, .all)] }
        }
        for question in survey.questions {
            for (code, text) in question.text.values {
                let key = TextKey.make(text)
                guard !key.isEmpty else { continue }
                let set = survey.languages.firstIndex(of: code).map(LanguageSet.only) ?? .all
                var entries = byKey[key] ?? []
                if let at = entries.firstIndex(where: { $0.question.id == question.id }) {
                    entries[at].languages = entries[at].languages.union(set)
                } else {
                    entries.append((question, set))
                }
                byKey[key] = entries
            }
        }
    }

    /// A question named by id or by its text in any language; the first of those sharing it.
    func question(named name: String) -> (Question, LanguageSet)? {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if let question = byID[trimmed.lowercased()] { return (question, .all) }
        return byKey[TextKey.make(trimmed)]?.first.map { ($0.question, $0.languages) }
    }

    /// The next question a column headed `name` answers: by id, else the questions with this text
    /// in turn (the last again once all are taken, which the mapping then reports as a second column).
    mutating func takeQuestion(named name: String) -> (Question, LanguageSet)? {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if let question = byID[trimmed.lowercased()] { return (question, .all) }
        let key = TextKey.make(trimmed)
        guard let entries = byKey[key], !entries.isEmpty else { return nil }
        let turn = taken[key, default: 0]
        taken[key] = turn + 1
        let entry = entries[min(turn, entries.count - 1)]
        return (entry.question, entry.languages)
    }

    mutating func role(for column: ExportColumn, after previous: ColumnRole?, details: LayoutDescription) -> (ColumnRole, LanguageSet)? {
        for name in column.names where !name.isEmpty {
            if let (question, set) = takeQuestion(named: name) { return (.answer(question: question.id), set) }
        }
        if details.layout == .kobo, let role = odkCentralPathRole(column.name, details: details) { return (role, .all) }
        switch column.part {
        case .whole:
            break
        case .option(let stem, let option, let path):
            if path {
                // Kobo: group/focus, focus/scale-up, focus/other.
                let parts = (stem + "/" + option).split(separator: "/").map(String.init)
                if let (question, set) = takeQuestion(named: parts[parts.count - 1]) { return (.answer(question: question.id), set) }
                if let (question, _) = question(named: parts[parts.count - 2]),
                   let role = optionRole(question, option, flagForOther: question.type == .multipleChoice) {
                    return (role, .all)
                }
                // group/focus_other: the "other" text of a question inside a group.
                for suffix in details.otherTextSuffixes {
                    if let stem = suffix.stem(of: parts[parts.count - 1]), !stem.isEmpty,
                       let (question, _) = question(named: stem), question.allowsOther {
                        return (.otherText(question: question.id), .all)
                    }
                }
            } else if let question = stemQuestion(column, stem), let role = optionRole(question, option, flagForOther: false) {
                return (role, .all)
            }
        case .otherText(let stem):
            if let question = stemQuestion(column, stem), question.allowsOther { return (.otherText(question: question.id), .all) }
        }
        // A "please specify" column beside a question that allows other answers holds its text.
        if let previousQuestion = previous?.questionID, OtherWords.isOtherOrSpecify(column.name),
           let question = survey.question(previousQuestion), question.allowsOther {
            return (.otherText(question: question.id), .all)
        }
        // Typeform heads a multiple choice's option columns by their labels alone.
        if details.optionColumnsHeadedByLabel, let role = labelColumnRole(column.name, after: previous) {
            return (role, .all)
        }
        return nil
    }

    /// ODK Central joins group paths with '-' (`about-org_type`, `about-org_type_other`): after
    /// each '-', what follows is tried as a question id (ids hold '-' themselves, so only an exact
    /// id counts), and as a question's "other" text.
    private func odkCentralPathRole(_ name: String, details: LayoutDescription) -> ColumnRole? {
        guard !name.contains("/"), !name.contains(" ") else { return nil }
        var rest = Substring(name)
        while let dash = rest.firstIndex(of: "-") {
            rest = rest[rest.index(after: dash)...]
            if let question = byID[rest.lowercased()] { return .answer(question: question.id) }
            for suffix in details.otherTextSuffixes {
                if let stem = suffix.stem(of: String(rest)), let question = byID[stem.lowercased()], question.allowsOther {
                    return .otherText(question: question.id)
                }
            }
        }
        return nil
    }

    private func stemQuestion(_ column: ExportColumn, _ stem: String) -> Question? {
        column.stemQuestion.flatMap(survey.question) ?? question(named: stem)?.0
    }

    /// The option a column headed by a choice label is, preferring the question of the column before.
    private func labelColumnRole(_ name: String, after previous: ColumnRole?) -> ColumnRole? {
        let key = TextKey.make(name)
        let candidates = survey.questions.filter { $0.type == .multipleChoice }
        let preferred = previous?.questionID.flatMap { id in candidates.first { $0.id == id } }
        for question in (preferred.map { [$0] } ?? []) + candidates {
            if let choice = question.choices.first(where: { $0.label.values.values.contains { TextKey.make($0) == key } }) {
                return .choiceFlag(question: question.id, choice: choice.id)
            }
        }
        return nil
    }

    private func optionRole(_ question: Question, _ option: String, flagForOther: Bool) -> ColumnRole? {
        guard question.type.hasChoices else { return nil }
        if option.lowercased() == Question.otherID || OtherWords.isOtherOrSpecify(option), question.allowsOther {
            return flagForOther ? .otherFlag(question: question.id) : .otherText(question: question.id)
        }
        if let choice = question.choice(option) ?? question.choices.first(where: { $0.id.lowercased() == option.lowercased() })
            ?? question.choices.first(where: { choice in choice.label.values.values.contains { TextKey.make($0) == TextKey.make(option) } }) {
            return .choiceFlag(question: question.id, choice: choice.id)
        }
        return nil
    }

    /// The note a column is headed by (its id, Kobo's `group/id`, ODK Central's `group-id`, or its
    /// text in any language), when it answers no question.
    func note(for column: ExportColumn) -> String? {
        guard !survey.notes.isEmpty else { return nil }
        for name in column.names where !name.isEmpty {
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            var candidates = [trimmed]
            if let last = trimmed.split(separator: "/").last { candidates.append(String(last)) }
            var rest = Substring(trimmed)
            while let dash = rest.firstIndex(of: "-") {
                rest = rest[rest.index(after: dash)...]
                candidates.append(String(rest))
            }
            for candidate in candidates {
                if let note = survey.notes.first(where: { $0.id.lowercased() == candidate.lowercased() }) { return note.id }
            }
            let key = TextKey.make(trimmed)
            if !key.isEmpty, let note = survey.notes.first(where: { $0.text.values.values.contains { TextKey.make($0) == key } }) {
                return note.id
            }
        }
        return nil
    }

    /// The question id whose text is closest to an unmatched header, for a `--map` hint.
    func nearestText(to name: String) -> String? {
        let key = TextKey.make(name)
        var best: (id: String, distance: Int)?
        for (text, entries) in byKey {
            guard let entry = entries.first else { continue }
            let distance = NearestMatch.editDistance(key, text)
            if best == nil || distance < best!.distance { best = (entry.question.id, distance) }
        }
        guard let best, best.distance * 4 <= max(key.count, 4) else { return nil }
        return best.id
    }
}
