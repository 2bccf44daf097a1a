import CSVReader
import Foundation
import FreeText

/// A definition drafted from an export, ready to edit.
public struct SurveyDraft: Sendable {
    public var id: String
    public var language: String
    public var questionCount: Int
    /// The definition as YAML, with a comment on each guess.
    public var yaml: String
}

/// `samla draft`: for a researcher holding an export but no definition. Question texts come from
/// the header, choice lists from the distinct values (multiple choice recognised by the tool's
/// separator and by labels that recur inside cells, flag columns grouped back into one question),
/// scales from small whole-number ranges, then numbers, then free text; the tool's own columns
/// are left out.
public enum SurveyDrafter {
    public static func draft(path: String, language requested: String? = nil, options: ImportOptions = ImportOptions()) throws -> SurveyDraft {
        let opened = try OpenedExport.opening(path: path, options: options, survey: nil)
        let layout = opened.layout
        let header = opened.header
        let details = layout.details
        let exportColumns = opened.columns
        var columns = DraftColumns(columns: exportColumns)
        var profiles: [Int: ColumnProfile] = [:]
        var flagProfiles: [Int: FlagProfile] = [:]
        var languageVotes: [String: Int] = [:]
        // Sentences from the answers, for telling the language when the header is all codes.
        var languageSample: [String] = []
        var rows = 0
        for (position, source) in columns.sources.enumerated() {
            switch source {
            case .plain(let column, let otherText):
                profiles[column] = ColumnProfile()
                if let otherText { profiles[otherText] = ColumnProfile() }
            case .flags(_, let options, let otherText, _, _):
                flagProfiles[position] = FlagProfile(options: options.count)
                for option in options { profiles[option.column] = ColumnProfile() }
                if let otherText { profiles[otherText] = ColumnProfile() }
            }
        }
        let reader = opened.rows
        var problems = Diagnostics()
        while true {
            let stored = reader.problems.count
            guard let record = try reader.next() else { break }
            for problem in reader.problems[stored...] {
                problems.error(problem.message, at: SourceLocation(file: path, line: problem.line, column: problem.column), hint: problem.hint)
            }
            rows += 1
            let fields = record.fields
            func cell(_ column: Int) -> String { column < fields.count ? fields[column] : "" }
            for column in profiles.keys { profiles[column]!.add(cell(column)) }
            for (position, source) in columns.sources.enumerated() {
                guard case .flags(_, let options, _, let otherFlag, _) = source else { continue }
                for (index, option) in options.enumerated() {
                    let value = cell(option.column)
                    // SurveyMonkey writes the option's label into its column when chosen.
                    let on = details.optionCellsHoldLabels && !value.isEmpty && value == option.code ? true
                        : FlagProfile.isOn(value) ?? Self.localisedFlag(value)
                    switch on {
                    case true?: flagProfiles[position]!.chosen[index] += 1
                    case false?: break
                    case nil: flagProfiles[position]!.notFlags += 1
                    }
                }
                if let otherFlag, FlagProfile.isOn(cell(otherFlag)) == true { flagProfiles[position]!.otherChosen += 1 }
            }
            if let column = columns.languageColumn, !cell(column).isEmpty { languageVotes[cell(column), default: 0] += 1 }
            if languageSample.count < 300 {
                for column in profiles.keys where cell(column).contains(" ") && languageSample.count < 300 {
                    languageSample.append(cell(column))
                }
            }
        }
        // A draft from a broken file would carry the breakage into the definition.
        if problems.hasErrors { throw DiagnosticsError(problems) }
        if details.optionColumnsHeadedByLabel {
            columns.sources = labelHeadedGroups(columns.sources, header: header, profiles: profiles, flagProfiles: &flagProfiles)
        }
        // The text a person reads over a column: Qualtrics' second header row, else the header.
        func text(_ column: Int) -> String { exportColumns[column].texts.first ?? header[column] }

        let questionHeaders = columns.sources.map { source -> String in
            switch source {
            case .plain(let column, _): return text(column)
            case .flags(let stem, _, _, _, _): return stem
            }
        }
        let language = requested ?? guessLanguage(votes: languageVotes, texts: questionHeaders + languageSample, header: header)
        var ids = IDMaker()
        var questions: [DraftQuestion] = []
        for (position, source) in columns.sources.enumerated() {
            switch source {
            case .plain(let column, let otherText):
                var question = guessQuestion(header: text(column), profile: profiles[column]!, otherText: otherText.flatMap { profiles[$0] },
                                             layout: layout, ids: &ids, idSource: exportColumns[column].texts.isEmpty ? nil : header[column])
                if let otherText {
                    if question.isChoice {
                        question.allowsOther = true
                    } else {
                        // Only a choice has an "other": a comment beside a text or number is a question of its own.
                        questions.append(question)
                        question = guessQuestion(header: text(otherText), profile: profiles[otherText]!, otherText: nil, layout: layout, ids: &ids)
                    }
                }
                questions.append(question)
            case .flags(let stem, let options, let otherText, let otherFlag, _):
                let profile = flagProfiles[position]!
                if profile.notFlags > 0 {
                    // Not flags after all (a LimeSurvey array, say): each column is a question of its own.
                    for option in options {
                        questions.append(guessQuestion(header: text(option.column), profile: profiles[option.column]!,
                                                       otherText: nil, layout: layout, ids: &ids))
                    }
                    if let otherText {
                        questions.append(guessQuestion(header: text(otherText), profile: profiles[otherText]!, otherText: nil, layout: layout, ids: &ids))
                    }
                    continue
                }
                var choiceIDs = IDMaker()
                let labelled = details.optionCellsHoldLabels
                var question = DraftQuestion(
                    id: ids.questionID(from: stem), text: stem, kind: .multipleChoice,
                    note: labelled
                        ? "the \(options.count) option columns under '\(stem)' hold their label when chosen: one multiple choice"
                        : "the \(options.count) option columns \(stem)\(details.pathSeparator.map { "\($0)…" } ?? "[…]") hold flags: one multiple choice; labels are the tool's option codes, write the real ones")
                question.choices = options.map { (choiceIDs.choiceID(from: $0.code, isCode: true), $0.code) }
                question.allowsOther = otherText != nil || otherFlag != nil
                questions.append(question)
            }
        }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let id = IDMaker.shortened(Identifiers.suggestID(from: name), words: 6, length: 48)
        let yaml = DraftYAML(id: id, title: name, language: language, source: URL(fileURLWithPath: path).lastPathComponent,
                             layout: layout, rows: rows, questions: questions).text
        return SurveyDraft(id: id, language: language, questionCount: questions.count, yaml: yaml)
    }

