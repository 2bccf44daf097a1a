import Foundation

/// `samla new`: a host with no YAML at hand builds a survey at the prompts (languages, title, id,
/// then question after question), sees the definition it makes, and has it written under
/// `surveys/`. Nothing is written until the host confirms, and then all at once.
public final class SurveyBuilder {
    public struct Options: Sendable {
        /// Prompt in this language; nil takes the survey's first language once it is chosen.
        public var language: String?
        /// Where to write; nil writes `<surveysDirectory>/<id>.yaml`.
        public var file: String?
        public var surveysDirectory: String

        public init(language: String? = nil, file: String? = nil, surveysDirectory: String = "surveys") {
            self.language = language
            self.file = file
            self.surveysDirectory = surveysDirectory
        }
    }

    public enum Outcome: Sendable, Equatable {
        case written(path: String)
        /// The host chose to stop without writing.
        case quit
        /// Input ended before the host confirmed; nothing was written.
        case endOfInput
        /// A signal arrived before the write began; nothing was written.
        case interrupted
        /// The built survey did not validate (which would be a bug): what was wrong, rendered.
        case invalid(String)

        var writtenPath: String? {
            if case .written(let path) = self { return path }
            return nil
        }
    }

    typealias InputEnded = SurveyBuilderPrompter.InputEnded

    /// Read from the signal handler's thread.
    public let progress = SurveyBuilderProgress()
    let options: Options
    var prompter: SurveyBuilderPrompter
    /// Set when the host typed '<' at a question's type: go back and edit the question before.
    var wantsBack = false

    public init(io: PromptIO, options: Options = Options()) {
        self.options = options
        prompter = SurveyBuilderPrompter(io: io, language: options.language)
        if let language = options.language { progress.setLanguage(language) }
    }

    /// The UI words once the languages are chosen.
    var ui: UIText { UIText(language: prompter.language ?? "en") }

    /// Drafts live beside the named file, else under the surveys folder.
    var draft: SurveyBuilderDraft {
        SurveyBuilderDraft(directory: options.file.map { ($0 as NSString).deletingLastPathComponent }.flatMap { $0.isEmpty ? "." : $0 }
            ?? options.surveysDirectory)
    }

    public func run() -> Outcome {
        do throws(InputEnded) {
            var survey: Survey
            if let resumed = try resumedDraft() { survey = resumed } else { survey = try askSurvey() }
            return try review(&survey)
        } catch {
            return .endOfInput
        }
    }

    // MARK: The survey

    private func askSurvey() throws(InputEnded) -> Survey {
        prompter.say(prompter.styled(prompter.words(\.newHeading), bold: true))
        // A sentence in each language reads better on lines of its own.
        for language in options.language.map({ [$0] }) ?? ["sv", "en"] {
            prompter.say(prompter.styled(UIText(language: language).newIntro, dim: true))
        }
        let languages = try askLanguages()
        let language = options.language ?? languages[0]
        prompter.language = language
        progress.setLanguage(language)

        let title = try prompter.localized(ui.newTitle, languages: languages)
        let idSuggestion = SurveyBuilderIDs.suggestion(from: title.text(SurveyBuilderIDs.language(of: languages)),
                                                       taken: [], maxLength: 40, fallback: "survey")
        let id = try askID(ui.newSurveyID, suggestion: idSuggestion, kind: .survey, taken: [])
        let description = try prompter.optionalLocalized(ui.newDescription, languages: languages, hint: ui.newEnterForNone)
        var survey = Survey(id: id, title: title, description: description, languages: languages, questions: [])
        try askQuestions(into: &survey)
        return survey
    }

    /// Questions until the host is done, the draft saved after each.
    private func askQuestions(into survey: inout Survey) throws(InputEnded) {
        asking: while true {
            guard let question = try askQuestion(number: survey.questions.count + 1, in: survey) else {
                guard wantsBack, !survey.questions.isEmpty else { break asking }
                wantsBack = false
                try edit(at: survey.questions.count - 1, in: &survey)
                saveDraft(survey)
                continue
            }
            survey.questions.append(question)
            saveDraft(survey)
        }
        try askContact(&survey)
    }

    func saveDraft(_ survey: Survey) {
        progress.writeDraft(SurveyWriter.yaml(survey, comment: [ui.newDraftComment]), to: draft.path(for: survey.id))
    }

    private func removeDraft(_ survey: Survey) {
        draft.remove(id: survey.id)
        progress.forgetDraft()
    }

