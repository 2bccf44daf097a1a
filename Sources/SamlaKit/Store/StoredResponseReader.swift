import Foundation
import GRDB
import GRDBSQLite

/// Builds a `Response` from the row a statement over ``columns`` has just stepped to, reading
/// each column from the bytes SQLite holds: no `Row` lookups by name, no `String` between the
/// stored JSON and the answers, dates parsed by hand (``StoreTimestampText``), and the texts that
/// repeat from row to row (survey, definition, session, source file, language) made once per run.
/// Reading 100,000 responses back took longer than writing the workbook they went into.
struct StoredResponseReader {
    static let columns = """
        id, survey_id, definition_hash, session, source_kind, source_file, source_row, identity, language, status, \
        started_at, submitted_at, metadata, answers
        """

    private let statement: SQLiteStatement
    private var surveyID = RepeatedText()
    private var definitionHash = RepeatedText()
    private var session = RepeatedText()
    private var sourceFile = RepeatedText()
    private var language = RepeatedText()

    init(_ statement: SQLiteStatement) {
        self.statement = statement
    }

    /// The response, its answers decoded; with `answers` false they are left empty, for a writer
    /// that reads them from ``answersBytes()`` itself, and with `metadata` false so are the
    /// metadata and identity.
    mutating func response(answers decodesAnswers: Bool = true, metadata decodesMetadata: Bool = true) throws -> Response {
        let sourceKind = bytes(4)
        let source: Response.Source = sourceKind.map { $0.elementsEqual("imported".utf8) } ?? false
            ? .imported(file: sourceFile.text(bytes(5)) ?? "", row: Int(sqlite3_column_int64(statement, 6)))
            : .collected
        let status = bytes(9).map { $0.elementsEqual("draft".utf8) } ?? false ? Response.Status.draft : .complete
        guard let answers = bytes(13) else { throw StoredDataError(message: "a response without answers") }
        return Response(
            id: bytes(0).flatMap(UUIDText.parse(utf8:)) ?? UUID(),
            surveyID: surveyID.text(bytes(1)) ?? "", definitionHash: definitionHash.text(bytes(2)) ?? "",
            session: session.text(bytes(3)), source: source,
            identity: decodesMetadata ? bytes(7).map { String(decoding: $0, as: UTF8.self) } : nil,
            language: language.text(bytes(8)), status: status,
            startedAt: date(10), submittedAt: date(11),
            answers: decodesAnswers ? try AnswerCoding.decode(utf8: answers) : [:],
            metadata: decodesMetadata ? try bytes(12).map(AnswerCoding.decodeMetadata(utf8:)) ?? [:] : [:])
    }

    /// The stored answers (JSON, as ``AnswerCoding`` writes them), valid until the next step.
    func answersBytes() -> UnsafeBufferPointer<UInt8> {
        bytes(13) ?? UnsafeBufferPointer(start: nil, count: 0)
    }

    /// Column `index`'s bytes where SQLite holds them, valid until the next step; nil for NULL.
    /// Asked for as a blob: as text SQLite would copy the value to add a terminating zero.
    private func bytes(_ index: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let blob = sqlite3_column_blob(statement, index) else {
            return sqlite3_column_type(statement, index) == SQLITE_NULL ? nil : UnsafeBufferPointer(start: nil, count: 0)
        }
        return UnsafeBufferPointer(start: blob.assumingMemoryBound(to: UInt8.self), count: Int(sqlite3_column_bytes(statement, index)))
    }

    private func date(_ index: Int32) -> Date? {
        guard let text = bytes(index) else { return nil }
        return StoreTimestampText.date(utf8: text) ?? StoreDates.parse(String(decoding: text, as: UTF8.self))
    }
}

/// A column's text, made into a `String` only when it differs from the row before's.
private struct RepeatedText {
    private var last: [UInt8]?
    private var lastText: String?

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>?) -> String? {
        guard let bytes else { return nil }
        if let last, let lastText, last.count == bytes.count,
           last.isEmpty || last.withUnsafeBytes({ memcmp($0.baseAddress!, bytes.baseAddress!, last.count) == 0 }) {
            return lastText
        }
        let text = String(decoding: bytes, as: UTF8.self)
        last = Array(bytes)
        lastText = text
        return text
    }
}
