import Foundation
import WebText

/// The participant's form, rendered on the server from the survey: every question type as
/// native controls in a fieldset with its legend, errors beside their question, the survey's
/// languages as buttons that keep the answers, and `show_if` decided here (a question the
/// answers so far hide is rendered `hidden`; without JavaScript "Update" re-renders, with it
/// `form.js` shows and hides at once from each question's `data-show-if`, the condition as JSON).
/// Notes are text blocks among the questions, shown and hidden by the same rule, with no input.
public struct ParticipantPage: Sendable {
    /// Form field names: a question's value(s), and its "Other" text.
    public static func valueField(_ question: String) -> String { "a:" + question }
    public static func otherField(_ question: String) -> String { "o:" + question }
    public static let responseIDField = "response_id"
    public static let languageField = "lang"
    public static let shownField = "shown"
    public static let actionField = "action"

    public var survey: Survey
    public var language: String
    public var responseID: UUID
    public var submitted: [String: SubmittedAnswer]
    public var problems: [SubmissionProblem]
    /// A line above the form (new questions appeared).
    public var notice: String?

    public init(survey: Survey, language: String?, responseID: UUID, submitted: [String: SubmittedAnswer] = [:],
                problems: [SubmissionProblem] = [], notice: String? = nil) {
        self.survey = survey
        self.language = survey.language(language)
        self.responseID = responseID
        self.submitted = submitted
        self.problems = problems
        self.notice = notice
    }

    /// The ids of the questions the answers so far show, in survey order.
    public static func shownQuestions(_ survey: Survey, answers: Answers) -> [String] {
        survey.questions.filter { survey.isShown($0, given: answers) }.map(\.id)
    }

    public func html() -> String {
        let ui = UIText(language: language)
        let answers = SubmissionJudge(survey: survey).validAnswers(submitted, language: language)
        let shown = Set(Self.shownQuestions(survey, answers: answers))
        let shownItems = shown.union(survey.notes.filter { survey.isShown($0, given: answers) }.map(\.id))
        var out = PageShell.head(title: survey.title.text(language), language: language, script: "form.js", bodyClass: "participant")
        out += "<main>"
        out += "<h1>\(esc(survey.title.text(language)))</h1>"
        if let description = survey.description {
            out += "<p class=\"description\">\(esc(description.text(language)))</p>"
        }
        out += "<form method=\"post\" action=\"/\" novalidate>"
        if survey.languages.count > 1 {
            out += "<div class=\"languages\" role=\"group\" aria-label=\"\(esc(ui.languageSwitch))\">"
            for code in survey.languages {
                let current = code == language ? " aria-current=\"true\"" : ""
                out += "<button type=\"submit\" name=\"\(Self.actionField)\" value=\"lang:\(esc(code))\" lang=\"\(esc(code))\"\(current)>\(esc(LanguageNames.name(of: code)))</button>"
            }
            out += "</div>"
        }
        out += "<p class=\"privacy\">\(esc(ui.privacyNote))</p>"
        if let notice {
            out += "<p class=\"notice\" role=\"status\">\(esc(notice))</p>"
        }
        let general = problems.filter { $0.question == nil || survey.question($0.question!) == nil }
        if !problems.isEmpty {
            out += "<div class=\"error-summary\" role=\"alert\"><p>\(esc(ui.fixTheErrors))</p>"
            for problem in general { out += "<p>\(esc(problem.message))</p>" }
            out += "</div>"
        }
        out += hidden(Self.responseIDField, UUIDText.format(responseID).lowercased())
        out += hidden(Self.languageField, language)
        out += hidden(Self.shownField, survey.questions.map(\.id).filter(shown.contains).joined(separator: " "))
        let items = survey.items
        var number = 0
        for (index, item) in items.enumerated() {
            if let section = item.heading {
                // The heading shows while any question or note of its section does (form.js keeps that so).
                var members = [item.id]
                for later in items[(index + 1)...] {
                    if later.heading != nil { break }
                    members.append(later.id)
                }
                let hiddenAttribute = members.contains(where: shownItems.contains) ? "" : " hidden"
                out += "<h2 class=\"section\" data-questions=\"\(esc(members.joined(separator: " ")))\"\(hiddenAttribute)>"
                out += esc(section.text(language)) + "</h2>"
            }
            switch item {
            case .question(let question):
                number += 1
                out += fieldset(question, number: number, shown: shown.contains(question.id), ui: ui)
            case .note(let note):
                out += noteBlock(note, shown: shownItems.contains(note.id))
            }
        }
        let hasConditions = items.contains { $0.showIf != nil }
        out += "<div class=\"actions\">"
        if hasConditions {
            // Only without JavaScript: form.js removes it and shows and hides questions itself.
            out += "<p class=\"no-js-hint\">\(esc(ui.updateQuestionsHint))</p>"
            out += "<button type=\"submit\" class=\"update\" name=\"\(Self.actionField)\" value=\"update\">\(esc(ui.updateQuestions))</button>"
        }
        out += "<button type=\"submit\" class=\"send\" name=\"\(Self.actionField)\" value=\"send\">\(esc(ui.send))</button>"
        out += "</div></form></main></body></html>\n"
        return out
    }

