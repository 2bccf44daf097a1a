import Foundation
import FreeText
@testable import SamlaKit
import SamlaTestSupport
import XCTest

/// The export's lists read stored answers laid out by position (`ListedAnswers`) where they used
/// to decode a dictionary per response. Every cell, call-list entry and free-text entry must be
/// what the decoded answers give, on answers of every shape a store can hold: removed questions
/// and choices, an "other" alone on a multiple choice, a choice where choices belong, empty
/// selections and texts, escapes, negative zero, more than 64 choices, personal texts.
final class ListedAnswersTests: XCTestCase {
    static let surveyText = """
        format: 1
        id: listed-test
        title: {sv: Listor, en: Lists}
        languages: [sv, en]
        questions:
          - id: roll
            type: single_choice
            text: {sv: Roll?, en: Role?}
            other: true
            choices:
              - {id: kommun, label: {sv: Kommun, en: Municipality}}
              - {id: region, label: {sv: Region, en: Region}}
              - {id: foretag, label: {sv: Företag, en: Business}}
          - id: stad
            type: single_choice
            text: {sv: Stad?, en: City?}
            choices:
              - {id: umea, label: {sv: Umeå, en: Umeå}}
              - {id: lulea, label: {sv: Luleå, en: Luleå}}
          - id: fokus
            type: multiple_choice
            text: {sv: Fokus?, en: Focus?}
            other: true
            choices:
              - {id: bostad, label: {sv: Bostäder, en: Housing}}
              - {id: energi, label: {sv: Energi, en: Energy}}
              - {id: kultur, label: {sv: Kultur, en: Culture}}
              - {id: jobb, label: {sv: Jobb, en: Jobs}}
          - id: kontakt
            type: multiple_choice
            text: {sv: Hur vill du vara med?, en: How would you take part?}
            choices:
              - {id: ja, label: {sv: Bli kontaktad, en: Be contacted}}
              - {id: info, label: {sv: Få information, en: Get information}}
          - id: betyg
            type: scale
            text: {sv: Betyg?, en: Rating?}
            scale: {min: 1, max: 5}
          - id: antal
            type: number
            text: {sv: Hur många?, en: How many?}
          - id: tankar
            type: text
            text: {sv: Tankar?, en: Thoughts?}
          - id: namn
            type: text
            personal: true
            text: {sv: Namn, en: Name}
          - id: epost
            type: text
            personal: true
            text: {sv: E-post, en: E-mail}
          - id: telefon
            type: text
            personal: true
            text: {sv: Telefon, en: Phone}
        contact:
          consent: {question: kontakt, includes: ja}
          name: namn
          email: epost
          phone: telefon
          municipality: stad
        """

    /// The same with a multiple choice of 70 choices (joined labels past a 64-bit mask).
    static var manyChoicesText: String {
        surveyText.replacingOccurrences(of: "  - id: betyg\n", with: """
              - id: manga
                type: multiple_choice
                text: {sv: Många?, en: Many?}
                choices:
            \((0..<70).map { "          - {id: c\($0), label: {sv: Val \($0), en: Choice \($0)}}\n" }.joined())  - id: betyg

            """)
    }

    func survey(_ text: String) throws -> Survey {
        let loaded = SurveyLoader.parse(text: text, file: "listed-test.yaml")
        return try XCTUnwrap(loaded.survey, "\(loaded.diagnostics)")
    }

