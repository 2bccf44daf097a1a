import Foundation

/// The host's moment: asks each participant the survey's questions at the prompts and saves each
/// finished response at once, in one transaction, before the next participant begins.
///
/// Between participants the screen and its scrollback are cleared (before each one, the first
/// too, and after the thank-you), and nothing of a response is shown after it is stored. In kiosk
/// mode only the host's key and PIN end the session, and a participant who walks away (the
/// `PromptIO` reports `.idle`) is discarded, draft and all, with a note to the host.
public final class CollectSession {
    public struct Options: Sendable {
        /// Ask in this language; nil lets each participant choose when the survey has several.
        public var language: String?
        public var session: String?
        /// Stop after this many finished responses; nil runs until input ends.
        public var participants: Int?
        /// One laptop passed round the room: abandoned participants are discarded, and the host's
        /// key asks for `hostPIN` before the session ends.
        public var kiosk: Bool
        /// The PIN that ends a kiosk session; nil lets the host's key end it at once.
        public var hostPIN: String?
        /// The language of what the host reads (the PIN prompt, notes about discarded answers).
        public var hostLanguage: String

        public init(language: String? = nil, session: String? = nil, participants: Int? = nil,
                    kiosk: Bool = false, hostPIN: String? = nil, hostLanguage: String = "en") {
            self.language = language
            self.session = session
            self.participants = participants
            self.kiosk = kiosk
            self.hostPIN = hostPIN
            self.hostLanguage = hostLanguage
        }
    }

    public struct Outcome: Sendable, Equatable {
        public var saved: Int
        /// A participant was part-way through when input ended; their answers are kept as a draft.
        public var unfinished: Bool
        /// Participants who walked away (kiosk mode); their drafts were deleted.
        public var discarded: Int = 0
        /// The host ended the session with the key and the PIN.
        public var endedByHost: Bool = false
    }

    private let survey: Survey
    private let store: ResponseStore
    private let io: PromptIO
    private let options: Options
    private let host: UIText
    /// A line for the host on the next screen (discarded answers, a wrong PIN).
    private var notice: String?
    private var discarded = 0
    /// Read from a signal handler's thread, so it is its own locked value.
    public let progress = CollectProgress()

    public init(survey: Survey, store: ResponseStore, io: PromptIO, options: Options = Options()) {
        self.survey = survey
        self.store = store
        self.io = io
        self.options = options
        host = UIText(language: options.hostLanguage)
    }

    public func run() throws -> Outcome {
        func outcome(unfinished: Bool = false, byHost: Bool = false) -> Outcome {
            Outcome(saved: progress.saved, unfinished: unfinished, discarded: discarded, endedByHost: byHost)
        }
        var more: Bool { options.participants.map { progress.saved < $0 } ?? true }
        while more {
            if io.isInteractive { io.clearScreen() }
            switch try interview() {
            case .finished(let language, let closing):
                // The response is committed (synchronous=FULL) before anything is shown: clear the
                // screen of its answers, then thank.
                progress.finishedOne()
                if io.isInteractive { io.clearScreen() }
                if try thank(in: language, more: more, notes: closing) == false { return outcome(byHost: true) }
            case .abandoned:
                discarded += 1
                notice = host.unfinishedDiscarded(discarded)
            case .endedByHost:
                return outcome(byHost: true)
            case .endOfInput(let unfinished):
                return outcome(unfinished: unfinished)
            }
        }
        return outcome()
    }