    static func guessQuestion(header: String, profile: ColumnProfile, otherText: ColumnProfile?, layout: ExportLayout,
                              ids: inout IDMaker, idSource: String? = nil) -> DraftQuestion {
        let id = ids.questionID(from: idSource ?? header)
        func question(_ kind: DraftQuestion.Kind, _ note: String) -> DraftQuestion {
            DraftQuestion(id: id, text: header, kind: kind, note: note)
        }
        let answered = profile.answered
        if answered == 0 { return question(.text, "no answers in this file: guessed free text") }
        let key = TextKey.make(header)
        if profile.emailLike * 2 >= answered || key.contains("mail") || key.contains("epost") {
            var draft = question(.text, "e-mail addresses: free text, marked personal so anonymised exports leave it out")
            draft.personal = true
            return draft
        }
        if ["name", "namn", "fullname", "yourname", "dittnamn", "förnamn", "efternamn", "firstname", "lastname", "surname"].contains(where: { key == $0 || key.hasPrefix($0) }) {
            var draft = question(.text, "names: free text, marked personal so anonymised exports leave it out")
            draft.personal = true
            return draft
        }
        if let typed = typedText(profile, question: question) { return typed }
        if profile.numeric {
            let low = Int(profile.minimum), high = Int(profile.maximum)
            if profile.integers, profile.minimum >= 0, high - low <= 10, high > low, profile.distinct.count >= 2 {
                return question(.scale(min: low, max: high),
                                "\(answered) answers, all whole numbers from \(low) to \(high): a scale; widen it if the tool offered more points")
            }
            let range = "\(UIText.plain(profile.minimum)) to \(UIText.plain(profile.maximum))"
            let comma = profile.decimalCommas > 0 ? " (\(profile.decimalCommas) with a decimal comma)" : ""
            return question(.number(integer: profile.integers),
                            "\(answered) answers, all \(profile.integers ? "whole " : "")numbers from \(range)\(comma): a number question")
        }
        guard !profile.overflow else { return question(.text, "more than \(ColumnProfile.distinctLimit) different answers: free text") }
        let markers = layout.details.otherMarkers
        var distinct = profile.distinct
        var otherSeen = 0
        for marker in markers { otherSeen += distinct.removeValue(forKey: marker) ?? 0 }
        // "Other" in the main cell, its text in the column beside: the option is the question's other.
        if otherText?.answered ?? 0 > 0 {
            for label in distinct.keys where OtherWords.isOther(label) { otherSeen += distinct.removeValue(forKey: label) ?? 0 }
        }
        // Microsoft ends every multiple-choice cell with ';'; Google joins with ", "; Kobo with a space.
        let details = layout.details
        let trailing = (!details.separatorIsFixed || details.separators.first == ";") && profile.endsWithSemicolon * 2 >= answered
        let separator = details.separatorIsFixed ? details.separators.first ?? ", " : trailing ? ";" : ", "
        // Kobo writes option names (`yes`, `scale_up`) or, in a label export (headers are question
        // texts), the labels themselves; there a select_one's cell is one label, spaces and all.
        // A one-word header says nothing either way: names first, then labels.
        let koboLabels = layout == .kobo && header.contains(" ")
        let asNames = ChoiceGuess.guess(distinct, separator: koboLabels ? "\u{0}" : separator, trailingSeparator: trailing,
                                        idsOnly: details.choiceCellsAreIDsOnly && !koboLabels)
        let asLabels = asNames == nil && layout == .kobo && !koboLabels
            ? ChoiceGuess.guess(distinct, separator: "\u{0}", trailingSeparator: false, idsOnly: false) : nil
        guard let guessed = asNames ?? asLabels else {
            return question(.text, "\(profile.distinct.count) different answers among \(answered): free text")
        }
        var guess = guessed
        if otherText?.answered ?? 0 > 0 {
            // "Other" among the chosen labels, its text in the column beside: that is the question's other.
            let before = guess.labels.count
            guess.labels.removeAll { OtherWords.isOther($0.label) }
            if guess.labels.count < before { otherSeen += 1 }
        }
        if let scale = guess.scale, guess.labels.count > 0 {
            let points = scale.labels.count
            let listed = scale.labels.joined(separator: " … ")
            if scale.extras.isEmpty && otherSeen == 0 && (otherText?.answered ?? 0) == 0 {
                // A scale keeps the points' order in every figure (median, mean, charts) and still
                // imports the labels, which the scale's labels match.
                var draft = question(.scale(min: 1, max: points),
                                     "\(answered) answers from the \(scale.scale.family) scale \(listed): a scale of \(points) points with these labels")
                draft.scaleLabels = scale.labels
                return draft
            }
            // Answers off the scale ("Don't know") cannot be a scale point: a single choice in
            // scale order keeps every answer importable.
            var choiceIDs = IDMaker()
            var draft = question(.singleChoice, "\(answered) answers from the \(scale.scale.family) scale \(listed), and \(scale.extras.map { "'\($0)'" }.joined(separator: ", ")) off it: a single choice in scale order, so every answer imports")
            draft.choices = guess.labels.map { (choiceIDs.choiceID(from: $0.label, isCode: false), $0.label) }
            draft.allowsOther = otherSeen > 0 || otherText?.answered ?? 0 > 0
            return draft
        }
        var choiceIDs = IDMaker()
        var draft = question(guess.isMultiple ? .multipleChoice : .singleChoice, "")
        draft.choices = guess.labels.map { (choiceIDs.choiceID(from: $0.label, isCode: details.choicesAreCodes), $0.label) }
        draft.allowsOther = otherSeen > 0 || otherText?.answered ?? 0 > 0
        let listed = guess.labels.prefix(3).map { "'\($0.label)' \($0.count)" }.joined(separator: ", ")
        draft.note = guess.isMultiple
            ? "cells hold several of \(guess.labels.count) recurring labels (joined by \"\(separator)\"): a multiple choice; most chosen: \(listed)"
            : "\(guess.labels.count) different answers recur among \(answered): a single choice; most chosen: \(listed); rare ones may be 'other' answers"
        if draft.allowsOther { draft.note += "; the tool marked 'other' answers, so other: true" }
        if guess.mergedSpellings > 0 { draft.note += "; spellings differing only in case or spaces are one choice" }
        return draft
    }

