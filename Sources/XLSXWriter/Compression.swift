import CXLSXFastPaths

/// How hard the parts of the file are deflated when the workbook is closed.
///
/// libxlsxwriter 1.1.4 always packs at zlib's default level and has no option for it; the
/// `CXLSXFastPaths` target sets the level underneath it, and deflates the parts in blocks on every
/// core (see its header). The 208 MB of XML of 100,000 bench responses deflate in 0.90 s of CPU
/// (on two cores) at level 2 to 28.9 MB, in 2.8 s at zlib's default to 23.6 MB (level 1: 0.84 s,
/// 30.4 MB; level 3: 1.2 s, 27.0 MB).
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
