import Foundation
import Hummingbird
import QRCode
import SamlaKit
import WebServing
import WebText

/// `samla serve`'s handlers: plain async functions from a typed request to a response. They
/// turn HTTP into calls on the domain (`ParticipantPage`, `SubmissionJudge`, `GroupCommit`,
/// `ProjectorBoard`, `HostPage`, `WorkshopState`) and know nothing of how it is routed.
public struct ServeHandlers: Sendable {
    public let configuration: ServeConfiguration
    public let state: WorkshopState
    let writer: GroupCommit
    let feed: LiveFeed
    let judge: SubmissionJudge
    let qrSVG: String

    init(configuration: ServeConfiguration, state: WorkshopState, writer: GroupCommit, feed: LiveFeed) {
        self.configuration = configuration
        self.state = state
        self.writer = writer
        self.feed = feed
        judge = SubmissionJudge(survey: configuration.survey)
        qrSVG = (try? QRCode(configuration.participantURL).svg(title: configuration.participantURL)) ?? ""
    }

    var survey: Survey { configuration.survey }

    // MARK: Typed requests

    /// A participant's form as posted.
    public struct FormPost: Sendable {
        public var fields: FormFields

        /// The response id the form was loaded with; a fresh one when it is missing or garbled.
        var responseID: UUID {
            fields.value(ParticipantPage.responseIDField).flatMap(UUID.init(uuidString:)) ?? UUID()
        }
        var language: String? { fields.value(ParticipantPage.languageField) }
        var action: String { fields.value(ParticipantPage.actionField) ?? "send" }
        /// The questions the participant had in front of them.
        var shown: Set<String> { Set((fields.value(ParticipantPage.shownField) ?? "").split(separator: " ").map(String.init)) }

        func answers(for survey: Survey) -> [String: SubmittedAnswer] {
            var answers: [String: SubmittedAnswer] = [:]
            for question in survey.questions {
                let values = fields.values(ParticipantPage.valueField(question.id))
                let other = fields.value(ParticipantPage.otherField(question.id))
                if !values.isEmpty || other != nil {
                    answers[question.id] = SubmittedAnswer(values: values, otherText: other)
                }
            }
            return answers
        }
    }

    /// A host action with its key and fields.
    public struct HostAction: Sendable {
        public var name: String
        public var fields: FormFields
    }

    // MARK: Participant

    public func participantPage(language: String?) -> Response {
        guard state.snapshot.isOpen else {
            return html(ParticipantPage.closed(survey: survey, language: language), status: .ok)
        }
        return html(ParticipantPage(survey: survey, language: language, responseID: UUID()).html())
    }

    public func thanksPage(language: String?) -> Response {
        html(ParticipantPage.thanks(survey: survey, language: language))
    }

    public func submitForm(_ post: FormPost) async throws -> Response {
        let submitted = post.answers(for: survey)
        let id = post.responseID
        var language = survey.language(post.language)
        func page(_ problems: [SubmissionProblem] = [], notice: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
            html(ParticipantPage(survey: survey, language: language, responseID: id, submitted: submitted,
                                 problems: problems, notice: notice).html(), status: status)
        }
        guard state.snapshot.isOpen else {
            return html(ParticipantPage.closed(survey: survey, language: language), status: .forbidden)
        }
        if post.action.hasPrefix("lang:") {
            language = survey.language(String(post.action.dropFirst(5)))
            return page()
        }
        if post.action == "update" { return page() }
        switch judge.judge(submitted, language: language) {
        case .rejected(let problems):
            return page(problems, status: .unprocessableContent)
        case .accepted(let answers):
            // Questions the answers open that the participant never saw: show them first.
            let shownNow = Set(ParticipantPage.shownQuestions(survey, answers: answers))
            if !shownNow.subtracting(post.shown).isEmpty {
                return page(notice: UIText(language: language).newQuestionsAppeared)
            }
            _ = try await store(id: id, answers: answers, language: language)
            return Response(status: .seeOther, headers: [.location: "/thanks?lang=\(language)"])
        }
    }

