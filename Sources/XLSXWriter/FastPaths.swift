import CXLSXFastPaths

/// What Samla does under libxlsxwriter that its API has no call for: packing the parts at a chosen
/// deflate level (``Compression``), on every core, through minizip's public functions
/// (`CXLSXFastPaths`), and splicing the data rows of streamed sheets written as XML by
/// ``SplicedRows`` into the parts as they are packed. Every other part holds the same bytes either
/// way, and a spliced sheet the same cells. Off when the environment says
/// `SAMLA_XLSX_FAST_PATHS=off`: libxlsxwriter then packs exactly as its API alone does.
public enum FastPaths {
    /// Whether workbooks written from now on take them.
    public static var enabled: Bool { cxlsx_fast_paths_enabled() != 0 }

    /// Whether workbooks written from now on have their parts deflated in blocks on every core.
    /// Where minizip's calls do not reach `CXLSXFastPaths`, they are packed on one, as by the
    /// library alone.
    public static var packOnEveryCore: Bool { enabled && cxlsx_parallel_packing_takes_effect() != 0 }

    /// How many blocks of the parts the packing threads have deflated in this program so far.
    public static var blocksDeflatedInParallel: UInt64 { UInt64(cxlsx_blocks_deflated_in_parallel()) }

    /// How many streamed sheets have had their data rows written as XML and spliced into the
    /// file (``SplicedRows``) in this program so far, ``SpliceProbe``'s own not counted.
    public static var sheetsSpliced: UInt64 { UInt64(cxlsx_sheets_spliced()) &- SpliceProbe.shared.probeSplices }

    /// Whether streamed sheets written from now on have their rows spliced: the parts are packed
    /// here and this libxlsxwriter writes a marker cell as the splicing expects (``SpliceProbe``,
    /// tried once on a workbook of its own).
    public static var splicesRows: Bool { packOnEveryCore && SpliceProbe.shared.splicingWorks() }

    /// Runs `body` with the fast paths on or off in the whole program, whatever the environment
    /// says, then goes back to the environment's choice. For tests, which run one at a time.
    public static func with<T>(enabled: Bool, _ body: () throws -> T) rethrows -> T {
        cxlsx_set_fast_paths(enabled ? 1 : 0)
        defer { cxlsx_set_fast_paths(-1) }
        return try body()
    }
}
