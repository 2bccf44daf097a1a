/// A batch of rows in the `response` table's stored form, written straight as bytes: the columns'
/// UTF-8 of every row in one buffer, with where each lies. An import's reading thread writes the
/// texts here as it decodes a record (ids, dates, the answers' JSON, without a `Response` or a
/// `String` per column between), and the thread holding the transaction binds them where they lie
/// (`SQLiteRowInserter`). One allocation a batch instead of fifteen a row, and nothing freed on the
/// other thread row by row.
///
/// Columns are those of `SQLiteTransaction.insertResponse`, in its order; `source_row`, a number,
/// is kept apart.
///
/// A content identity (`RowIdentity`) may be left to the inserting thread: the reading thread
/// keeps the row's cells (shared, not copied), or writes what is hashed, or (when the inserting
/// thread is behind) the SHA-256 of it, in the identity's place, and `completeIdentities` writes
/// the identities before the rows are read.
/// So may the answers' JSON: the row's answer slots are kept and `completeAnswers` writes them.
public struct EncodedRows: Sendable {
    enum Column: Int, CaseIterable {
        case id, surveyID, definitionHash, session, sourceKind, sourceFile, sourceRow, identity, language, status
        case startedAt, submittedAt, storedAt, metadata, answers
    }

    static let columnCount = Column.allCases.count

    /// Where a column's text lies in `bytes`; `start` is -1 for NULL.
    struct Span {
        var start: Int
        var count: Int
    }

    private(set) var bytes: [UInt8] = []
    /// `columnCount` spans a row.
    private(set) var spans: [Span] = []
    private(set) var sourceRows: [Int?] = []
    /// Rows whose identity `completeIdentities` is still to write, in row order.
    private(set) var pendingIdentities: [PendingIdentity] = []
    /// Rows whose answers' JSON `completeAnswers` is still to write, in row order, and their
    /// answers: each row's `answersWriter.slotCount` slots.
    private(set) var pendingAnswerRows: [Int] = []
    private var pendingAnswerSlots: [[AnswerValue?]] = []
    private var answersWriter: StoredAnswersWriter?

    /// What a row's identity span holds until its identity is written.
    struct PendingIdentity {
        var row: Int
        /// The submission time as written, which leads the identity.
        var wallClock: Int?
        var state: State

        enum State {
            /// The span holds the hashed text (`RowIdentity.appendHashedText`).
            case gathered
            /// The span holds the SHA-256 of the hashed text (32 bytes).
            case hashed
            /// The span is empty: the row's cells wait in `pendingFields`, at this index.
            case cells(Int)
        }
    }

    /// The cells of rows whose hashed text is still to be gathered (shared, not copied).
    private var pendingFields: [[String]] = []

    init(rowCapacity: Int = 0, byteCapacity: Int = 0) {
        bytes.reserveCapacity(byteCapacity)
        spans.reserveCapacity(rowCapacity * Self.columnCount)
        sourceRows.reserveCapacity(rowCapacity)
    }

