import CSVReader
import Foundation

/// An export opened for reading: a CSV with encoding and dialect settled or a workbook's sheet,
/// header found, layout recognised, and (given a survey) its columns mapped.
struct OpenedExport {
    let path: String
    let rows: ExportRows
    let header: [String]
    let headerLocation: SourceLocation
    /// Where each header cell starts, for messages about columns.
    let headerColumns: [SourceLocation]
    let layout: ExportLayout
    let mapping: ColumnMapping

    /// The encoding as the store records a file's: a workbook's text is always Unicode.
    var encodingName: String {
        switch rows.format {
        case .csv(let encoding, _, _): return encoding.rawValue
        case .xlsx: return "xlsx"
        }
    }

    /// Opens for a command that stops at a file it cannot read, with the reason as a diagnostic.
    static func opening(path: String, options: ImportOptions, survey: Survey?, headerRequired: Bool = true) throws -> OpenedExport {
        do {
            return try OpenedExport(path: path, options: options, survey: survey, headerRequired: headerRequired)
        } catch let problem as ExportProblem {
            throw DiagnosticsError(Diagnostics([problem.diagnostic]))
        }
    }

    /// `headerRequired`: take the first row as the header even when it looks like data, as every
    /// survey export has one; otherwise (inspecting any CSV) a file without one shows none.
    init(path: String, options: ImportOptions, survey: Survey?, headerRequired: Bool = true) throws {
        self.path = path
        switch ExportFileKind.of(path: path) {
        case .csv:
            rows = try CSVRows(path: path, encoding: options.encoding, delimiter: options.delimiter)
        case .xlsx:
            rows = try XLSXRows(path: path, sheet: options.sheet)
        case .legacyExcel:
            throw ExportProblem(file: path, error: .legacyExcel)
        }
        let rows = self.rows
        var header: [String]
        if let detected = rows.detectedHeader {
            header = detected
        } else if headerRequired || rows is XLSXRows, let first = try rows.next() {
            // Survey exports always have a header, even when its cells look like data (ids as numbers).
            header = first.fields
        } else {
            // No header, or an empty file: nothing to map; importing it says so.
            header = []
        }
        // Excel leaves a byte order mark's ghost or spaces around header cells now and then.
        header = header.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        self.header = header
        let file = path
        headerColumns = header.indices.map { rows.location(ofField: $0) }
        headerLocation = headerColumns.first.map { SourceLocation(file: file, line: $0.line, column: 1, sheet: $0.sheet) } ?? SourceLocation(file: file)
        let layout = options.layout ?? ExportLayout.recognise(header: header)
        self.layout = layout
        if let survey {
            let columns = headerColumns
            mapping = try ColumnMapping.make(header: header, survey: survey, layout: layout, overrides: options.overrides,
                                             locate: { columns[$0] })
        } else {
            let roles = ColumnMapping.toolFields(header: header, layout: layout).map { $0.map(ColumnRole.tool) ?? .unmatched }
            mapping = ColumnMapping(layout: layout, header: header, roles: roles, diagnostics: Diagnostics(), notAsked: [], headerLanguages: .all)
        }
    }
}

/// A problem that stops a whole file (its encoding cannot be told, it is a workbook, ...).
struct ExportProblem: Error, CustomStringConvertible {
    var diagnostic: Diagnostic

    init(diagnostic: Diagnostic) {
        self.diagnostic = diagnostic
    }

    init(file: String, problem: CSVProblem) {
        diagnostic = .error(problem.message, at: SourceLocation(file: file, line: problem.line, column: problem.column),
                            hint: problem.hint.isEmpty ? nil : problem.hint)
    }

    var description: String { diagnostic.description }
}
