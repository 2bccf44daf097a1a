import CSVReader
import Foundation

/// What `samla inspect` finds in an export: how it was read (encoding, delimiter, layout), its
/// header and first rows, and, given a survey, how its columns map and which cells would not import.
public struct ExportInspection: Sendable {
    public var file: String
    public var encoding: TextEncoding
    public var encodingReason: String
    public var delimiter: UInt8
    /// For a workbook: the sheet read (then `encoding` and `delimiter` say nothing).
    public var sheet: String?
    public var layout: ExportLayout
    public var header: [String]
    /// The first `limit` data rows as read.
    public var rows: [[String]]
    /// The physical line each of `rows` starts on.
    public var rowLines: [Int]
    /// All data rows in the file.
    public var rowCount: Int
    /// Given a survey: where each column goes.
    public var mapping: ColumnMapping?
    /// CSV problems, mapping warnings and, given a survey, cells that would not import (capped).
    public var problems: Diagnostics
    public var problemCount: Int
    /// Given a survey: where every cell would go.
    public var accounting: ImportAccounting?

    /// Reads the whole file once, streaming, keeping only the first `limit` rows and problems.
    public static func inspect(path: String, survey: Survey? = nil, options: ImportOptions = ImportOptions(),
                               limit: Int = 20) throws -> ExportInspection {
        let opened = try OpenedExport.opening(path: path, options: options, survey: survey, headerRequired: survey != nil)
        let reader = opened.rows
        var inspection = ExportInspection(
            file: path, encoding: opened.encoding, encodingReason: opened.encodingReason, delimiter: opened.delimiter, sheet: opened.sheet,
            layout: opened.layout, header: opened.header, rows: [], rowLines: [], rowCount: 0, mapping: survey == nil ? nil : opened.mapping,
            problems: Diagnostics(), problemCount: 0)
        var decoder = survey.map { RowDecoder(survey: $0, mapping: opened.mapping) }
        var tally = CellTally(mapping: opened.mapping, overrides: options.overrides)
        var accounting = ImportAccounting()
        accounting.headerRows = opened.headerRows.count
        accounting.preambleRows = opened.preambleRows
        if survey != nil {
            inspection.problems.append(contentsOf: opened.mapping.diagnostics)
            inspection.problemCount = opened.mapping.diagnostics.count
        }
        func add(_ diagnostic: Diagnostic) {
            inspection.problemCount += 1
            if inspection.problems.count < options.problemLimit { inspection.problems.append(diagnostic) }
        }
        while true {
            let stored = reader.problems.count
            let counted = reader.problemCount
            guard let record = try reader.next() else { break }
            inspection.rowCount += 1
            if decoder != nil { tally.count(record.fields) }
            if inspection.rows.count < limit {
                inspection.rows.append(record.fields)
                inspection.rowLines.append(record.line)
            }
            for problem in reader.problems[stored...] {
                add(.error(problem.message, at: SourceLocation(file: path, line: problem.line, column: problem.column), hint: problem.hint))
            }
            if reader.problemCount > counted {
                accounting.rowsWithProblems += 1
            } else if let row = decoder?.decode(record.fields) {
                if row.problems.isEmpty { accounting.responsesStored += 1 } else { accounting.rowsWithProblems += 1 }
                accounting.hiddenAnswers += row.hiddenAnswers
                accounting.textsKeptAsMetadata += row.textsAsMetadata
                for problem in row.problems {
                    tally.undecoded(column: problem.field, reason: problem.message)
                    add(.error(problem.message, at: reader.location(ofField: problem.field, file: path), hint: problem.hint))
                }
            }
        }
        // Problems past the reader's own cap are counted, not kept.
        inspection.problemCount += max(0, reader.problemCount - reader.problems.count)
        if survey != nil {
            accounting.rowsRead = inspection.rowCount
            tally.fill(&accounting, header: opened.header)
            inspection.accounting = accounting
        }
        return inspection
    }

