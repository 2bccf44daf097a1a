import Foundation
import XLSXReader

/// A survey converted from an XLSForm, with everything the conversion could not carry over.
public struct XLSFormDraft: Sendable {
    public var survey: Survey
    /// The definition as YAML: what was not converted listed at the top, groups without
    /// questions as comments where they stood.
    public var yaml: String
    /// One warning per thing not converted (or converted with a change), at its cell.
    public var unconverted: Diagnostics
}

/// `samla draft FORM.xlsx` for a KoboToolbox / ODK form: the `survey`, `choices` and `settings`
/// sheets say exactly what a response export only hints at, so nothing is guessed. Question and
/// choice names are kept (a Kobo export of the form then matches by name), languages come from
/// the `label::Name (code)` columns, `relevant` and `constraint` become `show_if`, bounds and
/// selection counts where Samla can state them. Everything else is listed with its cell, and the
/// survey is still written.
public enum XLSFormDrafter {
    public static func isForm(path: String) -> Bool {
        XLSFormSheet.isForm(path: path)
    }

    /// An Excel 97–2003 workbook: neither its responses nor an XLSForm in it are read.
    public static func legacyWorkbookRefusal(path: String) -> DiagnosticsError? {
        guard ExportFileKind.of(path: path) == .legacyExcel else { return nil }
        return DiagnosticsError(Diagnostics([.error(
            "this is an Excel 97–2003 workbook (.xls); samla reads neither exports nor XLSForms in that format",
            at: SourceLocation(file: path),
            hint: "open it in Excel or LibreOffice and save it as .xlsx or CSV (an XLSForm as .xlsx, which keeps its survey, choices and settings sheets)")]))
    }

    public static func draft(path: String, language requested: String? = nil) throws -> XLSFormDraft {
        let form: (survey: XLSFormSheet, choices: XLSFormSheet?, settings: XLSFormSheet?, samla: XLSFormSheet?)
        do {
            guard let found = try XLSFormSheet.form(at: path) else {
                throw DiagnosticsError(Diagnostics([.error("this workbook is not an XLSForm: it has no 'survey' sheet with 'type' and 'name' columns",
                                                           at: SourceLocation(file: path))]))
            }
            form = found
        } catch let error as XLSXError {
            throw DiagnosticsError(Diagnostics([.error(error.description, at: SourceLocation(file: path), hint: error.hint)]))
        }
        var converter = Converter(path: path, survey: form.survey, choices: form.choices, settings: form.settings,
                                  samla: form.samla, requestedLanguage: requested)
        return try converter.run()
    }
}

private struct Converter {
    let path: String
    let surveySheet: XLSFormSheet
    let choicesSheet: XLSFormSheet?
    let settings: [String: String]
    let settingsSheet: XLSFormSheet?
    let samlaRows: [(key: String, language: String, value: String)]
    let requestedLanguage: String?

    var notes = Diagnostics()
    var languages: [String] = []
    /// The language of plain `label` / `hint` columns.
    var plainLanguage = "en"
    var questions: [Question] = []
    /// `note` rows, each before the question at its position.
    var formNotes: [Note] = []
    /// Comment lines to write above a question or note, by its id.
    var comments: [String: [String]] = [:]
    var pendingComments: [String] = []
    /// The label of a group begun since the last converted question, with how many groups were
    /// open at its start: it becomes the next question's `section`, unless its group ends first.
    var pendingSection: (text: LocalizedText, depth: Int)?
    var description: LocalizedText?
    /// Converted questions by their XLSForm name, for `relevant` references.
    var byName: [String: Question] = [:]
    var usedIDs: Set<String> = []
    /// Lists whose renamed choices have been listed already.
    var listedLists: Set<String> = []

    init(path: String, survey: XLSFormSheet, choices: XLSFormSheet?, settings: XLSFormSheet?, samla: XLSFormSheet?, requestedLanguage: String?) {
        self.path = path
        surveySheet = survey
        choicesSheet = choices
        var values: [String: String] = [:]
        if let settings, let row = settings.rows.first {
            for (index, title) in settings.header.enumerated() where !title.isEmpty {
                values[title.lowercased()] = settings.value(row, index)
            }
        }
        self.settings = values
        settingsSheet = settings
        var extra: [(String, String, String)] = []
        if let samla, let key = samla.column("key"), let value = samla.column("value") {
            let language = samla.column("language")
            for row in samla.rows { extra.append((samla.value(row, key), samla.value(row, language), samla.value(row, value))) }
        }
        samlaRows = extra
        self.requestedLanguage = requestedLanguage
    }

    // MARK: The whole form

