import CXLSXFastPaths

/// The one thing Samla does under libxlsxwriter that its API has no call for: packing the parts at
/// a chosen deflate level (``Compression``), through minizip's public `zipOpenNewFileInZip4_64`
/// (`CXLSXFastPaths`). Every part holds the same bytes either way. Off when the environment says
/// `SAMLA_XLSX_FAST_PATHS=off`: libxlsxwriter then packs exactly as its API alone does.
public enum FastPaths {
    /// Whether workbooks written from now on take them.
    public static var enabled: Bool { cxlsx_fast_paths_enabled() != 0 }

    /// Runs `body` with the fast paths on or off in the whole program, whatever the environment
    /// says, then goes back to the environment's choice. For tests, which run one at a time.
    public static func with<T>(enabled: Bool, _ body: () throws -> T) rethrows -> T {
        cxlsx_set_fast_paths(enabled ? 1 : 0)
        defer { cxlsx_set_fast_paths(-1) }
        return try body()
    }
}