    /// The thank-you, under the notes after the last question shown (`notes`); on a terminal it
    /// waits for Enter (before the next participant, or with key prompts before the end, so the
    /// last one sees it too). False when the host ends the session there, nil at the end of input.
    private func thank(in language: String, more: Bool, notes: [PromptNote]) throws -> Bool? {
        let ui = UIText(language: language)
        guard io.usesKeys else {
            for note in notes {
                io.write("\n")
                if let heading = note.heading, note.headingStarts { io.write(styled("== \(heading) ==", bold: true) + "\n") }
                for paragraph in note.paragraphs { io.write(paragraph + "\n") }
                if let hint = note.hint { io.write(hint + "\n") }
            }
            guard io.isInteractive, more else {
                io.write("\n\(ui.thanks)\n")
                return true
            }
            io.write("\n\(ui.thanks)\n")
            io.write(ui.pressEnterForNext)
            while true {
                guard let line = io.readLine() else { return options.kiosk ? true : nil }
                if line.unicodeScalars.contains("\u{18}") {
                    if hostConfirms() { return false }
                    io.write(host.wrongPIN + "\n")
                    continue
                }
                return true
            }
        }
        while true {
            var prompt = QuestionPrompt(title: survey.title.text(language), question: ui.thanks,
                                        keyHint: more ? ui.pressEnterForNext : ui.pressEnterToFinish, notice: notice, pause: true)
            prompt.notes = notes
            switch io.ask(prompt, again: false) {
            case .hostKey:
                if hostConfirms() { return false }
                notice = host.wrongPIN
            case .endOfInput:
                return nil
            case .idle:
                // Nobody came: the next participant's start screen is as good a place to wait.
                return true
            case .line, .back:
                return true
            }
        }
    }

    /// Asks the host's PIN; true when it is right (or none was set).
    private func hostConfirms() -> Bool {
        guard let pin = options.hostPIN else { return true }
        guard let typed = io.readSecret(host.hostPINPrompt) else { return true }
        if typed == pin {
            notice = nil
            return true
        }
        return false
    }

    private enum InterviewEnd {
        /// With the notes shown after the last question, for the thank-you.
        case finished(language: String, closing: [PromptNote])
        case abandoned
        case endedByHost
        case endOfInput(unfinished: Bool)
    }

    private func interview() throws -> InterviewEnd {
        let started = Date()
        var draft = DraftResponse(survey: survey, store: store, session: options.session, startedAt: started, progress: progress)
        if !io.usesKeys { writeTitle() }
        let language: String
        switch options.language.map({ .chosen(survey.language($0)) }) ?? chooseLanguage() {
        case .chosen(let code): language = code
        case .ended: return .endOfInput(unfinished: false)
        case .host: return .endedByHost
        }
        draft.language = language
        let ui = UIText(language: language)
        var answers = Answers()
        var history: [Int] = []
        var index = 0

        /// Someone walked away or the host ended part-way: in kiosk mode nothing of it is kept.
        func leave(_ end: InterviewEnd) throws -> InterviewEnd {
            guard options.kiosk else { return end }
            // Cut short by the host: counted as discarded, so the closing message says so.
            if case .endedByHost = end, draft.exists { discarded += 1 }
            try draft.discard()
            return end
        }

        while true {
            guard let position = nextShown(from: index, answers: answers) else { break }
            let question = survey.questions[position]
            var prompt = self.prompt(for: question, answers: answers, language: language)
            var again = false
            var moved = false
            var wentBack = false
            while !moved {
                prompt.notice = notice
                let reply = io.ask(prompt, again: again)
                again = true
                prompt.message = nil
                let line: String
                switch reply {
                case .endOfInput:
                    return .endOfInput(unfinished: draft.exists)
                case .hostKey:
                    if hostConfirms() { return try leave(.endedByHost) }
                    prompt.message = host.wrongPIN
                    again = false
                    continue
                case .idle:
                    if answers.isEmpty && !draft.exists && history.isEmpty {
                        again = false
                        continue
                    }
                    return try leave(.abandoned)
                case .back:
                    line = "<"
                case .line(let typed):
                    line = Self.printable(typed)
                }
                var input = AnswerInput.parse(line, for: question, language: language)
                // Coming back to an answered question at a line prompt, Enter keeps the answer (a
                // key prompt opens with the answer in place, so an empty one there means none).
                if !io.usesKeys, line.trimmingCharacters(in: .whitespaces).isEmpty, let current = answers[question.id] {
                    input = .answer(current)
                }
                switch input {
                case .back:
                    if let previous = history.popLast() {
                        index = previous
                        moved = true
                        wentBack = true
                    } else {
                        prompt.message = ui.atFirstQuestion
                    }
                case .help:
                    prompt.message = io.usesKeys ? ui.keysHelpForKeyPrompts : ui.keysHelp
                case .invalid(let message):
                    prompt.message = message
                case .skip:
                    answers[question.id] = nil
                    moved = true
                case .answer(let value):
                    answers[question.id] = value
                    moved = true
                case .needsOtherText(let chosen):
                    switch askOtherText(ui, title: prompt.title, current: answers[question.id]) {
                    case .text(let text):
                        answers[question.id] = question.type == .singleChoice ? .other(text) : .choices(chosen, other: text)
                        moved = true
                    case .none:
                        again = false
                    case .ended:
                        return .endOfInput(unfinished: draft.exists)
                    case .host:
                        if hostConfirms() { return try leave(.endedByHost) }
                        prompt.message = host.wrongPIN
                        again = false
                    case .idle:
                        return try leave(.abandoned)
                    }
                }
                if moved {
                    notice = nil
                    if !wentBack {
                        history.append(position)
                        index = position + 1
                        try draft.keep(survey.visibleAnswers(answers))
                    }
                }
            }
        }
        try draft.finish(survey.visibleAnswers(answers))
        let closing = promptNotes(before: survey.questions.count, answers: answers, language: language).notes
        return .finished(language: language, closing: closing)
    }

