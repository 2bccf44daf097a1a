import ArgumentParser
import Foundation
import SamlaKit

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check survey definitions and report every problem with its line and column.",
        discussion: """
            A folder stands for every survey in it (*.yaml, *.yml, *.json, not in subfolders).

            EXAMPLES
              samla validate surveys/tnc-workshop.yaml
              samla validate surveys
              samla validate --quiet surveys/*.yaml
            """
    )

    @Argument(help: "Survey files (YAML or JSON), or folders of them.")
    var files: [String]

    @Flag(help: "Print nothing for valid files.")
    var quiet = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one survey file, e.g. samla validate surveys/*.yaml") }
    }

    func run() throws {
        var invalid = 0
        let terminal = Terminal.standardError
        for file in try expanded(files) {
            let result = SurveyLoader.load(path: file)
            let renderer = DiagnosticRenderer(sources: [file: result.source], useColour: terminal.supportsColour)
            if !result.diagnostics.isEmpty {
                terminal.write(renderer.render(result.diagnostics) + "\n")
            }
            if let survey = result.survey, result.isValid {
                if !quiet {
                    print("\(file): ok: '\(survey.id)', \(survey.questions.count) questions\(survey.notes.isEmpty ? "" : " and \(survey.notes.count) note\(survey.notes.count == 1 ? "" : "s")") in \(survey.languages.joined(separator: ", "))")
                }
            } else {
                invalid += 1
                let errors = result.diagnostics.errors.count
                terminal.write("\(file): \(errors) error\(errors == 1 ? "" : "s")\n")
            }
        }
        if invalid > 0 { throw ExitCode(1) }
    }

    /// Files as given, folders as the surveys in them (sorted); a folder without any is a mistake.
    private func expanded(_ paths: [String]) throws -> [String] {
        var out: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                out.append(path)
                continue
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path)
            } catch {
                Terminal.standardError.write("\(path): error: cannot read the folder (check its permissions)\n")
                throw ExitCode(1)
            }
            let surveys = names.filter { name in
                !name.hasPrefix(".") && ["yaml", "yml", "json"].contains((name as NSString).pathExtension.lowercased())
            }.sorted()
            guard !surveys.isEmpty else {
                Terminal.standardError.write("\(path): error: no survey files (*.yaml, *.yml, *.json) in this folder\n")
                throw ExitCode(1)
            }
            out += surveys.map { (path as NSString).appendingPathComponent($0) }
        }
        return out
    }
}
