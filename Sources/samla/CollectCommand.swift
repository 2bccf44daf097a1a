import ArgumentParser
import Dispatch
import Foundation
import SamlaKit
import TerminalUI

struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Ask the survey at the prompts, participant after participant, saving each finished response at once.",
        discussion: """
            In a terminal each question is a screen of its own: ↑/↓ (or j/k) move, Space marks, Enter \
            confirms, Backspace goes back; typing a number or a label and Enter works too. Through a pipe \
            or with --plain, answers come one per line: '<' goes back, '?' explains the keys.

            In a terminal, kiosk mode is on (--no-kiosk turns it off): Ctrl-C, Ctrl-Z, Ctrl-\\ and Ctrl-D \
            do not leave; the host ends the session with Ctrl-X and the PIN chosen at the start (or \
            $SAMLA_HOST_PIN). A participant who presses no key for --idle-minutes is discarded, and the \
            next screen says so.

            EXAMPLES
              samla collect surveys/tnc-workshop.yaml --session "Umeå 2025-03-12"
              SAMLA_HOST_PIN=2468 samla collect surveys/tnc-workshop.yaml --lang sv --idle-minutes 3
              printf '1\\n2\\n' | samla collect surveys/tnc-workshop.yaml --lang en
            """
    )

    @Argument(help: "The survey definition.")
    var survey: String

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Ask in this language (default: each participant chooses when the survey has several).")
    var lang: String?

    @Option(help: "A label for this workshop, e.g. \"Umeå 2025-03-12\".")
    var session: String?

    @Option(help: "Stop after this many finished responses.")
    var participants: Int?

    @Flag(inversion: .prefixedNo, help: "Kiosk mode: only the host's Ctrl-X and PIN end the session (default: on when standard input is a terminal).")
    var kiosk: Bool?

    @Flag(help: "Line prompts (one answer per line) even in a terminal, e.g. for a screen reader.")
    var plain = false

    @Option(help: "In kiosk mode, discard a participant after this many minutes without a key.")
    var idleMinutes: Double = 5

    @Option(help: "The language of the host's messages: sv or en (default: from LC_ALL or LANG, else the survey's).")
    var uiLang: String?

    func validate() throws {
        if let participants, participants < 1 { throw ValidationError("--participants must be at least 1") }
        if !(idleMinutes > 0) || !idleMinutes.isFinite { throw ValidationError("--idle-minutes must be a number above 0, e.g. 5") }
        if let uiLang, !["sv", "en"].contains(uiLang) { throw ValidationError("--ui-lang \(uiLang): use sv or en") }
    }

    func run() throws {
        let definition = try SurveyLoader.require(path: survey)
        if let lang, !definition.languages.contains(lang) {
            throw ValidationError("--lang \(lang) is not one of the survey's languages: \(definition.languages.joined(separator: ", "))")
        }
        let host = UIText(language: uiLang ?? HostLanguage.fromEnvironment() ?? lang ?? definition.defaultLanguage)
        let inputIsTerminal = isatty(STDIN_FILENO) == 1
        let onTerminal = inputIsTerminal && Terminal.standardOutput.isTerminal
        let kioskMode = kiosk ?? inputIsTerminal
        if kioskMode, !inputIsTerminal { throw ValidationError(host.kioskNeedsTerminal) }
        let keys = onTerminal && !plain
        let store = try storeOptions.open()
        let pin = kioskMode ? try HostPIN.obtain(host) : nil
        if kioskMode { Terminal.standardError.write(host.kioskHowToEnd + "\n") }

        // The alternate screen keeps the host's command line and everything before out of sight, and
        // what is drawn there never enters the scrollback.
        let mode = onTerminal
            ? TerminalMode(input: STDIN_FILENO, output: STDOUT_FILENO,
                           options: .init(raw: keys, keysNotSignals: kioskMode, alternateScreen: true))
            : nil
        mode?.begin()
        defer { mode?.restore() }

        let io: PromptIO = keys
            ? TerminalPromptIO(kiosk: kioskMode, idle: kioskMode ? idleMinutes * 60 : nil)
            : StandardPromptIO(kiosk: kioskMode, hostKey: true)
        let collect = CollectSession(survey: definition, store: store, io: io,
                                     options: .init(language: lang, session: session, participants: participants,
                                                    kiosk: kioskMode, hostPIN: pin, hostLanguage: host.language))
        let progress = collect.progress
        let storePath = store.path
        if kioskMode || keys {
            // No suspending with the terminal in raw mode or a participant at it; in kiosk mode no
            // Ctrl-C or Ctrl-\ either (in raw mode they arrive as keys, and are ignored).
            signal(SIGTSTP, SIG_IGN)
        }
        if kioskMode {
            signal(SIGINT, SIG_IGN)
            signal(SIGQUIT, SIG_IGN)
        }
        let interrupts = InterruptHandler(signals: kioskMode ? [SIGTERM, SIGHUP] : [SIGINT, SIGTERM, SIGHUP]) { signal in
            // A transaction in flight is rolled back by SQLite; every finished response is already committed.
            TerminalMode.current?.restore()
            var text = "\n" + host.saved(progress.saved, store: storePath) + "\n"
            if progress.hasDraft { text += host.unfinishedKept + "\n" }
            Terminal.standardError.write(text)
            Foundation.exit(128 + signal)
        }
        let outcome = try collect.run()
        interrupts.cancel()
        mode?.restore()
        var text = "\n" + host.saved(outcome.saved, store: store.path) + "\n"
        if outcome.discarded > 0 { text += host.unfinishedDiscarded(outcome.discarded) + "\n" }
        if outcome.unfinished { text += host.unfinishedKept + "\n" }
        Terminal.standardError.write(text)
    }
}

/// The host's language from the locale: sv or en when LC_ALL, LC_MESSAGES or LANG names one.
enum HostLanguage {
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[key], !value.isEmpty else { continue }
            let code = value.prefix { $0.isLetter }.lowercased()
            return ["sv", "en"].contains(code) ? code : nil
        }
        return nil
    }
}

/// The PIN that ends a kiosk session: $SAMLA_HOST_PIN, or typed twice, hidden, at the start.
enum HostPIN {
    static func obtain(_ ui: UIText) throws -> String {
        if let pin = ProcessInfo.processInfo.environment["SAMLA_HOST_PIN"], !pin.isEmpty { return pin }
        let io = StandardPromptIO()
        while true {
            guard let first = io.readSecret(ui.choosePIN) else { throw ExitCode(2) }
            let pin = first.trimmingCharacters(in: .whitespaces)
            guard pin.count >= 4 else {
                io.write(ui.pinTooShort + "\n")
                continue
            }
            guard let second = io.readSecret(ui.repeatPIN) else { throw ExitCode(2) }
            if second.trimmingCharacters(in: .whitespaces) == pin { return pin }
            io.write(ui.pinsDiffer + "\n")
        }
    }
}

/// Runs a closure on SIGINT or SIGTERM (or the signals given) from a dispatch queue, so the message
/// can be composed safely while the main thread is blocked reading input.
final class InterruptHandler {
    private var sources: [DispatchSourceSignal] = []

    init(signals: [Int32] = [SIGINT, SIGTERM], _ handler: @escaping @Sendable (Int32) -> Void) {
        for signalNumber in signals {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { handler(signalNumber) }
            source.resume()
            sources.append(source)
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
        sources.removeAll()
    }
}
