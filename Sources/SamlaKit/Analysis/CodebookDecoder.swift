import Foundation
import FreeText
import Yams

/// Turns the YAML tree of a codebook into themes, with a located diagnostic for each problem.
struct CodebookDecoder {
    static let topKeys = ["themes", "languages", "questions"]
    static let themeKeys = ["name", "keywords", "stems"]

    let file: String
    let survey: Survey
    var diagnostics = Diagnostics()

    init(file: String, survey: Survey) {
        self.file = file
        self.survey = survey
    }

    mutating func decode(_ root: Node) -> CodebookFile? {
        guard let map = YAMLMapping(root, file: file) else {
            diagnostics.error("a codebook must be a map with 'themes', not \(root.kindName)", at: location(root),
                              hint: "write 'themes:' with a list of '- name: ..., keywords: [...]'")
            return nil
        }
        map.reportUnknownKeys(known: Self.topKeys, in: "the codebook", into: &diagnostics)
        var languages: [Language] = [.sv, .en]
        if let node = map["languages"] { languages = decodeLanguages(node) }
        var questions: [String]?
        if let node = map["questions"] { questions = decodeQuestions(node) }
        guard let node = map["themes"] else {
            diagnostics.error("the codebook has no 'themes'", at: map.location,
                              hint: "add 'themes:' with a list of '- name: ..., keywords: [...]'")
            return nil
        }
        guard case .sequence(let items) = node, !items.isEmpty else {
            diagnostics.error("'themes' must be a non-empty list", at: location(node),
                              hint: "each item as '- name: Transport' with 'keywords:' or 'stems:'")
            return nil
        }
        var themes: [Theme] = []
        var seen: [String: SourceLocation] = [:]
        for (index, item) in items.enumerated() {
            guard let theme = decodeTheme(item, position: index + 1) else { continue }
            if let first = seen[theme.name] {
                diagnostics.error("theme '\(theme.name)' is named twice", at: location(item),
                                  hint: "first at line \(first.line); merge their keywords or rename one")
            } else {
                seen[theme.name] = location(item)
                themes.append(theme)
            }
        }
        return CodebookFile(file: file, themes: themes, languages: languages, questionIDs: questions)
    }

    private mutating func decodeTheme(_ node: Node, position: Int) -> Theme? {
        guard let map = YAMLMapping(node, file: file) else {
            diagnostics.error("theme \(position) must be a map with 'name' and 'keywords' or 'stems', not \(node.kindName)",
                              at: location(node))
            return nil
        }
        let name = map["name"]?.scalarText?.trimmingCharacters(in: .whitespaces) ?? ""
        let context = name.isEmpty ? "theme \(position)" : "theme '\(name)'"
        map.reportUnknownKeys(known: Self.themeKeys, in: context, into: &diagnostics)
        if name.isEmpty {
            diagnostics.error("\(context) has no 'name'", at: map.location, hint: "add 'name:' with the theme as readers should see it")
        }
        let keywords = map["keywords"].map { words($0, key: "keywords", context: context) } ?? []
        let stems = map["stems"].map { words($0, key: "stems", context: context) } ?? []
        if keywords.isEmpty && stems.isEmpty {
            diagnostics.error("\(context) has no keywords or stems", at: map.location,
                              hint: "add 'keywords: [word, a phrase]' or 'stems: [\"prefix*\"]'")
        }
        guard !name.isEmpty, !(keywords.isEmpty && stems.isEmpty) else { return nil }
        return Theme(name: name, keywords: keywords, stems: stems)
    }

    /// A list of words, or one word.
    private mutating func words(_ node: Node, key: String, context: String) -> [String] {
        let items: [Node]
        switch node {
        case .scalar: items = [node]
        case .sequence(let sequence): items = Array(sequence)
        default:
            diagnostics.error("'\(key)' of \(context) must be a list of words, not \(node.kindName)", at: location(node),
                              hint: "for example \(key): [kollektivtrafik, public transport]")
            return []
        }
        var result: [String] = []
        for item in items {
            guard let word = item.scalarText?.trimmingCharacters(in: .whitespaces), !word.isEmpty else {
                diagnostics.error("'\(key)' of \(context) holds \(item.scalarText == nil ? item.kindName : "an empty word")",
                                  at: location(item), hint: "write each word or phrase as plain text")
                continue
            }
            result.append(word)
        }
        return result
    }

    private mutating func decodeLanguages(_ node: Node) -> [Language] {
        let codes: [Node]
        if case .sequence(let sequence) = node { codes = Array(sequence) } else { codes = [node] }
        var languages: [Language] = []
        for item in codes {
            guard let code = item.scalarText, let language = Language(rawValue: code) else {
                diagnostics.error("'\(item.scalarText ?? item.kindName)' is not a language the codebook can stem", at: location(item),
                                  hint: "use sv, en or both: languages: [sv, en]")
                continue
            }
            if !languages.contains(language) { languages.append(language) }
        }
        return languages.isEmpty ? [.sv, .en] : languages
    }

    private mutating func decodeQuestions(_ node: Node) -> [String] {
        let items: [Node]
        if case .sequence(let sequence) = node { items = Array(sequence) } else { items = [node] }
        let textIDs = survey.questions.filter { $0.type == .text && !$0.personal }.map(\.id)
        var ids: [String] = []
        for item in items {
            let id = item.scalarText ?? ""
            guard let question = survey.question(id) else {
                let hint = NearestMatch.suggestion(for: id, among: textIDs).map { "did you mean '\($0)'?" }
                    ?? "the survey's text questions are: \(textIDs.joined(separator: ", "))"
                diagnostics.error("'\(id)' is not a question of '\(survey.id)'", at: location(item), hint: hint)
                continue
            }
            if question.type != .text {
                diagnostics.error("'\(id)' is a \(question.type.rawValue) question; a codebook codes text questions",
                                  at: location(item), hint: "text questions: \(textIDs.joined(separator: ", "))")
            } else if question.personal {
                diagnostics.error("'\(id)' is personal: its answers are never coded or quoted", at: location(item),
                                  hint: "remove it from 'questions'")
            } else {
                ids.append(id)
            }
        }
        return ids
    }

    private func location(_ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
    }
}
