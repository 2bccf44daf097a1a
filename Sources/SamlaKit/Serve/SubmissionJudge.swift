import Foundation

/// Judges a submitted answer set as `samla collect` judges typed answers: each shown question's
/// values go through `AnswerInput.parse` (required, choices, ranges, numbers in the language's
/// notation), so the browser, the JSON API and the terminal accept exactly the same answers.
public struct SubmissionJudge: Sendable {
    public let survey: Survey

    public init(survey: Survey) {
        self.survey = survey
    }

    /// The answers to store, or every problem found, each located at its question.
    public enum Judgement: Sendable, Hashable {
        case accepted(Answers)
        case rejected([SubmissionProblem])
    }

    public func judge(_ submitted: [String: SubmittedAnswer], language requested: String?) -> Judgement {
        let (answers, problems) = evaluate(submitted, language: requested)
        return problems.isEmpty ? .accepted(answers) : .rejected(problems)
    }

    /// The answers that are valid so far, the others left out: what decides which questions a
    /// re-rendered form shows.
    public func validAnswers(_ submitted: [String: SubmittedAnswer], language: String?) -> Answers {
        evaluate(submitted, language: language).answers
    }

    private func evaluate(_ submitted: [String: SubmittedAnswer], language requested: String?) -> (answers: Answers, problems: [SubmissionProblem]) {
        let language = survey.language(requested)
        let ui = UIText(language: language)
        var answers = Answers()
        var problems: [SubmissionProblem] = []
        for id in submitted.keys.sorted() where survey.question(id) == nil {
            problems.append(SubmissionProblem(question: id, message: survey.note(id) == nil ? ui.unknownQuestion : ui.noteTakesNoAnswer))
        }
        for question in survey.questions {
            // A question the answers so far hide is not asked, whatever was sent for it.
            guard survey.isShown(question, given: answers) else { continue }
            let sent = submitted[question.id] ?? SubmittedAnswer()
            switch judge(sent, for: question, language: language, ui: ui) {
            case .success(let value?): answers[question.id] = value
            case .success(nil): break
            case .failure(let problem): problems.append(problem)
            }
        }
        return (survey.visibleAnswers(answers), problems)
    }

    private func judge(_ sent: SubmittedAnswer, for question: Question, language: String, ui: UIText) -> Result<AnswerValue?, SubmissionProblem> {
        func problem(_ message: String) -> Result<AnswerValue?, SubmissionProblem> {
            .failure(SubmissionProblem(question: question.id, message: message))
        }
        if sent.malformed { return problem(ui.notAValidAnswer) }
        let values = sent.values.map(Self.cleaned).filter { !$0.isEmpty }
        let otherText = sent.otherText.map(Self.cleaned) ?? ""

        if question.type == .text {
            // Free text as written, line breaks and all; AnswerInput reads a line, and would take "?" for help.
            let text = values.joined(separator: "\n")
            if text.isEmpty { return question.required ? problem(ui.needsAnswer) : .success(nil) }
            return .success(.text(text))
        }
        if question.type != .multipleChoice, values.count > 1 { return problem(ui.notAValidAnswer) }

        var line: String
        if question.type.hasChoices {
            // Choices travel as ids; AnswerInput takes positions, which no id can be mistaken for.
            var positions: [String] = []
            for value in values {
                if let index = question.choices.firstIndex(where: { $0.id == value }) {
                    positions.append(String(index + 1))
                } else if question.allowsOther, value == Question.otherID {
                    positions.append(String(question.choices.count + 1))
                } else {
                    return problem(ui.notAChoice(value, count: AnswerInput.optionCount(question)))
                }
            }
            line = positions.joined(separator: ",")
        } else {
            line = values.first ?? ""
        }
        if line == "<" || line == "?" { line = "\u{FFFD}" }   // a command at the prompt, a mere typo here
        switch AnswerInput.parse(line, for: question, language: language) {
        case .answer(let value): return .success(value)
        case .skip: return .success(nil)
        case .invalid(let message): return problem(message)
        case .needsOtherText(let chosen):
            guard !otherText.isEmpty else { return problem(ui.otherNeedsText) }
            return .success(question.type == .singleChoice ? .other(otherText) : .choices(chosen, other: otherText))
        case .back, .help:
            return problem(ui.notAValidAnswer)
        }
    }

    /// Text without control characters (a line break kept), trimmed: nothing a browser or script
    /// sends can put a control byte into a stored answer.
    static func cleaned(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" || !(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)) {
                scalars.append(scalar)
            }
        }
        return String(scalars).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
