import ArgumentParser
import Foundation
import SamlaKit

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Build a survey definition at the prompts and write it under surveys/.",
        discussion: """
            Answers come one per line, from a person at the terminal or from a pipe. The definition is \
            shown before it is written; nothing is written until you confirm, and an existing file is \
            only replaced when you say so. At the preview, e N edits question N, m N M moves it, d N deletes it. \
            After each question a draft is saved (surveys/.ID.draft.yaml), so Ctrl-C loses nothing: the next \
            samla new offers to resume it.

            EXAMPLES
              samla new
              samla new surveys/my-workshop.yaml --lang sv
            """
    )

    @Argument(help: "Where to write the survey (default: surveys/<id>.yaml).")
    var file: String?

    @Option(help: "Prompt in this language, sv or en (default: the survey's first language).")
    var lang: String?

    func validate() throws {
        if let lang, !Identifiers.isLanguageCode(lang) {
            throw ValidationError("--lang \(lang) is not a language code; use for example sv or en")
        }
    }

    func run() throws {
        let builder = SurveyBuilder(io: StandardPromptIO(), options: .init(language: lang, file: file))
        let progress = builder.progress
        let interrupts = InterruptHandler { signal in
            // Waits for a write in progress, so the file is either whole or not there.
            let written = progress.interrupt()
            let draft = written == nil ? progress.draftPath : nil
            let message = UIText.either(progress.language) { ui in
                (written.map(ui.newWritten) ?? ui.newInterrupted) + (draft.map { " " + ui.newDraftKept($0) } ?? "")
            }
            Terminal.standardError.write("\n" + message + "\n")
            Foundation.exit(128 + signal)
        }
        let outcome = builder.run()
        interrupts.cancel()
        let ui = UIText(language: progress.language ?? "en")
        switch outcome {
        case .written(let path):
            Terminal.standardError.write("\n" + ui.newWritten(path) + "\n")
        case .quit:
            Terminal.standardError.write("\n" + ui.newNothingWritten + "\n")
        case .endOfInput:
            Terminal.standardError.write("\n" + UIText.either(progress.language) { ui in
                ui.newInputEnded + (progress.draftPath.map { " " + ui.newDraftKept($0) } ?? "")
            } + "\n")
            throw ExitCode(1)
        case .interrupted:
            Terminal.standardError.write(ui.newInterrupted + "\n")
            throw ExitCode(130)
        case .invalid(let problems):
            Terminal.standardError.write(problems + "\n")
            throw ExitCode(1)
        }
    }
}