    /// What a participant typed, without control characters: whatever the terminal or pipe let
    /// through, no control byte reaches an answer.
    static func printable(_ line: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in line.unicodeScalars where !(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)) {
            scalars.append(scalar)
        }
        return String(scalars)
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

    private enum OtherText {
        case text(String)
        /// No text given: choose again.
        case none
        case ended, host, idle
    }

    private func askOtherText(_ ui: UIText, title: String, current: AnswerValue?) -> OtherText {
        var existing = ""
        switch current {
        case .other(let text): existing = text
        case .choices(_, let other?): existing = other
        default: break
        }
        let prompt = QuestionPrompt(title: title, question: ui.otherPrompt, text: existing, keyHint: ui.textKeysHint)
        let reply: PromptReply
        if io.usesKeys {
            reply = io.ask(prompt, again: false)
        } else {
            io.write("\(ui.otherPrompt): ")
            guard let raw = io.readLine() else { return .ended }
            reply = raw.unicodeScalars.contains("\u{18}") ? .hostKey : .line(raw)
        }
        switch reply {
        case .line(let raw):
            let text = Self.printable(raw).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? .none : .text(text)
        case .back: return .none
        case .endOfInput: return .ended
        case .hostKey: return .host
        case .idle: return .idle
        }
    }

    private func writeTitle() {
        let title = survey.title.text(options.language.map(survey.language) ?? survey.defaultLanguage)
        io.write(styled(title, bold: true) + "\n\n")
    }

    private enum LanguageChoice {
        case chosen(String)
        case ended
        case host
    }

    private func chooseLanguage() -> LanguageChoice {
        guard survey.languages.count > 1 else { return .chosen(survey.defaultLanguage) }
        var prompt = QuestionPrompt(
            title: survey.languages.map { survey.title.text($0) }.uniqued().joined(separator: " / "),
            question: UIText(language: survey.defaultLanguage).chooseLanguage,
            options: survey.languages.map(LanguageNames.name(of:)),
            values: survey.languages.indices.map { "\($0 + 1)" },
            chosen: [0],
            keyHint: UIText.languageKeysHint)
        var again = false
        while true {
            prompt.notice = notice
            let reply = io.ask(prompt, again: again)
            again = true
            prompt.message = nil
            switch reply {
            case .endOfInput: return .ended
            case .hostKey:
                if hostConfirms() { return .host }
                prompt.message = host.wrongPIN
                again = false
            case .idle, .back:
                again = false
            case .line(let raw):
                let input = Self.printable(raw).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
                if input.isEmpty { return .chosen(survey.defaultLanguage) }
                if let number = Int(input), survey.languages.indices.contains(number - 1) { return .chosen(survey.languages[number - 1]) }
                if let code = survey.languages.first(where: { $0 == input || LanguageNames.name(of: $0).lowercased() == input }) {
                    return .chosen(code)
                }
                prompt.message = "1–\(survey.languages.count)"
            }
        }
    }

