import Foundation

extension SummaryFilters {
    /// Reads `--where QUESTION=CHOICE` (repeatable), `--session NAME` (repeatable) and `--by QUESTION`
    /// against a survey, reporting every mistake at once with a suggestion for each.
    ///
    /// A choice may be named by its id or, when unambiguous, by its label in any of the survey's
    /// languages (`role=Kommun`), since hosts read labels in the terminal view; `other` names the
    /// free-text answer of a question that allows one.
    public static func parse(survey: Survey, where conditions: [String] = [], sessions: [String] = [],
                             by groupBy: String? = nil) throws(DiagnosticsError) -> SummaryFilters {
        var diagnostics = Diagnostics()
        var parsed: [FilterCondition] = []
        for argument in conditions {
            if let condition = parseCondition(argument, survey: survey, into: &diagnostics) {
                parsed.append(condition)
            }
        }
        var byID: String?
        if let groupBy {
            byID = parseGroupBy(groupBy, survey: survey, into: &diagnostics)
        }
        if diagnostics.hasErrors { throw DiagnosticsError(diagnostics) }
        return SummaryFilters(sessions: sessions, conditions: parsed, groupBy: byID)
    }

    /// Checks filters built in code (not parsed from arguments) against the survey.
    public func check(against survey: Survey) throws(DiagnosticsError) {
        _ = try Self.parse(survey: survey, where: conditions.map { "\($0.question)=\($0.choice)" },
                           sessions: sessions, by: groupBy)
    }

    /// Checks `--session` names against the sessions the store has (nil: responses without one),
    /// suggesting the nearest and listing them all.
    public static func checkSessions(_ sessions: [String], known: [String?]) throws(DiagnosticsError) {
        let names = known.compactMap { $0 }
        var diagnostics = Diagnostics()
        for session in sessions where !names.contains(session) {
            let suggestion = NearestMatch.suggestion(for: session, among: names).map { "did you mean '\($0)'? " } ?? ""
            let list = names.isEmpty ? "the store has no named sessions for this survey"
                : "known sessions: " + names.map { "'\($0)'" }.joined(separator: ", ")
            diagnostics.error("no session '\(session)' in the store", at: SourceLocation(file: "--session \(session)"),
                              hint: suggestion + list + " (samla sessions SURVEY lists them)")
        }
        if diagnostics.hasErrors { throw DiagnosticsError(diagnostics) }
    }

    private static func parseCondition(_ argument: String, survey: Survey, into diagnostics: inout Diagnostics) -> FilterCondition? {
        let location = SourceLocation(file: "--where \(argument)")
        guard let equals = argument.firstIndex(of: "=") else {
            diagnostics.error("expected QUESTION=CHOICE", at: location, hint: "for example --where role=municipality")
            return nil
        }
        let questionID = String(argument[..<equals]).trimmingCharacters(in: .whitespaces)
        let choiceText = String(argument[argument.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        guard let question = knownQuestion(questionID, survey: survey, at: location, into: &diagnostics) else { return nil }
        guard question.type.hasChoices else {
            diagnostics.error("'\(question.id)' is a \(question.type.rawValue) question; --where takes a single- or multiple-choice question",
                              at: location, hint: "choice questions: \(choiceQuestionIDs(survey, single: false))")
            return nil
        }
        if let choice = question.choices.first(where: { $0.id == choiceText }) {
            return FilterCondition(question: question.id, choice: choice.id)
        }
        if question.allowsOther, choiceText == Question.otherID {
            return FilterCondition(question: question.id, choice: Question.otherID)
        }
        let byLabel = question.choices.filter { choice in
            choice.label.values.values.contains { $0.compare(choiceText, options: [.caseInsensitive]) == .orderedSame }
        }
        if byLabel.count == 1 {
            return FilterCondition(question: question.id, choice: byLabel[0].id)
        }
        var names = question.choices.map(\.id)
        if question.allowsOther { names.append(Question.otherID) }
        let hint = NearestMatch.suggestion(for: choiceText, among: names).map { "did you mean '\($0)'? " } ?? ""
        diagnostics.error("'\(choiceText)' is not a choice of '\(question.id)'", at: location,
                          hint: hint + "its choices are: \(names.joined(separator: ", "))")
        return nil
    }

    private static func parseGroupBy(_ id: String, survey: Survey, into diagnostics: inout Diagnostics) -> String? {
        let location = SourceLocation(file: "--by \(id)")
        if id == sessionGroup, survey.question(id) == nil { return id }
        guard let question = knownQuestion(id, survey: survey, at: location, into: &diagnostics) else { return nil }
        guard question.type.hasChoices else {
            diagnostics.error("'\(question.id)' is a \(question.type.rawValue) question; --by groups by a choice question or by session",
                              at: location, hint: "choice questions: \(choiceQuestionIDs(survey, single: false)), or session")
            return nil
        }
        return question.id
    }

    private static func knownQuestion(_ id: String, survey: Survey, at location: SourceLocation,
                                      into diagnostics: inout Diagnostics) -> Question? {
        if let question = survey.question(id) { return question }
        let ids = survey.questions.map(\.id)
        let suggestion = NearestMatch.suggestion(for: id, among: ids).map { "did you mean '\($0)'? " } ?? ""
        let hint = suggestion + "the survey's questions are: \(ids.joined(separator: ", "))"
        let note = survey.note(id) == nil ? "" : " (it is a note: it has no answers)"
        diagnostics.error("'\(id)' is not a question of '\(survey.id)'\(note)", at: location, hint: hint)
        return nil
    }

    private static func choiceQuestionIDs(_ survey: Survey, single: Bool) -> String {
        let ids = survey.questions.filter { single ? $0.type == .singleChoice : $0.type.hasChoices }.map(\.id)
        return ids.isEmpty ? "none" : ids.joined(separator: ", ")
    }
}
