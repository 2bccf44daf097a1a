import CSVReader
import Foundation
@testable import SamlaKit

/// Test-only: reads gen.py's LimeSurvey layout into responses, until `samla import` lands on main.
/// Headers are question ids; `q[choice]` columns hold `Y` for multiple choice; `-oth-` in `q` with
/// the text in `q[other]` is a single-choice "other"; `q[other]` text is a multiple-choice "other".
enum LimeSurveyTestLoader {
    static func responses(csv path: String, survey: Survey, session: String? = nil) throws -> [Response] {
        let reader = try CSVReader(url: URL(fileURLWithPath: path), options: CSVOptions(header: .firstRow))
        guard let header = reader.header else { throw LoaderError(message: "\(path): no header") }
        var column: [String: Int] = [:]
        for (index, name) in header.enumerated() { column[name] = index }
        var responses: [Response] = []
        try reader.forEach { record in
            func cell(_ name: String) -> String {
                column[name].flatMap { record[$0] } ?? ""
            }
            var answers = Answers()
            for question in survey.questions {
                let value = cell(question.id)
                switch question.type {
                case .singleChoice:
                    if value == "-oth-" {
                        answers[question.id] = .other(cell("\(question.id)[other]"))
                    } else if !value.isEmpty {
                        answers[question.id] = .choice(value)
                    }
                case .multipleChoice:
                    let chosen = question.choices.map(\.id).filter { cell("\(question.id)[\($0)]") == "Y" }
                    let other = cell("\(question.id)[other]")
                    if !chosen.isEmpty || !other.isEmpty {
                        answers[question.id] = .choices(chosen, other: other.isEmpty ? nil : other)
                    }
                case .scale, .number:
                    if let number = Double(value) { answers[question.id] = .number(number) }
                case .text:
                    // LimeSurvey writes line breaks inside answers as the two characters \n.
                    if !value.isEmpty { answers[question.id] = .text(value.replacingOccurrences(of: "\\n", with: "\n")) }
                }
            }
            let id = cell("id")
            responses.append(Response(surveyID: survey.id, definitionHash: survey.definitionHash, session: session,
                                      source: .imported(file: path, row: record.line), identity: "limesurvey:\(id)",
                                      language: cell("startlanguage").isEmpty ? nil : cell("startlanguage"),
                                      answers: answers))
        }
        return responses
    }

    /// Loads the export into a store in one transaction; returns the number of responses.
    @discardableResult
    static func load(csv path: String, survey: Survey, into store: ResponseStore, session: String? = nil) throws -> Int {
        let loaded = try responses(csv: path, survey: survey, session: session)
        try store.write { writer in
            try writer.register(survey)
            for response in loaded { try writer.insert(response) }
        }
        return loaded.count
    }

    struct LoaderError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
