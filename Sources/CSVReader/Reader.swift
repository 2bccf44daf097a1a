import Foundation

/// One record as read: its fields, where it starts, and its number.
public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    /// Physical line (1-based) where the record starts; a record with line breaks in quoted
    /// fields spans several lines.
    public var line: Int
    /// 0-based number among the records `next()` returns (header and preamble not counted).
    public var index: Int

    public init(fields: [String], line: Int, index: Int) {
        self.fields = fields
        self.line = line
        self.index = index
    }

    public subscript(_ i: Int) -> String? { i < fields.count ? fields[i] : nil }
}

/// Thrown by a reader that took its input for UTF-8 from its start (`CSVOptions.checksUTF8WhileReading`)
/// when it meets bytes that are not: nothing it returned is wrong, but the encoding may be another
/// one, which only a check of the whole input can choose. Read the input again without the option.
public struct CSVEncodingRecheck: Error, CustomStringConvertible {
    /// Offset in the input of the first bytes found not to be UTF-8.
    public let near: Int64

    public var description: String {
        "the file was read as UTF-8 from its start, but bytes near offset \(near) are not UTF-8: read it again with the whole file checked first"
    }
}

/// Problems collected in lenient mode, capped so a hopeless file cannot eat memory.
final class ProblemLog {
    private(set) var problems: [CSVProblem] = []
    private(set) var count = 0
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func add(_ p: CSVProblem) {
        count += 1
        if problems.count < limit { problems.append(p) }
    }
}

/// Streams records from CSV bytes: encoding and dialect are settled first (see `sniff`), then the
/// input is read chunk by chunk, so memory stays flat however large the file.
///
///     let reader = try CSVReader(url: url)
///     while let record = try reader.next() { ... record.fields ... }
public final class CSVReader {
    /// What was detected (or given) before reading.
    public let sniff: CSVSniff
    public let options: CSVOptions
    /// The header row's fields, if the file has one (see `HeaderPolicy`).
    public private(set) var header: [String]?
    public private(set) var headerLine: Int?
    /// Rows above the header (title lines), kept rather than lost.
    public private(set) var preamble: [CSVRecord] = []
    /// Poll from anywhere for a progress bar.
    public var progress: CSVProgress { stream.progress }

    public var dialect: CSVDialect { sniff.dialect }
    public var encoding: TextEncoding { sniff.encoding }
    /// UTF-8 taken from the input's start, checked as it is read (`CSVOptions.checksUTF8WhileReading`):
    /// `next()` may throw `CSVEncodingRecheck`.
    public let encodingCheckedWhileReading: Bool
    /// Why this encoding; for one checked while reading, as far as the input has been read
    /// (final once `next()` has returned nil).
    public var encodingReason: String {
        guard encodingCheckedWhileReading else { return sniff.encodingReason }
        return stream.multibyteSeen > 0 ? "valid UTF-8" : sniff.encodingReason
    }
    /// Problems met so far in lenient mode (at most `options.maxProblems` of them).
    public var problems: [CSVProblem] { log.problems }
    /// All problems met so far, including those beyond `options.maxProblems`.
    public var problemCount: Int { log.count }

    private let stream: DecodedStream
    private let buffer: ByteBuffer
    private let parser: RecordParser
    private let log: ProblemLog
    private var faults: [EncodingFault] = []
    private var nextIndex = 0
    private var widthKnown = false

    public convenience init(url: URL, options: CSVOptions = CSVOptions()) throws {
        try self.init(input: RawInput(url: url), options: options)
    }

    /// For input already in memory (tests, fuzzing, uploads).
    public convenience init(bytes: [UInt8], options: CSVOptions = CSVOptions()) throws {
        try self.init(input: RawInput(bytes: bytes), options: options)
    }

    public convenience init(string: String, options: CSVOptions = CSVOptions()) throws {
        try self.init(input: RawInput(bytes: Array(string.utf8)), options: options)
    }

