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
            // Foundation's own message names an error domain and number; say what is wrong instead.
            var diagnostics = Diagnostics()
            var isDirectory: ObjCBool = false
            let (problem, hint): (String, String)
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                (problem, hint) = ("no such survey file", "check the path; surveys usually live under surveys/")
            } else if isDirectory.boolValue {
                (problem, hint) = ("this is a folder, not a survey file", "name a .yaml file in it (samla validate takes folders)")
            } else if !FileManager.default.isReadableFile(atPath: path) {
                (problem, hint) = ("the survey file cannot be read (permission denied)", "check the file's permissions")
            } else {
                (problem, hint) = ("cannot read the survey file", "check the path and that the disk is there")
            }
            diagnostics.error(problem, at: SourceLocation(file: path), hint: hint)
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
            diagnostics.error("the survey file is not UTF-8 text", at: firstInvalidUTF8(in: bytes, file: file),
                              hint: "save it as UTF-8 in your editor")
            return SurveyLoadResult(survey: nil, diagnostics: diagnostics, file: file, source: "")
        }
        return parse(text: text, file: file)
    }

    public static func parse(text: String, file: String) -> SurveyLoadResult {
        var diagnostics = Diagnostics()
        if let violation = YAMLShapeLimits.check(text) {
            diagnostics.error(violation.message, at: SourceLocation(file: file, line: violation.line, column: violation.column),
                              hint: violation.hint)
            return SurveyLoadResult(survey: nil, diagnostics: diagnostics, file: file, source: text)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            diagnostics.append(diagnostic(for: error, file: file))
            return SurveyLoadResult(survey: nil, diagnostics: diagnostics, file: file, source: text)
        } catch {
            diagnostics.error("cannot read YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
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
        case .reader(let problem, let offset, let value, let yaml):
            let place = location(ofUTF8Offset: offset ?? 0, in: yaml, file: file)
            let byte = value >= 0 ? String(format: " (character 0x%02X)", value) : ""
            return .error("YAML reader: \(problem)\(byte)", at: place,
                          hint: "remove control characters from the file and save it as UTF-8 text")
        default:
            return .error("cannot read YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    /// The line and column of a byte offset, for errors that count bytes; clamped to the text.
    static func location(ofUTF8Offset offset: Int, in text: String, file: String) -> SourceLocation {
        var line = 1
        var column = 1
        for (index, byte) in text.utf8.enumerated() {
            if index >= offset { break }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// Where the first byte that is not UTF-8 lies, so the host can find it in an editor.
    private static func firstInvalidUTF8(in bytes: Data, file: String) -> SourceLocation {
        var line = 1
        var lineStart = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            let end = index + length
            if length == 0 || end > bytes.endIndex
                || String(data: bytes[index ..< end], encoding: .utf8) == nil {
                let column = String(decoding: bytes[lineStart ..< index], as: UTF8.self).unicodeScalars.count + 1
                return SourceLocation(file: file, line: line, column: column)
            }
            if lead == UInt8(ascii: "\n") {
                line += 1
                lineStart = end
            }
            index = end
        }
        return SourceLocation(file: file, line: line, column: 1)
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
