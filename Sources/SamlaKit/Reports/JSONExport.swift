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
        return try AtomicFile.write(to: path) { temporary in
            let file = try OutputFile(creating: temporary, for: path)
            defer { file.finish() }
            var json = JSONText()
            json.raw(head(summaryJSON))
            progress?.begin(.writing(file: path), total: summary.responses)
            let count = try writeResponses(survey: survey, selection: selection, language: summary.language, store: store,
                                           anonymizer: anonymizer, progress: progress, into: &json, flush: file.append)
            json.raw(tail)
            try json.drain(file.append)
            return count
        }
    }

    /// Whether ``writeWhileSummarizing(to:survey:analysis:store:progress:summary:)`` can write this
    /// export: the responses do not depend on the summary when nothing is anonymised (no cells hidden
    /// by it) and no `--where` asks for the answers to be read.
    static func writesWhileSummarizing(anonymized: Bool, analysis: AnalysisOptions) -> Bool {
        !anonymized && analysis.filters.conditions.isEmpty
    }

    /// The same file as ``write(to:survey:summary:summaryJSON:store:anonymizer:progress:)`` while the
    /// summary at its head is still being worked out on other threads (`summary` waits for it): the
    /// responses are copied out of the store into a second temporary file meanwhile, and the file is
    /// the head, then that file's bytes (copied by the kernel), then the tail. At 100,000 responses
    /// the summary was a third of the export, with a core idle while it ran. As soon as the summary
    /// is ready (`summaryIsReady`, asked at each megabyte) the head and what was copied so far go
    /// into the file, and the rest of the responses are written there directly, once.
    ///
    /// Both at once hold the summary's tallies and the copying's buffers, and glibc keeps each
    /// thread's freed memory apart: at a million responses that peaked at 105 MB (86 MB one after the
    /// other), so above ``mostResponsesWhileSummarizing`` (`responses`, drafts included) the caller
    /// summarises first.
    static func writeWhileSummarizing(to path: String, survey: Survey, analysis: AnalysisOptions, store: ResponseStore,
                                      responses: Int, progress: ExportProgress?, summaryIsReady: () -> Bool = { false },
                                      chunks: ChunkSharing = .asTheWriterFallsBehind, summary: () throws -> Summary) throws -> Int {
        let selection = ExportSelection(surveyID: survey.id, filters: analysis.filters)
        return try AtomicFile.write(to: path) { temporary in
            let responsesPath = temporary + ".responses"
            defer { unlink(responsesPath) }
            let copied = try OutputFile(creating: responsesPath, for: path)
            defer { copied.finish() }
            let file = try OutputFile(creating: temporary, for: path)
            defer { file.finish() }
            var headWritten = false
            func writeHead() throws {
                try file.append(head(SummaryJSON.render(try summary(), pretty: false)))
                try file.append(contentsOf: copied)
                headWritten = true
            }
            progress?.begin(.writing(file: path), total: responses)
            var json = JSONText()
            let count = try writeResponses(survey: survey, selection: selection, language: survey.language(analysis.language),
                                           store: store, anonymizer: .disabled, progress: progress, chunks: chunks,
                                           into: &json) { bytes in
                if !headWritten, summaryIsReady() { try writeHead() }
                try (headWritten ? file : copied).append(bytes)
            }
            if !headWritten {
                try json.drain(copied.append)
                try writeHead()
            } else {
                try json.drain(file.append)
            }
            try file.append(tail)
            return count
        }
    }

    static let mostResponsesWhileSummarizing = 250_000

    private static func head(_ summaryJSON: String) -> [UInt8] {
        Array(("{\"summary\":" + summaryJSON + ",\"responses\":[").utf8)
    }

    private static let tail = Array("\n]}\n".utf8)

    /// The responses of the array, each on a line of its own, gathered in `json` and handed to
    /// `flush` a megabyte at a time (what is left in `json` is the caller's to write).
    ///
    /// Reading the store on one thread, writing the JSON on this one. When the answers are copied
    /// as stored, the reading thread also writes chunks of responses itself, with a writer of its
    /// own, and hands them over as bytes, which this thread puts in their place: the writing is the
    /// longer half (about 0.5 s of CPU at 100,000 against the reading's 0.2 s). Which chunks is
    /// `chunks`' choice. Each response's bytes depend only on the response (the writers' caches are
    /// caches), so the file is the same whoever writes which chunk.
    private static func writeResponses(survey: Survey, selection: ExportSelection, language: String, store: ResponseStore,
                                       anonymizer: Anonymizer, progress: ExportProgress?, chunks: ChunkSharing = .asTheWriterFallsBehind,
                                       into json: inout JSONText, flush: ([UInt8]) throws -> Void) throws -> Int {
        let questions = survey.questions.filter(anonymizer.keeps)
        var writer = ResponseJSONWriter(questions: questions, anonymized: anonymizer.isEnabled, language: language,
                                        timeZone: survey.timeZone)
        var count = 0
        // Without anything to scrub or filter by, the answers travel as the stored JSON and are
        // copied out from it (`StoredAnswersJSON`), never decoded into values.
        let copiesAnswers = !anonymizer.isEnabled && selection.conditions.isEmpty
        try ResponsePipeline.start(produce: { (outlet: ResponsePipeline.Outlet<Piece>) in
            if copiesAnswers {
                var chunkWriter = ResponseJSONWriter(questions: questions, anonymized: anonymizer.isEnabled, language: language,
                                                     timeZone: survey.timeZone)
                var chunk = JSONText()
                var read = 0, inChunk = 0
                var writesChunk = false
                try store.forEachResponseWithStoredAnswers(selection.store) { response, answers in
                    defer { read += 1 }
                    if chunks.rows > 0, read % chunks.rows == 0 {
                        writesChunk = chunks.writesHere(read / chunks.rows, outlet.waiting())
                    }
                    let name = anonymizer.name(of: response)
                    guard writesChunk else {
                        return try outlet.emit(.response(Named(response: response, name: name, storedAnswers: Array(answers))))
                    }
                    chunk.raw(read > 0 ? Self.separator : Self.newline)
                    try chunkWriter.append(response, name: name, storedAnswers: answers, to: &chunk)
                    inChunk += 1
                    if inChunk == chunks.rows {
                        try chunk.drain { try outlet.emit(.written($0, responses: inChunk)) }
                        // Handed over now rather than with the next responses: the writing
                        // thread's share is judged by how many batches wait.
                        try outlet.handOver()
                        inChunk = 0
                    }
                }
                if inChunk > 0 { try chunk.drain { try outlet.emit(.written($0, responses: inChunk)) } }
            } else {
                try selection.forEach(in: store) { stored in
                    let response = anonymizer.scrubbed(stored, survey: survey)
                    try outlet.emit(.response(Named(response: response, name: anonymizer.name(of: response), storedAnswers: nil)))
                }
            }
        }).forEach { piece in
            switch piece {
            case .response(let item):
                json.raw(count > 0 ? Self.separator : Self.newline)
                if let stored = item.storedAnswers {
                    try stored.withUnsafeBufferPointer { try writer.append(item.response, name: item.name, storedAnswers: $0, to: &json) }
                } else {
                    writer.append(item.response, name: item.name, to: &json)
                }
                count += 1
                progress?.wrote(count)
            case .written(let bytes, let responses):
                json.raw(bytes)
                count += responses
                progress?.wrote(count)
            }
            if json.byteCount > 1 << 20 {
                try json.drain(flush)
            }
        }
        return count
    }

    /// Which chunks of responses the reading thread writes itself (see `writeResponses`).
    struct ChunkSharing: Sendable {
        /// Responses in a chunk; 0 writes every response on the writing thread.
        var rows: Int
        /// Whether the reading thread writes a chunk, given its index and how many batches wait
        /// for the writing thread as it begins.
        var writesHere: @Sendable (_ chunk: Int, _ waiting: Int) -> Bool

        /// Chunks of 256 written here while two or more batches wait, so that the reading thread
        /// takes on writing as the writing thread falls behind and leaves it when it catches up.
        /// Every other chunk, as before, left the reading thread busy all the time and the writing
        /// thread half of it once the summary was made (`perf` at 100,000 responses).
        static let asTheWriterFallsBehind = ChunkSharing(rows: 256) { _, waiting in waiting >= 2 }

        /// Every other chunk of `rows` (tests: the same bytes at and across any chunk's edges).
        static func alternating(rows: Int) -> ChunkSharing {
            ChunkSharing(rows: rows) { chunk, _ in chunk % 2 == 1 }
        }
    }

    /// A response with the name it is listed under (its id, or its pseudonym), and its answers as
    /// stored when they are copied out as they are.
    private struct Named: Sendable {
        var response: Response
        var name: String
        var storedAnswers: [UInt8]?
    }

    /// What the reading thread hands over: a response to write, or responses written already.
    private enum Piece: Sendable {
        case response(Named)
        case written([UInt8], responses: Int)
    }

    private static let separator = Array(",\n".utf8)
    private static let newline = Array("\n".utf8)

    /// Times come in UTC (`submittedAt`) and as local time in the survey's zone, with its offset
    /// and name (`submittedAtLocal`, `timeZone`).
    static func object(_ response: Response, name: String, anonymized: Bool, questions: [Question], language: String,
                       timeZone: TimeZone = SurveyTimeZone.standard) -> String {
        var json = JSONText()
        var writer = ResponseJSONWriter(questions: questions, anonymized: anonymized, language: language, timeZone: timeZone)
        writer.append(response, name: name, to: &json)
        return json.text
    }
}

