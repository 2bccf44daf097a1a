import Foundation

/// A problem found in a user's input, pointing at the place it was found.
///
/// Problems are collected as values and printed together, so a host sees every mistake in a survey
/// file or an export at once instead of fixing them one run at a time.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// What to do about it, when there is something better to say than the message itself.
    public var hint: String?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation, hint: String? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.hint = hint
    }

    public static func error(_ message: String, at location: SourceLocation, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: location, hint: hint)
    }

    public static func warning(_ message: String, at location: SourceLocation, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: location, hint: hint)
    }

    /// `FILE:LINE:COLUMN: error: MESSAGE`, the form compilers use, so editors can jump to the place.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let hint { text += " (\(hint))" }
        return text
    }
}

/// A place in a file: 1-based line and column (in Unicode scalars). Line 0 means the whole file.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// In a workbook: the sheet, with `line` its row and `column` its column, shown as Excel
    /// names the cell (`answers.xlsx:Form1!C5`).
    public var sheet: String?

    public init(file: String, line: Int = 0, column: Int = 0, sheet: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.sheet = sheet
    }

    public var description: String {
        guard line > 0 else { return file }
        guard let sheet else { return "\(file):\(line):\(column)" }
        // Excel quotes a sheet name that is not a plain word: 'Form 1'!C5.
        let name = sheet.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } ? sheet : "'\(sheet.replacingOccurrences(of: "'", with: "''"))'"
        return "\(file):\(name)!\(Self.columnLetters(max(column, 1)))\(line)"
    }

    /// 1 is A, 27 is AA.
    private static func columnLetters(_ column: Int) -> String {
        var number = column
        var letters: [Character] = []
        while number > 0 {
            letters.append(Character(Unicode.Scalar(UInt8(65 + (number - 1) % 26))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// Every problem found in one run, in the order of the input.
public struct Diagnostics: Sendable, Sequence, CustomStringConvertible {
    public private(set) var items: [Diagnostic] = []

    public init(_ items: [Diagnostic] = []) {
        self.items = items
    }

    public mutating func append(_ diagnostic: Diagnostic) {
        items.append(diagnostic)
    }

    public mutating func append(contentsOf other: Diagnostics) {
        items.append(contentsOf: other.items)
    }

    public mutating func error(_ message: String, at location: SourceLocation, hint: String? = nil) {
        items.append(.error(message, at: location, hint: hint))
    }

    public mutating func warning(_ message: String, at location: SourceLocation, hint: String? = nil) {
        items.append(.warning(message, at: location, hint: hint))
    }

    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { items.filter { $0.severity == .warning } }
    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    public var isEmpty: Bool { items.isEmpty }
    public var count: Int { items.count }

    /// Sorted by place, so messages read top to bottom like the file.
    public var sorted: [Diagnostic] {
        items.enumerated().sorted { a, b in
            a.element.location == b.element.location ? a.offset < b.offset : a.element.location < b.element.location
        }.map(\.element)
    }

    public func makeIterator() -> IndexingIterator<[Diagnostic]> { items.makeIterator() }

    public var description: String { sorted.map(\.description).joined(separator: "\n") }
}

/// Thrown when input has problems that stop the work; carries every problem found, not just the first.
public struct DiagnosticsError: Error, CustomStringConvertible, LocalizedError {
    public var diagnostics: Diagnostics

    public init(_ diagnostics: Diagnostics) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.description }
    public var errorDescription: String? { description }
}
