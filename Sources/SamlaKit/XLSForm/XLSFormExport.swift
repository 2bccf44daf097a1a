import Foundation
import XLSXWriter

/// `samla export-form SURVEY --xlsform FILE.xlsx`: the survey as an XLSForm that pyxform,
/// KoboToolbox and ODK Central accept. Each language is a `label::Name (code)` column; choice
/// questions get a list named after the question (choice ids are the names, so a Kobo export
/// imports back by name); a scale is a `likert` select_one of its points; `show_if` is `relevant`;
/// bounds and selection counts are `constraint`s; the survey's notes, its description and the
/// privacy note are `note` rows.
/// What XLSForm has no place for (the title in each language, the time zone, the contact section,
/// which questions are personal) goes in a `samla` sheet and a `samla_personal` column, which
/// form tools ignore and `samla draft` reads back: Samla → XLSForm → Samla gives the same survey.
public enum XLSFormExport {
    /// Writes under a temporary name and renames when complete, as every Samla output.
    public static func write(_ survey: Survey, to path: String) throws {
        try AtomicFile.write(to: path) { try writeWorkbook(survey, to: $0) }
    }

    private static func writeWorkbook(_ survey: Survey, to path: String) throws {
        let workbook = try Workbook(path: path, options: WorkbookOptions(constantMemory: false))
        let bold = try workbook.addFormat(CellStyle(bold: true))
        try writeSurveySheet(survey, workbook: workbook, bold: bold)
        try writeChoicesSheet(survey, workbook: workbook, bold: bold)
        try writeSettingsSheet(survey, workbook: workbook, bold: bold)
        try writeSamlaSheet(survey, workbook: workbook, bold: bold)
        try workbook.close()
    }

    /// A question's XLSForm name (and its list's): its id, with a '_' before one that starts with a
    /// digit, as XML names cannot.
    private static func name(_ id: String) -> String {
        XLSFormVocabulary.name(ofQuestion: id)
    }

    /// The column suffixes of the survey's languages, in its order (the first is the default).
    private static func labelColumns(_ field: String, _ survey: Survey) -> [String] {
        survey.languages.map { "\(field)::\(XLSFormLanguage.columnSuffix(for: $0))" }
    }

    /// A text in each language, a `${` that names no question of the form made inert.
    private static func texts(_ text: LocalizedText, _ survey: Survey) -> [String] {
        survey.languages.map { language in
            let written = text.text(language)
            guard written.contains("${") else { return written }
            return XLSFormVocabulary.escapingReferences(written, names: Set(survey.questions.map { name($0.id) }))
        }
    }

    private static func writeSurveySheet(_ survey: Survey, workbook: Workbook, bold: Format) throws {
        let sheet = try workbook.addWorksheet(name: XLSFormVocabulary.surveySheet)
        // Hint columns only when a question has a hint: a form without them stays as small as before.
        let hasHints = survey.items.contains { $0.hint != nil }
        let header = ["type", "name"] + labelColumns("label", survey) + (hasHints ? labelColumns("hint", survey) : [])
            + ["required", "relevant", "constraint", "appearance", XLSFormVocabulary.personalColumn]
        try sheet.writeRow(header, row: 0, format: bold)
        try sheet.freezePanes(row: 1, column: 0)
        try sheet.setColumnWidth(26, columns: 0...1)
        try sheet.setColumnWidth(44, columns: 2...(1 + survey.languages.count))
        var row = 1
        func add(type: String, name: String, label: LocalizedText, hint: LocalizedText? = nil, required: Bool = false, relevant: String = "",
                 constraint: String = "", appearance: String = "", personal: Bool = false) throws {
            let hints = hasHints ? hint.map { texts($0, survey) } ?? survey.languages.map { _ in "" } : []
            try sheet.writeRow([type, name] + texts(label, survey) + hints
                               + [required ? "yes" : "", relevant, constraint, appearance, personal ? "yes" : ""], row: row)
            row += 1
        }
        if let description = survey.description {
            try add(type: "note", name: XLSFormVocabulary.descriptionNoteName, label: description)
        }
        let personal = survey.questions.filter(\.personal)
        // Each section a group of its questions, labelled with its heading; `samla draft` makes
        // the label the first question's `section` again.
        let taken = Set(survey.items.map { name($0.id) })
        var groups = 0
        for item in survey.items {
            if let section = item.heading {
                if groups > 0 { try add(type: "end_group", name: "", label: LocalizedText([:])) }
                groups += 1
                var groupName = "section_\(groups)"
                while taken.contains(groupName) { groupName += "_" }
                try add(type: "begin_group", name: groupName, label: section)
            }
            guard case .question(let question) = item else {
                try add(type: "note", name: name(item.id), label: item.text, hint: item.hint,
                        relevant: item.showIf.map { XLSFormCondition.relevant($0, names: name) } ?? "")
                continue
            }
            if question.id == personal.first?.id {
                try add(type: "note", name: XLSFormVocabulary.privacyNoteName, label: privacyNote(personal, survey))
            }
            let type: String
            var appearance = ""
            switch question.type {
            case .singleChoice: type = "select_one \(name(question.listName))"
            case .multipleChoice: type = "select_multiple \(name(question.listName))"
            case .scale:
                type = "select_one \(name(question.listName))"
                appearance = XLSFormVocabulary.scaleAppearance
            case .number: type = question.bounds.integer ? "integer" : "decimal"
            case .text: type = "text"
            }
            try add(type: type, name: name(question.id), label: question.text, hint: question.hint, required: question.required,
                    relevant: question.showIf.map { XLSFormCondition.relevant($0, names: name) } ?? "",
                    constraint: XLSFormCondition.constraint(for: question) ?? "", appearance: appearance,
                    personal: question.personal)
            if question.allowsOther {
                // XLSForm's recommended "other" (or_other's choice and prompt cannot be translated):
                // an `other` choice and a text question NAME_other asked when it is chosen; Kobo
                // exports it as or_other, and `samla draft` reads it back as `other: true`.
                try add(type: "text", name: XLSFormVocabulary.otherTextName(of: name(question.id)), label: localized(survey) { $0.otherPrompt },
                        required: question.required,
                        relevant: XLSFormCondition.relevant(Condition(question: question.id, test: .includes(Question.otherID)), names: name),
                        personal: question.personal)
            }
        }
        if groups > 0 { try add(type: "end_group", name: "", label: LocalizedText([:])) }
    }

