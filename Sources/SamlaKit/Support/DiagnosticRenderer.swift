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
        var current = 1
        var start = text.startIndex
        for index in text.indices where current < location.line {
            if text[index] == "\n" {
                current += 1
                start = text.index(after: index)
            }
        }
        guard current == location.line else { return nil }
        let end = text[start...].firstIndex(where: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) ?? text.endIndex
        return String(text[start..<end])
    }
}
