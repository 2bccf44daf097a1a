import CSVReader

/// How `samla import` reads its files; every field's default is "work it out".
public struct ImportOptions: Sendable {
    /// nil: recognise the layout by its header.
    public var layout: ExportLayout?
    /// nil: byte order mark, else strict UTF-8, else a scored single-byte code page.
    public var encoding: TextEncoding?
    /// nil: by trial parses.
    public var delimiter: UInt8?
    public var overrides: [ColumnOverride]
    public var session: String?
    /// Map and check everything, store nothing.
    public var dryRun: Bool
    /// Import the good rows and write the bad ones, with their reasons, to this file.
    public var rejectsPath: String?
    /// Problems kept per file for the report; the count of all of them is kept too.
    public var problemLimit: Int
    /// Responses kept per file to show what a dry run would store.
    public var sampleSize: Int
    /// Refuse a file any of whose non-empty cells would reach no response (`--strict`).
    public var strict = false
    /// In an .xlsx workbook, the sheet to read (`--sheet`); nil: the first.
    public var sheet: String? = nil

    public init(layout: ExportLayout? = nil, encoding: TextEncoding? = nil, delimiter: UInt8? = nil,
                overrides: [ColumnOverride] = [], session: String? = nil, dryRun: Bool = false,
                rejectsPath: String? = nil, problemLimit: Int = 50, sampleSize: Int = 3) {
        self.layout = layout
        self.encoding = encoding
        self.delimiter = delimiter
        self.overrides = overrides
        self.session = session
        self.dryRun = dryRun
        self.rejectsPath = rejectsPath
        self.problemLimit = problemLimit
        self.sampleSize = sampleSize
    }
}
