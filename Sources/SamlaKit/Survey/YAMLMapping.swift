import Yams

/// Reads one YAML mapping of a survey file, remembering which keys were used so that the rest can
/// be reported as unknown, with the nearest known key as a suggestion.
struct YAMLMapping {
    struct Entry {
        var key: String
        var keyNode: Node
        var value: Node
    }

    let node: Node
    let entries: [Entry]
    let file: String

    init?(_ node: Node, file: String) {
        guard case .mapping(let mapping) = node else { return nil }
        self.node = node
        self.file = file
        self.entries = mapping.map { Entry(key: $0.key.string ?? "", keyNode: $0.key, value: $0.value) }
    }

    subscript(key: String) -> Node? {
        entries.first { $0.key == key }?.value
    }

    func has(_ key: String) -> Bool {
        entries.contains { $0.key == key }
    }

    func keyLocation(_ key: String) -> SourceLocation {
        location(of: entries.first { $0.key == key }?.keyNode ?? node)
    }

    func location(of node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
    }

    var location: SourceLocation { location(of: node) }

    /// Reports every key outside `known`, suggesting the closest known one.
    func reportUnknownKeys(known: [String], in context: String, into diagnostics: inout Diagnostics) {
        for entry in entries where !known.contains(entry.key) {
            let hint = NearestMatch.suggestion(for: entry.key, among: known).map { "did you mean '\($0)'?" }
                ?? "known keys are: \(known.joined(separator: ", "))"
            diagnostics.error("unknown key '\(entry.key)' in \(context)", at: location(of: entry.keyNode), hint: hint)
        }
    }
}

extension Node {
    /// The scalar's text whatever tag YAML resolved it to, so `no` or `1` stay the text the host wrote.
    var scalarText: String? {
        if case .scalar(let scalar) = self { return scalar.string }
        return nil
    }

    var kindName: String {
        switch self {
        case .scalar: return "a single value"
        case .mapping: return "a map"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}
