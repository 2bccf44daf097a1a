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
            ExportFormCommand.self,
            SessionsCommand.self,
            DeleteCommand.self,
            MergeCommand.self,
            ServeCommand.self,
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
        if code == .validationFailure, let unknown = unknownSubcommand() {
            let names = configuration.subcommands.compactMap { $0.configuration.commandName }
            let suggestion = NearestMatch.suggestion(for: unknown, among: names).map { " Did you mean '\($0)'?" } ?? ""
            Terminal.standardError.write("error: '\(unknown)' is not a samla command.\(suggestion)\n"
                                         + "Commands: \(names.joined(separator: ", ")) (samla --help explains each)\n")
            Foundation.exit(2)
        }
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

    /// The first word, when it is neither an option nor one of the commands: a mistyped command.
    private static func unknownSubcommand() -> String? {
        guard let first = CommandLine.arguments.dropFirst().first, !first.hasPrefix("-") else { return nil }
        let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        return names.contains(first) ? nil : first
    }
}