    /// A note: its text a paragraph a line, escaped like every text on the page; no input, so
    /// nothing of it is sent.
    private func noteBlock(_ note: Note, shown: Bool) -> String {
        var attributes = "class=\"note\" id=\"n-\(esc(note.id))\" data-note=\"\(esc(note.id))\""
        if let showIf = note.showIf {
            attributes += " data-show-if=\"\(esc(Self.conditionJSON(showIf)))\""
        }
        if !shown { attributes += " hidden" }
        var out = "<div \(attributes)>"
        for paragraph in note.text.text(language).split(separator: "\n") {
            out += "<p class=\"note-text\">\(esc(String(paragraph)))</p>"
        }
        if let hint = note.hint { out += "<p class=\"question-hint\">\(esc(hint.text(language)))</p>" }
        return out + "</div>"
    }

    private func fieldset(_ question: Question, number: Int, shown: Bool, ui: UIText) -> String {
        let id = question.id
        let problem = problems.first { $0.question == id }
        let sent = submitted[id] ?? SubmittedAnswer()
        var attributes = "class=\"question\(problem == nil ? "" : " has-error")\" id=\"q-\(esc(id))\" data-question=\"\(esc(id))\" data-type=\"\(question.type.rawValue)\""
        if let showIf = question.showIf {
            attributes += " data-show-if=\"\(esc(Self.conditionJSON(showIf)))\""
        }
        if !shown { attributes += " hidden" }
        let errorID = "e-\(id)"
        let described = problem == nil ? "" : " aria-describedby=\"\(esc(errorID))\" aria-invalid=\"true\""
        var out = "<fieldset \(attributes)>"
        out += "<legend id=\"l-\(esc(id))\"><span class=\"number\">\(number).</span> \(esc(question.text.text(language)))"
        if question.required { out += " <span class=\"required\">(\(esc(ui.required)))</span>" }
        out += "</legend>"
        if let hint = question.hint { out += "<p class=\"question-hint\">\(esc(hint.text(language)))</p>" }
        if let hint = hint(question, ui: ui) { out += "<p class=\"hint\">\(esc(hint))</p>" }
        if let problem {
            out += "<p class=\"error\" id=\"\(esc(errorID))\">\(esc(problem.message))</p>"
        }
        let name = Self.valueField(id)
        switch question.type {
        case .singleChoice, .multipleChoice:
            let kind = question.type == .singleChoice ? "radio" : "checkbox"
            for (index, choice) in question.choices.enumerated() {
                out += option(kind: kind, name: name, value: choice.id, label: choice.label.text(language),
                              id: "c-\(id)-\(index)", checked: sent.values.contains(choice.id), described: described)
            }
            if question.allowsOther {
                let otherID = "c-\(id)-other"
                out += option(kind: kind, name: name, value: Question.otherID, label: ui.other, id: otherID,
                              checked: sent.values.contains(Question.otherID), described: described)
                out += "<label class=\"other-text\" for=\"o-\(esc(id))\">\(esc(ui.otherPrompt))</label>"
                out += "<input type=\"text\" id=\"o-\(esc(id))\" name=\"\(esc(Self.otherField(id)))\" value=\"\(esc(sent.otherText ?? ""))\" maxlength=\"500\" autocomplete=\"off\">"
            }
        case .scale:
            let scale = question.scale ?? ScaleRange(min: 1, max: 5)
            out += "<div class=\"scale\">"
            for point in scale.points {
                let label = scale.labels[point].map { "\(point) \($0.text(language))" } ?? "\(point)"
                out += option(kind: "radio", name: name, value: String(point), label: label, id: "c-\(id)-\(point)",
                              checked: sent.values.first == String(point), described: described)
            }
            out += "</div>"
        case .number:
            out += "<input type=\"text\" inputmode=\"decimal\" id=\"i-\(esc(id))\" name=\"\(esc(name))\" value=\"\(esc(sent.values.first ?? ""))\" aria-labelledby=\"l-\(esc(id))\"\(described) autocomplete=\"off\">"
        case .text:
            let autocomplete = question.personal ? "on" : "off"
            out += "<textarea id=\"i-\(esc(id))\" name=\"\(esc(name))\" rows=\"3\" maxlength=\"4000\" aria-labelledby=\"l-\(esc(id))\"\(described) autocomplete=\"\(autocomplete)\">\(esc(sent.values.first ?? ""))</textarea>"
        }
        return out + "</fieldset>"
    }

