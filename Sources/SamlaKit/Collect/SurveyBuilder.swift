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
    }

    typealias InputEnded = SurveyBuilderPrompter.InputEnded

    /// Read from the signal handler's thread.
    public let progress = SurveyBuilderProgress()
    let options: Options
    var prompter: SurveyBuilderPrompter

    public init(io: PromptIO, options: Options = Options()) {
        self.options = options
        prompter = SurveyBuilderPrompter(io: io, language: options.language)
        if let language = options.language { progress.setLanguage(language) }
    }

    /// The UI words once the languages are chosen.
    var ui: UIText { UIText(language: prompter.language ?? "en") }

    public func run() -> Outcome {
        do throws(InputEnded) {
            var survey = try askSurvey()
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
        while let question = try askQuestion(number: survey.questions.count + 1, in: survey) {
            survey.questions.append(question)
        }
        try askContact(&survey)
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
        case write, add, delete(Int), quit
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
                return try write(survey, to: path)
            case .quit:
                return .quit
            case .add:
                if let question = try askQuestion(number: survey.questions.count + 1, in: survey) {
                    survey.questions.append(question)
                }
            case .delete(let index):
                delete(at: index, from: &survey)
            }
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
                guard command.hasPrefix("d") else { return .retry(ui.newNotACommand(line)) }
                let number = command.dropFirst().trimmingCharacters(in: .whitespaces)
                guard let index = Int(number), (1...questions).contains(index) else {
                    return .retry(ui.newNotOnTheList(number, count: questions))
                }
                return .value(.delete(index - 1))
            }
        }
    }

    private func delete(at index: Int, from survey: inout Survey) {
        let question = survey.questions[index]
        if survey.questions.count == 1 {
            prompter.say(ui.newCannotDeleteLast)
        } else if let dependent = survey.questions.first(where: { $0.showIf?.question == question.id }) {
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
