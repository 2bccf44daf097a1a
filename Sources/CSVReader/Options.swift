/// How fields are separated and quoted. Both are ASCII bytes so the parser can stay on raw UTF-8.
public struct CSVDialect: Sendable, Equatable, CustomStringConvertible {
    public var delimiter: UInt8
    public var quote: UInt8

    public init(delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\"")) {
        self.delimiter = delimiter
        self.quote = quote
    }

    public static let comma = CSVDialect(delimiter: UInt8(ascii: ","))
    public static let semicolon = CSVDialect(delimiter: UInt8(ascii: ";"))
    public static let tab = CSVDialect(delimiter: UInt8(ascii: "\t"))
    public static let pipe = CSVDialect(delimiter: UInt8(ascii: "|"))

    /// The delimiters tried when none is given, in order of preference on a tie.
    public static let candidateDelimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]

    /// A printable name: "," ";" "tab" "|".
    public static func name(of byte: UInt8) -> String {
        switch byte {
        case 9: return "tab"
        case 32: return "space"
        default: return String(UnicodeScalar(byte))
        }
    }

    /// Parses a delimiter as typed by a user: a single ASCII character, or "tab"/"\t", "comma", ...
    public static func delimiter(named name: String) -> UInt8? {
        switch name.lowercased() {
        case "tab", "\\t", "\t", "tsv": return 9
        case "comma", "csv": return UInt8(ascii: ",")
        case "semicolon", "ssv": return UInt8(ascii: ";")
        case "pipe", "psv": return UInt8(ascii: "|")
        case "space": return 32
        default:
            guard name.utf8.count == 1, let b = name.utf8.first, b < 0x80 else { return nil }
            return b
        }
    }

    public var description: String { "delimiter \(CSVDialect.name(of: delimiter)), quote \(CSVDialect.name(of: quote))" }
}

/// How the reader finds the header row.
public enum HeaderPolicy: Sendable, Equatable {
    /// Use the sniffer's guess: the first row that looks like labels, with any title rows before it
    /// kept aside as preamble; no header if the first rows look like data.
    case detect
    /// The given row (0-based among non-blank rows) is the header; rows before it are preamble.
    case row(Int)
    /// Every row is data.
    case none

    public static let firstRow = HeaderPolicy.row(0)
}

public enum LineEnding: String, Sendable, Equatable {
    case lf = "LF"
    case crlf = "CRLF"
    case cr = "CR"

    var bytes: [UInt8] {
        switch self {
        case .lf: return [10]
        case .crlf: return [13, 10]
        case .cr: return [13]
        }
    }
}

public struct CSVOptions: Sendable {
    /// nil: detect (byte order mark, then UTF-8 validity, then a scored single-byte code page).
    public var encoding: TextEncoding?
    /// nil: sniff among `CSVDialect.candidateDelimiters`.
    public var delimiter: UInt8?
    public var quote: UInt8
    /// Strict (the default) throws at the first problem; lenient records it in `problems` and goes on.
    public var strict: Bool
    public var header: HeaderPolicy
    /// Bytes read from the file per step; memory use is a small multiple of this plus the longest record.
    public var chunkSize: Int
    /// Bytes of decoded text the sniffer looks at for the delimiter and header.
    public var sampleSize: Int
    /// Lenient mode keeps at most this many problems (the count of all of them is still kept).
    public var maxProblems: Int
    /// With the encoding detected: when the start of the input (`sampleSize` bytes) is UTF-8 and
    /// has no byte order mark, read it as UTF-8 without checking the rest of the file first; the
    /// reading checks it, and the first bytes that are not UTF-8 throw `CSVEncodingRecheck`
    /// (read the file again without this, to let the whole-file check choose). One pass over
    /// the file fewer before the first record, for a caller that can start over.
    public var checksUTF8WhileReading: Bool

    public init(
        encoding: TextEncoding? = nil,
        delimiter: UInt8? = nil,
        quote: UInt8 = UInt8(ascii: "\""),
        strict: Bool = true,
        header: HeaderPolicy = .detect,
        chunkSize: Int = 1 << 20,
        sampleSize: Int = 64 << 10,
        maxProblems: Int = 1000,
        checksUTF8WhileReading: Bool = false
    ) {
        self.encoding = encoding
        self.delimiter = delimiter
        self.quote = quote
        self.strict = strict
        self.header = header
        self.chunkSize = chunkSize
        self.sampleSize = sampleSize
        self.maxProblems = maxProblems
        self.checksUTF8WhileReading = checksUTF8WhileReading
    }

    public static let strict = CSVOptions()
    public static let lenient = CSVOptions(strict: false)

    func validated() throws -> CSVOptions {
        func bad(_ message: String) -> CSVError {
            CSVError(CSVProblem(kind: .invalidOption, line: 0, column: 0, message: message,
                                hint: "Choose a different delimiter or quote character."))
        }
        let forbidden: Set<UInt8> = [10, 13, 0]
        if forbidden.contains(quote) || quote >= 0x80 { throw bad("The quote character must be a printable ASCII character.") }
        if let d = delimiter {
            if forbidden.contains(d) || d >= 0x80 { throw bad("The delimiter must be a single ASCII character other than a line break.") }
            if d == quote { throw bad("The delimiter and the quote character are the same.") }
        }
        var copy = self
        copy.chunkSize = max(4, chunkSize)
        copy.sampleSize = max(1024, sampleSize)
        return copy
    }
}
