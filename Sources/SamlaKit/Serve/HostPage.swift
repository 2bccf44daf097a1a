import Foundation

/// The host's page: the count, open and close, what the projector shows, and the free texts to
/// approve or hide. Every action is a form that posts the host key back; without it the server
/// refuses the action.
public struct HostPage: Sendable {
    public var survey: Survey
    public var state: WorkshopState.Snapshot
    public var responses: Int
    /// Free texts received, newest first.
    public var freeTexts: [FreeTextItem]
    public var key: String
    public var language: String

    public init(survey: Survey, state: WorkshopState.Snapshot, responses: Int, freeTexts: [FreeTextItem], key: String, language: String? = nil) {
        self.survey = survey
        self.state = state
        self.responses = responses
        self.freeTexts = freeTexts
        self.key = key
        self.language = survey.language(language)
    }

    public func html() -> String {
        let ui = UIText(language: language)
        var out = PageShell.head(title: "\(ui.hostTitle): \(survey.title.text(language))", language: language, script: nil, bodyClass: "host")
        out += "<main><h1>\(esc(ui.hostTitle)): \(esc(survey.title.text(language)))</h1>"
        out += "<p class=\"count\"><span id=\"count\">\(responses)</span> \(esc(ui.answerCount(responses)))</p>"
        out += "<p class=\"state\">\(esc(state.isOpen ? ui.surveyIsOpen : ui.surveyClosed))</p>"
        out += action(state.isOpen ? "close" : "open", label: state.isOpen ? ui.closeSurvey : ui.openSurvey)

        out += "<h2>\(esc(ui.showOnProjector))</h2>"
        out += "<form method=\"post\" action=\"/host/show\">\(keyField)<label for=\"show-question\">\(esc(ui.showOnProjector))</label>"
        out += "<select id=\"show-question\" name=\"question\"><option value=\"\">\(esc(ui.allQuestions))</option>"
        for question in survey.questions where !question.personal {
            let selected = state.projectorQuestion == question.id ? " selected" : ""
            out += "<option value=\"\(esc(question.id))\"\(selected)>\(esc(question.text.text(language)))</option>"
        }
        out += "</select><button type=\"submit\">\(esc(ui.showOnProjector))</button></form>"
        out += action("next", label: ui.nextQuestion)

        out += "<h2>\(esc(ui.freeTextAnswers))</h2>"
        if freeTexts.isEmpty { out += "<p>\(esc(ui.noFreeText))</p>" }
        out += "<ul class=\"moderation\">"
        for item in freeTexts {
            let approved = state.approved.contains(item)
            out += "<li class=\"\(approved ? "approved" : state.hidden.contains(item) ? "hidden-text" : "pending")\">"
            out += "<span class=\"question-id\">\(esc(survey.question(item.question)?.text.text(language) ?? item.question))</span>"
            out += "<q>\(esc(item.text))</q>"
            if approved { out += " <em>(\(esc(ui.approved)))</em>" }
            let fields = "<input type=\"hidden\" name=\"question\" value=\"\(esc(item.question))\"><input type=\"hidden\" name=\"text\" value=\"\(esc(item.text))\">"
            out += "<form method=\"post\" action=\"/host/\(approved ? "hide" : "approve")\">\(keyField)\(fields)<button type=\"submit\">\(esc(approved ? ui.hide : ui.approve))</button></form>"
            out += "</li>"
        }
        out += "</ul><p><a href=\"/live\">/live</a></p></main></body></html>\n"
        return out
    }

    private var keyField: String {
        "<input type=\"hidden\" name=\"key\" value=\"\(esc(key))\">"
    }

    private func action(_ name: String, label: String) -> String {
        "<form method=\"post\" action=\"/host/\(name)\">\(keyField)<button type=\"submit\">\(esc(label))</button></form>"
    }
}
