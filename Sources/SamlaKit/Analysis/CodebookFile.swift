import Foundation
import FreeText
import Yams

/// A codebook file (`--codebook`): themes to code free-text answers by, written in YAML.
///
///     languages: [sv, en]            # optional: the languages keywords are stemmed in (default both)
///     questions: [similar, comments] # optional: the text questions to code (default every non-personal one)
///     themes:
///       - name: Transport
///         keywords: [kollektivtrafik, public transport]   # words or phrases as people write them
///       - name: Climate
///         stems: ["klimat*"]                               # stems; a trailing * matches any continuation
public struct CodebookFile: Sendable {
    public var file: String
    public var themes: [Theme]
    public var languages: [Language]
    /// The text questions it codes; nil means every text question that is not personal.
    public var questionIDs: [String]?
    /// The themes compiled for matching.
    public let codebook: Codebook

    public init(file: String, themes: [Theme], languages: [Language] = [.sv, .en], questionIDs: [String]? = nil) {
        self.file = file
        self.themes = themes
        self.languages = languages
        self.questionIDs = questionIDs
        codebook = Codebook(themes: themes, languages: languages)
    }

    /// The ids of the survey's questions this codebook codes. Personal questions are never coded.
    public func questions(of survey: Survey) -> [String] {
        survey.questions.filter { question in
            question.type == .text && !question.personal && (questionIDs?.contains(question.id) ?? true)
        }.map(\.id)
    }

    /// Reads and checks a codebook for `survey`, or throws every problem in it.
    public static func load(path: String, survey: Survey) throws(CodebookFileError) -> CodebookFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            var diagnostics = Diagnostics()
            diagnostics.error("cannot read the codebook: \(error.localizedDescription)", at: SourceLocation(file: path),
                              hint: "check the path; the file must be UTF-8 text")
            throw CodebookFileError(diagnostics: diagnostics, source: "", file: path)
        }
        let (codebook, diagnostics) = parse(text: text, file: path, survey: survey)
        guard let codebook, !diagnostics.hasErrors else {
            throw CodebookFileError(diagnostics: diagnostics, source: text, file: path)
        }
        return codebook
    }

    /// Parses codebook text; every problem comes back located, none thrown.
    public static func parse(text: String, file: String, survey: Survey) -> (CodebookFile?, Diagnostics) {
        var diagnostics = Diagnostics()
        let root: Node?
        do {
            root = try Yams.compose(yaml: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        } catch let error as YamlError {
            diagnostics.append(SurveyLoader.diagnostic(for: error, file: file))
            return (nil, diagnostics)
        } catch {
            diagnostics.error("cannot read YAML: \(error)", at: SourceLocation(file: file))
            return (nil, diagnostics)
        }
        guard let root else {
            diagnostics.error("the codebook is empty", at: SourceLocation(file: file, line: 1, column: 1),
                              hint: "write 'themes:' with a list of '- name: ..., keywords: [...]'")
            return (nil, diagnostics)
        }
        var decoder = CodebookDecoder(file: file, survey: survey)
        let codebook = decoder.decode(root)
        diagnostics.append(contentsOf: decoder.diagnostics)
        return (diagnostics.hasErrors ? nil : codebook, diagnostics)
    }
}

/// A codebook file with problems, carrying every one of them and the text to quote.
public struct CodebookFileError: Error, CustomStringConvertible, LocalizedError {
    public var diagnostics: Diagnostics
    public var source: String
    public var file: String

    public var description: String {
        DiagnosticRenderer(sources: [file: source]).render(diagnostics)
    }

    public var errorDescription: String? { description }
}
