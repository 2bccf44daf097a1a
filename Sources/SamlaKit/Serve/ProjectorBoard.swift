import Foundation

/// The projector's results, rendered on the server: the count, each closed question as SVG bars
/// (or only the one the host chose), and the free texts the host approved. Everything from the
/// survey or a respondent is escaped, so it arrives as text.
public struct ProjectorBoard: Sendable {
    public var survey: Survey
    public var summary: Summary
    public var state: WorkshopState.Snapshot
    public var language: String

    public init(survey: Survey, summary: Summary, state: WorkshopState.Snapshot, language: String? = nil) {
        self.survey = survey
        self.summary = summary
        self.state = state
        self.language = survey.language(language)
    }

    /// The inner HTML of the board (what each Server-Sent Event carries too).
    public func html() -> String {
        let ui = UIText(language: language)
        var out = "<p class=\"count\"><span class=\"count-number\" id=\"count\">\(summary.responses)</span> \(esc(ui.answerCount(summary.responses)))"
        if !state.isOpen { out += " · \(esc(ui.surveyClosed))" }
        out += "</p>"
        let questions = survey.projectorQuestions.filter { state.projectorQuestion == nil || $0.id == state.projectorQuestion }
        for question in questions {
            guard let figures = summary.question(question.id) else { continue }
            out += "<figure class=\"result\" data-question=\"\(esc(question.id))\"><figcaption>\(esc(question.text.text(language)))</figcaption>"
            out += bars(rows(figures, question: question, ui: ui))
            out += "</figure>"
        }
        let textQuestions = Set(survey.questions.filter { state.projectorQuestion == nil || $0.id == state.projectorQuestion }.map(\.id))
        let texts = state.approved.filter { textQuestions.contains($0.question) }
        if !texts.isEmpty {
            out += "<ul class=\"texts\">"
            for item in texts.suffix(12) {
                out += "<li>\(esc(item.text))</li>"
            }
            out += "</ul>"
        }
        return out
    }

    struct Row {
        var label: String
        var count: Int
        var share: Double
    }

    func rows(_ figures: QuestionSummary, question: Question, ui: UIText) -> [Row] {
        if question.type == .scale {
            return figures.distribution.map { point in
                Row(label: point.label.map { "\(point.value) \($0)" } ?? "\(point.value)", count: point.count, share: point.share)
            }
        }
        var rows = figures.choices.map { Row(label: $0.label, count: $0.count, share: $0.share) }
        if let other = figures.other { rows.append(Row(label: ui.other, count: other.count, share: other.share)) }
        return rows
    }

    /// Horizontal bars, the label above each bar and the count with its percent beside it.
    func bars(_ rows: [Row]) -> String {
        let width = 1000.0, rowHeight = 64.0, barTop = 30.0, barHeight = 26.0, barSpace = 800.0
        let height = Double(rows.count) * rowHeight + 4
        let largest = max(rows.map(\.share).max() ?? 0, 0.0001)
        var out = "<svg class=\"bars\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\">"
        for (index, row) in rows.enumerated() {
            let top = Double(index) * rowHeight
            let length = max(row.share / largest * barSpace, row.count > 0 ? 4 : 0)
            let percent = Int((row.share * 100).rounded())
            out += "<text class=\"bar-label\" x=\"0\" y=\"\(Int(top + 22))\">\(esc(row.label))</text>"
            out += "<rect class=\"bar\" x=\"0\" y=\"\(Int(top + barTop))\" width=\"\(Int(length))\" height=\"\(Int(barHeight))\" rx=\"4\"/>"
            out += "<text class=\"bar-count\" x=\"\(Int(length + 12))\" y=\"\(Int(top + barTop + 21))\">\(row.count) (\(percent) %)</text>"
        }
        return out + "</svg>"
    }

    /// The whole projector page around `board`: the QR code of the participant URL in a corner,
    /// and `live.js`, which swaps in the board each Server-Sent Event carries (without JavaScript
    /// the page reloads itself every five seconds).
    public static func page(survey: Survey, board: String, participantURL: String, qrSVG: String) -> String {
        let language = survey.defaultLanguage
        let ui = UIText(language: language)
        var out = PageShell.head(title: survey.title.text(language), language: language, script: "live.js", bodyClass: "projector",
                                 extraHead: "<noscript><meta http-equiv=\"refresh\" content=\"5\"></noscript>")
        out += "<header><h1>\(esc(survey.title.text(language)))</h1>"
        out += "<aside class=\"join\"><div class=\"qr\">\(qrSVG)</div><p>\(esc(ui.scanToAnswer))<br><span class=\"url\">\(esc(participantURL))</span></p></aside></header>"
        out += "<main id=\"board\" aria-live=\"polite\">\(board)</main></body></html>\n"
        return out
    }
}
