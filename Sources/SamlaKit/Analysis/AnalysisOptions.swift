import FreeText

/// What to summarise and how: the selection of responses, the language of labels, and the codebook
/// for free text. `summary` and `export` build one of these from the same command-line options.
public struct AnalysisOptions: Sendable {
    /// Labels and question texts in this language; nil or a language the survey lacks means its default.
    public var language: String?
    /// `--session`, `--where` and `--by`, already checked against the survey (`SummaryFilters.parse`).
    public var filters: SummaryFilters
    /// Themes to code free-text answers by.
    public var codebook: CodebookFile?
    /// How many terms and bigrams each text question lists.
    public var topTerms: Int
    /// How many quotes each theme keeps.
    public var quotesPerTheme: Int
    /// How many distinct "other" texts each question lists (all are counted).
    public var otherTexts: Int

    public init(language: String? = nil, filters: SummaryFilters = SummaryFilters(), codebook: CodebookFile? = nil,
                topTerms: Int = 15, quotesPerTheme: Int = 3, otherTexts: Int = 50) {
        self.language = language
        self.filters = filters
        self.codebook = codebook
        self.topTerms = topTerms
        self.quotesPerTheme = quotesPerTheme
        self.otherTexts = otherTexts
    }
}

extension AnalysisOptions {
    /// Options from command-line words, each checked against the survey: `--lang`, `--where`,
    /// `--session`, `--by` (every mistake in them reported together as a `DiagnosticsError`, a usage
    /// mistake) and `--codebook` (a file with problems throws `CodebookFileError`, a data problem).
    public static func parse(survey: Survey, language: String? = nil, where conditions: [String] = [],
                             sessions: [String] = [], by groupBy: String? = nil, codebookPath: String? = nil) throws -> AnalysisOptions {
        var problems = Diagnostics()
        if let language, !survey.languages.contains(language) {
            problems.error("'\(language)' is not one of the survey's languages", at: SourceLocation(file: "--lang \(language)"),
                           hint: "use one of: \(survey.languages.joined(separator: ", "))")
        }
        var filters = SummaryFilters()
        do {
            filters = try SummaryFilters.parse(survey: survey, where: conditions, sessions: sessions, by: groupBy)
        } catch {
            problems.append(contentsOf: error.diagnostics)
        }
        if problems.hasErrors { throw DiagnosticsError(problems) }
        let codebook = try codebookPath.map { path throws(CodebookFileError) in try CodebookFile.load(path: path, survey: survey) }
        return AnalysisOptions(language: language, filters: filters, codebook: codebook)
    }
}
