import CSVReader

/// The rows of an export under its header, each field locatable for messages. The CSV reader is
/// one; another file format plugs in by giving the same (and its header rows to `OpenedExport`).
protocol ExportRowSource: AnyObject {
    /// The next data row, nil at the end.
    func next() throws -> CSVRecord?
    /// Where field `field` of the row last returned starts.
    func locationOfField(_ field: Int) -> (line: Int, column: Int)
    /// The same as a message names it (a workbook's cell as `Sheet!C5`).
    func location(ofField field: Int, file: String) -> SourceLocation
    /// Problems met in reading so far (capped), and the count of all of them.
    var problems: [CSVProblem] { get }
    var problemCount: Int { get }
}

extension ExportRowSource {
    func location(ofField field: Int, file: String) -> SourceLocation {
        let (line, column) = locationOfField(field)
        return SourceLocation(file: file, line: line, column: column)
    }
}

extension CSVReader: ExportRowSource {}

/// A source with one row read ahead (to tell a further header row from a response) given back first.
final class PeekedRows: ExportRowSource {
    private let base: any ExportRowSource
    private var pending: CSVRecord?

    init(_ base: any ExportRowSource, pending: CSVRecord?) {
        self.base = base
        self.pending = pending
    }

    func next() throws -> CSVRecord? {
        if let row = pending {
            pending = nil
            return row
        }
        return try base.next()
    }

    // The row given back was the base's last one read, so its locations still hold.
    func locationOfField(_ field: Int) -> (line: Int, column: Int) { base.locationOfField(field) }
    func location(ofField field: Int, file: String) -> SourceLocation { base.location(ofField: field, file: file) }
    var problems: [CSVProblem] { base.problems }
    var problemCount: Int { base.problemCount }
}
