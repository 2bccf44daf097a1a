import Foundation

/// The host's moment: asks each participant the survey's questions at the prompts and saves each
/// finished response at once, in one transaction, before the next participant begins.
public final class CollectSession {
    public struct Options: Sendable {
        /// Ask in this language; nil lets each participant choose when the survey has several.
        public var language: String?
        public var session: String?
        /// Stop after this many finished responses; nil runs until input ends.
        public var participants: Int?

        public init(language: String? = nil, session: String? = nil, participants: Int? = nil) {
            self.language = language
            self.session = session
            self.participants = participants
        }
    }

    public struct Outcome: Sendable, Equatable {
        public var saved: Int
        /// A participant was part-way through when input ended; their answers are kept as a draft.
        public var unfinished: Bool
    }

    private let survey: Survey
    private let store: ResponseStore
    private let io: PromptIO
    private let options: Options
    /// Read from a signal handler's thread, so it is its own locked value.
    public let progress = CollectProgress()

    public init(survey: Survey, store: ResponseStore, io: PromptIO, options: Options = Options()) {
        self.survey = survey
        self.store = store
        self.io = io
        self.options = options
    }

    public func run() throws -> Outcome {
        var participant = 0
        while options.participants.map({ progress.saved < $0 }) ?? true {
            participant += 1
            if participant > 1, io.isInteractive { io.clearScreen() }
            switch try interview(participant: participant) {
            case .finished:
                progress.finishedOne()
                let ui = UIText(language: options.language ?? survey.defaultLanguage)
                io.write("\n\(ui.thanks)\n")
                let more = options.participants.map { progress.saved < $0 } ?? true
                if io.isInteractive, more {
                    io.write(ui.pressEnterForNext)
                    if io.readLine() == nil { return Outcome(saved: progress.saved, unfinished: false) }
                }
            case .endOfInput(let unfinished):
                return Outcome(saved: progress.saved, unfinished: unfinished)
            }
        }
        return Outcome(saved: progress.saved, unfinished: false)
    }

    private enum InterviewEnd {
        case finished
        case endOfInput(unfinished: Bool)
    }

    private func interview(participant: Int) throws -> InterviewEnd {
        let started = Date()
        var draft = DraftResponse(survey: survey, store: store, session: options.session, startedAt: started, progress: progress)
        writeTitle()
        guard let language = options.language.map(survey.language) ?? chooseLanguage() else {
            return .endOfInput(unfinished: false)
        }
        draft.language = language
        let ui = UIText(language: language)
        var answers = Answers()
        var history: [Int] = []
        var index = 0

        while true {
            guard let position = nextShown(from: index, answers: answers) else { break }
            let question = survey.questions[position]
            showQuestion(question, answers: answers, language: language)
            var moved = false
            var wentBack = false
            while !moved {
                io.write("> ")
                guard let raw = io.readLine() else {
                    return .endOfInput(unfinished: draft.exists)
                }
                let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
                var input = AnswerInput.parse(line, for: question, language: language)
                // Coming back to an answered question, Enter keeps the answer.
                if line.trimmingCharacters(in: .whitespaces).isEmpty, let current = answers[question.id] {
                    input = .answer(current)
                }
                switch input {
                case .back:
                    if let previous = history.popLast() {
                        index = previous
                        moved = true
                        wentBack = true
                    } else {
                        io.write(ui.atFirstQuestion + "\n")
                    }
                case .help:
                    io.write(ui.keysHelp + "\n")
                case .invalid(let message):
                    io.write(message + "\n")
                case .skip:
                    answers[question.id] = nil
                    moved = true
                case .answer(let value):
                    answers[question.id] = value
                    moved = true
                case .needsOtherText(let chosen):
                    guard let text = askOtherText(ui) else { return .endOfInput(unfinished: draft.exists) }
                    if let text {
                        answers[question.id] = question.type == .singleChoice ? .other(text) : .choices(chosen, other: text)
                        moved = true
                    }
                }
                if moved, !wentBack {
                    history.append(position)
                    index = position + 1
                    try draft.keep(survey.visibleAnswers(answers))
                }
            }
        }
        try draft.finish(survey.visibleAnswers(answers))
        return .finished
    }

    /// The first question at or after `start` that the answers so far show.
    private func nextShown(from start: Int, answers: Answers) -> Int? {
        var position = start
        while position < survey.questions.count {
            if survey.isShown(survey.questions[position], given: answers) { return position }
            position += 1
        }
        return nil
    }

    /// Nil at the end of input; `.some(nil)` when the participant gave no text and should choose again.
    private func askOtherText(_ ui: UIText) -> String?? {
        io.write("\(ui.otherPrompt): ")
        guard let raw = io.readLine() else { return nil }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        return .some(text.isEmpty ? nil : text)
    }

    private func writeTitle() {
        let title = survey.title.text(options.language.map(survey.language) ?? survey.defaultLanguage)
        io.write(styled(title, bold: true) + "\n\n")
    }

