import CXLSXFastPaths

/// How hard the parts of the file are deflated when the workbook is closed.
///
/// libxlsxwriter 1.1.4 always packs at zlib's default level and has no option for it; the
/// `CXLSXFastPaths` target sets the level underneath it (see its header). The XML of a large sheet
/// packs about three times as fast at level 1 for a file about a quarter larger.
public enum Compression: String, Hashable, Sendable, CaseIterable {
    /// zlib's level 1: the quickest to write.
    case fast
    /// zlib's default level (6), as libxlsxwriter, Excel and most writers pack: the smaller file.
    case small

    var zlibLevel: Int32 {
        switch self {
        case .fast: 1
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