    /// Empties the batch, keeping its storage.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        spans.removeAll(keepingCapacity: true)
        sourceRows.removeAll(keepingCapacity: true)
        pendingIdentities.removeAll(keepingCapacity: true)
        pendingFields.removeAll(keepingCapacity: true)
        pendingAnswerRows.removeAll(keepingCapacity: true)
        pendingAnswerSlots.removeAll(keepingCapacity: true)
    }

    var count: Int { sourceRows.count }
    var isEmpty: Bool { sourceRows.isEmpty }

    /// The bytes written so far, every column of every row.
    var byteCount: Int { bytes.count }

    // MARK: Writing a row, column by column in `Column` order

    mutating func append(_ text: String?) {
        guard var text else { return appendNull() }
        text.withUTF8 { append(bytes: $0) }
    }

    mutating func append(bytes text: UnsafeBufferPointer<UInt8>) {
        let start = bytes.count
        bytes.append(contentsOf: text)
        spans.append(Span(start: start, count: text.count))
    }

    mutating func append(bytes text: [UInt8]) {
        text.withUnsafeBufferPointer { append(bytes: $0) }
    }

    /// Writes `text` once for the rows of this batch that share it (an import's survey,
    /// definition, file, time of storing); each row then points at it with `append(shared:)`
    /// rather than holding a copy.
    mutating func writeShared(_ text: [UInt8]) -> Span {
        let start = bytes.count
        bytes.append(contentsOf: text)
        return Span(start: start, count: text.count)
    }

    /// A column whose text `writeShared` wrote for this batch.
    mutating func append(shared span: Span) {
        spans.append(span)
    }

    mutating func appendNull() {
        spans.append(Span(start: -1, count: 0))
    }

    /// A column written in place by `write`, which appends its text to the buffer.
    mutating func append(writing write: (inout [UInt8]) -> Void) {
        let start = bytes.count
        write(&bytes)
        spans.append(Span(start: start, count: bytes.count - start))
    }

    /// The identity column of a row without a response id, to be completed by
    /// `completeIdentities`: the cells' hashed text, or its SHA-256 when `hashNow`, or, when
    /// `gatherNow` is false, nothing yet (the cells are kept, shared, and gathered there).
    mutating func appendPendingIdentity(fields: [String], wallClock: Int?, hashNow: Bool, gatherNow: Bool = true) {
        let start = bytes.count
        let state: PendingIdentity.State
        if hashNow || gatherNow {
            RowIdentity.appendHashedText(of: fields, to: &bytes)
            if hashNow {
                let digest = bytes.withUnsafeBytes { RowIdentity.digest(of: UnsafeRawBufferPointer(rebasing: $0[start...])) }
                bytes.removeSubrange(start...)
                digest.withUnsafeBytes { bytes.append(contentsOf: $0) }
                state = .hashed
            } else {
                state = .gathered
            }
        } else {
            state = .cells(pendingFields.count)
            pendingFields.append(fields)
        }
        pendingIdentities.append(PendingIdentity(row: sourceRows.count, wallClock: wallClock, state: state))
        spans.append(Span(start: start, count: bytes.count - start))
    }

    /// Writes the identities left pending, gathering and hashing what is not hashed yet;
    /// `identity` counts repeated rows, so batches must come here in file order. The texts are
    /// appended to the buffer and the spans moved onto them.
    mutating func completeIdentities(_ identity: inout RowIdentity) {
        guard !pendingIdentities.isEmpty else { return }
        // The longest identity: 19 digits of seconds, "/", "sha256:", 64 hex digits, "#" and a count.
        bytes.reserveCapacity(bytes.count + pendingIdentities.count * 112)
        var digest = [UInt8](repeating: 0, count: 32)
        var text: [UInt8] = []
        text.reserveCapacity(112)
        var gathered: [UInt8] = []
        for pending in pendingIdentities {
            let at = pending.row * Self.columnCount + Column.identity.rawValue
            let span = spans[at]
            switch pending.state {
            case .hashed:
                bytes.withUnsafeBytes { raw in
                    digest.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[span.start..<span.start + span.count])) }
                }
            case .gathered:
                let hash = bytes.withUnsafeBytes { raw in RowIdentity.digest(of: UnsafeRawBufferPointer(rebasing: raw[span.start..<span.start + span.count])) }
                hash.withUnsafeBytes { hashed in digest.withUnsafeMutableBytes { $0.copyMemory(from: hashed) } }
            case .cells(let index):
                gathered.removeAll(keepingCapacity: true)
                RowIdentity.appendHashedText(of: pendingFields[index], to: &gathered)
                let hash = gathered.withUnsafeBytes { RowIdentity.digest(of: $0) }
                hash.withUnsafeBytes { hashed in digest.withUnsafeMutableBytes { $0.copyMemory(from: hashed) } }
            }
            text.removeAll(keepingCapacity: true)
            digest.withUnsafeBytes { identity.append(digest: $0, wallClock: pending.wallClock, to: &text) }
            spans[at] = Span(start: bytes.count, count: text.count)
            bytes.append(contentsOf: text)
        }
        pendingIdentities.removeAll(keepingCapacity: true)
        pendingFields.removeAll(keepingCapacity: true)
    }

    /// The answers column of a row, to be written by `completeAnswers` on the thread that
    /// inserts: the row's answer slots are taken (`slots` is left empty) and kept until then.
    /// Taken, not copied: a copy retained every answer's text here and released it again when
    /// the decoder emptied the row, a twentieth of the reading thread's time.
    mutating func appendPendingAnswers(taking slots: inout [AnswerValue?], writer: StoredAnswersWriter) {
        precondition(slots.count == writer.slotCount, "a row has one slot per question read")
        if answersWriter == nil { answersWriter = writer }
        pendingAnswerRows.append(sourceRows.count)
        pendingAnswerSlots.append(slots)
        slots = []
        spans.append(Span(start: bytes.count, count: 0))
    }

    /// Writes the answers left pending, as `StoredAnswersWriter` writes them where a row is read;
    /// the texts are appended to the buffer and the spans moved onto them.
    mutating func completeAnswers() {
        guard !pendingAnswerRows.isEmpty, let writer = answersWriter else { return }
        var bytes = self.bytes
        self.bytes = []
        for (index, row) in pendingAnswerRows.enumerated() {
            let start = bytes.count
            pendingAnswerSlots[index].withUnsafeBufferPointer { writer.append(slots: $0, to: &bytes) }
            spans[row * Self.columnCount + Column.answers.rawValue] = Span(start: start, count: bytes.count - start)
        }
        self.bytes = bytes
        pendingAnswerRows.removeAll(keepingCapacity: true)
        pendingAnswerSlots.removeAll(keepingCapacity: true)
    }

    /// Closes a row whose other fourteen columns were appended (with `source_row` as a NULL in
    /// its place).
    mutating func endRow(sourceRow: Int?) {
        precondition(spans.count == (sourceRows.count + 1) * Self.columnCount, "a stored row has \(Self.columnCount) columns")
        sourceRows.append(sourceRow)
    }

    /// Appends a row already encoded as Strings.
    mutating func append(_ row: EncodedResponse) {
        append(row.id); append(row.surveyID); append(row.definitionHash); append(row.session); append(row.sourceKind)
        append(row.sourceFile); appendNull(); append(row.identity); append(row.language); append(row.status)
        append(row.startedAt); append(row.submittedAt); append(row.storedAt); append(row.metadata); append(row.answers)
        endRow(sourceRow: row.sourceRow)
    }

    // MARK: Reading

    /// Runs `body` with the buffer's base address and row `row`'s spans.
    func withRow<T>(_ row: Int, _ body: (UnsafeRawPointer, UnsafeBufferPointer<Span>) throws -> T) rethrows -> T {
        try withRows(row..<row + 1, body)
    }

    /// Runs `body` with the buffer's base address and the spans of rows `rows`, one row after
    /// another (`columnCount` spans a row).
    func withRows<T>(_ rows: Range<Int>, _ body: (UnsafeRawPointer, UnsafeBufferPointer<Span>) throws -> T) rethrows -> T {
        precondition(pendingIdentities.isEmpty && pendingAnswerRows.isEmpty, "identities and answers are completed before rows are read")
        return try bytes.withUnsafeBytes { raw in
            // An empty buffer may have no address; every text then has length 0.
            let base = raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
            return try spans.withUnsafeBufferPointer { all in
                try body(base, UnsafeBufferPointer(rebasing: all[rows.lowerBound * Self.columnCount..<rows.upperBound * Self.columnCount]))
            }
        }
    }

    func text(_ row: Int, _ column: Column) -> String? {
        precondition(column != .identity || !pendingIdentities.contains { $0.row == row }, "identities are completed before rows are read")
        precondition(column != .answers || !pendingAnswerRows.contains(row), "answers are completed before rows are read")
        let span = spans[row * Self.columnCount + column.rawValue]
        guard span.start >= 0 else { return nil }
        return String(decoding: bytes[span.start..<span.start + span.count], as: UTF8.self)
    }

    /// Row `row` as Strings, for a store that inserts those (PostgreSQL) and for tests.
    func row(_ row: Int) -> EncodedResponse {
        func required(_ column: Column) -> String { text(row, column) ?? "" }
        return EncodedResponse(
            id: required(.id), surveyID: required(.surveyID), definitionHash: required(.definitionHash), session: text(row, .session),
            sourceKind: required(.sourceKind), sourceFile: text(row, .sourceFile), sourceRow: sourceRows[row], identity: text(row, .identity),
            language: text(row, .language), status: required(.status), startedAt: text(row, .startedAt), submittedAt: text(row, .submittedAt),
            storedAt: required(.storedAt), metadata: required(.metadata), answers: required(.answers))
    }

    var rows: [EncodedResponse] { (0..<count).map { row($0) } }
}
