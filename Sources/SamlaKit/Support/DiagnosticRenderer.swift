import Foundation

/// Prints diagnostics the way compilers do: the located message, then the offending source line
/// with a caret under the column, so a host sees exactly what to change.
public struct DiagnosticRenderer: Sendable {
    /// Source text by file name, for the quoted line under each message.
    public var sources: [String: String]
    public var useColour: Bool

    public init(sources: [String: String] = [:], useColour: Bool = false) {
        self.sources = sources
        self.useColour = useColour
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        let label: String
        switch (diagnostic.severity, useColour) {
        case (.error, true): label = "\u{1B}[1;31merror\u{1B}[0m"
        case (.warning, true): label = "\u{1B}[1;33mwarning\u{1B}[0m"
        case (let severity, false): label = severity.rawValue
        }
        var out = "\(diagnostic.location): \(label): \(diagnostic.message)"
        if let line = sourceLine(diagnostic.location) {
            let caretColumn = max(diagnostic.location.column, 1)
            // Tabs keep their width so the caret lines up under the same character.
            let padding = line.unicodeScalars.prefix(caretColumn - 1).map { $0 == "\t" ? "\t" : " " }.joined()
            out += "\n    \(line)\n    \(padding)^"
        }
        if let hint = diagnostic.hint {
            out += "\n    note: \(hint)"
        }
        return out
    }

    public func render(_ diagnostics: Diagnostics) -> String {
        diagnostics.sorted.map(render).joined(separator: "\n")
    }

    private func sourceLine(_ location: SourceLocation) -> String? {
        guard location.line > 0, let text = sources[location.file] else { return nil }
        // Over the UTF-8 bytes, stopping at the line: a file may be megabytes long.
        let bytes = text.utf8
        var current = 1
        var start = bytes.startIndex
        while current < location.line {
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            current += 1
            start = bytes.index(after: newline)
        }
        let end = bytes[start...].firstIndex(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) ?? bytes.endIndex
        // A very long line is quoted only up to the place and a little after it.
        let line = String(decoding: bytes[start..<end], as: UTF8.self)
        let shown = max(location.column, 1) + 80
        return line.unicodeScalars.count > shown ? String(line.unicodeScalars.prefix(shown)) + "…" : line
    }
}
