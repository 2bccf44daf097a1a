import Foundation

/// Writes a drafted definition in the survey format, every guess preceded by a comment saying
/// what it rests on. Every string is double-quoted, so no label can turn into YAML syntax (`yes`,
/// `no`, `: `, `#`).
struct DraftYAML {
    var id: String
    var title: String
    var language: String
    var source: String
    var layout: ExportLayout
    var rows: Int
    var questions: [DraftQuestion]

    var text: String {
        var lines = [
            "# Drafted by samla draft from \(source) (\(layout.displayName), \(rows) row\(rows == 1 ? "" : "s")).",
            "# Each guess has a comment above it: check them, correct what is wrong (question texts, labels,",
            "# scale ends, required questions), then run: samla validate FILE",
            "format: 1",
            "id: \(Self.quoted(id))",
            "# from the file name: give the survey its real title",
            "title: \(Self.quoted(title))",
            "# the language of the export's texts; add more languages by turning each text into {\(language): ..., \(language == "en" ? "sv" : "en"): ...}",
            "languages: [\(language)]",
            "questions:",
        ]
        for question in questions {
            lines.append("")
            lines.append("  # \(question.note.replacingOccurrences(of: "\n", with: " "))")
            lines.append("  - id: \(Self.quoted(question.id))")
            switch question.kind {
            case .singleChoice: lines.append("    type: single_choice")
            case .multipleChoice: lines.append("    type: multiple_choice")
            case .scale: lines.append("    type: scale")
            case .number: lines.append("    type: number")
            case .text: lines.append("    type: text")
            }
            lines.append("    text: \(Self.quoted(question.text))")
            switch question.kind {
            case .scale(let low, let high) where !question.scaleLabels.isEmpty:
                lines.append("    scale:")
                lines.append("      min: \(low)")
                lines.append("      max: \(high)")
                lines.append("      labels:")
                for (offset, label) in question.scaleLabels.enumerated() {
                    lines.append("        \(low + offset): \(Self.quoted(label))")
                }
            case .scale(let low, let high):
                lines.append("    scale: {min: \(low), max: \(high)}")
            case .number(let integer) where integer:
                lines.append("    integer: true")
            default:
                break
            }
            if question.personal { lines.append("    personal: true") }
            if !question.choices.isEmpty {
                lines.append("    choices:")
                for choice in question.choices {
                    lines.append("      - {id: \(Self.quoted(choice.id)), label: \(Self.quoted(choice.label))}")
                }
            }
            if question.allowsOther { lines.append("    other: true") }
        }
        if let contact = DraftContact.propose(questions) { lines += contact.lines }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                || scalar.value == 0xFEFF || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