    mutating func run() throws -> XLSFormDraft {
        decideLanguages()
        let lists = readChoiceLists()
        convertRows(lists: lists)
        separateDifferingLists()
        if !pendingComments.isEmpty, let last = Survey(id: "", title: LocalizedText([:]), languages: [], questions: questions,
                                                        notes: formNotes).items.last {
            comments[last.id, default: []] += pendingComments.map { "(after this \(last.isNote ? "note" : "question")) " + $0 }
        }
        let formTitle = settings["form_title"].flatMap { $0.isEmpty ? nil : $0 }
            ?? settings["form_id"].flatMap { $0.isEmpty ? nil : $0 }
            ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        var title = LocalizedText(Dictionary(uniqueKeysWithValues: languages.map { ($0, formTitle) }))
        for row in samlaRows where row.key == "title" && languages.contains(row.language) && !row.value.isEmpty {
            title.values[row.language] = row.value
        }
        var survey = Survey(id: surveyID(), title: title, description: description, languages: languages, questions: questions,
                            contact: contactSection(), notes: formNotes)
        if let zone = samlaRows.first(where: { $0.key == "time_zone" })?.value, !zone.isEmpty {
            if SurveyTimeZone.named(zone) != nil {
                survey.timeZoneName = zone
            } else {
                notes.warning("the samla sheet's time zone '\(zone)' is not one the zone database knows; the default is used",
                              at: SourceLocation(file: path))
            }
        }
        if questions.isEmpty {
            notes.error("the form has no question Samla can ask", at: SourceLocation(file: path, line: 1, column: 1, sheet: surveySheet.name))
            throw DiagnosticsError(notes)
        }
        let noteCount = formNotes.isEmpty ? "" : " and \(formNotes.count) note\(formNotes.count == 1 ? "" : "s")"
        let header = ["Converted by samla draft from the XLSForm \(URL(fileURLWithPath: path).lastPathComponent): \(questions.count) question\(questions.count == 1 ? "" : "s")\(noteCount)."]
            + (notes.isEmpty ? ["Everything in the form was converted."]
               : ["Not converted, or converted with a change (\(notes.count)):"] + notes.sorted.map { "  \($0.location): \($0.message)" })
            + ["Groups are flattened, their labels sections; note rows are notes. Check with: samla validate FILE"]
        let yaml = SurveyWriter.yaml(survey, comment: header, questionComments: comments)
        let loaded = SurveyLoader.parse(text: yaml, file: path)
        guard let checked = loaded.survey, !loaded.diagnostics.hasErrors else {
            // The survey is built from checked parts; a problem left is the contact section's,
            // which names questions: write the survey without it rather than nothing.
            if survey.contact != nil {
                notes.warning("the samla sheet's contact section does not fit the converted questions; it is left out: "
                              + loaded.diagnostics.errors.map(\.message).joined(separator: "; "),
                              at: SourceLocation(file: path))
                survey.contact = nil
                let yaml = SurveyWriter.yaml(survey, comment: header, questionComments: comments)
                if let checked = SurveyLoader.parse(text: yaml, file: path).survey {
                    return XLSFormDraft(survey: checked, yaml: yaml, unconverted: notes)
                }
            }
            throw DiagnosticsError(loaded.diagnostics)
        }
        return XLSFormDraft(survey: checked, yaml: yaml, unconverted: notes)
    }

    private func surveyID() -> String {
        let source = settings["form_id"].flatMap { $0.isEmpty ? nil : $0 }
            ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return Identifiers.isID(source) ? source : Identifiers.suggestID(from: source)
    }

    // MARK: Languages

    mutating func decideLanguages() {
        var found: [String] = []
        var plainColumns = false
        let sheets = [surveySheet] + (choicesSheet.map { [$0] } ?? [])
        for sheet in sheets {
            // Labels say which languages the survey is in; a hint in another language is left out.
            for field in ["label"] {
                for (index, suffix) in sheet.translatedColumns(field) {
                    guard let suffix else { plainColumns = true; continue }
                    let (code, guessed) = XLSFormLanguage.code(of: suffix)
                    if guessed {
                        notes.warning("the language '\(suffix)' has no code Samla knows; it is taken as '\(code)'",
                                      at: sheet.location(file: path, row: 1, column: index), hint: "write the column as \(field)::\(suffix) (code)")
                    }
                    if !found.contains(code) { found.append(code) }
                }
            }
        }
        let defaultCode = settings["default_language"].flatMap { $0.isEmpty ? nil : XLSFormLanguage.code(of: $0).code }
        if plainColumns {
            if let defaultCode {
                plainLanguage = defaultCode
            } else if let requestedLanguage {
                plainLanguage = requestedLanguage
            } else {
                let labels = surveySheet.rows.prefix(200).map { surveySheet.value($0, surveySheet.column("label")) }
                plainLanguage = SurveyDrafter.guessLanguage(votes: [:], texts: labels, header: [])
            }
            if !found.contains(plainLanguage) { found.insert(plainLanguage, at: 0) }
        }
        if let defaultCode, let position = found.firstIndex(of: defaultCode) {
            found.remove(at: position)
            found.insert(defaultCode, at: 0)
        }
        languages = found.isEmpty ? [requestedLanguage ?? "en"] : found
    }

