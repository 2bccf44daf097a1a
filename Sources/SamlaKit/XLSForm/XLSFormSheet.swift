import Foundation
import XLSXReader

/// One sheet of an XLSForm (`survey`, `choices`, `settings`): its header row and the rows under
/// it, each with its row number in the sheet, so that what is not converted can be named by cell.
struct XLSFormSheet {
    /// The name as the workbook spells it (`Survey` and `survey` are both found).
    var name: String
    /// Column names as written, trimmed (`label::Svenska (sv)`).
    var header: [String]
    var rows: [XLSXRow]

    /// The column called `name`, ignoring case and spaces around `::`.
    func column(_ name: String) -> Int? {
        let wanted = Self.key(name)
        return header.firstIndex { Self.key($0) == wanted }
    }

    /// `label`, `label::Svenska (sv)`, `label::en`, ...: the column's index and its language suffix
    /// (nil for the plain column). `label:English` with one colon is an older spelling pyxform read.
    func translatedColumns(_ field: String) -> [(index: Int, suffix: String?)] {
        header.enumerated().compactMap { index, title in
            let trimmed = title.trimmingCharacters(in: .whitespaces)
            if trimmed.lowercased() == field { return (index, nil) }
            for separator in ["::", ":"] where trimmed.lowercased().hasPrefix(field + separator) {
                let suffix = String(trimmed.dropFirst(field.count + separator.count)).trimmingCharacters(in: .whitespaces)
                return suffix.isEmpty ? nil : (index, suffix)
            }
            return nil
        }
    }

    /// The trimmed text of a cell; empty where the row has none.
    func value(_ row: XLSXRow, _ column: Int?) -> String {
        guard let column, column < row.cells.count else { return "" }
        return row.cells[column].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func key(_ name: String) -> String {
        name.lowercased().replacingOccurrences(of: " ", with: "")
    }

    /// The workbook's sheets an XLSForm needs, or nil when it is not one: a `survey` sheet whose
    /// header has `type` and `name`. The file's name plays no part.
    static func form(at path: String) throws -> (survey: XLSFormSheet, choices: XLSFormSheet?, settings: XLSFormSheet?, samla: XLSFormSheet?)? {
        let workbook = try XLSXWorkbook(url: URL(fileURLWithPath: path))
        func read(_ name: String) throws -> XLSFormSheet? {
            guard let info = workbook.sheets.first(where: { $0.name.trimmingCharacters(in: .whitespaces).lowercased() == name }) else { return nil }
            let reader = try workbook.rows(of: info, headerRows: 1)
            guard let headerRow = try reader.next() else { return XLSFormSheet(name: info.name, header: [], rows: []) }
            var rows: [XLSXRow] = []
            while let row = try reader.next() { rows.append(row) }
            return XLSFormSheet(name: info.name, header: headerRow.cells.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }, rows: rows)
        }
        guard let survey = try read(XLSFormVocabulary.surveySheet), survey.column("type") != nil, survey.column("name") != nil else {
            return nil
        }
        return (survey, try read(XLSFormVocabulary.choicesSheet), try read(XLSFormVocabulary.settingsSheet), try read(XLSFormVocabulary.samlaSheet))
    }

    /// Whether the file is a workbook holding an XLSForm (a damaged or foreign file is not). Only
    /// the `survey` sheet's first row is read, so asking costs little beside a large export.
    static func isForm(path: String) -> Bool {
        let url = URL(fileURLWithPath: path)
        guard XLSXWorkbook.looksLikeZip(url), let workbook = try? XLSXWorkbook(url: url),
              let info = workbook.sheets.first(where: { $0.name.trimmingCharacters(in: .whitespaces).lowercased() == XLSFormVocabulary.surveySheet }),
              let reader = try? workbook.rows(of: info, headerRows: 1), let header = try? reader.next() else { return false }
        let sheet = XLSFormSheet(name: info.name, header: header.cells.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }, rows: [])
        return sheet.column("type") != nil && sheet.column("name") != nil
    }

    /// Where a cell is, as Samla's messages name places in workbooks (`form.xlsx:survey!F12`).
    func location(file: String, row: Int, column: Int?) -> SourceLocation {
        SourceLocation(file: file, line: row, column: (column ?? 0) + 1, sheet: name)
    }
}

/// The names both directions agree on: the sheets, and what Samla adds to a form it writes so
/// that reading it back gives the same survey (Kobo and pyxform ignore sheets and columns they
/// do not know).
enum XLSFormVocabulary {
    static let surveySheet = "survey"
    static let choicesSheet = "choices"
    static let settingsSheet = "settings"
    /// Key/language/value rows for what XLSForm has no place for: the title in each language,
    /// the time zone, the contact section.
    static let samlaSheet = "samla"
    /// `yes` for a personal question.
    static let personalColumn = "samla_personal"
    /// The note Samla writes before the first personal question; read back, it is dropped (it is
    /// written again from the survey).
    static let privacyNoteName = "samla_privacy"
    /// The note holding the survey's description, first in the form.
    static let descriptionNoteName = "samla_description"
    /// A question id as an XLSForm name: XML names cannot start with a digit, so `1st` is `_1st`
    /// (read back as `1st` without a word).
    static func name(ofQuestion id: String) -> String {
        id.first?.isNumber == true ? "_" + id : id
    }

    /// In a label, `${name}` shows another answer. Samla's texts are shown as written, so a `${`
    /// that names no question of the form is written with a word joiner (U+2060, invisible) after
    /// the `$`, which pyxform then leaves alone, and read back without it.
    static func escapingReferences(_ text: String, names: Set<String>) -> String {
        guard text.contains("${") else { return text }
        var out = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            out += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            if let close = after.firstIndex(of: "}"), names.contains(String(after[..<close]).trimmingCharacters(in: .whitespaces)) {
                out += "${"
            } else {
                out += "$\u{2060}{"
            }
            rest = after
        }
        return out + rest
    }

    static func unescapingReferences(_ text: String) -> String {
        text.replacingOccurrences(of: "$\u{2060}{", with: "${")
    }

    /// The text question that holds a choice question's "other" answer, as Kobo names it.
    static func otherTextName(of question: String) -> String { question + "_other" }
    /// A select_one with this appearance and whole-number choices from min to max is a scale.
    static let scaleAppearance = "likert"
}