/// Writes responses as the objects ``JSONExport`` documents. Everything that repeats from response
/// to response is made once: each question's key and each choice's label as quoted JSON, the source
/// file's name, and the zone's offset while it holds (``TimestampTexts``).
struct ResponseJSONWriter {
    private struct QuestionText {
        let question: Question
        let key: [UInt8]
        let labels: [String: [UInt8]]
    }

    private let questions: [QuestionText]
    private let anonymized: Bool
    private let timeZone: TimeZone
    private let zoneName: [UInt8]
    private var times: TimestampTexts
    private var lastFile: String?
    private var lastFileName: [UInt8] = []
    private var answersJSON: StoredAnswersJSON

    init(questions: [Question], anonymized: Bool, language: String, timeZone: TimeZone) {
        self.questions = questions.map { question in
            var labels: [String: [UInt8]] = [:]
            for choice in question.choices { labels[choice.id] = JSONText.quoted(choice.label.text(language)) }
            return QuestionText(question: question, key: JSONText.quoted(question.id), labels: labels)
        }
        self.anonymized = anonymized
        self.timeZone = timeZone
        zoneName = JSONText.quoted(timeZone.identifier)
        times = TimestampTexts(timeZone: timeZone)
        answersJSON = StoredAnswersJSON(questions: questions, language: language)
    }

