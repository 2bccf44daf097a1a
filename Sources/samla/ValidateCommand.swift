import ArgumentParser
import SamlaKit

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check survey definitions and report every problem with its line and column."
    )

    @Argument(help: "Survey files (YAML or JSON).")
    var files: [String]

    @Flag(help: "Print nothing for valid files.")
    var quiet = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one survey file, e.g. samla validate surveys/*.yaml") }
    }

    func run() throws {
        var invalid = 0
        let terminal = Terminal.standardError
        for file in files {
            let result = SurveyLoader.load(path: file)
            let renderer = DiagnosticRenderer(sources: [file: result.source], useColour: terminal.supportsColour)
            if !result.diagnostics.isEmpty {
                terminal.write(renderer.render(result.diagnostics) + "\n")
            }
            if let survey = result.survey, result.isValid {
                if !quiet {
                    print("\(file): ok: '\(survey.id)', \(survey.questions.count) questions in \(survey.languages.joined(separator: ", "))")
                }
            } else {
                invalid += 1
                let errors = result.diagnostics.errors.count
                terminal.write("\(file): \(errors) error\(errors == 1 ? "" : "s")\n")
            }
        }
        if invalid > 0 { throw ExitCode(1) }
    }
}