    private func chooseLanguage() -> String? {
        guard survey.languages.count > 1 else { return survey.defaultLanguage }
        io.write(UIText(language: survey.defaultLanguage).chooseLanguage + "\n")
        for (number, code) in survey.languages.enumerated() {
            io.write("  \(number + 1)) \(LanguageNames.name(of: code))\n")
        }
        while true {
            io.write("> ")
            guard let raw = io.readLine() else { return nil }
            let input = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            if input.isEmpty { return survey.defaultLanguage }
            if let number = Int(input), survey.languages.indices.contains(number - 1) { return survey.languages[number - 1] }
            if let code = survey.languages.first(where: { $0 == input || LanguageNames.name(of: $0).lowercased() == input }) {
                return code
            }
            io.write("1–\(survey.languages.count)\n")
        }
    }

    private func showQuestion(_ question: Question, answers: Answers, language: String) {
        let ui = UIText(language: language)
        let shown = survey.questions.filter { survey.isShown($0, given: answers) }
        let number = (shown.firstIndex { $0.id == question.id } ?? 0) + 1
        io.write("\n" + styled("[\(ui.questionProgress(number, of: shown.count))]", dim: true) + "\n")
        io.write(styled(question.text.text(language), bold: true) + (question.required ? " *" : "") + "\n")
        switch question.type {
        case .singleChoice, .multipleChoice:
            for (offset, choice) in question.choices.enumerated() {
                io.write("  \(offset + 1)) \(choice.label.text(language))\n")
            }
            if question.allowsOther { io.write("  \(question.choices.count + 1)) \(ui.other)\n") }
        case .scale:
            let scale = question.scale ?? ScaleRange(min: 1, max: 5)
            let points = scale.points.map { point in
                scale.labels[point].map { "\(point) \($0.text(language))" } ?? "\(point)"
            }
            io.write("  " + points.joined(separator: " · ") + "\n")
        case .number, .text:
            break
        }
        var hint: String
        switch question.type {
        case .singleChoice: hint = ui.chooseOneHint
        case .multipleChoice: hint = ui.chooseManyHint(min: question.minSelected, max: question.maxSelected)
        case .scale: hint = ui.scaleHint(min: question.scale?.min ?? 1, max: question.scale?.max ?? 5)
        case .number: hint = ui.numberHint(integer: question.bounds.integer, min: question.bounds.min, max: question.bounds.max)
        case .text: hint = ui.textHint
        }
        if !question.required { hint += " · " + ui.optionalHint }
        if let current = answers[question.id] {
            hint += " · " + ui.currentAnswer(AnswerDisplay.text(current, question: question, language: language))
        }
        io.write(styled("(\(hint); ? = help)", dim: true) + "\n")
    }

    private func styled(_ text: String, bold: Bool = false, dim: Bool = false) -> String {
        guard io.supportsColour else { return text }
        if bold { return "\u{1B}[1m\(text)\u{1B}[0m" }
        if dim { return "\u{1B}[2m\(text)\u{1B}[0m" }
        return text
    }
}

/// The running count of saved responses, shared with the signal handler that reports it on Ctrl-C.
public final class CollectProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var savedCount = 0
    private var draftOpen = false

    public var saved: Int { lock.withLock { savedCount } }
    public var hasDraft: Bool { lock.withLock { draftOpen } }

    func finishedOne() { lock.withLock { savedCount += 1 } }
    func setDraft(_ open: Bool) { lock.withLock { draftOpen = open } }
}

/// A participant's answers so far, kept in the store as a draft after each answer so that a crash
/// loses nothing typed, and turned complete in one transaction at the end.
private struct DraftResponse {
    let survey: Survey
    let store: ResponseStore
    let progress: CollectProgress
    var response: Response
    var exists = false
    var language: String? {
        get { response.language }
        set { response.language = newValue }
    }

    init(survey: Survey, store: ResponseStore, session: String?, startedAt: Date, progress: CollectProgress) {
        self.survey = survey
        self.store = store
        self.progress = progress
        response = Response(surveyID: survey.id, definitionHash: survey.definitionHash, session: session,
                            source: .collected, status: .draft, startedAt: startedAt)
    }

    mutating func keep(_ answers: Answers) throws {
        response.answers = answers
        try persist()
        exists = true
        progress.setDraft(true)
    }

    mutating func finish(_ answers: Answers) throws {
        response.answers = answers
        response.status = .complete
        response.submittedAt = Date()
        try persist()
        exists = false
        progress.setDraft(false)
    }

    /// One transaction: the first write inserts the row (and records the definition), later ones update it.
    private func persist() throws {
        try store.write { [response, exists, survey] writer in
            if exists {
                try writer.update(draft: response)
            } else {
                try writer.register(survey)
                try writer.insert(response)
            }
        }
    }
}