    /// Yes and no as full-answer exports write them in option columns (LimeSurvey in German, Spanish, ...).
    static func localisedFlag(_ cell: String) -> Bool? {
        switch cell.trimmingCharacters(in: .whitespaces) {
        case "Ja", "ja", "Sí", "sí", "Si", "Oui", "oui": return true
        case "Nein", "nein", "Nej", "nej", "Non", "non": return false
        default: return nil
        }
    }

    /// Typeform heads a multiple choice's option columns by their labels, each cell holding its
    /// column's label when chosen: runs of such columns (with an `Other` column after them) become
    /// one multiple choice. The question's own text is nowhere in the file.
    static func labelHeadedGroups(_ sources: [DraftColumns.Source], header: [String], profiles: [Int: ColumnProfile],
                                  flagProfiles: inout [Int: FlagProfile]) -> [DraftColumns.Source] {
        func holdsItsLabel(_ column: Int) -> Bool? {
            guard let profile = profiles[column] else { return false }
            if profile.answered == 0 { return nil }
            return profile.distinct.count == 1 && profile.distinct.keys.first?.trimmingCharacters(in: .whitespaces) == header[column]
        }
        var result: [DraftColumns.Source] = []
        var newProfiles: [Int: FlagProfile] = [:]
        var position = 0
        while position < sources.count {
            guard case .plain(let column, _) = sources[position], holdsItsLabel(column) == true else {
                if let profile = flagProfiles[position] { newProfiles[result.count] = profile }
                result.append(sources[position])
                position += 1
                continue
            }
            // Extend over label columns, and over unanswered ones followed by more.
            var lastLabelled = position
            var probe = position + 1
            while probe < sources.count, case .plain(let next, _) = sources[probe], holdsItsLabel(next) != false {
                // An `Other` column ends the run it belongs to.
                if case .plain(_, let text) = sources[probe - 1], text != nil { break }
                if holdsItsLabel(next) == true { lastLabelled = probe }
                probe += 1
            }
            let end = lastLabelled
            var otherText: Int?
            if case .plain(_, let text) = sources[end] { otherText = text }
            if end == position && otherText == nil {
                result.append(sources[position])
                position += 1
                continue
            }
            var options: [(column: Int, code: String)] = []
            var chosen: [Int] = []
            for index in position...end {
                guard case .plain(let column, _) = sources[index] else { continue }
                options.append((column, header[column]))
                chosen.append(profiles[column]?.answered ?? 0)
            }
            var profile = FlagProfile(options: options.count)
            profile.chosen = chosen
            newProfiles[result.count] = profile
            result.append(.flags(stem: options.map(\.code).joined(separator: " / "), options: options, otherText: otherText, otherFlag: nil, summary: nil))
            position = end + 1
        }
        flagProfiles = newProfiles
        return result
    }

