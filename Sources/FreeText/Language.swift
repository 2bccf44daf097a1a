/// The languages this module can stem, filter and guess. Raw values are ISO 639-1 codes so they
/// can be stored and compared with survey definitions without a lookup table.
public enum Language: String, Sendable, Hashable, CaseIterable, Codable {
    case sv
    case en

    /// The stemmer for this language. Stemmers are stateless values, so handing out a fresh one
    /// costs nothing and keeps callers free of shared mutable state.
    public var stemmer: any Stemmer {
        switch self {
        case .sv: return SwedishStemmer()
        case .en: return EnglishStemmer()
        }
    }

    /// This language's stopword list.
    public var stopwords: Set<String> {
        switch self {
        case .sv: return Stopwords.swedish
        case .en: return Stopwords.english
        }
    }
}
