/// The RFC 4180 state machine, run over decoded UTF-8 in a `ByteBuffer`.
///
/// Design notes:
/// - It never looks at characters, only bytes: delimiter, quote, CR, LF and NUL are ASCII, and
///   UTF-8 never uses ASCII byte values inside multi-byte sequences.
/// - A record that runs past the end of the buffer is not resumed but re-parsed from its start
///   once more bytes are there (`needMore`). That keeps the state machine free of suspension
///   points; the cost is re-scanning at most one record per chunk.
/// - Strings are made once per field, straight from the buffer unless the field had doubled
///   quotes (or lenient repairs), which go through a scratch array.
final class RecordParser {
    enum Step {
        case record([String], line: Int)
        case needMore
        case end
    }

    let buffer: ByteBuffer
    let delimiter: UInt8
    let quote: UInt8
    let strict: Bool
    /// Set once the buffer holds the last of the input.
    var atEOF = false
    /// Physical line (1-based) of `buffer.start`.
    private(set) var line = 1
    /// When set, records of another width are ragged.
    var expectedFieldCount: Int?
    /// "the header" or "the first record", for ragged-row messages.
    var widthSource = "the header"
    /// Lenient mode: problems of completed records are handed here.
    var problemSink: (CSVProblem) -> Void = { _ in }

    private(set) var lineEndings = LineEndingCounts()
    /// Buffer indices of the last record returned, for locating encoding faults inside it.
    private(set) var lastRecordStart = 0
    private(set) var lastRecordEnd = 0
    private(set) var lastRecordLine = 1

    private let unquotedStops: UnsafeMutablePointer<UInt8>
    private let quotedStops: UnsafeMutablePointer<UInt8>
    private var scratch: [UInt8] = []

    private static let LF: UInt8 = 10
    private static let CR: UInt8 = 13

    init(buffer: ByteBuffer, dialect: CSVDialect, strict: Bool) {
        self.buffer = buffer
        delimiter = dialect.delimiter
        quote = dialect.quote
        self.strict = strict
        unquotedStops = .allocate(capacity: 256)
        unquotedStops.initialize(repeating: 0, count: 256)
        quotedStops = .allocate(capacity: 256)
        quotedStops.initialize(repeating: 0, count: 256)
        for b in [delimiter, quote, RecordParser.LF, RecordParser.CR, 0] { unquotedStops[Int(b)] = 1 }
        for b in [quote, RecordParser.LF, RecordParser.CR, 0] { quotedStops[Int(b)] = 1 }
    }

    deinit {
        unquotedStops.deallocate()
        quotedStops.deallocate()
    }

    /// Column (1-based, in Unicode scalars) of buffer index `at` on the line starting at `lineStart`.
    func column(lineStart: Int, at: Int) -> Int {
        var c = 1
        var i = lineStart
        let b = buffer.base
        while i < at {
            if b[i] & 0xC0 != 0x80 { c += 1 }
            i += 1
        }
        return c
    }

    /// Line and column of a buffer index inside the last record returned.
    func locateInLastRecord(_ index: Int) -> (line: Int, column: Int) {
        var ln = lastRecordLine
        var lineStart = lastRecordStart
        var i = lastRecordStart
        let b = buffer.base
        while i < index {
            if b[i] == RecordParser.LF || (b[i] == RecordParser.CR && !(i + 1 < buffer.end && b[i + 1] == RecordParser.LF)) {
                ln += 1
                lineStart = i + 1
            }
            i += 1
        }
        return (ln, column(lineStart: lineStart, at: index))
    }

    private func problem(_ kind: CSVProblem.Kind, _ line: Int, _ column: Int, _ message: String, _ hint: String,
                         into pending: inout [CSVProblem]) throws {
        let p = CSVProblem(kind: kind, line: line, column: column, message: message, hint: hint)
        if strict { throw CSVError(p) }
        pending.append(p)
    }

