import CSVReader
import Foundation
import XLSXReader

/// An export opened for reading: encoding and dialect settled, header rows found, layout
/// recognised, columns described and (given a survey) mapped.
struct OpenedExport {
    let path: String
    /// The rows under the header.
    let rows: any ExportRowSource
    let encoding: TextEncoding
    let encodingReason: String
    /// The CSV reader under `rows` (nil for a workbook), for what is known only once it is read.
    let csv: CSVReader?
    let delimiter: UInt8
    /// For a workbook: the sheet read (then `encoding` and `delimiter` say nothing).
    let sheet: String?
    let progress: CSVProgress?
    /// The columns' names (`ExportColumn.name`), one per column.
    let header: [String]
    /// The header rows as read: one, or the tool's two or three.
    let headerRows: [[String]]
    /// Title rows above the header, read and left out.
    let preambleRows: Int
    let columns: [ExportColumn]
    let headerLocation: SourceLocation
    /// Where each header cell starts, for messages about columns.
    let headerColumns: [SourceLocation]
    let layout: ExportLayout
    let mapping: ColumnMapping

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
    /// `checkingUTF8WhileReading`: a CSV whose start is UTF-8 is read as UTF-8 and the rest
    /// checked as the rows are read, which may throw `CSVEncodingRecheck`
    /// (`CSVOptions.checksUTF8WhileReading`).
    init(path: String, options: ImportOptions, survey: Survey?, headerRequired: Bool = true, checkingUTF8WhileReading: Bool = false) throws {
        self.path = path
        var reader: any ExportRowSource
        var first: [String]
        switch ExportFileKind.of(path: path) {
        case .legacyExcel:
            throw ExportProblem(file: path, error: .legacyExcel)
        case .xlsx:
            // A form's definition read as responses would store its rows as answers.
            if options.sheet == nil, XLSFormSheet.isForm(path: path) {
                throw ExportProblem(diagnostic: .error(
                    "this workbook is an XLSForm (a KoboToolbox / ODK form's definition), not responses", at: SourceLocation(file: path),
                    hint: "samla draft \(path) converts it to a survey; import the form's response export, or pass --sheet NAME to read a sheet anyway"))
            }
            let sheetRows = try XLSXRows(path: path, sheet: options.sheet)
            sheet = sheetRows.sheet
            encoding = .utf8
            encodingReason = "an .xlsx workbook"
            csv = nil
            delimiter = UInt8(ascii: ",")
            progress = nil
            preambleRows = 0
            // A workbook has no title rows to guess past: its first row with a value is the header.
            first = try sheetRows.next()?.fields ?? []
            reader = sheetRows
        case .csv:
            sheet = nil
            let csv = try Self.openCSV(path: path, options: options, headerRequired: headerRequired,
                                       checkingUTF8WhileReading: checkingUTF8WhileReading)
            self.csv = csv
            encoding = csv.encoding
            encodingReason = csv.sniff.encodingReason
            delimiter = csv.dialect.delimiter
            progress = csv.progress
            preambleRows = csv.preamble.count
            if let detected = csv.header {
                first = detected
            } else if headerRequired, let row = try csv.next() {
                // Survey exports always have a header, even when its cells look like data (ids as numbers).
                first = row.fields
            } else {
                // No header, or an empty file: nothing to map; importing it says so.
                first = []
            }
            reader = csv
        }
        // Excel leaves a byte order mark's ghost or spaces around header cells now and then.
        first = Self.trimmed(first)
        let file = path
        let headerColumns = first.indices.map { reader.location(ofField: $0, file: file) }
        self.headerColumns = headerColumns
        headerLocation = headerColumns.first.map { SourceLocation(file: file, line: $0.line, column: 1, sheet: $0.sheet) } ?? SourceLocation(file: file)
        let layout = options.layout ?? ExportLayout.recognise(header: first)
        self.layout = layout
        // A merged cell in a workbook's header spans its columns in every header row the tool has.
        (reader as? XLSXRows)?.headerRows = 1 + layout.details.furtherHeaderRows.count
        // Further header rows are read as headers only when they look like the tool's.
        var headerRows = [first]
        var pending: CSVRecord?
        for kind in layout.details.furtherHeaderRows where !first.isEmpty {
            guard let row = try reader.next() else { break }
            if kind.isHeader(row.fields, firstHeader: first) {
                headerRows.append(row.fields)
            } else {
                pending = row
                break
            }
        }
        self.headerRows = headerRows
        rows = pending == nil ? reader : PeekedRows(reader, pending: pending)
        let columns = ExportColumns.make(headerRows: headerRows, layout: layout)
        self.columns = columns
        header = columns.map(\.name)
        if let survey {
            mapping = try ColumnMapping.make(columns: columns, survey: survey, layout: layout, overrides: options.overrides,
                                             locate: { headerColumns[$0] })
        } else {
            let roles = columns.map { $0.tool.map(ColumnRole.tool) ?? .unmatched }
            mapping = ColumnMapping(layout: layout, header: columns.map(\.name), roles: roles, diagnostics: Diagnostics(), notAsked: [],
                                    headerLanguages: .all)
        }
    }

    /// A CSV with its header found: the tool's signature row when the header guess took it for a
    /// title (SurveyMonkey's first row, sparse over its option columns), else the guessed header.
    private static func openCSV(path: String, options: ImportOptions, headerRequired: Bool, checkingUTF8WhileReading: Bool) throws -> CSVReader {
        func open(_ header: HeaderPolicy, encoding: TextEncoding?, delimiter: UInt8?) throws -> CSVReader {
            let readerOptions = CSVOptions(encoding: encoding, delimiter: delimiter, strict: false, header: header,
                                           checksUTF8WhileReading: checkingUTF8WhileReading)
            do {
                return try CSVReader(url: URL(fileURLWithPath: path), options: readerOptions)
            } catch let error as CSVError {
                throw ExportProblem(file: path, problem: error.problem)
            }
        }
        let reader = try open(.detect, encoding: options.encoding, delimiter: options.delimiter)
        // Opened again with the encoding settled; one taken for UTF-8 from the start only is
        // settled the same way again, so the reading still checks the rest.
        let settled = reader.encodingCheckedWhileReading ? nil : reader.encoding
        let candidates = reader.preamble.map(\.fields) + (reader.header.map { [$0] } ?? [])
        let signatureRow = candidates.indices.first { index in
            let found = ExportLayout.recognise(header: Self.trimmed(candidates[index]))
            return found != .generic && (options.layout == nil || options.layout == found)
        }
        // A tool's signature may sit in a row the header guess took for a title (SurveyMonkey's
        // first row, sparse over its option columns): then that row is the header.
        if let signatureRow, signatureRow != reader.preamble.count {
            return try open(.row(signatureRow), encoding: settled, delimiter: reader.dialect.delimiter)
        }
        if signatureRow == nil, reader.header == nil, !headerRequired {
            // The guess saw no header at all (a sparse first row over data-like rows): a first row
            // with a tool's signature is the header all the same, so inspect shows it as import reads it.
            let plain = try open(.none, encoding: settled, delimiter: reader.dialect.delimiter)
            if let row = try plain.next(), ExportLayout.recognise(header: Self.trimmed(row.fields)) != .generic {
                return try open(.row(0), encoding: settled, delimiter: reader.dialect.delimiter)
            }
        }
        return reader
    }

    private static func trimmed(_ row: [String]) -> [String] {
        row.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
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