    /// `POST /api/responses`: 201 stored, 200 stored before (same id), 422 with located errors.
    public func submitJSON(_ body: ByteBuffer) async throws -> Response {
        let submission: Submission
        switch SubmissionJSON.parse(Data(buffer: body)) {
        case .failure(let problem):
            return json(SubmissionJSON.problems([problem]), status: .badRequest)
        case .success(let parsed):
            submission = parsed
        }
        guard state.snapshot.isOpen else {
            return json("{\"error\":\(JSONString.quoted(UIText(language: survey.language(submission.language)).surveyClosed))}\n", status: .forbidden)
        }
        let language = survey.language(submission.language)
        switch judge.judge(submission.answers, language: language) {
        case .rejected(let problems):
            return json(SubmissionJSON.problems(problems), status: .unprocessableContent)
        case .accepted(let answers):
            let outcome = try await store(id: submission.id, answers: answers, language: language)
            let id = submission.id.uuidString.lowercased()
            return json("{\"id\":\"\(id)\",\"stored\":\(outcome == .stored)}\n", status: outcome == .stored ? .created : .ok)
        }
    }

    private func store(id: UUID, answers: Answers, language: String) async throws -> GroupCommit.Outcome {
        let now = Date()
        let response = SamlaKit.Response(id: id, surveyID: survey.id, definitionHash: survey.definitionHash, session: configuration.session,
                                source: .collected, language: language, status: .complete, submittedAt: now, answers: answers)
        do {
            return try await writer.save(response)
        } catch GroupCommit.Failure.stopped {
            throw HTTPError(.serviceUnavailable, message: "The server is stopping; your answer was not stored. Try again in a moment.")
        }
    }

    // MARK: Results and projector

    /// `GET /api/results`: the JSON of `samla summary --json` (host key required: it holds free text).
    public func results() async throws -> Response {
        let survey = self.survey, store = configuration.store
        let text = try await blocking { SummaryJSON.render(try Analyzer(survey: survey).summarize(store: store)) }
        return json(text)
    }

    public func projectorPage() async throws -> Response {
        html(ProjectorBoard.page(survey: survey, board: try await feed.board(), participantURL: configuration.participantURL, qrSVG: qrSVG))
    }

    public func events() async -> Response {
        let (stream, stop) = await feed.subscribe()
        return ServerSentEvents.response(stream, stop: stop)
    }

    public func qrCode() -> Response {
        Response(status: .ok, headers: [.contentType: "image/svg+xml"], body: .init(byteBuffer: ByteBuffer(string: qrSVG)))
    }

    // MARK: Host

    /// Whether `key` is the host key, compared in constant time.
    public func isHost(_ key: String?) -> Bool {
        guard let key else { return false }
        let given = Array(key.utf8), wanted = Array(configuration.hostKey.utf8)
        var difference = given.count ^ wanted.count
        for index in 0..<wanted.count {
            difference |= Int(wanted[index] ^ (index < given.count ? given[index] : 0))
        }
        return difference == 0
    }

    public func hostPage(key: String?) async throws -> Response {
        guard isHost(key) else { throw HTTPError(.forbidden, message: UIText(language: survey.defaultLanguage).hostKeyRequired) }
        let survey = self.survey, store = configuration.store
        let (count, texts) = try await blocking { () throws -> (Int, [FreeTextItem]) in
            var items: [FreeTextItem] = []
            var seen: Set<FreeTextItem> = []
            try store.forEachResponse(ResponseStore.Selection(surveyID: survey.id)) { response in
                for item in FreeTextItem.items(of: response, in: survey) where seen.insert(item).inserted {
                    items.append(item)
                }
            }
            return (try store.count(ResponseStore.Selection(surveyID: survey.id)), Array(items.reversed().prefix(300)))
        }
        return html(HostPage(survey: survey, state: state.snapshot, responses: count, freeTexts: texts, key: configuration.hostKey).html())
    }

    public func hostAction(_ action: HostAction) async throws -> Response {
        guard isHost(action.fields.value("key")) else {
            throw HTTPError(.forbidden, message: UIText(language: survey.defaultLanguage).hostKeyRequired)
        }
        switch action.name {
        case "open": state.setOpen(true)
        case "close": state.setOpen(false)
        case "show":
            let question = action.fields.value("question").flatMap { survey.question($0)?.id }
            state.show(question: question)
        case "next": state.show(question: survey.projectorQuestion(after: state.snapshot.projectorQuestion))
        case "approve", "hide":
            guard let question = action.fields.value("question"), survey.question(question) != nil,
                  let text = action.fields.value("text") else {
                throw HTTPError(.badRequest, message: "An approval names a question and a text.")
            }
            let item = FreeTextItem(question: question, text: text)
            if action.name == "approve" { state.approve(item) } else { state.hide(item) }
        default:
            throw HTTPError(.notFound)
        }
        await feed.changed()
        let key = configuration.hostKey.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return Response(status: .seeOther, headers: [.location: "/host?key=\(key)"])
    }

    // MARK: Helpers

    func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}
