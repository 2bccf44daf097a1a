/// How an export's columns map onto a survey's questions: by id, by the `id[choice]` and
/// `id/choice` forms, by question text in any of the survey's languages (case, spacing and
/// punctuation ignored), by `--map`; the tool's own columns become metadata.
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

    /// Maps `header`; `locate` gives the place of a header cell for messages.
    public static func make(
        header: [String], survey: Survey, layout: ExportLayout, overrides: [ColumnOverride] = [],
        locate: (Int) -> SourceLocation
    ) throws(ImportUsageError) -> ColumnMapping {
        let matcher = QuestionMatcher(survey: survey)
        var roles: [ColumnRole] = []
        var diagnostics = Diagnostics()
        var languages = LanguageSet.all
        let tools = toolFields(header: header, layout: layout)
        var overrideRoles: [String: ColumnRole] = [:]
        for override in overrides { overrideRoles[override.column] = try override.role(in: survey) }
        let overrideKeys = Dictionary(overrideRoles.map { (TextKey.make($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })

        for (index, name) in header.enumerated() {
            if let role = overrideRoles[name] ?? overrideKeys[TextKey.make(name)] {
                roles.append(role)
                continue
            }
            if let field = tools[index] {
                roles.append(.tool(field))
                continue
            }
            if let (role, set) = matcher.role(forHeader: name) {
                roles.append(role)
                // A header in mixed languages says nothing about the language; keep what was known.
                if case .answer = role, !languages.intersection(set).isEmpty { languages = languages.intersection(set) }
                continue
            }
            roles.append(.unmatched)
            let suggestion = NearestMatch.suggestion(for: name, among: survey.questions.map(\.id))
                ?? matcher.nearestText(to: name)
            let hint = "to import it, pass --map '\(name)=\(suggestion ?? "QUESTION")'; to silence this, --map '\(name)=-'"
            diagnostics.warning("column '\(name)' matches no question of '\(survey.id)' and is left out", at: locate(index), hint: hint)
        }

        // Kobo writes a multiple choice twice: joined in one column and as one flag per option;
        // the flags are exact, so the joined column is only checked against nothing.
        let flagged = Set(roles.compactMap { role -> String? in
            if case .choiceFlag(let id, _) = role { return id }
            if case .otherFlag(let id) = role { return id }
            return nil
        })
        var answered: [String: Int] = [:]
        for index in roles.indices {
            guard case .answer(let id) = roles[index] else { continue }
            if flagged.contains(id), survey.question(id)?.type == .multipleChoice {
                roles[index] = .covered(question: id)
            } else if let first = answered[id] {
                roles[index] = .ignored
                diagnostics.warning("column '\(header[index])' is a second column for question '\(id)'; only column \(first + 1) ('\(header[first])') is read",
                                    at: locate(index), hint: "pass --map '\(header[index])=-' to leave it out without this warning, or --map to point it elsewhere")
            } else {
                answered[id] = index
            }
        }
        let covered = Set(roles.compactMap(\.questionID))
        let notAsked = survey.questions.map(\.id).filter { !covered.contains($0) }
        return ColumnMapping(layout: layout, header: header, roles: roles, diagnostics: diagnostics, notAsked: notAsked,
                             headerLanguages: languages)
    }

    /// The tool's own columns of a header. They sit in a block at the start (Kobo: anywhere,
    /// Microsoft's quiz columns: beside their questions); only the first of a name counts, so a
    /// question headed "Name" after Microsoft's own "Name" is a question.
    static func toolFields(header: [String], layout: ExportLayout) -> [ToolField?] {
        var used = Set<String>()
        var leading = true
        return header.map { name in
            let key = TextKey.make(name)
            if let field = ToolColumns.field(name, layout: layout), !used.contains(key),
               leading || layout == .kobo || (layout == .microsoftForms && field == .other) {
                used.insert(key)
                return field
            }
            leading = false
            return nil
        }
    }

    /// Whether any column answers a question at all.
    public var mapsAnyQuestion: Bool { roles.contains { $0.questionID != nil } }

    public func column(of field: ToolField) -> Int? {
        roles.firstIndex { $0 == .tool(field) }
    }
}

/// Finds the question (and choice) a header names.
struct QuestionMatcher {
    let survey: Survey
    private var byID: [String: Question] = [:]
    private var byKey: [String: (question: Question, languages: LanguageSet)] = [:]

    init(survey: Survey) {
        self.survey = survey
        for question in survey.questions {
            byID[question.id.lowercased()] = byID[question.id.lowercased()] ?? question
        }
        for question in survey.questions {
            let key = TextKey.make(question.id)
            if byKey[key] == nil { byKey[key] = (question, .all) }
        }
        for question in survey.questions {
            for (code, text) in question.text.values {
                let key = TextKey.make(text)
                guard !key.isEmpty else { continue }
                let set = survey.languages.firstIndex(of: code).map(LanguageSet.only) ?? .all
                if let existing = byKey[key] {
                    if existing.question.id == question.id { byKey[key] = (question, existing.languages.union(set)) }
                } else {
                    byKey[key] = (question, set)
                }
            }
        }
    }

    /// A question named by id or by its text in any language.
    func question(named name: String) -> (Question, LanguageSet)? {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if let question = byID[trimmed.lowercased()] { return (question, .all) }
        return byKey[TextKey.make(trimmed)]
    }

    func role(forHeader name: String) -> (ColumnRole, LanguageSet)? {
        if let (question, set) = question(named: name) { return (.answer(question: question.id), set) }
        // LimeSurvey: focus[scale-up], focus[other].
        if name.hasSuffix("]"), let open = name.lastIndex(of: "["), open > name.startIndex {
            let stem = String(name[..<open])
            let inner = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
            if let (question, _) = question(named: stem), let role = optionRole(question, inner, flagForOther: false) {
                return (role, .all)
            }
        }
        // Kobo: group/focus, focus/scale-up, focus/other.
        let parts = name.split(separator: "/").map(String.init)
        if parts.count >= 2 {
            if let (question, set) = question(named: parts[parts.count - 1]) { return (.answer(question: question.id), set) }
            if let (question, _) = question(named: parts[parts.count - 2]),
               let role = optionRole(question, parts[parts.count - 1], flagForOther: question.type == .multipleChoice) {
                return (role, .all)
            }
        }
        // XLSForm's "specify other" text: role_other.
        if name.hasSuffix("_other"), let (question, _) = question(named: String(name.dropLast(6))), question.allowsOther {
            return (.otherText(question: question.id), .all)
        }
        return nil
    }

    private func optionRole(_ question: Question, _ option: String, flagForOther: Bool) -> ColumnRole? {
        guard question.type.hasChoices else { return nil }
        if option.lowercased() == Question.otherID, question.allowsOther {
            return flagForOther ? .otherFlag(question: question.id) : .otherText(question: question.id)
        }
        if let choice = question.choice(option) ?? question.choices.first(where: { $0.id.lowercased() == option.lowercased() })
            ?? question.choices.first(where: { choice in choice.label.values.values.contains { TextKey.make($0) == TextKey.make(option) } }) {
            return .choiceFlag(question: question.id, choice: choice.id)
        }
        return nil
    }

    /// The question id whose text is closest to an unmatched header, for a `--map` hint.
    func nearestText(to name: String) -> String? {
        let key = TextKey.make(name)
        var best: (id: String, distance: Int)?
        for (text, entry) in byKey {
            let distance = NearestMatch.editDistance(key, text)
            if best == nil || distance < best!.distance { best = (entry.question.id, distance) }
        }
        guard let best, best.distance * 4 <= max(key.count, 4) else { return nil }
        return best.id
    }
}
