#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal window's size, and whether it changed since last asked (SIGWINCH).
public enum TerminalSize {
    nonisolated(unsafe) private static var resized: sig_atomic_t = 0
    nonisolated(unsafe) private static var watching = false

    /// Columns and rows of the terminal on `descriptor`, or 80×24 when it cannot say.
    public static func of(_ descriptor: Int32) -> (columns: Int, rows: Int) {
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return (Int(size.ws_col), Int(max(1, size.ws_row)))
        }
        return (80, 24)
    }

    /// Installs the SIGWINCH handler once (called on the main thread before reading keys).
    static func watchResizes() {
        guard !watching else { return }
        watching = true
        signal(SIGWINCH) { _ in TerminalSize.resized = 1 }
    }

    static func takeResize() -> Bool {
        guard resized != 0 else { return false }
        resized = 0
        return true
    }
}