    /// Times come in UTC (`submittedAt`) and as local time in the survey's zone, with its offset
    /// and name (`submittedAtLocal`, `timeZone`).
    mutating func append(_ response: Response, name: String, to json: inout JSONText) {
        appendHead(response, name: name, to: &json)
        appendAnswers(response.answers, to: &json)
    }

    /// The same for a response read without its answers, from the answers column's bytes.
    mutating func append(_ response: Response, name: String, storedAnswers bytes: UnsafeBufferPointer<UInt8>,
                         to json: inout JSONText) throws {
        appendHead(response, name: name, to: &json)
        if !answersJSON.append(stored: bytes, to: &json) {
            // Escaped keys, unknown shapes, damage: read the values as the general path does.
            appendAnswers(try AnswerCoding.decode(utf8: bytes), to: &json)
        }
    }

    /// The head's keys, quoted once.
    private enum Keys {
        static let id = JSONText.quoted("id"), pseudonym = JSONText.quoted("pseudonym"), session = JSONText.quoted("session")
        static let source = JSONText.quoted("source"), sourceFile = JSONText.quoted("sourceFile"), sourceRow = JSONText.quoted("sourceRow")
        static let language = JSONText.quoted("language"), date = JSONText.quoted("date")
        static let startedAt = JSONText.quoted("startedAt"), submittedAt = JSONText.quoted("submittedAt")
        static let startedAtLocal = JSONText.quoted("startedAtLocal"), submittedAtLocal = JSONText.quoted("submittedAtLocal")
        static let timeZone = JSONText.quoted("timeZone"), metadata = JSONText.quoted("metadata")
    }

