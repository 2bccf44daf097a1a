/// How libxlsxwriter should build the file.
public struct WorkbookOptions: Hashable, Sendable {
    /// Sheets keep one row in memory and stream the rest to a temporary file: memory stays flat
    /// however many rows are written, but rows must be written in increasing order, strings are
    /// stored inline, tables are refused, and charts cannot cache the sheet's values. A small
    /// sheet can still be written in any order: see ``Workbook/addWorksheet(name:constantMemory:)``.
    public var constantMemory: Bool
    /// Where libxlsxwriter puts its temporary files; nil for the system default.
    public var temporaryDirectory: String?
    /// Allows ZIP64 extensions, needed once the packed parts pass 4 GB.
    public var zip64: Bool
    /// How hard the parts are deflated: zlib's default, as libxlsxwriter packs, unless told.
    public var compression: Compression

    public init(constantMemory: Bool = false, temporaryDirectory: String? = nil, zip64: Bool = false,
                compression: Compression = .small) {
        self.constantMemory = constantMemory
        self.temporaryDirectory = temporaryDirectory
        self.zip64 = zip64
        self.compression = compression
    }
}
