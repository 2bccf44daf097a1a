import Foundation

/// What the sniffer found out about an input before reading it.
public struct CSVSniff: Sendable {
    public var encoding: TextEncoding
    public var encodingWasDetected: Bool
    public var encodingReason: String
    public var hadBOM: Bool
    public var dialect: CSVDialect
    public var delimiterWasDetected: Bool
    public var delimiterReason: String
    public var header: HeaderGuess
    /// Record terminators seen in the sample.
    public var lineEndings: LineEndingCounts
    /// The most common number of fields per record in the sample.
    public var columnCount: Int
    /// The first records of the sample as parsed with the chosen dialect (at most 20).
    public var sample: [[String]]
    /// The sample covered the whole input.
    public var sampledWholeInput: Bool
}

public enum CSVSniffer {
    /// Detects encoding (scanning the file once if there is no byte order mark), delimiter and header.
    public static func sniff(url: URL, options: CSVOptions = CSVOptions()) throws -> CSVSniff {
        try sniff(RawInput(url: url), options: options.validated()).sniff
    }

    public static func sniff(bytes: [UInt8], options: CSVOptions = CSVOptions()) throws -> CSVSniff {
        try sniff(RawInput(bytes: bytes), options: options.validated()).sniff
    }

    static func sniff(_ input: RawInput, options: CSVOptions) throws -> (sniff: CSVSniff, encoding: EncodingDecision) {
        let decision = try EncodingDetector.decide(input, requested: options.encoding, chunkSize: options.chunkSize,
                                                   whileReadingFrom: options.checksUTF8WhileReading ? options.sampleSize : nil)
        let stream = try DecodedStream(input: input, encoding: decision.encoding, bomLength: decision.bomLength,
                                       chunkSize: options.sampleSize)
        let buffer = ByteBuffer(capacity: options.sampleSize * 3 + 64)
        while buffer.count < options.sampleSize && !stream.atEnd { try stream.fill(buffer) }
        if decision.checkedWhileReading && stream.hasFaults {
            // The sample went past the bytes checked and met some that are not UTF-8: the whole input decides.
            var whole = options
            whole.checksUTF8WhileReading = false
            return try sniff(input, options: whole)
        }
        let complete = stream.atEnd
        let sample = Array(UnsafeBufferPointer(start: buffer.base + buffer.start, count: buffer.count))

        let trial: DelimiterSniffer.Trial
        let delimiterReason: String
        if let delimiter = options.delimiter {
            trial = DelimiterSniffer.trial(sample, complete: complete, delimiter: delimiter, quote: options.quote)
            delimiterReason = "\"\(CSVDialect.name(of: delimiter))\", as requested"
        } else {
            (trial, delimiterReason) = DelimiterSniffer.choose(sample, complete: complete, quote: options.quote)
        }
        let header = HeaderGuesser.guess(trial.records, width: trial.modalWidth)
        let result = CSVSniff(
            encoding: decision.encoding, encodingWasDetected: decision.wasDetected, encodingReason: decision.reason,
            hadBOM: decision.hadBOM, dialect: CSVDialect(delimiter: trial.delimiter, quote: options.quote),
            delimiterWasDetected: options.delimiter == nil, delimiterReason: delimiterReason, header: header,
            lineEndings: trial.lineEndings, columnCount: trial.modalWidth,
            sample: trial.records.prefix(20).map(\.fields), sampledWholeInput: complete)
        return (result, decision)
    }
}