    /// The notes shown before the question at `position` (`questions.count`: after the last): those
    /// since the last question the answers show, whose own `show_if` holds. With the heading of the
    /// part the last of them is in (nil when none has one, or there are none).
    private func promptNotes(before position: Int, answers: Answers, language: String)
        -> (notes: [PromptNote], lastHeading: LocalizedText?, shownQuestionBefore: Bool) {
        var start = 0
        var previous: Question?
        for earlier in stride(from: position - 1, through: 0, by: -1) where survey.isShown(survey.questions[earlier], given: answers) {
            start = earlier + 1
            previous = survey.questions[earlier]
            break
        }
        var heading = previous.flatMap(survey.heading(of:))
        var notes: [PromptNote] = []
        for note in survey.notes(from: start, through: position) where survey.isShown(note, given: answers) {
            let section = survey.heading(ofItem: note.id)
            let paragraphs = note.text.text(language).split(separator: "\n", omittingEmptySubsequences: false).map { Self.printable(String($0)) }
            notes.append(PromptNote(paragraphs: paragraphs, hint: note.hint.map { Self.printable($0.text(language)) },
                                    heading: section.map { Self.printable($0.text(language)) },
                                    headingStarts: section != nil && section != heading))
            heading = section
        }
        return (notes, heading, previous != nil || !notes.isEmpty)
    }

    /// The screen for one question: the notes before it, its text, options, hints and any earlier
    /// answer in place.
    private func prompt(for question: Question, answers: Answers, language: String) -> QuestionPrompt {
        let ui = UIText(language: language)
        let shown = survey.questions.filter { survey.isShown($0, given: answers) }
        let number = (shown.firstIndex { $0.id == question.id } ?? 0) + 1
        var prompt = QuestionPrompt(title: survey.title.text(language),
                                    progress: ui.questionProgress(number, of: shown.count),
                                    question: question.text.text(language) + (question.required ? " *" : ""))
        prompt.questionHint = question.hint?.text(language)
        let section = survey.heading(of: question)
        prompt.sectionHeading = section?.text(language)
        let before = promptNotes(before: survey.index(of: question.id) ?? 0, answers: answers, language: language)
        prompt.notes = before.notes
        prompt.sectionStarts = section != nil && (!before.shownQuestionBefore || before.lastHeading != section)
        let current = answers[question.id]
        switch question.type {
        case .singleChoice, .multipleChoice:
            prompt.options = question.choices.map { $0.label.text(language) } + (question.allowsOther ? [ui.other] : [])
            prompt.values = prompt.options.indices.map { "\($0 + 1)" }
            prompt.multiple = question.type == .multipleChoice
            let otherIndex = question.choices.count
            switch current {
            case .choice(let id): prompt.chosen = question.choices.firstIndex { $0.id == id }.map { [$0] } ?? []
            case .other: prompt.chosen = [otherIndex]
            case .choices(let ids, let other):
                prompt.chosen = ids.compactMap { id in question.choices.firstIndex { $0.id == id } } + (other == nil ? [] : [otherIndex])
            default: break
            }
        case .scale:
            let scale = question.scale ?? ScaleRange(min: 1, max: 5)
            prompt.options = scale.points.map { point in
                scale.labels[point].map { "\(point) \($0.text(language))" } ?? "\(point)"
            }
            prompt.values = scale.points.map { "\($0)" }
            prompt.optionsOnOneLine = true
            if case .number(let value)? = current, let point = scale.points.firstIndex(of: Int(value)) {
                prompt.chosen = [scale.points.distance(from: scale.points.startIndex, to: point)]
            }
        case .number, .text:
            if let current { prompt.text = AnswerDisplay.text(current, question: question, language: language) }
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
        var keyHint = question.type == .multipleChoice ? ui.multipleKeysHint
            : prompt.options.isEmpty ? ui.textKeysHint : ui.singleKeysHint
        if question.type == .multipleChoice, let max = question.maxSelected { keyHint = ui.tooMany(max) + " " + keyHint }
        prompt.keyHint = keyHint
        if let current {
            hint += " · " + ui.currentAnswer(AnswerDisplay.text(current, question: question, language: language))
        }
        prompt.lineHint = hint + "; " + ui.helpKeyHint
        return prompt
    }

    private func styled(_ text: String, bold: Bool = false, dim: Bool = false) -> String {
        guard io.supportsColour else { return text }
        if bold { return "\u{1B}[1m\(text)\u{1B}[0m" }
        if dim { return "\u{1B}[2m\(text)\u{1B}[0m" }
        return text
    }
}

private extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
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

    /// Deletes the draft of a participant who walked away: nothing of it stays in the store.
    mutating func discard() throws {
        guard exists else { return }
        try store.discardDraft(responseID: response.id)
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
