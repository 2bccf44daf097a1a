import ArgumentParser
import Foundation
import SamlaKit

/// The `samla` command: one flow from a survey definition to a workbook.
@main
struct Samla: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samla",
        abstract: "Collect, import, analyse and export workshop surveys.",
        discussion: """
            Exit codes: 0 done, 1 a problem with your data (the message says where), 2 a usage mistake.
            The response store is --store PATH, else $SAMLA_STORE, else ./samla.sqlite.
            """,
        version: SamlaVersion.current,
        subcommands: [
            ValidateCommand.self,
            NewCommand.self,
            CollectCommand.self,
            ImportCommand.self,
            InspectCommand.self,
            DraftCommand.self,
            SummaryCommand.self,
            ExportCommand.self,
        ]
    )

    /// Runs a command and maps failures onto the documented exit codes.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(with: error)
        }
    }

    static func exit(with error: Error) -> Never {
        let code = exitCode(for: error)
        if code == .success {
            // --help and --version land here.
            print(fullMessage(for: error))
            Foundation.exit(0)
        }
        if let exit = error as? ExitCode {
            Foundation.exit(exit.rawValue)
        }
        if code == .validationFailure {
            Terminal.standardError.write(fullMessage(for: error) + "\n")
            Foundation.exit(2)
        }
        Terminal.standardError.write(String(describing: error) + "\n")
        Foundation.exit(1)
    }
}