    /// The newest draft, if the host wants to go on with it: its questions, then more.
    private func resumedDraft() throws(InputEnded) -> Survey? {
        guard let found = draft.newest() else { return nil }
        let words = UIText.either(options.language) { $0.newResumeDraft(found.survey.id, questions: found.survey.questions.count, path: found.path) }
        guard try prompter.yesNo(words, default: true) else { return nil }
        var survey = found.survey
        survey.definitionHash = ""
        survey.sourceText = ""
        let language = options.language ?? survey.defaultLanguage
        prompter.language = language
        progress.setLanguage(language)
        prompter.say(prompter.styled(ui.newResumed(survey.questions.count), dim: true))
        try askQuestions(into: &survey)
        return survey
    }

    /// One question at the end, when the survey has an e-mail or phone question and one that asks
    /// for contact: should the call list follow them (the file's `contact` section)?
    private func askContact(_ survey: inout Survey) throws(InputEnded) {
        guard let proposal = ContactProposal.propose(for: survey),
              let consent = survey.question(proposal.consent.question) else { return }
        let language = prompter.language ?? survey.defaultLanguage
        let choiceID: String
        switch proposal.consent.test {
        case .equals(let id), .includes(let id): choiceID = id
        default: return
        }
        let details = proposal.detailQuestionIDs.compactMap { survey.question($0)?.text.text(language) }
        let prompt = ui.newContactProposal(question: consent.text.text(language),
                                           choice: consent.choice(choiceID)?.label.text(language) ?? choiceID, details: details)
        guard try prompter.yesNo(prompt, default: true) else { return }
        survey.contact = proposal
        survey.markTypedContactDetailsPersonal()
    }

    private func askLanguages() throws(InputEnded) -> [String] {
        let defaults = defaultLanguages()
        let shown = defaults.joined(separator: ", ")
        return try prompter.ask(prompter.words(\.newLanguages), default: shown) { line in
            var chosen: [String] = []
            let codes = line.isEmpty ? defaults : line.split(whereSeparator: { ", ;".contains($0) }).map { $0.lowercased() }
            for code in codes {
                guard Identifiers.isLanguageCode(code) else { return .retry(prompter.words { $0.newNotALanguageCode(code) }) }
                guard !chosen.contains(code) else { return .retry(prompter.words { $0.newLanguageTwice(code) }) }
                chosen.append(code)
            }
            return chosen.isEmpty ? .retry(prompter.words { $0.newNotALanguageCode(line) }) : .value(chosen)
        }
    }

    /// Swedish and English, the prompt language first when it is one of them.
    private func defaultLanguages() -> [String] {
        guard let language = options.language else { return ["sv", "en"] }
        return [language] + ["sv", "en"].filter { $0 != language }
    }

    enum IDKind {
        case survey, question, choice
    }

    func askID(_ prompt: String, suggestion: String, kind: IDKind, taken: Set<String>) throws(InputEnded) -> String {
        let ui = self.ui
        return try prompter.ask(prompt, default: suggestion) { line in
            let id = line.isEmpty ? suggestion : line
            let example = Identifiers.suggestID(from: id)
            if kind == .choice {
                guard Identifiers.isChoiceID(id) else { return .retry(ui.newNotAChoiceID(id, example: example)) }
                if taken.contains(id) { return .retry(ui.newChoiceIDTaken(id)) }
            } else {
                guard Identifiers.isID(id) else { return .retry(ui.newNotAnID(id, example: example)) }
                if taken.contains(id) { return .retry(ui.newQuestionIDTaken(id)) }
            }
            return .value(id)
        }
    }

    // MARK: Preview, then write

    private enum ReviewCommand {
        case write, add, delete(Int), edit(Int), move(Int, to: Int), quit
    }

    private func review(_ survey: inout Survey) throws(InputEnded) -> Outcome {
        let directory = options.surveysDirectory
        let path = options.file ?? (directory.hasSuffix("/") ? directory : directory + "/") + "\(survey.id).yaml"
        while true {
            let text = SurveyWriter.yaml(survey, comment: [ui.newFileComment(path)])
            if let problem = readBackProblem(text, built: survey, file: path) { return .invalid(problem) }
            prompter.say("\n" + prompter.styled(ui.newPreview(path), bold: true))
            prompter.io.write(text)
            prompter.say("")
            switch try askReviewCommand(path: path, questions: survey.questions.count) {
            case .write:
                let outcome = try write(survey, to: path)
                if outcome == .quit || outcome == .written(path: outcome.writtenPath ?? "") { removeDraft(survey) }
                return outcome
            case .quit:
                removeDraft(survey)
                return .quit
            case .add:
                if let question = try askQuestion(number: survey.questions.count + 1, in: survey) {
                    survey.questions.append(question)
                } else if wantsBack {
                    wantsBack = false
                    try edit(at: survey.questions.count - 1, in: &survey)
                }
            case .delete(let index):
                delete(at: index, from: &survey)
            case .edit(let index):
                try edit(at: index, in: &survey)
            case .move(let index, let target):
                var moved = survey
                moved.questions.insert(moved.questions.remove(at: index), at: target)
                if keep(moved, over: &survey) { prompter.say(ui.newMoved(index + 1, to: target + 1)) }
            }
            saveDraft(survey)
        }
    }

