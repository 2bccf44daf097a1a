import Foundation
import WebText

/// The JSON API's submission: `{"id": "<uuid>", "language": "sv", "answers": {"<question id>": value}}`.
///
/// A value is a choice id (`"region"`), several (`["skills", "energy"]`), a number (`4`), a text,
/// or an object for an answer outside the list: `{"other": "text"}` for a single choice,
/// `{"choices": ["skills"], "other": "text"}` for a multiple choice. `null` is no answer.
public enum SubmissionJSON {
    public static func parse(_ data: Data) -> Result<Submission, SubmissionProblem> {
        func bad(_ message: String) -> Result<Submission, SubmissionProblem> {
            .failure(SubmissionProblem(question: nil, message: message))
        }
        guard let object = try? JSONSerialization.jsonObject(with: data, options: []) as? [String: Any] else {
            return bad("The body is not a JSON object; send {\"id\": \"<uuid>\", \"answers\": {…}}.")
        }
        guard let idText = object["id"] as? String, let id = UUID(uuidString: idText) else {
            return bad("\"id\" must be a UUID (one per response; sending the same one again stores nothing twice).")
        }
        guard let rawAnswers = object["answers"] as? [String: Any] else {
            return bad("\"answers\" must be an object of question ids to answers.")
        }
        let language = object["language"] as? String
        var answers: [String: SubmittedAnswer] = [:]
        for (question, value) in rawAnswers {
            answers[question] = answer(value)
        }
        return .success(Submission(id: id, language: language, answers: answers))
    }

    static func answer(_ value: Any) -> SubmittedAnswer {
        switch value {
        case is NSNull:
            return SubmittedAnswer()
        case let number as NSNumber:
            // JSON true/false arrive as NSNumber too; they answer no question.
            if String(cString: number.objCType) == "c" { return SubmittedAnswer(malformed: true) }
            return SubmittedAnswer(values: [numberText(number.doubleValue)])
        case let text as String:
            return SubmittedAnswer(values: [text])
        case let list as [Any]:
            let texts = list.compactMap { $0 as? String }
            return texts.count == list.count ? SubmittedAnswer(values: texts) : SubmittedAnswer(malformed: true)
        case let object as [String: Any]:
            guard Set(object.keys).isSubset(of: ["choice", "choices", "other"]) else { return SubmittedAnswer(malformed: true) }
            var values: [String] = []
            if let choice = object["choice"] {
                guard let id = choice as? String else { return SubmittedAnswer(malformed: true) }
                values.append(id)
            }
            if let choices = object["choices"] {
                guard let ids = choices as? [String] else { return SubmittedAnswer(malformed: true) }
                values += ids
            }
            var other: String?
            if let text = object["other"] {
                guard let string = text as? String else { return SubmittedAnswer(malformed: true) }
                other = string
                values.append(Question.otherID)
            }
            return SubmittedAnswer(values: values, otherText: other)
        default:
            return SubmittedAnswer(malformed: true)
        }
    }

    /// A number as AnswerInput reads it: plain decimal notation, never an exponent.
    static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "\u{FFFD}" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.10f", value).replacingOccurrences(of: "0+$", with: "", options: .regularExpression)
    }

    /// `{"errors": [{"question": "…", "message": "…"}]}`, the body of a 422.
    public static func problems(_ problems: [SubmissionProblem]) -> String {
        let items = problems.map { problem in
            let question = problem.question.map(JSONString.quoted) ?? "null"
            return "{\"question\":\(question),\"message\":\(JSONString.quoted(problem.message))}"
        }
        return "{\"errors\":[\(items.joined(separator: ","))]}\n"
    }
}