    /// One of Samla's own words in each of the survey's languages.
    private static func localized(_ survey: Survey, _ words: (UIText) -> String) -> LocalizedText {
        LocalizedText(Dictionary(uniqueKeysWithValues: survey.languages.map { ($0, words(UIText(language: $0))) }))
    }

    /// Which questions are personal, in each language, with their texts.
    private static func privacyNote(_ personal: [Question], _ survey: Survey) -> LocalizedText {
        var values: [String: String] = [:]
        for language in survey.languages {
            let words = UIText(language: language)
            let quoted = personal.map { "\"\($0.text.text(language))\"" }
            values[language] = words.privacyNote(questions: quoted)
        }
        return LocalizedText(values)
    }

    private static func writeChoicesSheet(_ survey: Survey, workbook: Workbook, bold: Format) throws {
        let sheet = try workbook.addWorksheet(name: XLSFormVocabulary.choicesSheet)
        try sheet.writeRow(["list_name", "name"] + labelColumns("label", survey), row: 0, format: bold)
        try sheet.freezePanes(row: 1, column: 0)
        try sheet.setColumnWidth(26, columns: 0...1)
        try sheet.setColumnWidth(44, columns: 2...(1 + survey.languages.count))
        var row = 1
        // A list several questions share (SurveyRules checks they state the same) is written once.
        var written: Set<String> = []
        for question in survey.questions
        where (question.type.hasChoices || question.type == .scale) && written.insert(question.listName).inserted {
            let list = name(question.listName)
            switch question.type {
            case .singleChoice, .multipleChoice:
                let other = question.allowsOther ? [Choice(id: Question.otherID, label: localized(survey) { $0.other })] : []
                for choice in question.choices + other {
                    try sheet.writeRow([list, choice.id] + texts(choice.label, survey), row: row)
                    row += 1
                }
            case .scale:
                guard let scale = question.scale else { continue }
                for point in scale.points {
                    let label = scale.labels[point] ?? LocalizedText(Dictionary(uniqueKeysWithValues: survey.languages.map { ($0, String(point)) }))
                    try sheet.writeRow([list, String(point)] + texts(label, survey), row: row)
                    row += 1
                }
            case .number, .text:
                continue
            }
        }
    }

    private static func writeSettingsSheet(_ survey: Survey, workbook: Workbook, bold: Format) throws {
        let sheet = try workbook.addWorksheet(name: XLSFormVocabulary.settingsSheet)
        try sheet.writeRow(["form_title", "form_id", "default_language"], row: 0, format: bold)
        try sheet.writeRow([survey.title.text(survey.defaultLanguage), survey.id, XLSFormLanguage.columnSuffix(for: survey.defaultLanguage)], row: 1)
        try sheet.setColumnWidth(30, columns: 0...2)
    }

    private static func writeSamlaSheet(_ survey: Survey, workbook: Workbook, bold: Format) throws {
        let sheet = try workbook.addWorksheet(name: XLSFormVocabulary.samlaSheet)
        try sheet.writeRow(["key", "language", "value"], row: 0, format: bold)
        try sheet.setColumnWidth(22, columns: 0...1)
        try sheet.setColumnWidth(60, column: 2)
        var rows: [[String]] = survey.languages.map { ["title", $0, survey.title.text($0)] }
        if let zone = survey.timeZoneName { rows.append(["time_zone", "", zone]) }
        if let contact = survey.contact {
            let test: String
            switch contact.consent.test {
            case .equals(let choice): test = "equals \(choice)"
            case .includes(let choice): test = "includes \(choice)"
            case .atLeast, .atMost: test = ""
            }
            if !test.isEmpty { rows.append(["contact.consent", "", "\(contact.consent.question) \(test)"]) }
            for field in ContactSection.Field.allCases {
                if let id = contact.fields[field] { rows.append(["contact.\(field.rawValue)", "", id]) }
            }
            if !contact.details.isEmpty { rows.append(["contact.details", "", contact.details.joined(separator: " ")]) }
        }
        for (offset, values) in rows.enumerated() {
            try sheet.writeRow(values, row: offset + 1)
        }
    }
}
