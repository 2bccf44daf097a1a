import Foundation
import FreeText

/// One question of a drafted definition, with the reason for each guess made about it.
struct DraftQuestion {
    enum Kind {
        case singleChoice
        case multipleChoice
        case scale(min: Int, max: Int)
        case number(integer: Bool)
        case text
    }

    var id: String
    var text: String
    var kind: Kind
    var choices: [(id: String, label: String)] = []
    /// A scale's point labels, from its lowest point up.
    var scaleLabels: [String] = []
    var allowsOther = false
    var personal = false
    /// Why this type (and these choices) were guessed: becomes a comment in the file.
    var note: String
}

/// Ids made from texts, unique among those already given out.
struct IDMaker {
    private var used = Set<String>()

    /// A short id from a text: its first words that carry meaning, as the survey format spells ids.
    mutating func questionID(from text: String) -> String {
        if Identifiers.isID(text) { return unique(text) }
        let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.lowercased() }
        let meaningful = words.filter { !Stopwords.contains($0) }
        let source = meaningful.isEmpty ? text : meaningful.joined(separator: " ")
        return unique(Self.shortened(Identifiers.suggestID(from: source), words: 4, length: 32))
    }

    /// Tool codes (`SQ001`, `scale_up`) are kept as they are when the format allows them; labels
    /// become lowercase ids.
    mutating func choiceID(from text: String, isCode: Bool) -> String {
        let candidate = isCode && Identifiers.isChoiceID(text) && text.count <= 40
            ? text : Self.shortened(Identifiers.suggestID(from: text), words: 4, length: 32)
        return unique(candidate)
    }

    private mutating func unique(_ candidate: String) -> String {
        var id = candidate
        var number = 2
        while used.contains(id) {
            id = "\(candidate)-\(number)"
            number += 1
        }
        used.insert(id)
        return id
    }

    static func shortened(_ id: String, words: Int, length: Int) -> String {
        var parts: [Substring] = []
        for part in id.split(separator: "-") {
            let next = (parts + [part]).joined(separator: "-")
            if parts.count == words || (next.count > length && !parts.isEmpty) { break }
            parts.append(part)
        }
        let joined = parts.joined(separator: "-")
        return joined.isEmpty ? "q" : String(joined.prefix(length)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }
}
