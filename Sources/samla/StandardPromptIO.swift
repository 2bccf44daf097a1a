import Foundation
import SamlaKit
import TerminalUI

/// Line prompts on standard input and output: a pipe, a screen reader, `--plain`. Lines are read
/// with `read(2)` and cleaned of control bytes and escape sequences (an arrow key pressed at a
/// line prompt sends `ESC [ A`; none of it reaches an answer).
final class StandardPromptIO: PromptIO {
    private let output = Terminal.standardOutput
    let isInteractive: Bool
    let supportsColour: Bool
    /// Kiosk mode on a terminal: Ctrl-D (end of input) at an empty line does not end the session.
    private let ignoresEndOfInput: Bool
    /// Collect's host key: a line with Ctrl-X in it comes back as "\u{18}" alone.
    private let passesHostKey: Bool
    private var buffer: [UInt8] = []
    private var atEnd = false

    init(kiosk: Bool = false, hostKey: Bool = false) {
        isInteractive = isatty(STDIN_FILENO) == 1 && Terminal.standardOutput.isTerminal
        supportsColour = Terminal.standardOutput.supportsColour
        ignoresEndOfInput = kiosk && isatty(STDIN_FILENO) == 1
        passesHostKey = hostKey
    }

    func readLine() -> String? {
        guard let bytes = readRawLine() else { return nil }
        if passesHostKey, bytes.contains(0x18) { return "\u{18}" }
        return ControlStripping.clean(String(decoding: bytes, as: UTF8.self))
    }

    /// The bytes up to the next line feed (without it), or nil at the end of input.
    private func readRawLine() -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return line
            }
            if atEnd {
                guard !buffer.isEmpty else { return nil }
                defer { buffer.removeAll() }
                return buffer
            }
            let count = read(STDIN_FILENO, &chunk, chunk.count)
            if count < 0, errno == EINTR { continue }
            if count > 0 {
                buffer.append(contentsOf: chunk[..<count])
            } else if ignoresEndOfInput && count == 0 && isatty(STDIN_FILENO) == 1 {
                // Ctrl-D on a terminal: the terminal stays, and so does the prompt.
                continue
            } else {
                atEnd = true
            }
        }
    }

    func readSecret(_ label: String) -> String? {
        write(label + ": ")
        let terminal = isatty(STDIN_FILENO) == 1
        if terminal { TerminalMode.setEcho(false, descriptor: STDIN_FILENO) }
        defer {
            if terminal {
                TerminalMode.setEcho(true, descriptor: STDIN_FILENO)
                write("\n")
            }
        }
        return readRawLine().map { ControlStripping.clean(String(decoding: $0, as: UTF8.self)) }
    }

    func write(_ text: String) {
        output.write(text)
    }

    func clearScreen() {
        output.write(ScreenControl.clearAll)
    }
}