    /// A `label` (or `hint`) in every language of the survey, from the row's columns; a missing
    /// translation is filled from another language and listed.
    mutating func text(_ field: String, sheet: XLSFormSheet, row: XLSXRow, fallback: String? = nil) -> LocalizedText? {
        var values: [String: String] = [:]
        for (index, suffix) in sheet.translatedColumns(field) {
            let value = XLSFormVocabulary.unescapingReferences(sheet.value(row, index))
            guard !value.isEmpty else { continue }
            let code = suffix.map { XLSFormLanguage.code(of: $0).code } ?? plainLanguage
            if suffix != nil || values[code] == nil { values[code] = value }
        }
        if values.isEmpty {
            guard let fallback else { return nil }
            values = [languages[0]: fallback]
        }
        let missing = languages.filter { values[$0] == nil }
        if !missing.isEmpty {
            let source = languages.first { values[$0] != nil } ?? values.keys.sorted()[0]
            for code in missing { values[code] = values[source] }
            notes.warning("no \(field) in \(missing.joined(separator: ", ")): the \(source) one is used",
                          at: sheet.location(file: path, row: row.number, column: sheet.translatedColumns(field).first?.index))
        }
        return LocalizedText(values.filter { languages.contains($0.key) })
    }

    // MARK: Choices

    /// A list's choices as the sheet has them: names become ids only where the list is used as
    /// choices (a likert list of whole numbers, negative ones too, is a scale's points).
    struct ChoiceList {
        var entries: [(name: String, label: LocalizedText, location: SourceLocation)] = []
    }

    mutating func readChoiceLists() -> [String: ChoiceList] {
        guard let sheet = choicesSheet else { return [:] }
        let listColumn = sheet.column("list_name") ?? sheet.column("list name")
        let nameColumn = sheet.column("name") ?? sheet.column("value")
        var lists: [String: ChoiceList] = [:]
        for row in sheet.rows {
            let list = sheet.value(row, listColumn)
            let name = sheet.value(row, nameColumn)
            let location = sheet.location(file: path, row: row.number, column: nameColumn)
            guard !list.isEmpty else { continue }
            guard !name.isEmpty else {
                notes.warning("a choice of list '\(list)' has no name; it is left out", at: location)
                continue
            }
            guard lists[list]?.entries.contains(where: { $0.name == name }) != true else {
                notes.warning("list '\(list)' has the choice '\(name)' twice; the first is kept", at: location)
                continue
            }
            let label = text("label", sheet: sheet, row: row, fallback: name)!
            lists[list, default: ChoiceList()].entries.append((name, label, location))
        }
        return lists
    }

    /// The list's choices with ids: a name Samla's choice ids cannot hold is renamed and listed
    /// (once per list), and a renamed one that meets another is left out.
    mutating func choices(of list: ChoiceList, named listName: String) -> [Choice] {
        var choices: [Choice] = []
        for entry in list.entries {
            let id = Identifiers.isChoiceID(entry.name) ? entry.name : choiceID(from: entry.name)
            let first = !listedLists.contains(listName)
            if choices.contains(where: { $0.id == id }) {
                if first { notes.warning("choice name '\(entry.name)' of list '\(listName)' would be the id '\(id)' of another choice; it is left out", at: entry.location) }
                continue
            }
            if id != entry.name, first {
                notes.warning("choice name '\(entry.name)' of list '\(listName)' becomes '\(id)' (choice ids are letters, digits, '-' and '_'); a Kobo export with the XML names will not match it by name",
                              at: entry.location)
            }
            choices.append(Choice(id: id, label: entry.label))
        }
        listedLists.insert(listName)
        return choices
    }

