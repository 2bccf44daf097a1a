import Foundation
@testable import SamlaKit

/// Eight responses to the bundled tnc-workshop survey in a real SQLite store (plus a draft that
/// must never show), and the summary an analysis of them gives, written out by hand from the
/// responses below so the export is checked against figures it did not compute.
struct ExportFixture {
    let directory: URL
    let survey: Survey
    let store: ResponseStore
    let responses: [Response]
    let summary: Summary

    static let personalValues = ["Anna Lindberg", "anna.lindberg@example.se", "Karin Holm", "karin.holm@example.se",
                                 "erik.nilsson@example.se", "Johan Åström"]
    static let draftEmail = "draft.person@example.se"
    static let formulaAnswer = "=HYPERLINK(\"http://example.invalid\",\"click\")"
    static let codebookText = """
        themes:
          - name: Housing
            keywords: [housing, bostäder]
          - name: Cooperation
            keywords: [samverkan, collaboration]
        """
    /// The codebook, read from a real file as `--codebook` reads it.
    let codebook: CodebookFile

    init() throws {
        directory = TestPaths.temporaryDirectory()
        survey = try SurveyLoader.require(path: TestPaths.repo("surveys/tnc-workshop.yaml"))
        store = try ResponseStore(path: directory.appendingPathComponent("store.sqlite").path)
        let umea = "Umeå 2025-03-12", lulea = "Luleå 2025-04-02"
        let start = Date(timeIntervalSince1970: 1_741_780_800) // 2025-03-12 12:00 UTC
        func at(_ minutes: Int) -> Date { start.addingTimeInterval(Double(minutes) * 60) }
        let answers: [(String, Answers)] = [
            (umea, ["role": .choice("municipality"), "city": .choice("sundsvall"),
                    "focus": .choices(["scale-up", "attractiveness"], other: nil), "involvement": .choices(["contact"], other: nil),
                    "collaboration": .number(3), "entry-point": .choice("yes"),
                    "name": .text("Anna Lindberg"), "email": .text("anna.lindberg@example.se")]),
            (umea, ["role": .choice("municipality"), "city": .choice("lulea"),
                    "focus": .choices(["scale-up", "skills"], other: nil), "involvement": .choices(["contact", "activities"], other: nil),
                    "collaboration": .number(2), "similar": .text("Ja, Viable Cities och Klimatneutrala städer 2030."),
                    "ongoing": .text("Vi planerar en workshop om uppväxling av innovationsprojekt i vår."),
                    "name": .text("Karin Holm"), "email": .text("karin.holm@example.se")]),
            (umea, ["role": .choice("agency"), "focus": .choices(["housing"], other: nil),
                    "involvement": .choices(["information"], other: nil), "collaboration": .number(5), "entry-point": .choice("maybe"),
                    "similar": .text(ExportFixture.formulaAnswer),
                    "ongoing": .text("We would like more data on housing and the transport strategy.")]),
            (umea, ["role": .other("Konsultbolag"), "city": .choice("umea"), "focus": .choices(["energy"], other: "Turism"),
                    "involvement": .choices(["conversations"], other: nil), "collaboration": .number(4), "entry-point": .choice("no"),
                    "ongoing": .text("+46 70 123 45 67"), "email": .text("erik.nilsson@example.se")]),
            (umea, ["role": .choice("region"), "city": .choice("umea"), "focus": .choices(["mobility"], other: nil),
                    "collaboration": .number(1), "similar": .text("-- see above")]),
            (umea, ["role": .choice("academia"), "city": .choice("ostersund"), "focus": .choices(["skills", "housing", "energy"], other: nil),
                    "involvement": .choices(["information", "activities"], other: nil), "collaboration": .number(5),
                    "entry-point": .choice("yes"), "similar": .text("@here please")]),
            (lulea, ["role": .choice("region"), "city": .other("Kiruna"), "involvement": .choices(["contact"], other: nil),
                     "collaboration": .number(3), "entry-point": .choice("maybe"), "name": .text("Johan Åström")]),
            (lulea, ["role": .choice("municipality"), "city": .choice("umea"), "collaboration": .number(4), "entry-point": .choice("yes"),
                     "ongoing": .text("Samverkan kring bostäder och stadsplanering med kommunerna.")]),
        ]
        var made: [Response] = []
        for (index, (session, values)) in answers.enumerated() {
            made.append(Response(surveyID: survey.id, definitionHash: survey.definitionHash, session: session,
                                 language: index == 2 ? "en" : "sv", startedAt: at(index * 7),
                                 submittedAt: at(index * 7 + 5), answers: values))
        }
        responses = made
        let draft = Response(surveyID: survey.id, definitionHash: survey.definitionHash, session: umea, status: .draft,
                             answers: ["role": .choice("region"), "email": .text(ExportFixture.draftEmail)])
        let definition = survey
        try store.write { writer in
            try writer.register(definition)
            for response in made { try writer.insert(response) }
            try writer.insert(draft)
        }
        summary = ExportFixture.handSummary(survey: survey)
        let codebookPath = directory.appendingPathComponent("codebook.yaml").path
        try Data(ExportFixture.codebookText.utf8).write(to: URL(fileURLWithPath: codebookPath))
        codebook = try CodebookFile.load(path: codebookPath, survey: survey)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    // MARK: The figures, counted by hand from the eight responses above

    static func choices(_ answered: Int, _ items: [(String, String, Int)]) -> [ChoiceCount] {
        items.map { ChoiceCount(id: $0.0, label: $0.1, count: $0.2, share: Double($0.2) / Double(answered)) }
    }

    static func handSummary(survey: Survey) -> Summary {
        let role = QuestionSummary(
            id: "role", type: .singleChoice, text: "Which organisation do you represent?", personal: false, shown: 8, answered: 8,
            choices: choices(8, [("municipality", "Municipality", 3), ("region", "Region", 2), ("agency", "Government agency", 1),
                                 ("academia", "University or research institute", 1), ("business", "Business", 0),
                                 ("civil-society", "Civil society", 0)]),
            other: OtherAnswers(count: 1, share: 1.0 / 8, texts: [TextCount(text: "Konsultbolag", count: 1)]))
        let city = QuestionSummary(
            id: "city", type: .singleChoice, text: "Where are you based?", personal: false, shown: 8, answered: 7,
            choices: choices(7, [("umea", "Umeå", 3), ("sundsvall", "Sundsvall", 1), ("ornskoldsvik", "Örnsköldsvik", 0),
                                 ("lulea", "Luleå", 1), ("ostersund", "Östersund", 1)]),
            other: OtherAnswers(count: 1, share: 1.0 / 7, texts: [TextCount(text: "Kiruna", count: 1)]))
        let focus = QuestionSummary(
            id: "focus", type: .multipleChoice, text: "What would you like to focus on?", personal: false, shown: 8, answered: 6,
            choices: choices(6, [("scale-up", "Scaling up local innovation projects to build regional transition capacity", 2),
                                 ("skills", "Skills and new jobs", 2), ("housing", "Housing and urban planning", 2),
                                 ("mobility", "Sustainable mobility", 1), ("energy", "Energy and industry", 2),
                                 ("attractiveness", "Culture and attractiveness", 1)]),
            other: OtherAnswers(count: 1, share: 1.0 / 6, texts: [TextCount(text: "Turism", count: 1)]), meanChoices: 11.0 / 6)
        let involvement = QuestionSummary(
            id: "involvement", type: .multipleChoice, text: "How do you want to be involved?", personal: false, shown: 8, answered: 6,
            choices: choices(6, [("contact", "Establish a contact", 3),
                                 ("information", "More information on the territorial strategies and the national platform", 2),
                                 ("activities", "Take part in concrete activities where we work together", 2),
                                 ("conversations", "Join the conversations on scaling up", 1)]),
            meanChoices: 8.0 / 6)
        let collaboration = QuestionSummary(
            id: "collaboration", type: .scale, text: "How interested are you in closer collaboration with Thriving Northern Cities?",
            personal: false, shown: 8, answered: 8,
            distribution: [PointCount(value: 1, label: "Not at all", count: 1, share: 1.0 / 8), PointCount(value: 2, count: 1, share: 1.0 / 8),
                           PointCount(value: 3, label: "Maybe", count: 2, share: 2.0 / 8), PointCount(value: 4, count: 2, share: 2.0 / 8),
                           PointCount(value: 5, label: "Very much", count: 2, share: 2.0 / 8)],
            statistics: NumberStatistics(n: 8, mean: 3.375, median: 3.5, min: 1, max: 5), topTwoBox: 0.5)
        let entry = QuestionSummary(
            id: "entry-point", type: .singleChoice, text: "Could your organisation be a way in to the regional development work?",
            personal: false, shown: 6, answered: 6, notShown: 2,
            choices: choices(6, [("yes", "Yes", 3), ("maybe", "Maybe", 2), ("no", "No", 1)]))
        let similar = QuestionSummary(
            id: "similar", type: .text, text: "Do you know of similar initiatives?", personal: false, shown: 8, answered: 4,
            textFigures: TextFigures(languages: ["sv": 1, "en": 2, "unknown": 1], terms: [TermCount(term: "cities", count: 1)],
                                     themes: [ThemeSummary(name: "Housing", count: 0, share: 0, quotes: []),
                                              ThemeSummary(name: "Cooperation", count: 0, share: 0, quotes: [])], uncoded: 4))
        let ongoing = QuestionSummary(
            id: "ongoing", type: .text, text: "Do you have similar ongoing dialogues, projects or ideas?", personal: false,
            shown: 8, answered: 4,
            textFigures: TextFigures(languages: ["sv": 2, "en": 1, "unknown": 1],
                                     terms: [TermCount(term: "housing", count: 1), TermCount(term: "workshop", count: 1)],
                                     bigrams: [TermCount(term: "transport strategy", count: 1)],
                                     themes: [ThemeSummary(name: "Housing", count: 2, share: 0.5,
                                                           quotes: ["We would like more data on housing and the transport strategy."]),
                                              ThemeSummary(name: "Cooperation", count: 1, share: 0.25,
                                                           quotes: ["Samverkan kring bostäder och stadsplanering med kommunerna."])],
                                     uncoded: 2))
        let name = QuestionSummary(id: "name", type: .text, text: "Name (if you would like to be contacted)", personal: true,
                                   shown: 8, answered: 3)
        let email = QuestionSummary(id: "email", type: .text, text: "E-mail if you would like to be contacted", personal: true,
                                    shown: 8, answered: 3)
        // Cross-tab of involvement by role, for the two largest groups only.
        let municipality = QuestionSummary(
            id: "involvement", type: .multipleChoice, text: involvement.text, personal: false, shown: 3, answered: 2,
            choices: choices(2, [("contact", "Establish a contact", 2), ("information", involvement.choices[1].label, 0),
                                 ("activities", involvement.choices[2].label, 1), ("conversations", involvement.choices[3].label, 0)]))
        let region = QuestionSummary(
            id: "involvement", type: .multipleChoice, text: involvement.text, personal: false, shown: 2, answered: 1,
            choices: choices(1, [("contact", "Establish a contact", 1), ("information", involvement.choices[1].label, 0),
                                 ("activities", involvement.choices[2].label, 0), ("conversations", involvement.choices[3].label, 0)]))
        let crosstab = Crosstab(by: "role", byText: role.text, groups: [
            CrosstabGroup(id: "municipality", label: "Municipality", responses: 3, questions: [municipality]),
            CrosstabGroup(id: "region", label: "Region", responses: 2, questions: [region]),
        ], tests: [:], untested: ["involvement": .multipleChoice],
           smallCells: ["involvement": [SmallCell(choice: "contact", group: "region", expected: 1.2, observed: 1)]])
        return Summary(surveyID: survey.id, title: "Continued joint work", language: "en", responses: 8,
                       filters: SummaryFilters(groupBy: "role"),
                       questions: [role, city, focus, involvement, collaboration, entry, similar, ongoing, name, email],
                       crosstab: crosstab)
    }
}
