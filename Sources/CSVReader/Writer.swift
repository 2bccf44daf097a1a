import Foundation

/// Formats records as RFC 4180 CSV (UTF-8). A field is quoted only when it has to be: when it
/// holds the delimiter, a quote, CR or LF, or when it is the only field of its record and empty
/// (otherwise that record would be a blank line, which readers skip).
public struct CSVWriter: Sendable {
    public var delimiter: UInt8
    public var quote: UInt8
    public var lineEnding: LineEnding
    /// Start the output with a UTF-8 byte order mark (Excel on Windows needs it to see UTF-8).
    public var includeBOM: Bool
    /// Quote every field, not only those that need it.
    public var quoteAll: Bool

    public init(delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\""),
                lineEnding: LineEnding = .crlf, includeBOM: Bool = false, quoteAll: Bool = false) {
        self.delimiter = delimiter
        self.quote = quote
        self.lineEnding = lineEnding
        self.includeBOM = includeBOM
        self.quoteAll = quoteAll
    }

    public static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Appends one record, line ending included.
    public func append(_ fields: [String], to out: inout [UInt8]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { out.append(delimiter) }
            let utf8 = field.utf8
            let needsQuotes = quoteAll || (fields.count == 1 && utf8.isEmpty)
                || utf8.contains { $0 == delimiter || $0 == quote || $0 == 10 || $0 == 13 }
            if needsQuotes {
                out.append(quote)
                for b in utf8 {
                    if b == quote { out.append(quote) }
                    out.append(b)
                }
                out.append(quote)
            } else {
                out.append(contentsOf: utf8)
            }
        }
        out.append(contentsOf: lineEnding.bytes)
    }

    /// A whole table in memory, byte order mark included if asked for.
    public func bytes<S: Sequence>(_ records: S) -> [UInt8] where S.Element == [String] {
        var out: [UInt8] = includeBOM ? CSVWriter.bom : []
        for r in records { append(r, to: &out) }
        return out
    }

    public func string<S: Sequence>(_ records: S) -> String where S.Element == [String] {
        String(decoding: bytes(records), as: UTF8.self)
    }
}

/// Writes records to a file as they come, buffering about 1 MiB, so exports of any size use
/// constant memory.
public final class CSVFileWriter {
    public let format: CSVWriter
    private let handle: FileHandle
    private var pending: [UInt8] = []
    private let flushAt = 1 << 20
    private var closed = false

    /// Creates (or truncates) the file at `url`.
    public init(url: URL, format: CSVWriter = CSVWriter()) throws {
        self.format = format
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CSVError(CSVProblem(kind: .unreadable, line: 0, column: 0,
                                      message: "Cannot create \(url.path).",
                                      hint: "Check that the folder exists and is writable."))
        }
        handle = try FileHandle(forWritingTo: url)
        pending.reserveCapacity(flushAt + 4096)
        if format.includeBOM { pending.append(contentsOf: CSVWriter.bom) }
    }

    public func write(_ fields: [String]) throws {
        format.append(fields, to: &pending)
        if pending.count >= flushAt { try flush() }
    }

    public func flush() throws {
        if pending.isEmpty { return }
        try handle.write(contentsOf: pending)
        pending.removeAll(keepingCapacity: true)
    }

    public func close() throws {
        if closed { return }
        try flush()
        try handle.close()
        closed = true
    }

    deinit {
        if !closed { try? close() }
    }
}
