/// The words of comparisons across groups and of the tests that go with them (summary and workbook).
extension UIText {
    /// The name of the `--by session` grouping.
    public var sessionGroup: String { pick("Tillfälle", "Session") }
    public var severalAnswers: String { pick("flera svar möjliga", "several answers possible") }
    public var fisherNote: String { pick("Fishers exakta test", "Fisher's exact test") }
    public func fisher(p: String) -> String { pick("Fishers exakta test: p = \(p)", "Fisher's exact test: p = \(p)") }
    public func untested(_ reason: TestOmission) -> String {
        switch reason {
        case .tooFewAnswers:
            return pick("inget test: för få grupper eller val med svar", "no test: too few groups or choices with answers")
        case .expectedBelowFive:
            return pick("inget test: förväntat antal under 5 och tabellen är större än 2×2",
                        "no test: an expected count is under 5 and the table is larger than 2×2")
        case .overlappingGroups:
            return pick("inget test: grupperna överlappar (en person kan vara i flera)",
                        "no test: the groups overlap (one person can be in several)")
        case .multipleChoice:
            return pick("inget test: inget val kunde testas för sig", "no test: no choice could be tested on its own")
        }
    }
    public var choiceTestsNote: String {
        pick("flera val: varje val testat för sig (valt eller inte, per grupp), p justerat med Holms metod",
             "multiple choice: each choice tested on its own (chosen or not, by group), p adjusted by Holm's method")
    }
    public var testRule: String {
        pick("Chi²-test bara när alla förväntade antal är minst 5; annars Fishers exakta test för 2×2-tabeller, annars inget test.",
             "Chi-square only when every expected count is at least 5; otherwise Fisher's exact test for 2×2 tables, otherwise no test.")
    }
    public func adjustedP(_ p: String) -> String { pick("justerat p = \(p)", "adjusted p = \(p)") }
    /// "n = 12" in the language's notation.
    public func nEquals(_ n: Int) -> String { "n = \(number(n))" }
}

/// The workbook's words for comparisons, intervals, histograms and headline results.
extension UIText {
    public var intervalLow: String { pick("95 % KI, nedre", "95 % CI, low") }
    public var intervalHigh: String { pick("95 % KI, övre", "95 % CI, high") }
    public var intervalNote: String {
        pick("95 % KI: Wilsons konfidensintervall för andelen.", "95 % CI: the Wilson confidence interval of the share.")
    }
    public func comparisonHeading(_ by: String) -> String { pick("Jämförelse efter \(by)", "Comparison by \(by)") }
    public var groupSharesNote: String {
        pick("Andel av gruppens svarande på frågan; n i rubriken är de i gruppen som fick frågan och svarade.",
             "Share of the group's respondents to the question; n in the heading is those in the group shown the question who answered it.")
    }
    public var groupSharesSeveralNote: String {
        pick("Flera svar möjliga: en person räknas under varje val, så en kolumn kan summera till över 100 %.",
             "Several answers possible: a person counts under each choice made, so a column may add up past 100 %.")
    }
    public var overlappingGroupsNote: String {
        pick("En person kan vara i flera grupper (flera val i grupperingsfrågan).",
             "A person can be in several groups (several choices in the grouping question).")
    }
    public var integerBinsRule: String { pick("Staplar: ett per heltal.", "Bars: one per whole number.") }
    public var freedmanDiaconisRule: String {
        pick("Staplar: bredd enligt Freedman–Diaconis (2 · kvartilavstånd · n^(−1/3)), avrundad.",
             "Bars: width by the Freedman–Diaconis rule (2 · IQR · n^(−1/3)), rounded.")
    }
    public var valueRange: String { pick("Intervall", "Range") }
    public var topChoices: String { pick("Vanligaste svar", "Top answers") }
    public var headlineHeading: String { pick("Resultat i korthet", "Headline results") }
    public var responsesPerSession: String { pick("Svar per tillfälle", "Responses per session") }
}

extension UIText {
    public var adjustedPHeading: String { pick("p (Holm)", "p (Holm)") }
}
