#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The terminal's settings while a prompt runs, and putting them back.
///
/// `begin` saves the settings of the input terminal, turns off canonical input and echo (raw
/// mode: one key at a time), optionally the signal keys (Ctrl-C, Ctrl-Z, Ctrl-\ then arrive as
/// keys), and sends the screen set-up (alternate screen, bracketed paste). `restore` undoes it all
/// and may be called any number of times, from any thread, also from a signal's handler queue, so
/// every way out (normal end, error, SIGTERM, SIGHUP) leaves the terminal as it was.
public final class TerminalMode: @unchecked Sendable {
    public struct Options: Sendable {
        /// One key at a time without echo; false keeps line input (for `--plain` on a terminal).
        public var raw: Bool
        /// In raw mode, deliver Ctrl-C, Ctrl-Z and Ctrl-\ as keys instead of signals.
        public var keysNotSignals: Bool
        public var alternateScreen: Bool

        public init(raw: Bool, keysNotSignals: Bool, alternateScreen: Bool) {
            self.raw = raw
            self.keysNotSignals = keysNotSignals
            self.alternateScreen = alternateScreen
        }
    }

    private let input: Int32
    private let output: Int32
    private let options: Options
    private let lock = NSLock()
    private var saved: termios?
    private var active = false

    /// The terminal mode in effect, for restoring it from a signal handler.
    nonisolated(unsafe) private static var currentMode: TerminalMode?
    private static let currentLock = NSLock()
    public static var current: TerminalMode? { currentLock.withLock { currentMode } }

    public init(input: Int32, output: Int32, options: Options) {
        self.input = input
        self.output = output
        self.options = options
    }

    public func begin() {
        lock.withLock {
            guard !active else { return }
            active = true
            var settings = termios()
            if tcgetattr(input, &settings) == 0 {
                saved = settings
                if options.raw {
                    var raw = settings
                    raw.c_lflag &= ~tcflag_t(ICANON | ECHO | IEXTEN)
                    if options.keysNotSignals { raw.c_lflag &= ~tcflag_t(ISIG) }
                    // No Ctrl-S/Ctrl-Q flow control (a frozen screen looks like a crash), and CR
                    // arrives as typed.
                    raw.c_iflag &= ~tcflag_t(IXON | ICRNL | INLCR | IGNCR)
                    withUnsafeMutableBytes(of: &raw.c_cc) { cc in
                        cc[Int(VMIN)] = 1
                        cc[Int(VTIME)] = 0
                    }
                    tcsetattr(input, TCSAFLUSH, &raw)
                }
            }
            var setup = ""
            if options.alternateScreen { setup += ScreenControl.enterAlternateScreen }
            if options.raw { setup += ScreenControl.enableBracketedPaste }
            Self.write(setup, to: output)
        }
        Self.currentLock.withLock { Self.currentMode = self }
    }

    public func restore() {
        lock.withLock {
            guard active else { return }
            active = false
            var teardown = ScreenControl.resetStyle + ScreenControl.showCursor
            if options.raw { teardown += ScreenControl.disableBracketedPaste }
            if options.alternateScreen { teardown += ScreenControl.leaveAlternateScreen }
            Self.write(teardown, to: output)
            if var settings = saved { tcsetattr(input, TCSAFLUSH, &settings) }
        }
    }

    /// Turns echo off (or back on) while a secret is typed at a line prompt.
    public static func setEcho(_ on: Bool, descriptor: Int32) {
        var settings = termios()
        guard tcgetattr(descriptor, &settings) == 0 else { return }
        if on { settings.c_lflag |= tcflag_t(ECHO) } else { settings.c_lflag &= ~tcflag_t(ECHO) }
        tcsetattr(descriptor, TCSANOW, &settings)
    }

    public static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                if written <= 0 { break }
                offset += written
            }
        }
    }
}
