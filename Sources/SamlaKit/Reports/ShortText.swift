/// Text shortened to fit a place with a limit (a sheet name, a chart title): cut at a word
/// boundary with "…", so no word is cut in half. The full text stays in the sheet.
enum ShortText {
    /// `text` if it fits in `limit` UTF-16 code units (Excel's measure), else its longest run of
    /// whole words that fits with "…" after it; a first word longer than the limit is cut.
    static func cut(_ text: String, limit: Int) -> String {
        guard text.utf16.count > limit else { return text }
        let room = max(1, limit - 1)
        var result = ""
        var used = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let extra = (result.isEmpty ? 0 : 1) + word.utf16.count
            if used + extra > room { break }
            result += (result.isEmpty ? "" : " ") + word
            used += extra
        }
        if result.isEmpty {
            var units = 0
            for character in text {
                units += character.utf16.count
                if units > room { break }
                result.append(character)
            }
        }
        // A word boundary after punctuation reads better without it: "Vad, …" → "Vad…".
        while let last = result.last, ",;:.-–".contains(last) { result.removeLast() }
        return result + "…"
    }
}
