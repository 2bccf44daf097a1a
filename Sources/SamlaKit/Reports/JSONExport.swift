import Foundation

/// The summary and every response as one JSON document, streamed to the file response by response:
///
///     {"summary": {…}, "responses": [{"id": …, "session": …, "answers": {"role": {"choice": "region", "label": "Region"}, …}}, …]}
///
/// Answers: single choice `{"choice", "label"}` or `{"other"}`; multiple choice
/// `{"choices": [ids], "labels": [labels], "other"?}`; scales and numbers a number; text a string.
/// Keys keep the definition's order, so the same store gives the same bytes.
public enum JSONExport {
    /// `summaryJSON` is the summary already rendered as a JSON object (its own view decides its shape).
    @discardableResult
    public static func write(to path: String, survey: Survey, summary: Summary, summaryJSON: String,
                             store: ResponseStore, anonymizer: Anonymizer, progress: ExportProgress? = nil) throws -> Int {
        let selection = ExportSelection(surveyID: survey.id, filters: summary.filters)
        let anonymizer = anonymizer.hidingCells(of: summary)
        let questions = survey.questions.filter(anonymizer.keeps)
        let language = summary.language
        return try AtomicFile.write(to: path) { temporary in
            guard FileManager.default.createFile(atPath: temporary, contents: nil),
                  let handle = FileHandle(forWritingAtPath: temporary) else {
                throw ExportError.cannotWrite(path: path, reason: "cannot create \(temporary)")
            }
            defer { try? handle.close() }
            var buffer = "{\"summary\":" + summaryJSON + ",\"responses\":["
            var count = 0
            progress?.begin(.writing(file: path), total: summary.responses)
            try selection.forEach(in: store) { stored in
                let response = anonymizer.scrubbed(stored, survey: survey)
                if count > 0 { buffer += "," }
                buffer += "\n"
                buffer += object(response, name: anonymizer.name(of: response), anonymized: anonymizer.isEnabled,
                                 questions: questions, language: language, timeZone: survey.timeZone)
                count += 1
                progress?.wrote(count)
                if buffer.utf8.count > 1 << 20 {
                    try handle.write(contentsOf: Data(buffer.utf8))
                    buffer = ""
                }
            }
            buffer += "\n]}\n"
            try handle.write(contentsOf: Data(buffer.utf8))
            return count
        }
    }

    /// Times come in UTC (`submittedAt`) and as local time in the survey's zone, with its offset
    /// and name (`submittedAtLocal`, `timeZone`).
    static func object(_ response: Response, name: String, anonymized: Bool, questions: [Question], language: String,
                       timeZone: TimeZone = SurveyTimeZone.standard) -> String {
        var json = JSONText()
        json.open("{")
        json.key(anonymized ? "pseudonym" : "id"); json.string(name)
        if let session = response.session { json.key("session"); json.string(session) }
        json.key("source"); json.string(response.source.kind)
        if case .imported(let file, let row) = response.source {
            json.key("sourceFile"); json.string((file as NSString).lastPathComponent)
            // Anonymised: no row number, which with the source file at hand names the person.
            if !anonymized { json.key("sourceRow"); json.number(Double(row)) }
        }
        if let language = response.language { json.key("language"); json.string(language) }
        if anonymized {
            if let day = response.submittedAt ?? response.startedAt { json.key("date"); json.string(DayText.format(day)) }
        } else {
            if let started = response.startedAt { json.key("startedAt"); json.string(CSVExport.isoDate(started)) }
            if let submitted = response.submittedAt { json.key("submittedAt"); json.string(CSVExport.isoDate(submitted)) }
            if let started = response.startedAt { json.key("startedAtLocal"); json.string(SurveyTimeZone.localISO(started, in: timeZone)) }
            if let submitted = response.submittedAt { json.key("submittedAtLocal"); json.string(SurveyTimeZone.localISO(submitted, in: timeZone)) }
            if response.startedAt != nil || response.submittedAt != nil { json.key("timeZone"); json.string(timeZone.identifier) }
            // The other tool's own columns (its response id, times, e-mail, hidden fields): personal
            // data among them, so an anonymised file leaves them out.
            if !response.metadata.isEmpty {
                json.key("metadata")
                json.open("{")
                for (key, value) in response.metadata.sorted(by: { $0.key < $1.key }) { json.key(key); json.string(value) }
                json.close("}")
            }
        }
        json.key("answers")
        json.open("{")
        for question in questions {
            guard let answer = response.answers[question.id], answer.isAnswered else { continue }
            json.key(question.id)
            func label(_ id: String) -> String { question.choice(id)?.label.text(language) ?? id }
            switch answer {
            case .choice(let id):
                json.open("{"); json.key("choice"); json.string(id); json.key("label"); json.string(label(id)); json.close("}")
            case .other(let text):
                json.open("{"); json.key("other"); json.string(text); json.close("}")
            case .choices(let ids, let other):
                json.open("{")
                json.key("choices"); json.open("["); for id in ids { json.string(id) }; json.close("]")
                json.key("labels"); json.open("["); for id in ids { json.string(label(id)) }; json.close("]")
                if let other { json.key("other"); json.string(other) }
                json.close("}")
            case .number(let value):
                json.number(value)
            case .text(let text):
                json.string(text)
            }
        }
        json.close("}")
        json.close("}")
        return json.text
    }
}
