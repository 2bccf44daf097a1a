/// XLSForm's language suffixes (`label::Svenska (sv)`, `label::sv`, `label::English`) as Samla's
/// language codes, and the codes written back as `Name (code)`, the form Kobo and ODK recommend.
enum XLSFormLanguage {
    /// The code a column suffix names, and whether it was only guessed from a language's name.
    static func code(of suffix: String) -> (code: String, guessed: Bool) {
        let trimmed = suffix.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix(")"), let open = trimmed.lastIndex(of: "(") {
            let inside = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
                .trimmingCharacters(in: .whitespaces)
            let parts = inside.split(separator: "-", maxSplits: 1)
            let code = parts.count == 2 ? parts[0].lowercased() + "-" + parts[1] : inside.lowercased()
            if Identifiers.isLanguageCode(code) { return (code, false) }
        }
        if Identifiers.isLanguageCode(trimmed.lowercased()), trimmed.count <= 3 { return (trimmed.lowercased(), false) }
        let name = TextKey.make(trimmed.split(separator: "(").first.map(String.init) ?? trimmed)
        if let code = namedCodes[name] { return (code, false) }
        // A name Samla does not know: its first letters, said so in the listing.
        let letters = name.unicodeScalars.filter { ("a"..."z").contains($0) }.prefix(3)
        return (letters.count >= 2 ? String(String.UnicodeScalarView(letters)) : "xx", true)
    }

    /// `Svenska (sv)`: the language's own name, capitalised, as Kobo's form builder writes it.
    static func columnSuffix(for code: String) -> String {
        let name = LanguageNames.name(of: code)
        guard name != code, let first = name.first else { return code }
        return "\(first.uppercased())\(name.dropFirst()) (\(code))"
    }

    /// Language names in English and in the language itself, as TextKeys.
    private static let namedCodes: [String: String] = [
        "english": "en", "swedish": "sv", "svenska": "sv", "finnish": "fi", "suomi": "fi", "norwegian": "nb",
        "norsk": "nb", "danish": "da", "dansk": "da", "german": "de", "deutsch": "de", "french": "fr",
        "francais": "fr", "français": "fr", "spanish": "es", "espanol": "es", "español": "es", "portuguese": "pt",
        "portugues": "pt", "português": "pt", "italian": "it", "italiano": "it", "dutch": "nl", "nederlands": "nl",
        "arabic": "ar", "العربية": "ar", "swahili": "sw", "kiswahili": "sw", "russian": "ru", "polish": "pl",
        "polski": "pl", "somali": "so", "soomaali": "so", "hindi": "hi", "bengali": "bn", "chinese": "zh",
        "northernsami": "se", "sami": "se", "davvisamegiella": "se", "amharic": "am", "hausa": "ha", "yoruba": "yo",
        "turkish": "tr", "persian": "fa", "farsi": "fa", "ukrainian": "uk", "tigrinya": "ti",
    ]
}
