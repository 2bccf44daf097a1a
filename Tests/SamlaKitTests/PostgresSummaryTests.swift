import Foundation
import SamlaTestSupport
import XCTest
@testable import SamlaKit

/// On PostgreSQL the summary's counting is done by the server (`GROUP BY`, `GroupedCounting`). It
/// must give exactly the summary of the same responses read row by row, on SQLite and on
/// PostgreSQL itself: with sessions, an older definition version and an imported file that lacked
/// questions, `show_if`, "other", removed questions and choices, scales off their range, numbers,
/// free text with a codebook, personal questions, `--where`, `--by` and `--by session`.
final class PostgresSummaryTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The fixture without its `staff` question: an older version some responses answered on.
    private func olderVersion() throws -> Survey {
        let staff = "  - id: staff\n    type: number\n    text: {en: Staff, sv: Personal}\n"
        XCTAssertTrue(AnalysisFixture.yaml.contains(staff))
        let text = AnalysisFixture.yaml.replacingOccurrences(of: staff, with: "")
        let parsed = SurveyLoader.parse(text: text, file: "older.yaml")
        return try XCTUnwrap(parsed.survey, "\(parsed.diagnostics)")
    }

    /// The same responses in a SQLite file and a PostgreSQL database.
    private func stores(_ responses: [Response], survey: Survey, older: Survey, file: SourceFile) throws -> (sqlite: ResponseStore, postgres: ResponseStore) {
        let sqlite = try ResponseStore(path: directory.appendingPathComponent("same.sqlite").path)
        let postgres = try ResponseStore(path: try TestPostgres.freshDatabase())
        for store in [sqlite, postgres] {
            try store.write { writer in
                try writer.register(survey)
                try writer.register(older)
                try writer.record(file, surveyID: survey.id)
                for response in responses { _ = try writer.insert(response) }
            }
        }
        return (sqlite, postgres)
    }

    func testCountingInTheDatabaseGivesExactlyTheSummaryOfReadingEveryRow() throws {
        let survey = try AnalysisFixture.survey()
        let older = try olderVersion()
        let file = SourceFile(path: "forms.csv", sha256: "ab12", layout: "google-forms", encoding: "utf-8",
                              importedAt: Date(timeIntervalSince1970: 1_741_780_800), rowsNew: 0, rowsExisting: 0,
                              notAsked: ["thoughts", "rating"])
        var responses = AnalyzerParallelTests.trickyResponses(survey, count: 2400)
        for index in responses.indices {
            switch index % 7 {
            case 1: responses[index].definitionHash = older.definitionHash
            case 2: responses[index].source = .imported(file: "forms.csv", row: index)
            case 3: responses[index].session = nil
            case 4: responses[index].answers["staff"] = .number([-0.0, 1e-7, 12.75, 3][index % 4])
            default: break
            }
        }
        // A text with a NUL (which jsonb would refuse) and one with escapes.
        responses[5].answers["thoughts"] = .text("noll\u{0}tecken kollektivtrafik")
        responses[6].answers["thoughts"] = .text("citat \"kollektivtrafik\" \\ och\tflik")
        let (sqlite, postgres) = try stores(responses, survey: survey, older: older, file: file)
        let database = try XCTUnwrap(postgres.database as? any AnswerCountingDatabase)

        let codebook = AnalyzerParallelTests.trickyCodebook
        let optionSets: [(String, AnalysisOptions)] = [
            ("plain", AnalysisOptions()),
            ("by role, codebook", AnalysisOptions(filters: try SummaryFilters.parse(survey: survey, by: "role"), codebook: codebook)),
            ("by topics, sv", AnalysisOptions(language: "sv", filters: try SummaryFilters.parse(survey: survey, by: "topics"))),
            ("where role=b", AnalysisOptions(filters: try SummaryFilters.parse(survey: survey, where: ["role=b"]), codebook: codebook)),
            ("where topics=x, one session", AnalysisOptions(language: "sv", filters: try SummaryFilters.parse(
                survey: survey, where: ["topics=x"], sessions: ["morning"]), codebook: codebook, topTerms: 40)),
            ("by session", AnalysisOptions(filters: try SummaryFilters.parse(survey: survey, by: "session"))),
        ]
        // The row with a NUL is the one the server holds no parsed answers for: it is counted from its text.
        XCTAssertEqual(try TestPostgres.psql(postgres.path, "SELECT count(*) FROM response WHERE answers_jsonb IS NULL"), "1")
        var counted = 0
        for (name, options) in optionSets {
            let analyzer = Analyzer(survey: survey, options: options)
            let expected = try analyzer.summarize(store: sqlite)
            XCTAssertGreaterThan(expected.responses, 100, name)
            let inDatabase = try analyzer.summarize(store: postgres)
            XCTAssertEqual(inDatabase, expected, name)
            XCTAssertEqual(SummaryJSON.render(inDatabase), SummaryJSON.render(expected), name)
            XCTAssertEqual(try analyzer.summarize(store: postgres, workers: 2, batchSize: 64, countingInDatabase: false), expected, name)
            if !options.filters.groupsBySession(in: survey) {
                // The server's counts themselves, not the rows read back after they failed.
                let versions = DefinitionVersions(survey: survey, definitions: try postgres.definitions(surveyID: survey.id),
                                                  notAskedByFile: try postgres.notAskedByFile(surveyID: survey.id))
                // Each way: the rows with text to analyse whole and the rest grouped (never every
                // row whole), every row whole, and as the sampled share of text rows decides.
                for wholeFromShare in [2, 0, nil] as [Double?] {
                    let grouped = try GroupedCounting.summary(survey: survey, options: options, versions: versions,
                                                              selection: .init(surveyID: survey.id, sessions: options.filters.sessions),
                                                              database: database, wholeFromShare: wholeFromShare, keptCounts: false)
                    XCTAssertEqual(grouped, expected, "\(name), whole from \(String(describing: wholeFromShare))")
                }
                counted += 1
            }
        }
        XCTAssertEqual(counted, optionSets.count - 1)
        // What the benchmark's `SAMLA_POSTGRES_COUNTING=groups` asks for: never every row whole.
        XCTAssertEqual(Analyzer.wholeFromShare(["SAMLA_POSTGRES_COUNTING": "groups"]), .infinity)
        XCTAssertNil(Analyzer.wholeFromShare(["SAMLA_POSTGRES_COUNTING": "rows"]))
        XCTAssertNil(Analyzer.wholeFromShare([:]))
        // The responses that wrote text to analyse are counted whole in the client; with the two
        // text questions personal (not analysed), every response is counted by the server's groups.
        var groupedText = AnalysisFixture.yaml
        for question in ["Why beta?", "Thoughts"] {
            let range = try XCTUnwrap(groupedText.range(of: "text: {en: \(question)"), question)
            let line = groupedText[..<range.lowerBound].lastIndex(of: "\n").map(groupedText.index(after:)) ?? groupedText.startIndex
            groupedText.insert(contentsOf: "personal: true\n" + groupedText[line ..< range.lowerBound], at: range.lowerBound)
        }
        let parsed = SurveyLoader.parse(text: groupedText, file: "grouped.yaml")
        let grouped = try XCTUnwrap(parsed.survey, "\(parsed.diagnostics)")
        let groupedVersions = DefinitionVersions(survey: grouped, definitions: try postgres.definitions(surveyID: grouped.id),
                                                 notAskedByFile: try postgres.notAskedByFile(surveyID: grouped.id))
        for options in [AnalysisOptions(), AnalysisOptions(filters: try SummaryFilters.parse(survey: grouped, by: "role")),
                        AnalysisOptions(language: "sv", filters: try SummaryFilters.parse(survey: grouped, where: ["topics=x"], sessions: ["morning"]))] {
            let selection = ResponseStore.Selection(surveyID: grouped.id, sessions: options.filters.sessions)
            XCTAssertTrue(try GroupedCounting(survey: grouped, options: options, versions: groupedVersions)
                .request(selection).analysedTexts.isEmpty)
            let expected = try Analyzer(survey: grouped, options: options).summarize(store: sqlite)
            XCTAssertGreaterThan(expected.responses, 100)
            let inDatabase = try GroupedCounting.summary(survey: grouped, options: options, versions: groupedVersions,
                                                         selection: selection, database: database)
            XCTAssertEqual(inDatabase, expected)
            XCTAssertEqual(SummaryJSON.render(inDatabase), SummaryJSON.render(expected))
        }
        // The figures that depend on what this store holds are there to be compared.
        let plain = try Analyzer(survey: survey).summarize(store: postgres)
        XCTAssertGreaterThan(plain.question("staff")?.notShown ?? 0, 100)
        XCTAssertGreaterThan(plain.question("why-b")?.notShown ?? 0, 100)
        XCTAssertFalse(plain.removedQuestions.isEmpty)
        XCTAssertNotNil(plain.question("staff")?.statistics?.median)
        XCTAssertGreaterThan(plain.question("thoughts")?.textFigures?.terms.count ?? 0, 5)
    }

    /// A survey with notes counts its questions only, on the server as on SQLite; an answer stored
    /// under a note's id (the id was a question in an older version) is a removed question's answer.
    func testNotesAreNeverCountedOnTheServer() throws {
        let survey = try XCTUnwrap(SurveyLoader.parse(text: NoteSurvey.text, file: "notes.yaml").survey)
        var responses: [Response] = []
        for index in 0..<300 {
            var answers: Answers = ["role": .choice(index % 3 == 0 ? "a" : "b")]
            // Odd rows wrote text to analyse (counted whole); even rows, the note's among them, are grouped.
            if index % 2 == 1 { answers["plans"] = .text("plan \(index % 7)") }
            if index % 4 != 0 { answers["size"] = .number(Double(index % 90)) }
            if index % 10 == 0 { answers["welcome"] = .text("an old answer") }
            responses.append(Response(surveyID: survey.id, definitionHash: survey.definitionHash, session: "s\(index % 2)", answers: answers))
        }
        let sqlite = try ResponseStore(path: directory.appendingPathComponent("notes.sqlite").path)
        let postgres = try ResponseStore(path: try TestPostgres.freshDatabase())
        for store in [sqlite, postgres] {
            try store.write { writer in
                try writer.register(survey)
                for response in responses { _ = try writer.insert(response) }
            }
        }
        let database = try XCTUnwrap(postgres.database as? any AnswerCountingDatabase)
        for options in [AnalysisOptions(), AnalysisOptions(filters: try SummaryFilters.parse(survey: survey, by: "role"))] {
            let expected = try Analyzer(survey: survey, options: options).summarize(store: sqlite)
            XCTAssertEqual(expected.questions.map(\.id), ["role", "size", "plans"])
            XCTAssertEqual(expected.removedQuestions.map(\.id), ["welcome"])
            XCTAssertEqual(expected.removedQuestions.first?.answered, 30)
            XCTAssertEqual(try Analyzer(survey: survey, options: options).summarize(store: postgres), expected)
            let versions = DefinitionVersions(survey: survey, definitions: try postgres.definitions(surveyID: survey.id),
                                              notAskedByFile: try postgres.notAskedByFile(surveyID: survey.id))
            for wholeFromShare in [2, 0, nil] as [Double?] {
                let grouped = try GroupedCounting.summary(survey: survey, options: options, versions: versions,
                                                          selection: .init(surveyID: survey.id), database: database,
                                                          wholeFromShare: wholeFromShare, keptCounts: false)
                XCTAssertEqual(grouped, expected, "the server's own counts, whole from \(String(describing: wholeFromShare))")
            }
        }
    }

    func testARowTheServerCannotReadIsReportedAsTheStoredPathReportsIt() throws {
        let survey = try AnalysisFixture.survey()
        let postgres = try ResponseStore(path: try TestPostgres.freshDatabase())
        let responses = (0 ..< 50).map { AnalysisFixture.response(survey, ["staff": .number(Double($0))]) }
        try postgres.write { writer in
            try writer.register(survey)
            for response in responses { _ = try writer.insert(response) }
        }
        let url = postgres.path
        let damaged = #"{"staff":{"n":1}"#
        try TestPostgres.psql(url, "UPDATE response SET answers = '\(damaged)' WHERE seq = 30")
        var expected = ""
        XCTAssertThrowsError(try AnswerCoding.decode(damaged)) { expected = "\($0)" }
        XCTAssertThrowsError(try Analyzer(survey: survey).summarize(store: postgres)) { XCTAssertEqual("\($0)", expected) }
        // Read as a row, it counts like any other once it is mended.
        try TestPostgres.psql(url, #"UPDATE response SET answers = '{"staff":{"n":29}}' WHERE seq = 30"#)
        XCTAssertEqual(try Analyzer(survey: survey).summarize(store: postgres).question("staff")?.statistics?.n, 50)
        // Answers changed by hand, without their items, are counted as they now are: the server
        // makes their items again (v5's trigger), so no stale item is counted.
        try TestPostgres.psql(url, #"UPDATE response SET answers = '{"staff":{"n":1000},"extra":{"c":"x"}}' WHERE seq = 30"#)
        let edited = try Analyzer(survey: survey).summarize(store: postgres)
        XCTAssertEqual(edited.question("staff")?.statistics?.max, 1000)
        XCTAssertEqual(edited.question("staff")?.statistics?.n, 50)
        XCTAssertEqual(edited.removedQuestions.map(\.id), ["extra"])
        XCTAssertEqual(edited, try Analyzer(survey: survey).summarize(store: postgres, workers: 2, batchSize: 8, countingInDatabase: false))
    }

    func testAStoreMadeBeforeTheParsedAnswersIsMigratedAndCounted() throws {
        let survey = try AnalysisFixture.survey()
        let url = try TestPostgres.freshDatabase()
        let responses = AnalyzerParallelTests.trickyResponses(survey, count: 300)
        try ResponseStore(path: url).write { writer in
            try writer.register(survey)
            for response in responses { _ = try writer.insert(response) }
        }
        // Back to version 3, as a store written by the Samla before the two.
        try TestPostgres.psql(url, Self.backToVersion4 + """
            ; ALTER TABLE response DROP COLUMN answers_jsonb; DROP FUNCTION samla_answers_jsonb(TEXT);
            DELETE FROM samla_schema WHERE version = 4
            """)
        let reopened = try ResponseStore(path: url)
        XCTAssertEqual(try TestPostgres.psql(url, "SELECT max(version) FROM samla_schema"), "\(PostgresSchema.migrations.count)")
        XCTAssertEqual(try TestPostgres.psql(url, "SELECT count(*) FROM response WHERE answers_jsonb IS NULL OR answer_items IS NULL"), "0")
        let analyzer = Analyzer(survey: survey, options: AnalysisOptions(filters: try SummaryFilters.parse(survey: survey, by: "role")))
        XCTAssertEqual(try analyzer.summarize(store: reopened), try analyzer.summarize(responses))
    }

    /// Undoes migration v5 (the answer items), as a store written by the Samla before it.
    private static let backToVersion4 = PostgresKeptCountsTests.backToVersion5 + """
        ;
        DROP TRIGGER response_answer_items ON response; DROP FUNCTION response_answer_items();
        DROP FUNCTION samla_answer_items(jsonb); ALTER TABLE response DROP COLUMN answer_items;
        CREATE INDEX response_unparsed ON response(survey_id, seq) WHERE answers_jsonb IS NULL;
        DELETE FROM samla_schema WHERE version = 5
        """

    /// A store of version 4 gets its rows' items from the server (the same function an UPDATE by
    /// hand uses), and they count exactly as the items Samla writes: the same summary as SQLite's
    /// of the same rows, under every option set, and as the same store before the migration.
    func testItemsMadeByTheServerCountAsThoseSamlaWrites() throws {
        let survey = try AnalysisFixture.survey()
        let older = try olderVersion()
        var responses = AnalyzerParallelTests.trickyResponses(survey, count: 900)
        for index in responses.indices where index % 5 == 1 { responses[index].definitionHash = older.definitionHash }
        responses[7].answers["thoughts"] = .text("noll\u{0}tecken")
        responses[8].answers["thoughts"] = .text("")
        responses[9].answers["staff"] = .number(12.75)
        let file = SourceFile(path: "forms.csv", sha256: "ab12", layout: "google-forms", encoding: "utf-8",
                              importedAt: Date(timeIntervalSince1970: 1_741_780_800), rowsNew: 0, rowsExisting: 0, notAsked: [])
        let (sqlite, postgres) = try stores(responses, survey: survey, older: older, file: file)
        let url = postgres.path
        // Samla's items: a row with a NUL in its text has them, but no jsonb, and is counted from its text.
        XCTAssertEqual(try TestPostgres.psql(url, "SELECT count(*) FROM response WHERE answer_items IS NULL"), "0")
        let byRole = AnalysisOptions(filters: try SummaryFilters.parse(survey: survey, by: "role"), codebook: AnalyzerParallelTests.trickyCodebook)
        let whereB = AnalysisOptions(filters: try SummaryFilters.parse(survey: survey, where: ["role=b"]))
        var before: [Summary] = []
        for options in [AnalysisOptions(), byRole, whereB] {
            let analyzer = Analyzer(survey: survey, options: options)
            let expected = try analyzer.summarize(store: sqlite)
            before.append(try analyzer.summarize(store: postgres))
            XCTAssertEqual(before.last, expected)
        }
        try TestPostgres.psql(url, Self.backToVersion4)
        let migrated = try ResponseStore(path: url)
        XCTAssertEqual(try TestPostgres.psql(url, "SELECT max(version) FROM samla_schema"), "\(PostgresSchema.migrations.count)")
        // The server's items: none for the row without jsonb, the rest written its own way (jsonb's spacing).
        XCTAssertEqual(try TestPostgres.psql(url, "SELECT count(*) FROM response WHERE answer_items IS NULL"), "1")
        XCTAssertEqual(try TestPostgres.psql(url, #"SELECT count(*) FROM response WHERE array_to_string(answer_items, ' ') LIKE '%{"t": %'"#), "0")
        XCTAssertNotEqual(try TestPostgres.psql(url, #"SELECT count(*) FROM response WHERE array_to_string(answer_items, ' ') LIKE '%{"c": %'"#), "0")
        for (index, options) in [AnalysisOptions(), byRole, whereB].enumerated() {
            let analyzer = Analyzer(survey: survey, options: options)
            XCTAssertEqual(try analyzer.summarize(store: migrated), before[index])
            XCTAssertEqual(SummaryJSON.render(try analyzer.summarize(store: migrated)), SummaryJSON.render(before[index]))
        }
    }
}
