import Dispatch

/// One line on the terminal, rewritten in place a few times a second while long work runs; nothing
/// at all when standard error is not a terminal, so logs and pipes stay clean.
final class ProgressLine: @unchecked Sendable {
    private let terminal: Terminal
    private var timer: DispatchSourceTimer?
    /// The timer's handler and the final clearing run here, one after the other, so no late tick
    /// can redraw the line after it was cleared.
    private let queue = DispatchQueue(label: "samla.progress-line")

    init(terminal: Terminal) {
        self.terminal = terminal
    }

    /// Shows `line()` from 300 ms on (quick work never flickers), refreshed every 200 ms.
    func start(_ line: @escaping @Sendable () -> String) {
        stop()
        guard terminal.isTerminal else { return }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        let terminal = self.terminal
        timer.schedule(deadline: .now() + .milliseconds(300), repeating: .milliseconds(200))
        timer.setEventHandler {
            terminal.write("\r\u{1B}[K" + line())
        }
        timer.resume()
        self.timer = timer
    }

    /// Stops and clears the line, so what is printed next starts on a clean one.
    func stop() {
        guard let timer else { return }
        timer.cancel()
        self.timer = nil
        queue.sync { terminal.write("\r\u{1B}[K") }
    }
}