    /// Answers of every shape, canonical and not, for the survey's questions and some it lacks.
    /// `huge`: numbers past `Int` too (the summary's histogram cannot take them yet, so the files
    /// written through the whole export go without).
    static func randomAnswers(_ survey: Survey, huge: Bool = true, using random: inout SurveyMutator.Random) -> Answers {
        let texts = ["", "Bra dag", "Vi \"citerar\" och \\ snedstreck", "rad ett\nrad två", "Tack 😀 för idag", "\u{1F}styrtecken\u{1E}",
                     "  luft  ", "Grön omställning i Umeå och Luleå", "The workshop was useful for our region"]
        let emails = ["Anna@Example.se", " anna@example.se ", "bo.ek@example.se", "", "inte en adress", "k\u{1E}arin@kommun.se"]
        let phones = ["070-123 45 67", "+46 70 123 45 67", "", "0046 (0)70 123 45 67", "ring mig"]
        let numbers: [Double] = [0, -0.0, 3, 2.5, -7, huge ? 1e20 : 1e9, 123_456_789_012_345, 0.1, 5]
        var answers: Answers = [:]
        func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
        for question in survey.questions where Int.random(in: 0..<5, using: &random) > 0 {
            let ids = question.choices.map(\.id)
            let odd = Int.random(in: 0..<12, using: &random) == 0
            let value: AnswerValue
            switch question.type {
            case .singleChoice:
                value = odd ? pick([.choice("borttagen"), .choices([ids[0]], other: nil), .number(2), .text("fel form")])
                    : pick([.choice(pick(ids)), .choice(pick(ids)), .other(pick(texts))])
            case .multipleChoice:
                let chosen = (0..<Int.random(in: 0...3, using: &random)).map { _ in pick(ids) }
                let other: String? = question.allowsOther && Bool.random(using: &random) ? pick(texts) : nil
                value = odd ? pick([.other(pick(texts)), .choice(pick(ids)), .choices(chosen + ["borttagen"], other: other), .number(1)])
                    : .choices(chosen, other: other)
            case .scale, .number:
                value = odd ? .text(pick(texts)) : .number(pick(numbers))
            case .text:
                let pool = question.id == "epost" ? emails : question.id == "telefon" ? phones : texts
                value = odd ? .number(pick(numbers)) : .text(pick(pool))
            }
            answers[question.id] = value
        }
        if Int.random(in: 0..<10, using: &random) == 0 { answers["borttagen-fraga"] = .text("kvar sedan förr") }
        return answers
    }

    func testTheListsAreWhatTheDecodedAnswersGive() throws {
        for text in [Self.surveyText, Self.manyChoicesText] {
            let survey = try survey(text)
            var guessed = survey
            guessed.contact = nil
            let columns = ResponseColumns(survey: survey, language: "sv", anonymizer: .disabled)
            let plans = [CallListPlan(survey: survey, language: "sv"), CallListPlan(survey: guessed, language: "en")]
            let coder = FreeTextCoder(survey: survey, language: "sv", codebook: nil)
            var listed = ListedAnswers(survey: survey)
            var random = SurveyMutator.Random(seed: 23)
            var (cacheBefore, cacheAfter) = (JoinedLabelCache(), JoinedLabelCache())
            var (languagesBefore, languagesAfter, languagesFromRow) = (RepeatedLanguageGuesser(), RepeatedLanguageGuesser(),
                                                                       RepeatedLanguageGuesser())
            let textColumns = coder.questions.map { question in columns.plans.first { $0.position == question.position }?.firstColumn }
            var laidOut = 0
            let count = 4_000
            for number in 1...count {
                let answers = Self.randomAnswers(survey, using: &random)
                let stored = AnswerCoding.encode(answers)
                let before = Response(surveyID: survey.id, definitionHash: survey.definitionHash, session: "Umeå",
                                      submittedAt: Date(timeIntervalSince1970: 1_741_780_800 + Double(number)),
                                      answers: try AnswerCoding.decode(stored))
                var after = before
                after.answers = [:]
                var bytes = Array(stored.utf8)
                try bytes.withUnsafeBufferPointer { try listed.read($0, into: &after) }
                if listed.laidOut { laidOut += 1 }
                let context = "response \(number): \(stored)"
                let row = columns.cells(of: after, answers: listed, number: number, respondent: "r", cache: &cacheAfter)
                XCTAssertEqual(row, columns.cells(of: before, number: number, respondent: "r", cache: &cacheBefore), context)
                for plan in plans {
                    XCTAssertEqual(plan.entry(of: after, answers: listed, number: number), plan.entry(of: before, number: number), context)
                }
                let textsAfter = coder.entries(of: after, answers: listed, guesser: &languagesAfter)
                let textsBefore = coder.entries(of: before, guesser: &languagesBefore)
                XCTAssertEqual(textsAfter.map(\.question), textsBefore.map(\.question), context)
                XCTAssertEqual(textsAfter.map(\.answer), textsBefore.map(\.answer), context)
                XCTAssertEqual(textsAfter.map(\.language), textsBefore.map(\.language), context)
                let textsFromRow = coder.entries(of: after, answers: listed, row: row, columns: textColumns, guesser: &languagesFromRow)
                XCTAssertEqual(textsFromRow.map(\.question), textsBefore.map(\.question), context)
                XCTAssertEqual(textsFromRow.map(\.answer), textsBefore.map(\.answer), context)
                XCTAssertEqual(textsFromRow.map(\.language), textsBefore.map(\.language), context)
                for (index, question) in survey.questions.enumerated() {
                    XCTAssertEqual(listed.value(of: question.id, at: index, in: after), before.answers[question.id], context)
                }
                bytes.removeAll()
            }
            // Both ways are taken: most rows laid out, the odd ones decoded.
            XCTAssertGreaterThan(laidOut, count / 5)
            XCTAssertLessThan(laidOut, count)
        }
    }