    /// `{"encoding", "delimiter", "layout", "header", "rows", "mapping", "problems"}`, one row per line.
    public var json: String {
        var out = "{\n"
        if let sheet {
            out += "  \"sheet\": \(Self.quoted(sheet)),\n"
        } else {
            out += "  \"encoding\": \(Self.quoted(encoding.rawValue)),\n"
            out += "  \"delimiter\": \(Self.quoted(String(UnicodeScalar(delimiter)))),\n"
        }
        out += "  \"layout\": \(Self.quoted(layout.rawValue)),\n"
        out += "  \"header\": \(Self.array(header)),\n"
        out += "  \"rows\": [" + rows.map { "\n    " + Self.array($0) }.joined(separator: ",") + (rows.isEmpty ? "],\n" : "\n  ],\n")
        if let mapping {
            let entries = zip(mapping.header, mapping.roles).map { name, role -> String in
                var fields = ["\"column\": \(Self.quoted(name))", "\"role\": \(Self.quoted(role.kind))"]
                if let id = role.questionID { fields.append("\"question\": \(Self.quoted(id))") }
                if case .choiceFlag(_, let choice) = role { fields.append("\"choice\": \(Self.quoted(choice))") }
                if case .tool(let field) = role { fields.append("\"tool\": \(Self.quoted(field.rawValue))") }
                return "\n    {" + fields.joined(separator: ", ") + "}"
            }
            out += "  \"mapping\": [" + entries.joined(separator: ",") + (entries.isEmpty ? "],\n" : "\n  ],\n")
        } else {
            out += "  \"mapping\": null,\n"
        }
        let problemEntries = problems.sorted.map { diagnostic -> String in
            var fields = ["\"line\": \(diagnostic.location.line)", "\"column\": \(diagnostic.location.column)",
                          "\"severity\": \(Self.quoted(diagnostic.severity.rawValue))", "\"message\": \(Self.quoted(diagnostic.message))"]
            if let hint = diagnostic.hint { fields.append("\"hint\": \(Self.quoted(hint))") }
            return "\n    {" + fields.joined(separator: ", ") + "}"
        }
        out += "  \"problems\": [" + problemEntries.joined(separator: ",") + (problemEntries.isEmpty ? "],\n" : "\n  ],\n")
        out += "  \"accounting\": \(accounting?.json ?? "null")\n"
        return out + "}\n"
    }

    /// The same as a readable table.
    public func table(ui: UIText = UIText(language: "en"), renderer: DiagnosticRenderer = DiagnosticRenderer()) -> String {
        var lines = [file]
        if let sheet {
            lines.append("  sheet      \(sheet)")
        } else {
            lines.append("  encoding   \(encoding.rawValue) (\(encodingReason))")
            lines.append("  delimiter  \(CSVDialect.name(of: delimiter))")
        }
        lines.append("  layout     \(layout.rawValue) (\(layout.displayName))")
        lines.append("  rows       \(rowCount)\(rows.count < rowCount ? " (the first \(rows.count) shown)" : "")")
        lines.append("")
        lines.append(contentsOf: TextTable(header: [sheet == nil ? "line" : "row"] + header, rows: zip(rowLines, rows).map { [String($0)] + $1 }).lines)
        if let mapping {
            lines.append("")
            lines.append(ui.mappingHeading)
            for (name, role) in zip(mapping.header, mapping.roles) { lines.append("    \(name) → \(role)") }
            if !mapping.notAsked.isEmpty { lines.append(ui.notAsked(mapping.notAsked)) }
        }
        if let accounting {
            lines.append("")
            lines.append(contentsOf: AccountingText.lines(accounting, file: file, dryRun: true))
        }
        if !problems.isEmpty {
            lines.append("")
            lines.append(renderer.render(problems))
            if problemCount > problems.count { lines.append(ui.moreProblems(problemCount - problems.count, total: problemCount)) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func quoted(_ text: String) -> String {
        var out = ""
        JSONText.appendQuoted(text, to: &out)
        return out
    }

    private static func array(_ values: [String]) -> String {
        "[" + values.map(quoted).joined(separator: ", ") + "]"
    }
}

/// Cells in aligned columns, each cut to a width a terminal can show; line breaks shown as ⏎.
struct TextTable {
    var header: [String]
    var rows: [[String]]
    var maximumWidth = 24

    var lines: [String] {
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        func shown(_ text: String) -> String {
            let flat = text.replacingOccurrences(of: "\r\n", with: "⏎").replacingOccurrences(of: "\n", with: "⏎")
                .replacingOccurrences(of: "\r", with: "⏎").replacingOccurrences(of: "\t", with: " ")
            return flat.count > maximumWidth ? String(flat.prefix(maximumWidth - 1)) + "…" : flat
        }
        let table = ([header] + rows).map { row in (0..<columns).map { $0 < row.count ? shown(row[$0]) : "" } }
        let widths = (0..<columns).map { column in table.map { $0[column].count }.max() ?? 0 }
        return table.enumerated().flatMap { index, row -> [String] in
            let line = "  " + zip(row, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: " │ ")
            guard index == 0 else { return [line] }
            return [line, "  " + widths.map { String(repeating: "─", count: $0) }.joined(separator: "─┼─")]
        }
    }
}