    /// A `show_if` as `form.js` reads it, in the survey file's shape: `{"question": ID, "equals": ...}`
    /// (or includes, at_least, at_most), `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}`.
    static func conditionJSON(_ showIf: ShowIf) -> String {
        switch showIf {
        case .test(let condition):
            let test: String
            switch condition.test {
            case .equals(let id): test = "\"equals\":" + JSONString.quoted(id)
            case .includes(let id): test = "\"includes\":" + JSONString.quoted(id)
            case .atLeast(let bound): test = "\"at_least\":" + JSONText.format(bound)
            case .atMost(let bound): test = "\"at_most\":" + JSONText.format(bound)
            }
            return "{\"question\":" + JSONString.quoted(condition.question) + "," + test + "}"
        case .all(let parts): return "{\"all\":[" + parts.map(conditionJSON).joined(separator: ",") + "]}"
        case .any(let parts): return "{\"any\":[" + parts.map(conditionJSON).joined(separator: ",") + "]}"
        case .not(let part): return "{\"not\":" + conditionJSON(part) + "}"
        }
    }

    private func option(kind: String, name: String, value: String, label: String, id: String, checked: Bool, described: String) -> String {
        "<label class=\"option\" for=\"\(esc(id))\"><input type=\"\(kind)\" id=\"\(esc(id))\" name=\"\(esc(name))\" value=\"\(esc(value))\"\(checked ? " checked" : "")\(described)><span>\(esc(label))</span></label>"
    }

    private func hint(_ question: Question, ui: UIText) -> String? {
        switch question.type {
        case .multipleChoice:
            if let max = question.maxSelected { return ui.tooMany(max) }
            if let min = question.minSelected, min > 1 { return ui.tooFew(min) }
            return nil
        case .number:
            return ui.numberHint(integer: question.bounds.integer, min: question.bounds.min, max: question.bounds.max)
        default:
            return nil
        }
    }

    private func hidden(_ name: String, _ value: String) -> String {
        "<input type=\"hidden\" name=\"\(esc(name))\" value=\"\(esc(value))\">"
    }

    /// The page after a stored answer.
    public static func thanks(survey: Survey, language: String?) -> String {
        let language = survey.language(language)
        let ui = UIText(language: language)
        return PageShell.head(title: survey.title.text(language), language: language, script: nil, bodyClass: "participant")
            + "<main><h1>\(esc(survey.title.text(language)))</h1><p class=\"thanks\" role=\"status\">\(esc(ui.thanks))</p></main></body></html>\n"
    }

    /// The page while the host has the survey closed.
    public static func closed(survey: Survey, language: String?) -> String {
        let language = survey.language(language)
        let ui = UIText(language: language)
        return PageShell.head(title: survey.title.text(language), language: language, script: nil, bodyClass: "participant")
            + "<main><h1>\(esc(survey.title.text(language)))</h1><p class=\"closed\" role=\"status\">\(esc(ui.surveyClosed))</p></main></body></html>\n"
    }
}

/// The start of every page: one stylesheet and at most one script, both served by the binary.
enum PageShell {
    static func head(title: String, language: String, script: String?, bodyClass: String, extraHead: String = "") -> String {
        var out = "<!doctype html><html lang=\"\(esc(language))\"><head><meta charset=\"utf-8\">"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        out += "<title>\(esc(title))</title><link rel=\"stylesheet\" href=\"/assets/samla.css\">"
        if let script { out += "<script src=\"/assets/\(script)\" defer></script>" }
        out += extraHead
        out += "</head><body class=\"\(bodyClass)\">"
        return out
    }
}

/// Escapes text for HTML and SVG.
func esc(_ text: String) -> String {
    HTMLText.escaped(text)
}
