/// The sheet names and headings of workbooks and CSV files written by `samla export`.
extension UIText {
    /// The export's words, kept apart so they cannot clash with other sections' names.
    public var export: ExportText { ExportText(language: language) }
}

public struct ExportText: Sendable {
    public let language: String

    private func pick(_ sv: String, _ en: String) -> String {
        UIText.wordsLanguage(for: language) == "sv" ? sv : en
    }

    public var sheetOverview: String { pick("Översikt", "Overview") }
    public var sheetCrosstab: String { pick("Korstabeller", "Cross-tabs") }
    public var sheetFreeText: String { pick("Fritext", "Free text") }
    public var sheetThemes: String { pick("Teman", "Themes") }
    public var sheetTerms: String { pick("Termer", "Terms") }
    public var sheetFollowUp: String { pick("Uppföljning", "Follow-up") }
    public var sheetResponses: String { pick("Svar", "Responses") }
    public var sheetAbout: String { pick("Om", "About") }

    public var surveyID: String { pick("Enkät-id", "Survey id") }
    public var responsesHeading: String { pick("Svar", "Responses") }
    public var madeAt: String { pick("Skapad", "Made") }
    public var languageHeading: String { pick("Språk", "Language") }
    public var filtersHeading: String { pick("Urval", "Filters") }
    public var allResponses: String { pick("alla svar", "all responses") }
    public var sessionsHeading: String { pick("Tillfällen", "Sessions") }
    public var session: String { pick("Tillfälle", "Session") }
    public var noSession: String { pick("(inget tillfälle)", "(no session)") }
    public var source: String { pick("Källa", "Source") }
    public var collected: String { pick("insamlat", "collected") }
    public var imported: String { pick("importerat", "imported") }
    public var first: String { pick("Första", "First") }
    public var last: String { pick("Senaste", "Last") }
    public var sourceFiles: String { pick("Källfiler", "Source files") }
    public var file: String { pick("Fil", "File") }
    public var layout: String { pick("Format", "Layout") }
    public var encoding: String { pick("Teckenkodning", "Encoding") }
    public var importedAt: String { pick("Importerad", "Imported") }
    public var newRows: String { pick("Nya rader", "New rows") }
    public var knownRows: String { pick("Redan kända rader", "Rows already known") }
    public var questionsHeading: String { pick("Frågor", "Questions") }
    public var question: String { pick("Fråga", "Question") }
    public var type: String { pick("Typ", "Type") }
    public var answered: String { pick("Besvarad", "Answered") }
    public var shown: String { pick("Visad", "Shown") }
    public var answeredShare: String { pick("Andel besvarade", "Share answered") }
    public var sheet: String { pick("Blad", "Sheet") }
    public var notesHeading: String { pick("Att veta", "Notes") }
    public var removedQuestionsHeading: String {
        pick("Svar på frågor som inte längre finns i enkäten", "Answers to questions the survey no longer has")
    }
    public var examples: String { pick("Exempel", "Examples") }

    public func typeName(_ type: QuestionType) -> String {
        switch type {
        case .singleChoice: return pick("ett val", "single choice")
        case .multipleChoice: return pick("flera val", "multiple choice")
        case .scale: return pick("skala", "scale")
        case .number: return pick("tal", "number")
        case .text: return pick("fritext", "free text")
        }
    }

    public var label: String { pick("Alternativ", "Label") }
    public var count: String { pick("Antal", "Count") }
    public var percent: String { pick("Andel", "Percent") }
    public var mean: String { pick("Medelvärde", "Mean") }
    public var median: String { pick("Median", "Median") }
    public var topTwoBox: String { pick("Andel i de två översta stegen", "Top two box") }
    public var standardDeviation: String { pick("Standardavvikelse", "Standard deviation") }
    public var minimum: String { pick("Minsta", "Minimum") }
    public var maximum: String { pick("Största", "Maximum") }
    public var lowerQuartile: String { pick("Nedre kvartil", "Lower quartile") }
    public var upperQuartile: String { pick("Övre kvartil", "Upper quartile") }
    public var meanChoices: String { pick("Antal val i snitt", "Mean number of choices") }
    public func answeredOfShown(_ answered: Int, _ shown: Int) -> String {
        pick("\(answered) av \(shown) som fick frågan svarade", "\(answered) of the \(shown) shown the question answered")
    }
    public var sharesOfRespondents: String {
        pick("Andelar av dem som svarade; flera val per person, så summan kan bli över 100 %.",
             "Shares of those answering; several choices per person, so they may add up past 100%.")
    }
    public var sharesOfAnswers: String { pick("Andelar av dem som svarade.", "Shares of those answering.") }
    public var otherAnswersHeading: String { pick("Svar under Annat", "Answers under Other") }
    public var removedChoicesHeading: String {
        pick("Val som inte längre finns i enkäten", "Choices the survey no longer has")
    }
    public var termsHeading: String { pick("Vanligaste orden", "Most used words") }
    public var themesHeading: String { pick("Teman", "Themes") }
    public var answersUsing: String { pick("Svar med ordet", "Answers using it") }
    public var seeFreeText: String { pick("Alla svar finns på bladet Fritext.", "Every answer is on the Free text sheet.") }