    /// The files written from laid-out answers are those written from decoded ones, byte for
    /// byte, through the real store: the workbook (with its call list), the wide and long CSV,
    /// the contacts CSV and the JSON.
    func testEveryFileIsTheOneWrittenFromDecodedAnswers() throws {
        let directory = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let surveyPath = directory.appendingPathComponent("listed-test.yaml").path
        try Data(Self.surveyText.utf8).write(to: URL(fileURLWithPath: surveyPath))
        let survey = try SurveyLoader.require(path: surveyPath)
        let store = try ResponseStore(path: directory.appendingPathComponent("store.sqlite").path)
        var random = SurveyMutator.Random(seed: 41)
        try store.write { writer in
            try writer.register(survey)
            for number in 0 ..< 600 {
                try writer.insert(Response(
                    surveyID: survey.id, definitionHash: survey.definitionHash, session: ["Umeå", "Luleå", nil][number % 3],
                    source: .imported(file: "/tmp/export.csv", row: number + 2), language: ["sv", "en"][number % 2],
                    startedAt: Date(timeIntervalSince1970: 1_741_780_000 + Double(number) * 3_600),
                    submittedAt: Date(timeIntervalSince1970: 1_741_780_300 + Double(number) * 3_600),
                    answers: Self.randomAnswers(survey, huge: false, using: &random)))
            }
        }
        func export(_ name: String, layout: CSVLayout = .wide) throws -> [String: Data] {
            let targets = SurveyExport.Targets(xlsx: directory.appendingPathComponent("\(name).xlsx").path,
                                               csv: directory.appendingPathComponent("\(name).csv").path,
                                               json: directory.appendingPathComponent("\(name).json").path,
                                               contacts: directory.appendingPathComponent("\(name)-contacts.csv").path)
            var options = ExportOptions(created: Date(timeIntervalSince1970: 1_750_000_000), commandLine: "samla export")
            options.csvLayout = layout
            try SurveyExport.run(survey: survey, store: store, analysis: AnalysisOptions(language: "sv"), targets: targets, options: options)
            var files: [String: Data] = [:]
            for suffix in [".xlsx", ".csv", ".json", "-contacts.csv"] {
                files[suffix] = try Data(contentsOf: directory.appendingPathComponent(name + suffix))
            }
            return files
        }
        defer { ListedAnswers.laysOut = true }
        for layout in [CSVLayout.wide, .long] {
            ListedAnswers.laysOut = true
            let laidOut = try export("laid-out", layout: layout)
            ListedAnswers.laysOut = false
            let decoded = try export("decoded", layout: layout)
            for (suffix, data) in decoded {
                XCTAssertFalse(data.isEmpty)
                XCTAssertEqual(laidOut[suffix], data, "\(layout) \(suffix)")
            }
        }
    }
}