    /// Columns of dates, times of day or codes: text, since the format has no date type and a
    /// number would drop a code's leading zeros and an address's dots; the note says what was seen.
    static func typedText(_ profile: ColumnProfile, question: (DraftQuestion.Kind, String) -> DraftQuestion) -> DraftQuestion? {
        let answered = profile.answered
        let dates = profile.dates
        if dates.dates == answered {
            let order: String
            if dates.yearFirst == dates.dates {
                order = "year first"
            } else if dates.firstOver12 > 0 && dates.secondOver12 > 0 {
                order = "in both day-month orders"
            } else if dates.firstOver12 > 0 || dates.dotted > 0 {
                order = "day first"
            } else if dates.secondOver12 > 0 {
                order = "month first"
            } else {
                order = "day or month first, undecided by the values"
            }
            let what = dates.withTime == answered ? "dates with times" : "dates"
            return question(.text, "\(answered) answers, all \(what) (\(order)): free text, kept as written (the format has no date type)")
        }
        if profile.times == answered {
            return question(.text, "\(answered) answers, all times of day: free text, kept as written")
        }
        if profile.codes > 0, profile.codes + profile.numbers == answered {
            return question(.text, "\(answered) answers written in digits, \(profile.codes) of them codes (leading zeros, IP addresses, phone numbers or dotted dates): free text, so they stay as written")
        }
        return nil
    }

    /// The export's language: as the tool recorded it, else as its question texts and answers
    /// read, else as its own column names say.
    static func guessLanguage(votes: [String: Int], texts: [String], header: [String]) -> String {
        if let (code, _) = votes.max(by: { $0.value < $1.value }), Identifiers.isLanguageCode(code) { return code }
        if let guessed = LanguageIdentifier().guess(texts.joined(separator: ". ")).language { return guessed }
        let keys = Set(header.map(TextKey.make))
        if !keys.isDisjoint(with: ["tidstämpel", "starttid", "sluttid", "epostadress", "namn"]) { return "sv" }
        return "en"
    }
}

private extension DraftQuestion {
    var isChoice: Bool {
        switch kind {
        case .singleChoice, .multipleChoice: return true
        default: return false
        }
    }
}
