import Foundation

/// Something wrong with the input, located where a person would look for it: 1-based physical
/// line and column, the column counted in characters (Unicode scalars), not bytes.
/// Line 0 means the problem concerns the whole input rather than one place in it.
public struct CSVProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// A quote inside an unquoted field, or text between a closing quote and the delimiter.
        case strayQuote
        /// A quoted field still open when the input ends.
        case unterminatedQuote
        /// A NUL byte, which never belongs in text and usually means a binary or UTF-16 file.
        case nulByte
        /// A record with a different number of fields than the header (or first record).
        case raggedRow
        /// Bytes that are not valid in the encoding being decoded.
        case invalidEncoding
        /// Detection could not tell the encoding with confidence, so it refuses to guess.
        case undecidableEncoding
        /// The input is a binary format (a spreadsheet workbook, say), not text.
        case notText
        /// The file's byte order mark contradicts the encoding that was asked for.
        case encodingConflict
        /// The file could not be opened or read.
        case unreadable
        /// An option that cannot work, such as a delimiter equal to the quote character.
        case invalidOption
    }

    public var kind: Kind
    public var line: Int
    public var column: Int
    /// What is wrong.
    public var message: String
    /// What to do about it.
    public var hint: String

    public init(kind: Kind, line: Int, column: Int, message: String, hint: String) {
        self.kind = kind
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public var description: String {
        let place = line > 0 ? "line \(line), column \(column): " : ""
        return hint.isEmpty ? "\(place)\(message)" : "\(place)\(message) \(hint)"
    }
}

/// The error the reader throws. It carries every problem that led to it; in strict mode that is
/// the first problem met, when opening a file it may be several.
public struct CSVError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public var problems: [CSVProblem]

    public init(_ problems: [CSVProblem]) {
        precondition(!problems.isEmpty)
        self.problems = problems
    }

    public init(_ problem: CSVProblem) { self.problems = [problem] }

    public var problem: CSVProblem { problems[0] }
    public var kind: CSVProblem.Kind { problems[0].kind }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
    public var errorDescription: String? { description }
    public var failureReason: String? { problems[0].message }
    public var recoverySuggestion: String? { problems[0].hint }
}
