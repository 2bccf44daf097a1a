import Foundation
import SamlaKit

/// The real terminal or pipe: answers from standard input, prompts to standard output.
final class StandardPromptIO: PromptIO {
    private let output = Terminal.standardOutput
    let isInteractive: Bool
    let supportsColour: Bool

    init() {
        isInteractive = isatty(STDIN_FILENO) == 1 && Terminal.standardOutput.isTerminal
        supportsColour = Terminal.standardOutput.supportsColour
    }

    func readLine() -> String? {
        Swift.readLine(strippingNewline: true)
    }

    func write(_ text: String) {
        output.write(text)
    }

    func clearScreen() {
        output.write("\u{1B}[2J\u{1B}[H")
    }
}
