import Foundation

/// Rules that look across questions: unique ids, `show_if` pointing backwards at a fitting question,
/// selection limits that can be met.
enum SurveyRules {
    static func check(_ survey: Survey, locations: SurveyLocations, file: String) -> Diagnostics {
        var diagnostics = Diagnostics()
        let fallback = SourceLocation(file: file)

        for (id, places) in locations.questions where places.count > 1 {
            for place in places.dropFirst() {
                diagnostics.error("duplicate question id '\(id)'", at: place,
                                  hint: "first used at line \(places[0].line); question ids must be unique")
            }
        }
        for (key, places) in locations.choices where places.count > 1 {
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            for place in places.dropFirst() {
                diagnostics.error("duplicate choice id '\(parts.last ?? key)' in question '\(parts.first ?? "")'", at: place,
                                  hint: "first used at line \(places[0].line); choice ids must be unique within a question")
            }
        }

        var seen: [String: Question] = [:]
        var seenNotes: Set<String> = []
        for item in survey.items {
            let place = locations.questionNodes[item.id] ?? fallback
            guard case .question(let question) = item else {
                checkText(of: item, kind: "note", survey: survey, locations: locations, place: place, into: &diagnostics)
                checkShowIf(of: item, earlier: seen, notes: seenNotes, locations: locations, place: place, into: &diagnostics)
                seenNotes.insert(item.id)
                continue
            }
            if question.allowsOther, question.choice(Question.otherID) != nil {
                diagnostics.error("choice id 'other' in question '\(question.id)' clashes with 'other: true'",
                                  at: locations.choices["\(question.id)/other"]?.first ?? place,
                                  hint: "rename the choice, or drop it and keep 'other: true'")
            }
            checkText(of: item, kind: "question", survey: survey, locations: locations, place: place, into: &diagnostics)
            if question.type == .multipleChoice {
                checkSelectionLimits(question, locations: locations, place: place, into: &diagnostics)
            }
            if question.type == .number, let low = question.bounds.min, let high = question.bounds.max, low > high {
                diagnostics.error("question '\(question.id)' has min \(UIText.plain(low)) above max \(UIText.plain(high))",
                                  at: locations.fields["\(question.id).min"] ?? place)
            }
            checkShowIf(of: item, earlier: seen, notes: seenNotes, locations: locations, place: place, into: &diagnostics)
            if seen[question.id] == nil { seen[question.id] = question }
        }
        checkSharedLists(survey, locations: locations, fallback: fallback, into: &diagnostics)
        ContactRules.check(survey, locations: locations, file: file, into: &diagnostics)
        return diagnostics
    }

    private static func checkText(of item: SurveyItem, kind: String, survey: Survey, locations: SurveyLocations,
                                  place: SourceLocation, into diagnostics: inout Diagnostics) {
        for language in survey.languages {
            guard let text = item.text.values[language], text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
            diagnostics.error("the text of \(kind) '\(item.id)' is empty\(survey.languages.count > 1 ? " in '\(language)'" : "")",
                              at: locations.fields["\(item.id).text.\(language)"] ?? locations.fields["\(item.id).text"] ?? place,
                              hint: "write the \(kind) as the respondent should read it")
        }
    }

    /// Each test of a question's or note's `show_if` at its own line: on an earlier question, never a note.
    private static func checkShowIf(of item: SurveyItem, earlier: [String: Question], notes: Set<String>, locations: SurveyLocations,
                                    place: SourceLocation, into diagnostics: inout Diagnostics) {
        guard let showIf = item.showIf else { return }
        let whole = locations.conditions[item.id] ?? place
        let places = locations.conditionTests[item.id] ?? []
        for (index, condition) in showIf.tests.enumerated() {
            checkCondition(condition, of: item.id, earlier: earlier, notes: notes,
                           at: index < places.count ? places[index] : whole, into: &diagnostics)
        }
    }

    /// Questions that name one list (XLSForm writes it once) must state the same choices.
    private static func checkSharedLists(_ survey: Survey, locations: SurveyLocations, fallback: SourceLocation,
                                         into diagnostics: inout Diagnostics) {
        var first: [String: Question] = [:]
        for question in survey.questions where question.type.hasChoices || question.type == .scale {
            guard let earlier = first[question.listName] else {
                first[question.listName] = question
                continue
            }
            guard !question.hasSameList(as: earlier) else { continue }
            let place = locations.fields["\(question.id).list"] ?? locations.fields["\(earlier.id).list"]
                ?? locations.questionNodes[question.id] ?? fallback
            diagnostics.error("questions '\(earlier.id)' and '\(question.id)' both use the list '\(question.listName)' but state different choices",
                              at: place, hint: "give one of them another 'list' name, or the same choices")
        }
    }

