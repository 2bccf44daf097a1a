import ArgumentParser
import Foundation
import SamlaKit

struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Remove one respondent's answers or a whole session, to honour an erasure request.",
        discussion: """
            --respondent takes a response id or the e-mail address the respondent gave (matched ignoring \
            case against the survey's personal questions). Drafts are removed too. Each erasure is written \
            to the store's erasure log (a respondent's address only as a keyed hash), and the identities of \
            erased imported rows are kept so that importing the same export again does not bring them back.

            EXAMPLES
              samla delete surveys/tnc-workshop.yaml --respondent anna@example.se
              samla delete surveys/tnc-workshop.yaml --session "Umeå 2025-03-12" --yes
            """
    )

    @Argument(help: "The survey definition.")
    var survey: String

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("The respondent's e-mail address or a response id.", valueName: "email|id"))
    var respondent: String?

    @Option(help: ArgumentHelp("Every response of this session.", valueName: "name"))
    var session: String?

    @Flag(help: "Do not ask for confirmation (needed when standard input is not a terminal).")
    var yes = false

    func validate() throws {
        if (respondent == nil) == (session == nil) {
            throw ValidationError("name exactly one of --respondent EMAIL|ID and --session NAME")
        }
        if !yes, isatty(STDIN_FILENO) != 1 {
            throw ValidationError("standard input is not a terminal, so nothing can be confirmed: add --yes to delete without asking")
        }
    }

    func run() throws {
        let definition = try SurveyLoader.require(path: survey)
        let store = try storeOptions.openExisting()
        let selector: ErasureSelector
        if let session {
            let known = try store.sessionCounts(surveyID: definition.id).compactMap(\.name)
            guard known.contains(session) else {
                let hint = NearestMatch.suggestion(for: session, among: known).map { " Did you mean '\($0)'?" } ?? ""
                throw ValidationError("no session '\(session)' in \(storeOptions.path) for '\(definition.id)'.\(hint) "
                                      + "Known sessions: \(known.isEmpty ? "none" : known.map { "'\($0)'" }.joined(separator: ", "))")
            }
            selector = .session(session)
        } else {
            selector = .respondent(respondent ?? "")
        }
        let plan = try store.planErasure(selector, survey: definition)
        let what = describe(selector)
        guard plan.count > 0 else {
            Terminal.standardError.write("\(storeOptions.path): error: no response to '\(definition.id)' matches \(what); nothing was deleted\n")
            throw ExitCode(1)
        }
        let counted = "\(plan.count) response\(plan.count == 1 ? "" : "s") (\(plan.complete) complete, \(plan.drafts) draft\(plan.drafts == 1 ? "" : "s"))"
        if !yes {
            Terminal.standardError.write("Delete \(counted) of '\(definition.id)' matching \(what) from \(storeOptions.path)? This cannot be undone. [y/N] ")
            let answer = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard answer == "y" || answer == "yes" || answer == "j" || answer == "ja" else {
                Terminal.standardError.write("nothing was deleted\n")
                return
            }
        }
        let removed = try store.erase(plan)
        Terminal.standardOutput.write("deleted \(removed) response\(removed == 1 ? "" : "s") of '\(definition.id)' matching \(what); logged in the store's erasure log\n")
    }

    private func describe(_ selector: ErasureSelector) -> String {
        switch selector {
        case .respondent(let email): return "respondent \(email)"
        case .response(let id): return "response id \(id.uuidString.lowercased())"
        case .session(let name): return "session '\(name)'"
        }
    }
}
