/// Rows of the store's small tables as they are stored (timestamps as their text), so that a merge
/// copies them exactly and recognises them when it meets them again.

/// One version of a survey's definition: its text, by the SHA-256 of that text.
struct StoredDefinition: Sendable, Hashable {
    var hash: String
    var surveyID: String
    var source: String
    var firstSeen: String
}

/// One line of the erasure log with the identities of the imported rows it erased.
struct StoredErasure: Sendable, Hashable {
    var erasedAt: String
    var surveyID: String
    var selectorKind: String
    var selector: String
    var responses: Int
    var identities: [String]
}

/// A list of question ids in one text column: one a line, NULL for none.
enum StoredLists {
    static func text(_ ids: [String]) -> String? {
        ids.isEmpty ? nil : ids.joined(separator: "\n")
    }

    static func lines(_ text: String?) -> [String] {
        (text ?? "").split(separator: "\n").map(String.init)
    }
}