    init(input: RawInput, options: CSVOptions) throws {
        let options = try options.validated()
        self.options = options
        let (sniff, decision) = try CSVSniffer.sniff(input, options: options)
        self.sniff = sniff
        encodingCheckedWhileReading = decision.checkedWhileReading
        stream = try DecodedStream(input: input, encoding: decision.encoding, bomLength: decision.bomLength,
                                   chunkSize: options.chunkSize)
        buffer = ByteBuffer(capacity: options.chunkSize * Transcoder.expansion(decision.encoding) + 4096)
        parser = RecordParser(buffer: buffer, dialect: sniff.dialect, strict: options.strict)
        log = ProblemLog(limit: options.maxProblems)
        let log = self.log
        parser.problemSink = { log.add($0) }

        let headerIndex: Int?
        switch options.header {
        case .detect: headerIndex = sniff.header.rowIndex
        case .row(let i): headerIndex = max(0, i)
        case .none: headerIndex = nil
        }
        if let headerIndex {
            for _ in 0..<headerIndex {
                guard let row = try rawNext() else { break }
                preamble.append(row)
            }
            if let row = try rawNext() {
                header = row.fields
                headerLine = row.line
                parser.expectedFieldCount = row.fields.count
                parser.widthSource = "the header (line \(row.line))"
                widthKnown = true
            }
        }
    }

    /// The next data record, nil at the end. Strict mode throws `CSVError` at the first problem;
    /// lenient mode records it in `problems` and returns the record as best it can.
    public func next() throws -> CSVRecord? {
        guard var record = try rawNext() else { return nil }
        if !widthKnown {
            widthKnown = true
            parser.expectedFieldCount = record.fields.count
            parser.widthSource = "the first record (line \(record.line))"
        }
        record.index = nextIndex
        nextIndex += 1
        return record
    }

    /// Reads all remaining records into memory; for small inputs and tests.
    public func readAll() throws -> [CSVRecord] {
        var all: [CSVRecord] = []
        while let r = try next() { all.append(r) }
        return all
    }

    public func forEach(_ body: (CSVRecord) throws -> Void) throws {
        while let r = try next() { try body(r) }
    }

    /// Line and column where field `field` (0-based) of the record last returned by `next()`
    /// starts, so a problem found in its value can point at it. Valid until `next()` is called
    /// again; a field past the end of the record points at the record's end.
    public func locationOfField(_ field: Int) -> (line: Int, column: Int) {
        parser.locateInLastRecord(parser.startOfFieldInLastRecord(field))
    }

    /// Line ending counts over everything read so far.
    public var lineEndings: LineEndingCounts { parser.lineEndings }

    private func rawNext() throws -> CSVRecord? {
        while true {
            switch try parser.next() {
            case .record(let fields, let line):
                if !faults.isEmpty { try reportFaults() }
                return CSVRecord(fields: fields, line: line, index: -1)
            case .needMore:
                if stream.atEnd {
                    parser.atEOF = true
                } else {
                    try stream.fill(buffer)
                    if stream.hasFaults {
                        if encodingCheckedWhileReading { throw CSVEncodingRecheck(near: stream.takeFaults()[0].offset) }
                        faults.append(contentsOf: stream.takeFaults())
                    }
                    if stream.atEnd { parser.atEOF = true }
                }
            case .end:
                return nil
            }
        }
    }

    /// Turns encoding faults inside the record just parsed into located problems.
    private func reportFaults() throws {
        let recordEnd = buffer.absoluteOffset(of: parser.lastRecordEnd)
        while let fault = faults.first, fault.offset < recordEnd {
            faults.removeFirst()
            let index = max(parser.lastRecordStart, Int(fault.offset - buffer.absoluteOffset(of: 0)))
            let (line, column) = parser.locateInLastRecord(index)
            let shown = fault.bytes.map { hex($0) }.joined(separator: " ")
            let problem = CSVProblem(
                kind: .invalidEncoding, line: line, column: column,
                message: "\(fault.bytes.count == 1 ? "Byte" : "Bytes") \(shown): \(fault.reason)\(options.strict ? "." : "; read as U+FFFD.")",
                hint: fault.encoding == .utf8
                    ? "If the file is not UTF-8, pass --encoding windows-1252, macroman or cp850; otherwise repair those bytes."
                    : "Check that \(fault.encoding.displayName) is the right encoding (--encoding \(TextEncoding.userNames)).")
            if options.strict { throw CSVError(problem) }
            log.add(problem)
        }
    }
}

extension CSVReader {
    /// Bytes currently reserved for decoded text; stays near the chunk size unless a single
    /// record is longer. Exposed so tests can check that memory does not grow with the file.
    var bufferCapacity: Int { buffer.capacity }
}