    private mutating func appendHead(_ response: Response, name: String, to json: inout JSONText) {
        json.open("{")
        json.quotedKey(anonymized ? Keys.pseudonym : Keys.id); json.string(name)
        if let session = response.session { json.quotedKey(Keys.session); json.string(session) }
        json.quotedKey(Keys.source); json.string(response.source.kind)
        if case .imported(let file, let row) = response.source {
            if file != lastFile {
                lastFile = file
                lastFileName = JSONText.quoted((file as NSString).lastPathComponent)
            }
            json.quotedKey(Keys.sourceFile); json.quotedString(lastFileName)
            // Anonymised: no row number, which with the source file at hand names the person.
            if !anonymized { json.quotedKey(Keys.sourceRow); json.number(Double(row)) }
        }
        if let language = response.language { json.quotedKey(Keys.language); json.string(language) }
        if anonymized {
            if let day = response.submittedAt ?? response.startedAt { json.quotedKey(Keys.date); json.string(DayText.format(day)) }
        } else {
            let times = self.times
            if let started = response.startedAt { json.quotedKey(Keys.startedAt); json.value { times.appendUTC(started, to: &$0) } }
            if let submitted = response.submittedAt { json.quotedKey(Keys.submittedAt); json.value { times.appendUTC(submitted, to: &$0) } }
            if let started = response.startedAt { json.quotedKey(Keys.startedAtLocal); json.value { self.times.appendLocal(started, to: &$0) } }
            if let submitted = response.submittedAt { json.quotedKey(Keys.submittedAtLocal); json.value { self.times.appendLocal(submitted, to: &$0) } }
            if response.startedAt != nil || response.submittedAt != nil { json.quotedKey(Keys.timeZone); json.quotedString(zoneName) }
            // The other tool's own columns (its response id, times, e-mail, hidden fields): personal
            // data among them, so an anonymised file leaves them out.
            if !response.metadata.isEmpty {
                json.quotedKey(Keys.metadata)
                json.open("{")
                if response.metadata.count == 1, let (key, value) = response.metadata.first {
                    json.key(key); json.string(value)
                } else {
                    for (key, value) in response.metadata.sorted(by: { $0.key < $1.key }) { json.key(key); json.string(value) }
                }
                json.close("}")
            }
        }
    }

    private func appendAnswers(_ answers: Answers, to json: inout JSONText) {
        json.key("answers")
        json.open("{")
        for entry in questions {
            guard let answer = answers[entry.question.id], answer.isAnswered else { continue }
            json.quotedKey(entry.key)
            func label(_ id: String) {
                if let quoted = entry.labels[id] { json.quotedString(quoted) } else { json.string(id) }
            }
            switch answer {
            case .choice(let id):
                json.open("{"); json.key("choice"); json.string(id); json.key("label"); label(id); json.close("}")
            case .other(let text):
                json.open("{"); json.key("other"); json.string(text); json.close("}")
            case .choices(let ids, let other):
                json.open("{")
                json.key("choices"); json.open("["); for id in ids { json.string(id) }; json.close("]")
                json.key("labels"); json.open("["); for id in ids { label(id) }; json.close("]")
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
    }
}
