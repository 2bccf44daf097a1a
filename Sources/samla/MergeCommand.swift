import ArgumentParser
import Foundation
import SamlaKit

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Bring the responses of several stores (the hosts' laptops) into one.",
        discussion: """
            Keeps each response's id, session and survey version, the files it was imported from, and \
            the erasures made on the laptops. A response the target holds already (the same id, or the \
            same row of the same export imported on another laptop) is skipped, so merging twice adds \
            nothing. Drafts (unfinished participants) are left out. Each source goes in whole or not at all.

            EXAMPLES
              samla merge umea.sqlite lulea.sqlite --into all-workshops.sqlite
              samla merge laptop-*.sqlite --into postgres://samla@db.example.se/workshops
            """
    )

    @Argument(help: ArgumentHelp("The stores to merge from.", valueName: "source"))
    var sources: [String] = []

    @Option(help: ArgumentHelp("The store to merge into (made if missing).", valueName: "store"))
    var into: String

    @Option(help: ArgumentHelp("Merge only this survey's responses, when the stores hold several.", valueName: "id"))
    var survey: String?

    func validate() throws {
        if sources.isEmpty { throw ValidationError("name at least one store to merge from, e.g. samla merge laptop.sqlite --into all.sqlite") }
    }

    func run() throws {
        let opened = try sources.map { try StoreOptions.openExisting($0) }
        let target = try StoreOptions.open(into)
        let surveyID = try StoreMerge.survey(of: opened, into: target, named: survey)
        var out = ""
        var totals = MergeSourceReport(source: "", surveyID: surveyID)
        // A long merge shows how far it has got on one line of standard error, as an import does.
        let progress = MergeProgress()
        let line = ProgressLine(terminal: .standardError)
        for source in opened {
            line.start { MergeProgress.describe(progress.snapshot) }
            let report = try { () throws -> MergeSourceReport in
                defer { line.stop() }
                return try StoreMerge.merge([source], into: target, surveyID: surveyID, progress: progress)[0]
            }()
            var line = "\(report.source): \(report.added) added, \(report.skipped) skipped (already in \(target.path))"
            if report.drafts > 0 { line += ", \(report.drafts) draft\(report.drafts == 1 ? "" : "s") left out" }
            if report.erased > 0 { line += ", \(report.erased) removed as erased on the source" }
            Terminal.standardOutput.write(line + "\n")
            totals.added += report.added
            totals.skipped += report.skipped
            totals.drafts += report.drafts
            totals.erased += report.erased
        }
        out += "'\(surveyID)' into \(target.path): \(totals.added) added, \(totals.skipped) skipped"
        if totals.drafts > 0 { out += ", \(totals.drafts) draft\(totals.drafts == 1 ? "" : "s") left out" }
        if totals.erased > 0 { out += ", \(totals.erased) removed as erased" }
        Terminal.standardOutput.write(out + "\n")
    }
}
