/// The ids `samla new` offers: made from a text with `Identifiers.suggestID`, cut to a length a
/// person would type at a word boundary, and numbered when already taken.
enum SurveyBuilderIDs {
    static func suggestion(from text: String, taken: Set<String>, maxLength: Int, fallback: String) -> String {
        var id = Identifiers.suggestID(from: text)
        // suggestID answers "q" for a text with nothing it can spell in ASCII.
        if id == "q", text.lowercased() != "q" { id = fallback }
        if id.count > maxLength {
            let cut = id.prefix(maxLength)
            id = String(cut.lastIndex(of: "-").map { cut[..<$0] } ?? cut)
        }
        guard taken.contains(id) else { return id }
        var number = 2
        while taken.contains("\(id)-\(number)") { number += 1 }
        return "\(id)-\(number)"
    }

    /// Ids read best in English (they become column headers), so an English text is preferred.
    static func language(of languages: [String]) -> String {
        languages.contains("en") ? "en" : languages.first ?? "en"
    }
}
