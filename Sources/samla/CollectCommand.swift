import ArgumentParser
import Dispatch
import Foundation
import SamlaKit

struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Ask the survey at the prompts, participant after participant, saving each finished response at once.",
        discussion: """
            Answers come one per line, from a person at the terminal or from a pipe. '<' goes back, '?' explains the keys.

            EXAMPLES
              samla collect surveys/tnc-workshop.yaml --session "Umeå 2025-03-12"
              samla collect surveys/tnc-workshop.yaml --lang en --participants 12
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

    func validate() throws {
        if let participants, participants < 1 { throw ValidationError("--participants must be at least 1") }
    }

    func run() throws {
        let definition = try SurveyLoader.require(path: survey)
        if let lang, !definition.languages.contains(lang) {
            throw ValidationError("--lang \(lang) is not one of the survey's languages: \(definition.languages.joined(separator: ", "))")
        }
        let store = try storeOptions.open()
        let io = StandardPromptIO()
        let collect = CollectSession(survey: definition, store: store, io: io,
                                     options: .init(language: lang, session: session, participants: participants))
        let ui = UIText(language: lang ?? definition.defaultLanguage)
        let progress = collect.progress
        let storePath = store.path
        let interrupts = InterruptHandler { signal in
            // A transaction in flight is rolled back by SQLite; every finished response is already committed.
            var text = "\n" + ui.saved(progress.saved, store: storePath) + "\n"
            if progress.hasDraft { text += ui.unfinishedKept + "\n" }
            Terminal.standardError.write(text)
            Foundation.exit(128 + signal)
        }
        let outcome = try collect.run()
        interrupts.cancel()
        var text = "\n" + ui.saved(outcome.saved, store: store.path) + "\n"
        if outcome.unfinished { text += ui.unfinishedKept + "\n" }
        Terminal.standardError.write(text)
    }
}

/// Runs a closure on SIGINT or SIGTERM from a dispatch queue, so the message can be composed safely
/// while the main thread is blocked reading input.
final class InterruptHandler {
    private var sources: [DispatchSourceSignal] = []

    init(_ handler: @escaping @Sendable (Int32) -> Void) {
        for signalNumber in [SIGINT, SIGTERM] {
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
