import Foundation
import Yams

/// The outcome of reading a survey file: the survey when it is valid, and every problem found.
public struct SurveyLoadResult: Sendable {
    public var survey: Survey?
    public var diagnostics: Diagnostics
    public var file: String
    /// The file's text, for quoting the offending line under each message.
    public var source: String

    public var isValid: Bool { survey != nil && !diagnostics.hasErrors }
}

/// Reads survey definitions from YAML (or JSON, which is YAML) into validated `Survey` values.
public enum SurveyLoader {
    /// Loads and validates a file; problems come back as diagnostics, never thrown one by one.
    public static func load(path: String) -> SurveyLoadResult {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            var diagnostics = Diagnostics()
            diagnostics.error("cannot read the survey file: \(error.localizedDescription)",
                              at: SourceLocation(file: path), hint: "check the path")
            return SurveyLoadResult(survey: nil, diagnostics: diagnostics, file: path, source: "")
        }
        return parse(data: data, file: path)
    }

    /// Loads a survey or throws every problem found, for callers that need a valid survey to go on.
    public static func require(path: String) throws -> Survey {
        let result = load(path: path)
        guard let survey = result.survey, !result.diagnostics.hasErrors else {
            throw SurveyFileError(result: result)
        }
        return survey
    }

    public static func parse(data: Data, file: String) -> SurveyLoadResult {
        var bytes = data
        // A UTF-8 BOM is common from Windows editors and means nothing to YAML here.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(data: bytes, encoding: .utf8) else {
            var diagnostics = Diagnostics()
            diagnostics.error("the survey file is not UTF-8 text", at: SourceLocation(file: file),
                              hint: "save it as UTF-8 in your editor")
            return SurveyLoadResult(survey: nil, diagnostics: diagnostics, file: file, source: "")
        }
        return parse(text: text, file: file)
    }

    public static func parse(text: String, file: String) -> SurveyLoadResult {
        var diagnostics = Diagnostics()
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            diagnostics.append(diagnostic(for: error, file: file))
            return SurveyLoadResult(survey: nil, diagnostics: diagnostics, file: file, source: text)
        } catch {
            diagnostics.error("cannot read YAML: \(error)", at: SourceLocation(file: file))
            return SurveyLoadResult(survey: nil, diagnostics: diagnostics, file: file, source: text)
        }
        guard let root else {
            diagnostics.error("the survey file is empty", at: SourceLocation(file: file, line: 1, column: 1),
                              hint: "start with 'format: 1', then id, title, languages and questions")
            return SurveyLoadResult(survey: nil, diagnostics: diagnostics, file: file, source: text)
        }
        var decoder = SurveyDecoder(file: file)
        let decoded = decoder.decode(root)
        diagnostics.append(contentsOf: decoder.diagnostics)
        var survey = decoded
        if var candidate = survey {
            diagnostics.append(contentsOf: SurveyRules.check(candidate, locations: decoder.locations, file: file))
            candidate.sourceText = text
            candidate.definitionHash = Hashing.sha256Hex(Data(text.utf8))
            survey = candidate
        }
        if diagnostics.hasErrors { survey = nil }
        return SurveyLoadResult(survey: survey, diagnostics: diagnostics, file: file, source: text)
    }

    /// A YAML syntax error as a located diagnostic; codebook files share it.
    static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let contextText = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return .error("YAML syntax: \(problem)\(contextText)", at: at(mark),
                          hint: "check indentation, colons and quotes on this line or the one before")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error("duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one map",
                          at: at(context.mark), hint: "each key may appear once; remove or rename the repeat")
        default:
            return .error("cannot read YAML: \(error)", at: SourceLocation(file: file))
        }
    }
}

/// A survey file that did not validate, with every problem in it.
public struct SurveyFileError: Error, CustomStringConvertible, LocalizedError {
    public var result: SurveyLoadResult

    public var description: String {
        DiagnosticRenderer(sources: [result.file: result.source]).render(result.diagnostics)
    }

    public var errorDescription: String? { description }
}
