import CXLSXFastPaths

/// How hard the parts of the file are deflated when the workbook is closed.
///
/// libxlsxwriter 1.1.4 always packs at zlib's default level and has no option for it; the
/// `CXLSXFastPaths` target sets the level underneath it, and deflates the parts in blocks on every
/// core (see its header). The 171 MB of XML of 100,000 bench responses (their big sheets' cells
/// written without references where a reader can tell them, `SplicedRows`) pack at level 2 to
/// 18.4 MB, at level 3 to 17.0 MB (some 0.2 s more CPU), at zlib's default to 14.1 MB (some 1.3 s
/// more CPU); ARCHITECTURE.md has the measurements.
public enum Compression: String, Hashable, Sendable, CaseIterable {
    /// zlib's level 2: within a tenth of level 1's time, 5 % smaller.
    case fast
    /// zlib's default level (6), as libxlsxwriter, Excel and most writers pack: the smaller file.
    case small

    var zlibLevel: Int32 {
        switch self {
        case .fast: 2
        case .small: -1
        }
    }

    /// Whether the choice reaches libxlsxwriter in this program. Where it does not (the library
    /// packing with a minizip of its own, or the program not exporting the symbol), every file is
    /// packed as `.small`; nothing else changes.
    public static var takesEffect: Bool { cxlsx_deflate_level_takes_effect() != 0 && FastPaths.enabled }

    /// Runs `body` with this thread's packing level set to this one, then puts back the previous.
    func during<T>(_ body: () throws -> T) rethrows -> T {
        let previous = cxlsx_deflate_level()
        cxlsx_set_deflate_level(zlibLevel)
        defer { cxlsx_set_deflate_level(previous) }
        return try body()
    }
}