    private func choiceID(from name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            let isAllowed = scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_")
            out.unicodeScalars.append(isAllowed ? scalar : "_")
        }
        while out.hasPrefix("_") || out.hasPrefix("-") { out.removeFirst() }
        return out.isEmpty ? "choice" : out
    }

    // MARK: The survey sheet

    struct Group {
        var name: String
        var relevant: (text: String, row: Int)?
        var isRepeat: Bool
    }

    mutating func convertRows(lists: [String: ChoiceList]) {
        let sheet = surveySheet
        let typeColumn = sheet.column("type")
        let nameColumn = sheet.column("name")
        let relevantColumn = sheet.column("relevant")
        let requiredColumn = sheet.column("required")
        let constraintColumn = sheet.column("constraint")
        let appearanceColumn = sheet.column("appearance")
        let personalColumn = sheet.column(XLSFormVocabulary.personalColumn)
        let choiceFilterColumn = sheet.column("choice_filter")
        let parametersColumn = sheet.column("parameters")
        noteUnreadColumns()
        var groups: [Group] = []
        for row in sheet.rows {
            let rawType = sheet.value(row, typeColumn)
            let words = rawType.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            let name = sheet.value(row, nameColumn)
            func here(_ column: Int?) -> SourceLocation { sheet.location(file: path, row: row.number, column: column) }
            guard let kind = words.first else {
                if !name.isEmpty { notes.warning("row '\(name)' has no type; it is left out", at: here(typeColumn)) }
                continue
            }
            let joined = words.joined(separator: " ").replacingOccurrences(of: "_", with: " ")
            // Inside a repeat every question may be answered many times: Samla asks each once.
            if groups.contains(where: \.isRepeat) {
                if joined == "end repeat" { groups.removeLast() }
                else if joined == "begin repeat" || joined == "begin group" { groups.append(Group(name: name, relevant: nil, isRepeat: joined == "begin repeat")) }
                else if joined == "end group" { groups.removeLast() }
                continue
            }
            switch joined {
            case "begin group":
                let relevant = sheet.value(row, relevantColumn)
                if let label = text("label", sheet: sheet, row: row) {
                    // Groups begun one inside another before any question: one heading of both.
                    let joined = pendingSection.map { outer in
                        LocalizedText(Dictionary(uniqueKeysWithValues: languages.map { ($0, outer.text.text($0) + " – " + label.text($0)) }))
                    }
                    pendingSection = (joined ?? label, pendingSection?.depth ?? groups.count)
                } else {
                    pendingComments.append("Group: " + name)
                }
                groups.append(Group(name: name, relevant: relevant.isEmpty ? nil : (relevant, row.number), isRepeat: false))
                continue
            case "end group":
                if groups.isEmpty { notes.warning("'end group' without a 'begin group'", at: here(typeColumn)) } else { groups.removeLast() }
                // A group with no question Samla converted heads nothing: its label stays a comment.
                if let pending = pendingSection, pending.depth >= groups.count {
                    pendingComments.append("Section without questions: " + commentText(pending.text, fallback: ""))
                    pendingSection = nil
                }
                continue
            case "begin repeat":
                notes.warning("repeat '\(name)' is not converted: Samla asks each question once, so its questions are left out", at: here(typeColumn))
                groups.append(Group(name: name, relevant: nil, isRepeat: true))
                continue
            case "end repeat":
                notes.warning("'end repeat' without a 'begin repeat'", at: here(typeColumn))
                continue
            default:
                break
            }
            if Self.metadataTypes.contains(kind) { continue }
            if kind == "note" {
                if name == XLSFormVocabulary.privacyNoteName { continue }
                let label = text("label", sheet: sheet, row: row)
                if name == XLSFormVocabulary.descriptionNoteName, questions.isEmpty, formNotes.isEmpty, let label {
                    description = label
                    continue
                }
                guard !name.isEmpty else {
                    notes.warning("a note row without a name is left out", at: here(nameColumn))
                    continue
                }
                guard let label else {
                    notes.warning("note '\(name)' has no label; it is left out", at: here(nameColumn))
                    continue
                }
                listAnswerReferences(in: row, name: name)
                var note = Note(id: questionID(name, at: here(nameColumn)), text: label, position: questions.count)
                note.hint = text("hint", sheet: sheet, row: row)
                note.showIf = showIf(row: row, name: name, groups: groups, relevantColumn: relevantColumn)
                note.heading = pendingSection?.text
                pendingSection = nil
                if !pendingComments.isEmpty { comments[note.id] = pendingComments }
                pendingComments = []
                formNotes.append(note)
                continue
            }
            guard !name.isEmpty else {
                notes.warning("a \(kind) row without a name is left out", at: here(nameColumn))
                continue
            }
            if kind == "text", takeOtherText(name: name, relevant: sheet.value(row, relevantColumn)) { continue }
            guard var question = makeQuestion(kind: kind, words: words, name: name, row: row, lists: lists,
                                              columns: (typeColumn, nameColumn, choiceFilterColumn, appearanceColumn, parametersColumn)) else { continue }
            listAnswerReferences(in: row, name: name)
            let required = sheet.value(row, requiredColumn).lowercased()
            switch required {
            case "", "no", "false", "false()", "0": break
            case "yes", "true", "true()", "1": question.required = true
            default: notes.warning("required '\(sheet.value(row, requiredColumn))' is an expression; Samla's required is yes or no, so '\(name)' is optional", at: here(requiredColumn))
            }
            switch sheet.value(row, personalColumn).lowercased() {
            case "yes", "true", "true()", "1": question.personal = true
            default: break
            }
            let constraint = sheet.value(row, constraintColumn)
            if !constraint.isEmpty { apply(constraint: constraint, named: name, to: &question, at: here(constraintColumn)) }
            question.showIf = showIf(row: row, name: name, groups: groups, relevantColumn: relevantColumn)
            question.hint = text("hint", sheet: sheet, row: row)
            question.heading = pendingSection?.text
            pendingSection = nil
            if !pendingComments.isEmpty { comments[question.id] = pendingComments }
            pendingComments = []
            questions.append(question)
            byName[name] = question
        }
        if let open = groups.last {
            notes.warning("group '\(open.name)' is never ended", at: SourceLocation(file: path, line: sheet.rows.last?.number ?? 1, column: 1, sheet: sheet.name))
        }
    }

    /// The row's `relevant` with its groups' as a `show_if`: a group's relevant holds for every
    /// question and note in it, so with the row's own that is an 'and'. Nil, listed, when a part
    /// cannot be stated: the row is then always shown.
    mutating func showIf(row: XLSXRow, name: String, groups: [Group], relevantColumn: Int?) -> ShowIf? {
        let sheet = surveySheet
        var tests = groups.compactMap { group in group.relevant.map { (text: $0.text, location: sheet.location(file: path, row: $0.row, column: relevantColumn)) } }
        let own = sheet.value(row, relevantColumn)
        if !own.isEmpty { tests.append((own, sheet.location(file: path, row: row.number, column: relevantColumn))) }
        var parts: [ShowIf] = []
        for test in tests {
            switch XLSFormCondition.showIf(test.text, earlier: byName) {
            case .success(let part): parts.append(part)
            case .failure(let reason):
                let whose = test.location.line == row.number ? "" : " (of its group)"
                notes.warning("relevant\(whose) \(reason.reason); '\(name)' is always \(isNoteRow(row) ? "shown" : "asked")", at: test.location)
            }
        }
        guard parts.count == tests.count, !parts.isEmpty else { return nil }
        return parts.count == 1 ? parts[0] : .all(parts)
    }

    /// A label that shows another answer (`${name}`, common in notes: "Thank you, ${name}"):
    /// Samla shows its texts as written, so the reference would show as typed. Listed at its cell.
    mutating func listAnswerReferences(in row: XLSXRow, name: String) {
        let sheet = surveySheet
        for (index, _) in sheet.translatedColumns("label") where sheet.value(row, index).contains("${") {
            notes.warning("the label of '\(name)' shows another answer with ${…}; Samla shows its texts as written, so it shows the reference as typed",
                          at: sheet.location(file: path, row: row.number, column: index))
            return
        }
    }

    private func isNoteRow(_ row: XLSXRow) -> Bool {
        surveySheet.value(row, surveySheet.column("type")).trimmingCharacters(in: .whitespaces).lowercased() == "note"
    }

    /// XLSForm's recommended "other": a choice named `other` and a text question NAME_other
    /// asked when it is chosen. That is Samla's `other: true`, whose text goes where Kobo's
    /// export puts it (the NAME_other column).
    mutating func takeOtherText(name: String, relevant: String) -> Bool {
        guard name.hasSuffix("_other") else { return false }
        let base = String(name.dropLast("_other".count))
        guard let question = byName[base], question.type.hasChoices, question.choice(Question.otherID) != nil,
              let index = questions.firstIndex(where: { $0.id == question.id }),
              let expression = XLSFormExpression.parse(relevant) else { return false }
        let chosen: Set<XLSFormExpression> = [
            .call("selected", [.reference(base), .string(Question.otherID)]),
            .compare(.reference(base), .equal, .string(Question.otherID)),
        ]
        guard chosen.contains(expression) else { return false }
        questions[index].choices.removeAll { $0.id == Question.otherID }
        questions[index].allowsOther = true
        byName[base] = questions[index]
        return true
    }

    /// Types that record something about the device or the session, not an answer: exports carry
    /// them as tool columns, which the importer reads as such.
    static let metadataTypes: Set<String> = [
        "start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username", "email",
        "audit", "start-geopoint", "background-audio", "imei",
    ]

    mutating func makeQuestion(kind: String, words: [String], name: String, row: XLSXRow, lists: [String: ChoiceList],
                               columns: (type: Int?, name: Int?, choiceFilter: Int?, appearance: Int?, parameters: Int?)) -> Question? {
        let sheet = surveySheet
        func here(_ column: Int?) -> SourceLocation { sheet.location(file: path, row: row.number, column: column) }
        var question = Question(id: name, type: .text, text: LocalizedText([:]))
        let appearance = sheet.value(row, columns.appearance).lowercased()
        switch kind {
        case "select_one", "select_multiple", "select":
            let multiple = kind == "select_multiple"
            // `select one LIST`, `select_one LIST or_other`, `select all that apply LIST`.
            var rest = Array(words.dropFirst())
            if kind == "select" {
                if rest.first == "one" { rest.removeFirst() } else if rest.first == "multiple" { rest.removeFirst() }
                else if rest.starts(with: ["all", "that", "apply"]) { rest.removeFirst(3) }
            }
            let allowsOther = rest.last == "or_other" || rest.last == "or other"
            if allowsOther { rest.removeLast() }
            let isMultiple = multiple || words.starts(with: ["select", "multiple"]) || words.starts(with: ["select", "all"])
            // The list name as written (list names keep their case).
            let original = sheet.value(row, columns.type).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            // KoboToolbox's form builder keeps the list in a column of its own.
            let listColumn = sheet.value(row, sheet.column("select_from_list_name"))
            guard let listName = rest.isEmpty ? (listColumn.isEmpty ? nil : listColumn)
                    : original.first(where: { $0.lowercased() == rest[0] }) ?? rest[0] else {
                notes.warning("'\(name)' names no choice list; it is left out", at: here(columns.type))
                return nil
            }
            guard let list = lists[listName], !list.entries.isEmpty else {
                notes.warning("'\(name)': the choices sheet has no list '\(listName)'; it is left out", at: here(columns.type))
                return nil
            }
            if !sheet.value(row, columns.choiceFilter).isEmpty {
                notes.warning("choice_filter of '\(name)' (a cascading select) is not converted: every choice of '\(listName)' is offered",
                              at: here(columns.choiceFilter))
            }
            question.list = keptListName(listName, questionName: name, at: here(columns.type))
            let isScale = !isMultiple && !allowsOther && appearance.contains(XLSFormVocabulary.scaleAppearance)
            if isScale, let scale = scale(from: list) {
                question.type = .scale
                question.scale = scale
                break
            }
            question.choices = choices(of: list, named: listName)
            question.allowsOther = allowsOther
            if allowsOther, question.choice(Question.otherID) != nil {
                // or_other adds its own 'other'; Samla's other answer is that one.
                question.choices.removeAll { $0.id == Question.otherID }
                notes.warning("list '\(listName)' has a choice 'other' beside or_other: one 'other' answer is kept", at: here(columns.type))
            }
            question.type = isMultiple ? .multipleChoice : .singleChoice
        case "select_one_from_file", "select_multiple_from_file", "select_one_external", "rank":
            notes.warning("\(kind) '\(name)' is not converted: Samla's choices are listed in the survey; it is left out", at: here(columns.type))
            return nil
        case "integer", "int":
            question.type = .number
            question.bounds.integer = true
        case "decimal":
            question.type = .number
        case "range":
            let parameters = Self.parameters(sheet.value(row, columns.parameters))
            let start = parameters["start"].flatMap(Int.init) ?? 1
            let end = parameters["end"].flatMap(Int.init) ?? 10
            let step = parameters["step"].flatMap(Double.init) ?? 1
            let typed = (-1_000_000...1_000_000)
            if step == 1, typed.contains(start), typed.contains(end), start < end, end - start <= 100 {
                question.type = .scale
                question.scale = ScaleRange(min: start, max: end)
            } else {
                question.type = .number
                question.bounds = NumberBounds(integer: false, min: parameters["start"].flatMap(Double.init), max: parameters["end"].flatMap(Double.init))
                notes.warning("range '\(name)' with step \(UIText.plain(step)) becomes a number question from its start to its end", at: here(columns.parameters))
            }
        case "text", "string":
            question.type = .text
        case "date", "time", "datetime", "datetime-local":
            question.type = .text
            notes.warning("\(kind) '\(name)' becomes a text question: Samla has no date or time answers", at: here(columns.type))
        case "calculate":
            notes.warning("calculate '\(name)' is not converted: Samla has no calculations", at: here(columns.type))
            return nil
        case "image", "audio", "video", "file", "photo", "signature", "barcode", "geopoint", "geotrace", "geoshape", "osm":
            notes.warning("\(kind) '\(name)' is not converted: Samla collects text, choices and numbers, not media or locations", at: here(columns.type))
            return nil
        default:
            notes.warning("type '\(words.joined(separator: " "))' of '\(name)' is not converted: Samla has no such question", at: here(columns.type))
            return nil
        }
        question.id = questionID(name, at: here(columns.name))
        if let label = text("label", sheet: sheet, row: row) {
            question.text = label
        } else {
            question.text = LocalizedText(Dictionary(uniqueKeysWithValues: languages.map { ($0, name) }))
            notes.warning("'\(name)' has no label; its name is the question's text", at: here(columns.name))
        }
        return question
    }

    /// Choices named by consecutive whole numbers as a scale; labels that only repeat the number are dropped.
    private func scale(from list: ChoiceList) -> ScaleRange? {
        let points = list.entries.compactMap { Int($0.name) }
        // A scale has at most 101 points; a wider one stays a choice.
        guard points.count == list.entries.count, (2...101).contains(points.count), let first = points.first,
              (-1_000_000...1_000_000).contains(first), points == Array(first..<(first + points.count)) else { return nil }
        var labels: [Int: LocalizedText] = [:]
        for (point, entry) in zip(points, list.entries) where !entry.label.values.values.allSatisfy({ $0 == String(point) }) {
            labels[point] = entry.label
        }
        return ScaleRange(min: first, max: points.last!, labels: labels)
    }

    /// `constraint` as the bounds or selection counts of `question`, whose XLSForm name is `name`.
    mutating func apply(constraint: String, named name: String, to question: inout Question, at location: SourceLocation) {
        switch question.type {
        case .number:
            switch XLSFormCondition.bounds(constraint, integer: question.bounds.integer, name: name) {
            case .success(let range) where range.min.map { low in range.max.map { low <= $0 } ?? true } ?? true:
                question.bounds.min = range.min
                question.bounds.max = range.max
            case .success:
                notes.warning("constraint '\(constraint)' allows no number; '\(question.id)' takes any number", at: location)
            case .failure(let reason):
                notes.warning("\(reason.reason); '\(question.id)' takes any number", at: location)
            }
        case .multipleChoice:
            switch XLSFormCondition.selectionCounts(constraint, name: name) {
            case .success(let counts):
                let available = question.choices.count + (question.allowsOther ? 1 : 0)
                let fits = (counts.max.map { $0 >= 1 && $0 <= available } ?? true)
                    && (counts.min.map { low in low <= available && counts.max.map { low <= $0 } ?? true } ?? true)
                guard fits else {
                    notes.warning("constraint '\(constraint)' does not fit the \(available) choices of '\(question.id)'; it takes any number of choices", at: location)
                    return
                }
                question.minSelected = counts.min.flatMap { $0 > 0 ? $0 : nil }
                question.maxSelected = counts.max
            case .failure(let reason):
                notes.warning("\(reason.reason); '\(question.id)' takes any number of choices", at: location)
            }
        default:
            notes.warning("constraint '\(constraint)' is not converted: Samla checks only number ranges and how many choices are picked", at: location)
        }
    }

    /// The list name a question keeps as `list`: nil when it is the question's own name (how
    /// export-form names a list of one question), the name without the '_' export-form puts before
    /// a leading digit, and nil (listed) for a name Samla's list names cannot hold.
    mutating func keptListName(_ listName: String, questionName: String, at location: SourceLocation) -> String? {
        guard listName != questionName else { return nil }
        let unprefixed = String(listName.dropFirst())
        if listName.hasPrefix("_"), XLSFormVocabulary.name(ofQuestion: unprefixed) == listName, Identifiers.isChoiceID(unprefixed) {
            return unprefixed
        }
        guard Identifiers.isChoiceID(listName) else {
            notes.warning("list name '\(listName)' is not kept (list names are letters, digits, '-' and '_'); '\(questionName)' gets a list of its own on export",
                          at: location)
            return nil
        }
        return listName
    }

    /// Questions that share an XLSForm list but came out with different choices (`or_other` on one,
    /// a `NAME_other` question beside another) each keep a list of their own: Samla's shared `list`
    /// states the same choices.
    mutating func separateDifferingLists() {
        var separated = true
        while separated {
            separated = false
            var first: [String: Question] = [:]
            for question in questions where question.type.hasChoices || question.type == .scale {
                guard let earlier = first[question.listName] else {
                    first[question.listName] = question
                    continue
                }
                guard !question.hasSameList(as: earlier) else { continue }
                let shared = question.listName
                notes.warning("list '\(shared)' gives '\(earlier.id)' and '\(question.id)' different choices once converted; each keeps a list of its own",
                              at: SourceLocation(file: path, sheet: surveySheet.name))
                for index in questions.indices where questions[index].list != nil && questions[index].listName == shared {
                    questions[index].list = nil
                }
                separated = true
                break
            }
        }
    }

    /// The question's id: the XLSForm name when Samla's id rules allow it (lowercase letters,
    /// digits, '-' and '_'), else the nearest such, listed.
    mutating func questionID(_ name: String, at location: SourceLocation) -> String {
        var id = name
        if name.hasPrefix("_"), XLSFormVocabulary.name(ofQuestion: String(name.dropFirst())) == name,
           Identifiers.isQuestionID(String(name.dropFirst())), !usedIDs.contains(String(name.dropFirst())) {
            // How export-form writes an id that starts with a digit.
            id = String(name.dropFirst())
            usedIDs.insert(id)
            return id
        }
        if !Identifiers.isQuestionID(name) {
            var out = ""
            for scalar in name.lowercased().unicodeScalars {
                let allowed = scalar.isASCII && (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
                out.unicodeScalars.append(allowed ? scalar : "-")
            }
            id = out.trimmingCharacters(in: CharacterSet(charactersIn: "-_"))
            if id.isEmpty { id = Identifiers.suggestID(from: name) }
        }
        var unique = id
        var suffix = 2
        while usedIDs.contains(unique) { unique = "\(id)-\(suffix)"; suffix += 1 }
        if unique != name {
            notes.warning("name '\(name)' becomes the id '\(unique)' (ids are lowercase letters, digits, '-' and '_')", at: location)
        }
        usedIDs.insert(unique)
        return unique
    }

    /// Columns Samla has no place for, each listed once with how many rows fill it.
    mutating func noteUnreadColumns() {
        let read: Set<String> = ["type", "name", "label", "hint", "required", "relevant", "constraint", "appearance",
                                 XLSFormVocabulary.personalColumn, "choice_filter", "parameters",
                                 // Listed with their rows: a calculate's formula, a repeat's count.
                                 "calculation", "repeat_count", "select_from_list_name"]
        noteUnreadColumns(of: surveySheet, reading: read)
        // A choice_filter's columns are covered by its own line.
        let filters = surveySheet.column("choice_filter").map { column in surveySheet.rows.map { surveySheet.value($0, column) }.joined(separator: " ") } ?? ""
        if let choicesSheet {
            let used = Set(choicesSheet.header.map { $0.lowercased() }.filter { !$0.isEmpty && filters.contains($0) })
            noteUnreadColumns(of: choicesSheet, reading: Set(["list_name", "list name", "name", "label"]).union(used))
        }
        noteUnreadColumns(of: settingsSheet, reading: ["form_title", "form_id", "default_language", "version"])
    }

    private mutating func noteUnreadColumns(of sheet: XLSFormSheet?, reading read: Set<String>) {
        guard let sheet else { return }
        for (index, title) in sheet.header.enumerated() where !title.isEmpty {
            let field = title.lowercased().components(separatedBy: ":").first!.trimmingCharacters(in: .whitespaces)
            // `$kuid`, `$autoname`, ...: KoboToolbox's own bookkeeping, nothing a respondent sees.
            guard !read.contains(field), !read.contains(title.lowercased()), !title.hasPrefix("$") else { continue }
            let filled = sheet.rows.filter { !sheet.value($0, index).isEmpty }
            guard let first = filled.first else { continue }
            notes.warning("column '\(title)' (\(filled.count) row\(filled.count == 1 ? "" : "s")) is not converted: Samla has no such setting",
                          at: sheet.location(file: path, row: first.number, column: index))
        }
    }

    /// `start=0 end=10 step=1` (spaces or semicolons between).
    static func parameters(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for part in text.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "," }) {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { values[pair[0].lowercased()] = String(pair[1]) }
        }
        return values
    }

    /// A text as one comment line: each language's, joined by " / ".
    private func commentText(_ text: LocalizedText?, fallback: String) -> String {
        guard let text else { return fallback }
        var seen: [String] = []
        for language in languages where !seen.contains(text.text(language)) { seen.append(text.text(language)) }
        return seen.joined(separator: " / ").replacingOccurrences(of: "\n", with: " ")
    }

    // MARK: The samla sheet

    func contactSection() -> ContactSection? {
        let rows = samlaRows.filter { $0.key.hasPrefix("contact.") }
        guard let consent = rows.first(where: { $0.key == "contact.consent" })?.value else { return nil }
        let parts = consent.split(separator: " ").map(String.init)
        guard parts.count == 3, let question = questions.first(where: { $0.id == parts[0] }) else { return nil }
        let test: Condition.Test = parts[1] == "equals" ? .equals(parts[2]) : .includes(parts[2])
        var fields: [ContactSection.Field: String] = [:]
        var details: [String] = []
        for row in rows {
            let key = String(row.key.dropFirst("contact.".count))
            if let field = ContactSection.Field(rawValue: key) { fields[field] = row.value }
            if key == "details" { details = row.value.split(separator: " ").map(String.init) }
        }
        return ContactSection(consent: Condition(question: question.id, test: test), fields: fields, details: details)
    }
}