    private func askReviewCommand(path: String, questions: Int) throws(InputEnded) -> ReviewCommand {
        let ui = self.ui
        return try prompter.ask(ui.newConfirm(path)) { line in
            let command = line.lowercased()
            switch command {
            case "": return .value(.write)
            case "a", "+": return .value(.add)
            case "q": return .value(.quit)
            default:
                guard let letter = command.first, "dem".contains(letter) else { return .retry(ui.newNotACommand(line)) }
                let numbers = command.dropFirst().split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
                var indices: [Int] = []
                for number in numbers {
                    guard let index = Int(number), (1...max(1, questions)).contains(index) else {
                        return .retry(ui.newNotOnTheList(number, count: questions))
                    }
                    indices.append(index - 1)
                }
                switch (letter, indices.count) {
                case ("d", 1): return .value(.delete(indices[0]))
                case ("e", 1): return .value(.edit(indices[0]))
                case ("m", 2): return .value(.move(indices[0], to: indices[1]))
                default: return .retry(ui.newNotACommand(line))
                }
            }
        }
    }

    /// Asks question `index` again, its earlier answers offered as defaults where there is one.
    private func edit(at index: Int, in survey: inout Survey) throws(InputEnded) {
        var earlier = survey
        earlier.questions = Array(survey.questions[..<index])
        guard let question = try askQuestion(number: index + 1, in: earlier, editing: survey.questions[index]) else { return }
        var edited = survey
        edited.questions[index] = question
        if keep(edited, over: &survey) { prompter.say(ui.newEdited(index + 1, id: question.id)) }
    }

    /// Takes `changed` when it still validates (a `show_if` may point only backwards, at a question
    /// and choice that are there); otherwise says why and keeps the survey as it was.
    private func keep(_ changed: Survey, over survey: inout Survey) -> Bool {
        let text = SurveyWriter.yaml(changed, comment: [])
        let result = SurveyLoader.parse(text: text, file: "survey")
        guard result.isValid else {
            prompter.say(ui.newChangeRefused)
            for problem in result.diagnostics.errors { prompter.say("  " + problem.message + (problem.hint.map { " (\($0))" } ?? "")) }
            return false
        }
        survey = changed
        return true
    }

    private func delete(at index: Int, from survey: inout Survey) {
        let question = survey.questions[index]
        if survey.questions.count == 1 {
            prompter.say(ui.newCannotDeleteLast)
        } else if let dependent = survey.questions.first(where: { $0.showIf?.refers(to: question.id) == true }) {
            prompter.say(ui.newCannotDeleteUsed(question.id, by: dependent.id))
        } else {
            survey.questions.remove(at: index)
            prompter.say(ui.newDeleted(index + 1, id: question.id))
        }
    }

    /// Why `text` does not read back as `built`, or nil when it does: the writer's output is
    /// checked by the same loader `samla validate` uses before anything reaches the disk.
    private func readBackProblem(_ text: String, built: Survey, file: String) -> String? {
        let result = SurveyLoader.parse(text: text, file: file)
        guard var read = result.survey, result.isValid else {
            return ui.newInvalid + "\n" + DiagnosticRenderer(sources: [file: text]).render(result.diagnostics)
        }
        read.definitionHash = built.definitionHash
        read.sourceText = built.sourceText
        return read == built ? nil : ui.newReadsBackDifferently
    }

    /// Writes after asking before an overwrite; on a refusal or a failure another file may be named.
    private func write(_ survey: Survey, to firstPath: String) throws(InputEnded) -> Outcome {
        var path = firstPath
        while true {
            if FileManager.default.fileExists(atPath: path), try !prompter.yesNo(ui.newExists(path), default: false) {
                guard let other = try prompter.optionalText(ui.newOtherFile) else { return .quit }
                path = other
                continue
            }
            let text = SurveyWriter.yaml(survey, comment: [ui.newFileComment(path)])
            do {
                return try progress.writeAtomically(text, to: path) ? .written(path: path) : .interrupted
            } catch {
                prompter.say(ui.newCannotWrite(path, reason: error.reason))
                guard let other = try prompter.optionalText(ui.newOtherFile) else { return .quit }
                path = other
            }
        }
    }
}