    @inline(__always)
    private func makeString(_ p: UnsafeMutablePointer<UInt8>, _ n: Int) -> String {
        n == 0 ? "" : String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    /// Copies `from..<to` into scratch with each doubled quote reduced to one.
    private func appendUnescaped(_ from: Int, _ to: Int) {
        let b = buffer.base
        var i = from
        while i < to {
            let c = b[i]
            scratch.append(c)
            i += (c == quote && i + 1 < to && b[i + 1] == quote) ? 2 : 1
        }
    }

    private func scratchString() -> String {
        scratch.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    func next() throws -> Step {
        let base = buffer.base
        let end = buffer.end
        let LF = RecordParser.LF
        let CR = RecordParser.CR
        let delimiter = self.delimiter
        let quote = self.quote
        let uStops = unquotedStops
        let qStops = quotedStops
        var p = buffer.start
        var ln = line

        // Blank lines are skipped: they hold no fields, and reading them as one-empty-field
        // records would make every blank line in a multi-column file a ragged row.
        while p < end {
            let c = base[p]
            if c == LF {
                p += 1
            } else if c == CR {
                if p + 1 < end {
                    p += base[p + 1] == LF ? 2 : 1
                } else if atEOF {
                    p += 1
                } else {
                    break
                }
            } else {
                break
            }
            ln += 1
        }
        buffer.start = p
        line = ln
        if p >= end { return atEOF ? .end : .needMore }
        if base[p] == CR { return .needMore }

        let recordStart = p
        let recordLine = ln
        var lineStart = p
        var fields: [String] = []
        fields.reserveCapacity(expectedFieldCount ?? 8)
        var pending: [CSVProblem] = []
        var extraFieldAt: (line: Int, column: Int)?
        var terminator: LineEnding?
        var swallowedRest = false

        fieldLoop: while true {
            if let expected = expectedFieldCount, fields.count == expected, extraFieldAt == nil {
                extraFieldAt = (ln, column(lineStart: lineStart, at: p))
            }
            if p < end && base[p] == quote {
                // The opening quote's place is only worked out if a problem needs it: counting
                // columns for every quoted field would make long lines quadratic.
                let openLine = ln
                let openIndex = p
                let openLineStart = lineStart
                var q = p + 1
                let contentStart = q
                var escapes = false
                var closed = false
                while true {
                    while q < end && qStops[Int(base[q])] == 0 { q += 1 }
                    if q >= end {
                        if !atEOF { return .needMore }
                        break
                    }
                    let c = base[q]
                    if c == quote {
                        if q + 1 < end {
                            if base[q + 1] == quote {
                                escapes = true
                                q += 2
                                continue
                            }
                        } else if !atEOF {
                            return .needMore
                        }
                        closed = true
                        break
                    } else if c == LF {
                        q += 1
                        ln += 1
                        lineStart = q
                    } else if c == CR {
                        if q + 1 < end {
                            q += base[q + 1] == LF ? 2 : 1
                        } else if atEOF {
                            q += 1
                        } else {
                            return .needMore
                        }
                        ln += 1
                        lineStart = q
                    } else {
                        try nulProblem(ln, column(lineStart: lineStart, at: q), into: &pending)
                        q += 1
                    }
                }
                let contentEnd = q
                if !closed {
                    let openColumn = column(lineStart: openLineStart, at: openIndex)
                    try problem(.unterminatedQuote, openLine, openColumn,
                                "The quote opened at line \(openLine), column \(openColumn) is never closed, so the rest of the input became one field.",
                                "Close the quote opened at line \(openLine), column \(openColumn) (write a quote inside a quoted field as two quotes \"\"), or, if the file is not in the detected encoding, pass --encoding \(TextEncoding.userNames).",
                                into: &pending)
                    scratch.removeAll(keepingCapacity: true)
                    appendUnescaped(contentStart, contentEnd)
                    fields.append(scratchString())
                    p = contentEnd
                    swallowedRest = true
                    break fieldLoop
                }
                q += 1
                if q < end && base[q] != delimiter && base[q] != LF && base[q] != CR {
                    let openColumn = column(lineStart: openLineStart, at: openIndex)
                    try problem(.strayQuote, ln, column(lineStart: lineStart, at: q),
                                "Text follows the closing quote of a quoted field (opened at line \(openLine), column \(openColumn)).",
                                "Quote the whole field and double any quote inside it (\"\" for \"), or remove the stray quote.",
                                into: &pending)
                    var r = q
                    while r < end && base[r] != delimiter && base[r] != LF && base[r] != CR {
                        if base[r] == 0 { try nulProblem(ln, column(lineStart: lineStart, at: r), into: &pending) }
                        r += 1
                    }
                    if r >= end && !atEOF { return .needMore }
                    scratch.removeAll(keepingCapacity: true)
                    appendUnescaped(contentStart, contentEnd)
                    scratch.append(contentsOf: UnsafeBufferPointer(start: base + q, count: r - q))
                    fields.append(scratchString())
                    p = r
                } else if escapes {
                    scratch.removeAll(keepingCapacity: true)
                    appendUnescaped(contentStart, contentEnd)
                    fields.append(scratchString())
                    p = q
                } else {
                    fields.append(makeString(base + contentStart, contentEnd - contentStart))
                    p = q
                }
            } else {
                var q = p
                while true {
                    while q < end && uStops[Int(base[q])] == 0 { q += 1 }
                    if q < end {
                        let c = base[q]
                        if c == quote {
                            try problem(.strayQuote, ln, column(lineStart: lineStart, at: q),
                                        "A quote appears inside an unquoted field.",
                                        "Quote the whole field and double the quote inside it (\"\" for \"), or remove the stray quote.",
                                        into: &pending)
                            q += 1
                            continue
                        }
                        if c == 0 {
                            try nulProblem(ln, column(lineStart: lineStart, at: q), into: &pending)
                            q += 1
                            continue
                        }
                    }
                    break
                }
                if q >= end && !atEOF { return .needMore }
                fields.append(makeString(base + p, q - p))
                p = q
            }

            if p >= end {
                if !atEOF { return .needMore }
                break fieldLoop
            }
            let c = base[p]
            if c == delimiter {
                p += 1
                continue fieldLoop
            }
            if let expected = expectedFieldCount, fields.count < expected {
                try raggedProblem(fields.count, expected, ln, column(lineStart: lineStart, at: p), into: &pending)
            }
            if c == LF {
                p += 1
                terminator = .lf
            } else if p + 1 < end {
                if base[p + 1] == LF {
                    p += 2
                    terminator = .crlf
                } else {
                    p += 1
                    terminator = .cr
                }
            } else if atEOF {
                p += 1
                terminator = .cr
            } else {
                return .needMore
            }
            ln += 1
            break fieldLoop
        }

        // After an unterminated quote the width says nothing new; one problem is enough.
        if let expected = expectedFieldCount, !swallowedRest {
            if fields.count > expected, let at = extraFieldAt {
                try raggedProblem(fields.count, expected, at.line, at.column, into: &pending)
            } else if fields.count < expected, terminator == nil {
                try raggedProblem(fields.count, expected, ln, column(lineStart: lineStart, at: p), into: &pending)
            }
        }
        switch terminator {
        case .lf?: lineEndings.lf += 1
        case .crlf?: lineEndings.crlf += 1
        case .cr?: lineEndings.cr += 1
        case nil: break
        }
        buffer.start = p
        line = ln
        lastRecordStart = recordStart
        lastRecordEnd = p
        lastRecordLine = recordLine
        for problem in pending { problemSink(problem) }
        return .record(fields, line: recordLine)
    }

    private func nulProblem(_ line: Int, _ column: Int, into pending: inout [CSVProblem]) throws {
        try problem(.nulByte, line, column,
                    "A NUL byte (0x00) is in the text.",
                    "NUL bytes do not belong in CSV text: remove them, or if the file is UTF-16 without a byte order mark, pass --encoding utf-16le or utf-16be.",
                    into: &pending)
    }

    private func raggedProblem(_ count: Int, _ expected: Int, _ line: Int, _ column: Int, into pending: inout [CSVProblem]) throws {
        let fieldWord = count == 1 ? "field" : "fields"
        if count > expected {
            try problem(.raggedRow, line, column,
                        "This record has \(count) \(fieldWord) but \(widthSource) has \(expected); field \(expected + 1) starts here.",
                        "Quote fields that contain the delimiter \"\(CSVDialect.name(of: delimiter))\", remove the extra fields, or read leniently to inspect the file.",
                        into: &pending)
        } else {
            try problem(.raggedRow, line, column,
                        "This record has \(count) \(fieldWord) but \(widthSource) has \(expected); it ends here.",
                        "Add the missing fields (empty fields are just delimiters), check for a line break in an unquoted field, or read leniently to inspect the file.",
                        into: &pending)
        }
    }
}

/// How records were terminated (line breaks inside quoted fields and blank lines not counted).
public struct LineEndingCounts: Sendable, Equatable {
    public var lf = 0
    public var crlf = 0
    public var cr = 0

    public init(lf: Int = 0, crlf: Int = 0, cr: Int = 0) {
        self.lf = lf
        self.crlf = crlf
        self.cr = cr
    }

    /// The most frequent ending, nil when no record was terminated by one.
    public var dominant: LineEnding? {
        let all: [(LineEnding, Int)] = [(.crlf, crlf), (.lf, lf), (.cr, cr)]
        guard let best = all.max(by: { $0.1 < $1.1 }), best.1 > 0 else { return nil }
        return best.0
    }

    /// More than one kind of line ending is used.
    public var isMixed: Bool { [lf, crlf, cr].filter { $0 > 0 }.count > 1 }
}
