/// Language codes as their speakers write them, for the language menu.
public enum LanguageNames {
    public static func name(of code: String) -> String {
        switch code {
        case "sv": return "svenska"
        case "en": return "English"
        case "fi": return "suomi"
        case "se": return "davvisámegiella"
        case "nb", "no": return "norsk"
        case "da": return "dansk"
        case "de": return "Deutsch"
        case "fr": return "français"
        case "es": return "español"
        case "ar": return "العربية"
        default: return code
        }
    }
}