    public var groupedBy: String { pick("Uppdelat efter", "Grouped by") }
    public var total: String { pick("Totalt", "Total") }
    public var columnPercentNote: String {
        pick("Kolumnprocent: andelen inom varje grupp.", "Column percents: the share within each group.")
    }
    public var smallCellNote: String {
        pick("Markerade celler har ett förväntat antal under 5: där håller inte chi²-testet, så frågan får Fishers exakta test (2×2) eller inget.",
             "Highlighted cells have an expected count under 5: the chi-square test does not hold there, so the question gets Fisher's exact test (2×2) or none.")
    }
    public var suppressedNote: String {
        pick("Anonymiserad: antal under 5 visas som <5.", "Anonymised: counts under 5 are shown as <5.")
    }
    public func chiSquare(statistic: String, df: Int, p: String) -> String {
        pick("Chi² = \(statistic), frihetsgrader \(df), p = \(p)", "Chi-square = \(statistic), df = \(df), p = \(p)")
    }

    public var answer: String { pick("Svar", "Answer") }
    public var unknownLanguage: String { pick("okänt", "unknown") }
    public var theme: String { pick("Tema", "Theme") }
    public var quotes: String { pick("Citat", "Quotes") }
    public var uncoded: String { pick("Utan tema", "No theme") }
    public var noCodebook: String {
        pick("Ingen kodbok angavs: ange --codebook FIL för teman.", "No codebook was given: pass --codebook FILE for themes.")
    }
    public var term: String { pick("Ord", "Term") }
    public var bigram: String { pick("Ordpar", "Word pair") }
    public var answersLanguages: String { pick("Svarens språk", "Languages of the answers") }


    public var responseID: String { pick("Svars-id", "Response id") }
    /// The response's row number on the Responses sheet, by which the other lists refer to it.
    public var responseNumber: String { pick("Svar nr", "Response #") }
    public var pseudonym: String { pick("Pseudonym", "Pseudonym") }
    public var sourceRow: String { pick("Rad i källfilen", "Row in source file") }
    public var started: String { pick("Påbörjad (UTC)", "Started (UTC)") }
    public var submitted: String { pick("Inskickad (UTC)", "Submitted (UTC)") }
    /// The time columns shown in the survey's time zone, named in the heading.
    public func started(in zone: String) -> String { pick("Påbörjad (\(zone))", "Started (\(zone))") }
    public func submitted(in zone: String) -> String { pick("Inskickad (\(zone))", "Submitted (\(zone))") }
    public var otherText: String { pick("annat", "other") }
    public func responsesSplit(_ sheets: [String]) -> String {
        pick("Svaren får inte plats på ett blad (högst 1 048 575 rader) och är uppdelade på: \(sheets.joined(separator: ", ")).",
             "The responses do not fit on one sheet (at most 1,048,575 rows) and are split over: \(sheets.joined(separator: ", ")).")
    }
    public func responsesWithAutofilter(_ limit: Int) -> String {
        pick("Fler än \(limit) svar: bladet Svar har filterknappar men ingen Excel-tabell, och diagrammen läser sina värden ur cellerna, så att minnet räcker.",
             "More than \(limit) responses: the Responses sheet has filter buttons but no Excel table, and the charts read their values from the cells, to keep memory flat.")
    }
    public var anonymisedNote: String {
        pick("Anonymiserad: personuppgiftsfrågor är borttagna och svar har pseudonymer i stället för id.",
             "Anonymised: personal questions are left out and responses carry pseudonyms instead of ids.")
    }

    public var samlaVersion: String { pick("Samla-version", "Samla version") }
    public var definitionHash: String { pick("Enkätdefinitionens SHA-256", "Survey definition SHA-256") }
    public var store: String { pick("Svarsdatabas", "Response store") }
    public var codebook: String { pick("Kodbok", "Codebook") }
    public var anonymised: String { pick("Anonymiserad", "Anonymised") }
    public var yes: String { pick("ja", "yes") }
    public var no: String { pick("nej", "no") }
    public var command: String { pick("Kommando", "Command") }
    public var reproduceNote: String {
        pick("Samma svarsdatabas, enkät och kommando med SOURCE_DATE_EPOCH satt ger en identisk fil.",
             "The same store, survey and command with SOURCE_DATE_EPOCH set give an identical file.")
    }
}