    private static func checkSelectionLimits(
        _ question: Question, locations: SurveyLocations, place: SourceLocation, into diagnostics: inout Diagnostics
    ) {
        let available = question.choices.count + (question.allowsOther ? 1 : 0)
        if let maximum = question.maxSelected {
            let at = locations.fields["\(question.id).max_selected"] ?? place
            if maximum < 1 {
                diagnostics.error("max_selected of '\(question.id)' must be at least 1", at: at)
            } else if maximum > available {
                diagnostics.error("max_selected of '\(question.id)' is \(maximum) but there are only \(available) choices", at: at)
            }
        }
        if let minimum = question.minSelected {
            let at = locations.fields["\(question.id).min_selected"] ?? place
            if minimum > available {
                diagnostics.error("min_selected of '\(question.id)' is \(minimum) but there are only \(available) choices", at: at)
            }
            if let maximum = question.maxSelected, minimum > maximum {
                diagnostics.error("min_selected \(minimum) of '\(question.id)' is above max_selected \(maximum)", at: at)
            }
        }
    }

    private static func checkCondition(
        _ condition: Condition, of id: String, earlier: [String: Question], notes: Set<String>,
        at place: SourceLocation, into diagnostics: inout Diagnostics
    ) {
        guard let target = earlier[condition.question] else {
            if condition.question == id {
                diagnostics.error("'\(id)' cannot depend on itself in show_if", at: place)
            } else if notes.contains(condition.question) {
                diagnostics.error("show_if of '\(id)' points at '\(condition.question)', which is a note: a note has no answer to test",
                                  at: place, hint: "point at the question whose answer decides it")
            } else {
                let hint = NearestMatch.suggestion(for: condition.question, among: earlier.keys).map { "did you mean '\($0)'?" }
                    ?? "show_if may only point at a question that comes earlier"
                diagnostics.error("show_if of '\(id)' points at '\(condition.question)', which is not an earlier question",
                                  at: place, hint: hint)
            }
            return
        }
        func choiceExists(_ id: String) -> Bool {
            target.choice(id) != nil || (target.allowsOther && id == Question.otherID)
        }
        switch condition.test {
        case .equals(let id):
            guard target.type == .singleChoice else {
                return diagnostics.error("show_if 'equals' needs a single_choice question, but '\(target.id)' is \(target.type.rawValue)",
                                         at: place, hint: hint(for: target.type))
            }
            if !choiceExists(id) { unknownChoice(id, in: target, at: place, into: &diagnostics) }
        case .includes(let id):
            guard target.type == .multipleChoice else {
                return diagnostics.error("show_if 'includes' needs a multiple_choice question, but '\(target.id)' is \(target.type.rawValue)",
                                         at: place, hint: hint(for: target.type))
            }
            if !choiceExists(id) { unknownChoice(id, in: target, at: place, into: &diagnostics) }
        case .atLeast(let bound), .atMost(let bound):
            guard target.type.isNumeric else {
                return diagnostics.error("show_if 'at_least'/'at_most' needs a scale or number question, but '\(target.id)' is \(target.type.rawValue)",
                                         at: place, hint: hint(for: target.type))
            }
            if let scale = target.scale, !(Double(scale.min)...Double(scale.max)).contains(bound) {
                diagnostics.error("show_if bound \(bound) is outside the scale \(scale.min)–\(scale.max) of '\(target.id)'", at: place)
            }
        }
    }

    private static func unknownChoice(_ id: String, in target: Question, at place: SourceLocation, into diagnostics: inout Diagnostics) {
        let hint = NearestMatch.suggestion(for: id, among: target.choices.map(\.id)).map { "did you mean '\($0)'?" }
            ?? "its choices are: \(target.choices.map(\.id).joined(separator: ", "))"
        diagnostics.error("show_if names choice '\(id)', which question '\(target.id)' does not have", at: place, hint: hint)
    }

    private static func hint(for type: QuestionType) -> String {
        switch type {
        case .singleChoice: return "use 'equals: CHOICE' for a single_choice question"
        case .multipleChoice: return "use 'includes: CHOICE' for a multiple_choice question"
        case .scale, .number: return "use 'at_least: N' or 'at_most: N' for a \(type.rawValue) question"
        case .text: return "a text question cannot be a show_if condition"
        }
    }
}
