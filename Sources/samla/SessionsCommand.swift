import ArgumentParser
import Foundation
import SamlaKit

struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List a survey's sessions with their responses (complete, drafts) and first and last dates.",
        discussion: """
            EXAMPLES
              samla sessions surveys/tnc-workshop.yaml
              samla sessions surveys/tnc-workshop.yaml --json --store workshops.sqlite
            """
    )

    @Argument(help: "The survey definition.")
    var survey: String

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Write JSON: a list of {session, complete, drafts, first, last}.")
    var json = false

    func run() throws {
        let definition = try SurveyLoader.require(path: survey)
        let sessions = try storeOptions.openExisting().sessionCounts(surveyID: definition.id)
        if json {
            let rows = sessions.map { session -> [String: Any] in
                var row: [String: Any] = ["session": session.name ?? NSNull(), "complete": session.complete, "drafts": session.drafts]
                row["first"] = session.first.map(StoreDates.format) ?? NSNull()
                row["last"] = session.last.map(StoreDates.format) ?? NSNull()
                return row
            }
            let data = try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys])
            Terminal.standardOutput.write(String(decoding: data, as: UTF8.self) + "\n")
            return
        }
        guard !sessions.isEmpty else {
            Terminal.standardOutput.write("no responses to '\(definition.id)' in \(storeOptions.path)\n")
            return
        }
        let names = sessions.map { $0.name ?? "(no session)" }
        let width = max(7, names.map(\.count).max() ?? 0)
        func pad(_ text: String, _ count: Int) -> String { text + String(repeating: " ", count: max(0, count - text.count)) }
        func day(_ date: Date?) -> String { date.map { String(StoreDates.format($0).prefix(16)).replacingOccurrences(of: "T", with: " ") } ?? "" }
        var out = "\(pad("session", width))  complete  drafts  first             last\n"
        for (session, name) in zip(sessions, names) {
            let complete = String(session.complete), drafts = String(session.drafts)
            out += pad(name, width) + "  " + String(repeating: " ", count: max(0, 8 - complete.count)) + complete
                + "  " + String(repeating: " ", count: max(0, 6 - drafts.count)) + drafts
                + "  " + pad(day(session.first), 16) + "  " + day(session.last) + "\n"
        }
        out += "\(sessions.reduce(0) { $0 + $1.complete }) complete, \(sessions.reduce(0) { $0 + $1.drafts }) drafts in \(sessions.count) session\(sessions.count == 1 ? "" : "s") (times in UTC)\n"
        Terminal.standardOutput.write(out)
    }
}
