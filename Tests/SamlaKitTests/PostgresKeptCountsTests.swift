import Foundation
import SamlaTestSupport
import XCTest
@testable import SamlaKit

/// PostgreSQL keeps the counts of answer items as responses are written (`answer_tally`, migration
/// v6), and a summary that can sums them (`GroupedCounting.keptSummary`) and analyses only the
/// texts. Whoever wrote the responses (one at a time as `collect` does, in batches as `serve`'s
/// group commit, an import, a merge, a draft finished, an UPDATE by hand, a delete, an erasure,
/// several writers at once, a store migrated from version 5), the summary is SQLite's to the byte.
final class PostgresKeptCountsTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The analysis fixture without its `show_if`s: a survey whose summaries the kept counts answer.
    static var plainYAML: String {
        AnalysisFixture.yaml.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("show_if:") }.joined(separator: "\n")
    }

    static func plainSurvey() throws -> Survey {
        XCTAssertNotEqual(plainYAML, AnalysisFixture.yaml)
        let parsed = SurveyLoader.parse(text: plainYAML, file: "plain.yaml")
        return try XCTUnwrap(parsed.survey, "\(parsed.diagnostics)")
    }

    /// An older version of the plain survey without its `staff` question.
    static func olderVersion(of survey: Survey) throws -> Survey {
        let staff = "  - id: staff\n    type: number\n    text: {en: Staff, sv: Personal}\n"
        XCTAssertTrue(plainYAML.contains(staff))
        let parsed = SurveyLoader.parse(text: plainYAML.replacingOccurrences(of: staff, with: ""), file: "older.yaml")
        let older = try XCTUnwrap(parsed.survey, "\(parsed.diagnostics)")
        XCTAssertNotEqual(older.definitionHash, survey.definitionHash)
        return older
    }

    static let file = SourceFile(path: "forms.csv", sha256: "ab12", layout: "google-forms", encoding: "utf-8",
                                 importedAt: Date(timeIntervalSince1970: 1_741_780_800), rowsNew: 0, rowsExisting: 0,
                                 notAsked: ["thoughts", "rating"])

    /// Responses of every kind the analysis tells apart, in two sessions and none, on two
    /// versions, some from a file that did not ask two questions.
    static func responses(_ survey: Survey, older: Survey, count: Int, seed: Int = 0) -> [Response] {
        var responses = AnalyzerParallelTests.trickyResponses(survey, count: count + seed).suffix(count).map { $0 }
        for index in responses.indices {
            switch (index + seed) % 7 {
            case 1: responses[index].definitionHash = older.definitionHash
            case 2: responses[index].source = .imported(file: "forms.csv", row: index + seed)
            case 3: responses[index].session = nil
            case 4: responses[index].answers["staff"] = .number([-0.0, 1e-7, 12.75, 3][index % 4])
            default: break
            }
        }
        return responses
    }

    private func registered(_ store: ResponseStore, _ survey: Survey, _ older: Survey) throws {
        try store.write { writer in
            try writer.register(survey)
            try writer.register(older)
            try writer.record(Self.file, surveyID: survey.id)
        }
    }

    /// The option sets compared: those the kept counts answer (plain, a codebook, another language,
    /// sessions, `--by session`) and those they leave to the grouping of every answer (`--by`, `--where`).
    static func optionSets(_ survey: Survey) throws -> [(name: String, options: AnalysisOptions, kept: Bool)] {
        let codebook = AnalyzerParallelTests.trickyCodebook
        return [
            ("plain", AnalysisOptions(), true),
            ("codebook, sv, 40 terms", AnalysisOptions(language: "sv", codebook: codebook, topTerms: 40), true),
            ("one session", AnalysisOptions(filters: try SummaryFilters.parse(survey: survey, sessions: ["morning"]), codebook: codebook), true),
            ("by session", AnalysisOptions(filters: try SummaryFilters.parse(survey: survey, by: "session")), false),
            ("by role", AnalysisOptions(filters: try SummaryFilters.parse(survey: survey, by: "role"), codebook: codebook), false),
            ("where topics=x", AnalysisOptions(filters: try SummaryFilters.parse(survey: survey, where: ["topics=x"])), false),
        ]
    }

    /// Every option set gives on PostgreSQL SQLite's summary, as JSON and as text, and where the
    /// kept counts answer, they are what answered.
    func assertSame(_ sqlite: ResponseStore, _ postgres: ResponseStore, _ survey: Survey, _ context: String,
                    file: StaticString = #filePath, line: UInt = #line) throws {
        let database = try XCTUnwrap(postgres.database as? any AnswerCountingDatabase)
        let versions = DefinitionVersions(survey: survey, definitions: try postgres.definitions(surveyID: survey.id),
                                          notAskedByFile: try postgres.notAskedByFile(surveyID: survey.id))
        for (name, options, kept) in try Self.optionSets(survey) {
            let analyzer = Analyzer(survey: survey, options: options)
            let expected = try analyzer.summarize(store: sqlite)
            XCTAssertGreaterThan(expected.responses, 20, "\(context), \(name)", file: file, line: line)
            let counted = try analyzer.summarize(store: postgres)
            XCTAssertEqual(counted, expected, "\(context), \(name)", file: file, line: line)
            XCTAssertEqual(SummaryJSON.render(counted), SummaryJSON.render(expected), "\(context), \(name)", file: file, line: line)
            XCTAssertEqual(SummaryText().render(counted), SummaryText().render(expected), "\(context), \(name)", file: file, line: line)
            guard kept else { continue }
            let selection = ResponseStore.Selection(surveyID: survey.id, sessions: options.filters.sessions)
            let fromKept = try GroupedCounting.keptSummary(survey: survey, options: options, versions: versions,
                                                           selection: selection, database: database)
            XCTAssertEqual(fromKept, expected, "\(context), \(name): the kept counts themselves", file: file, line: line)
        }
    }

    /// The kept counts as the server adds them up equal the grouping of every stored row's items.
    func assertTallyMatchesRows(_ url: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let differences = try TestPostgres.psql(url, """
            SELECT count(*) FROM (
                (SELECT survey_id, definition_hash, source_file, session, item, sum(n) FROM answer_tally
                 GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0
                 EXCEPT ALL
                 SELECT survey_id, definition_hash, source_file, session, item, count(*) FROM response, unnest(array_append(answer_items, NULL::text)) item
                 WHERE status = 'complete' AND answer_items IS NOT NULL AND answers_jsonb IS NOT NULL GROUP BY 1, 2, 3, 4, 5)
                UNION ALL
                (SELECT survey_id, definition_hash, source_file, session, item, count(*) FROM response, unnest(array_append(answer_items, NULL::text)) item
                 WHERE status = 'complete' AND answer_items IS NOT NULL AND answers_jsonb IS NOT NULL GROUP BY 1, 2, 3, 4, 5
                 EXCEPT ALL
                 SELECT survey_id, definition_hash, source_file, session, item, sum(n) FROM answer_tally
                 GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0)) d
            """)
        XCTAssertEqual(differences, "0", file: file, line: line)
    }

    /// The kept texts (`answer_text`, migration v7) are those of the stored rows the kept counts
    /// count, text for text, with their version, file and session: none missing, none left over.
    func assertTextsMatchRows(_ url: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let rows = """
            SELECT seq, survey_id, definition_hash, source_file, session, key, value ->> 't'
            FROM response, jsonb_each(answers_jsonb)
            WHERE status = 'complete' AND answer_items IS NOT NULL AND answers_jsonb IS NOT NULL
              AND jsonb_typeof(value) = 'object' AND jsonb_typeof(value -> 't') = 'string' AND value - 't' = '{}'::jsonb
              AND value ->> 't' <> ''
            """
        let kept = "SELECT seq, survey_id, definition_hash, source_file, session, key, value FROM answer_text, jsonb_each_text(texts)"
        XCTAssertEqual(try TestPostgres.psql(url, "SELECT count(*) FROM ((\(rows) EXCEPT ALL \(kept)) UNION ALL (\(kept) EXCEPT ALL \(rows))) d"),
                       "0", file: file, line: line)
        XCTAssertNotEqual(try TestPostgres.psql(url, "SELECT count(*) FROM answer_text"), "0", file: file, line: line)
    }

    /// One at a time (`collect`), in batches (`serve`'s group commit), drafts finished later, a merge
    /// of a laptop's store, and an import of a file: after each, the same summary as SQLite's.
    func testEveryWriterKeepsTheCounts() throws {
        let survey = try Self.plainSurvey()
        let older = try Self.olderVersion(of: survey)
        let sqlite = try ResponseStore(path: directory.appendingPathComponent("same.sqlite").path)
        let url = try TestPostgres.freshDatabase()
        let postgres = try ResponseStore(path: url)
        for store in [sqlite, postgres] { try registered(store, survey, older) }
        var responses = Self.responses(survey, older: older, count: 1500)
        // A text with a NUL (no jsonb: read whole) and one with escapes.
        responses[5].answers["thoughts"] = .text("noll\u{0}tecken kollektivtrafik")
        responses[6].answers["thoughts"] = .text("citat \"kollektivtrafik\" \\ och\tflik")

        for response in responses[0 ..< 300] {
            for store in [sqlite, postgres] { try store.save(response, definition: response.definitionHash == older.definitionHash ? older : survey) }
        }
        try assertSame(sqlite, postgres, survey, "one at a time")
        for start in stride(from: 300, to: 900, by: 37) {
            let batch = Array(responses[start ..< min(start + 37, 900)])
            for store in [sqlite, postgres] {
                try store.write { writer in for response in batch { _ = try writer.insert(response) } }
            }
        }
        try assertSame(sqlite, postgres, survey, "in batches")
        // Drafts are not counted until they are finished.
        var drafts = Array(responses[900 ..< 1000])
        for index in drafts.indices { drafts[index].status = .draft }
        for store in [sqlite, postgres] {
            try store.write { writer in for draft in drafts { _ = try writer.insert(draft) } }
        }
        try assertSame(sqlite, postgres, survey, "with drafts")
        for index in drafts.indices where index % 2 == 0 {
            drafts[index].status = .complete
            for store in [sqlite, postgres] { try store.write { writer in try writer.update(draft: drafts[index]) } }
        }
        try assertSame(sqlite, postgres, survey, "drafts finished")
        // A laptop's store merged in (twice: the second adds nothing).
        let laptop = try ResponseStore(path: directory.appendingPathComponent("laptop.sqlite").path)
        try registered(laptop, survey, older)
        try laptop.write { writer in for response in responses[1000...] { _ = try writer.insert(response) } }
        for _ in 0 ..< 2 {
            for store in [sqlite, postgres] { _ = try StoreMerge.merge([laptop], into: store, surveyID: survey.id) }
        }
        XCTAssertEqual(try postgres.count(.init(surveyID: survey.id)), try sqlite.count(.init(surveyID: survey.id)))
        try assertSame(sqlite, postgres, survey, "merged")
        try assertTallyMatchesRows(url)
        try assertTextsMatchRows(url)

        // An import of a generated export, into both.
        let bench = try SurveyLoader.require(path: GeneratedExport.survey)
        let export = try GeneratedExport.make(layout: "google", rows: 2000, seed: 4, in: directory)
        let importer = try SurveyImporter(survey: bench, options: ImportOptions())
        let importedSQLite = directory.appendingPathComponent("import.sqlite").path
        let importedURL = try TestPostgres.freshDatabase()
        for store in [importedSQLite, importedURL] {
            XCTAssertTrue(try importer.run(files: [export.path], storePath: store).allSatisfy(\.committed))
        }
        let a = try ResponseStore(path: importedSQLite), b = try ResponseStore(path: importedURL)
        for options in [AnalysisOptions(), AnalysisOptions(language: "sv", topTerms: 30)] {
            let expected = try Analyzer(survey: bench, options: options).summarize(store: a)
            XCTAssertEqual(expected.responses, 2000)
            XCTAssertEqual(SummaryJSON.render(try Analyzer(survey: bench, options: options).summarize(store: b)), SummaryJSON.render(expected))
            let versions = DefinitionVersions(survey: bench, definitions: try b.definitions(surveyID: bench.id),
                                              notAskedByFile: try b.notAskedByFile(surveyID: bench.id))
            let kept = try GroupedCounting.keptSummary(survey: bench, options: options, versions: versions,
                                                       selection: .init(surveyID: bench.id), database: try XCTUnwrap(b.database as? any AnswerCountingDatabase))
            XCTAssertEqual(kept, expected)
        }
        // One version, as the benchmark's million: the texts come one aggregate per run of pages
        // (here a page, in two parts), with NULL arrays for a run whose rows were all deleted.
        let deletion = "DELETE FROM response WHERE seq BETWEEN 1 AND 300"
        try TestPostgres.psql(importedURL, deletion)
        _ = try Self.sqlite3(importedSQLite, deletion)
        let versions = DefinitionVersions(survey: bench, definitions: try b.definitions(surveyID: bench.id),
                                          notAskedByFile: try b.notAskedByFile(surveyID: bench.id))
        XCTAssertTrue(versions.isEmpty, "one version, no file lacking questions")
        let expected = try Analyzer(survey: bench).summarize(store: a)
        XCTAssertEqual(expected.responses, 1700)
        let inRuns = try GroupedCounting.keptSummary(survey: bench, options: AnalysisOptions(), versions: versions,
                                                     selection: .init(surveyID: bench.id),
                                                     database: try XCTUnwrap(b.database as? any AnswerCountingDatabase),
                                                     textParts: 2, pagesPerTextPart: 1, pagesPerTextRun: 1)
        XCTAssertEqual(inRuns, expected)
        try assertTallyMatchesRows(importedURL)
    }

    /// Answers, sessions and status changed by hand, responses deleted and a session erased: the
    /// kept counts follow, and a removed question whose first example was deleted still lists
    /// the first examples in stored order.
    func testHandEditsDeletesAndErasureKeepTheCounts() throws {
        let survey = try Self.plainSurvey()
        let older = try Self.olderVersion(of: survey)
        let sqlitePath = directory.appendingPathComponent("same.sqlite").path
        let sqlite = try ResponseStore(path: sqlitePath)
        let url = try TestPostgres.freshDatabase()
        let postgres = try ResponseStore(path: url)
        let responses = Self.responses(survey, older: older, count: 1200)
        for store in [sqlite, postgres] {
            try registered(store, survey, older)
            try store.write { writer in for response in responses { _ = try writer.insert(response) } }
        }
        try assertSame(sqlite, postgres, survey, "as written")
        // The same UPDATEs by hand in both: answers (without their items), a session, a status.
        let edits = [
            #"UPDATE response SET answers = '{"role":{"c":"a"},"thoughts":{"t":"ändrat för hand kollektivtrafik"},"staff":{"n":4000}}' WHERE seq IN (3, 4, 40)"#,
            "UPDATE response SET session = 'evening' WHERE seq BETWEEN 100 AND 160",
            "UPDATE response SET status = 'draft' WHERE seq BETWEEN 200 AND 210",
            "UPDATE response SET language = 'sv' WHERE seq < 500",
        ]
        for edit in edits {
            try TestPostgres.psql(url, edit)
            try Self.sqlite3(sqlitePath, edit)
        }
        try assertSame(sqlite, postgres, survey, "edited by hand")
        try assertTallyMatchesRows(url)
        try assertTextsMatchRows(url)
        // Deleted one by one, and a session erased.
        for response in responses[500 ..< 540] {
            for store in [sqlite, postgres] { try store.delete(responseID: response.id) }
        }
        for store in [sqlite, postgres] {
            XCTAssertGreaterThan(try store.erase(try store.planErasure(.session("evening"), survey: survey)), 0)
        }
        try assertSame(sqlite, postgres, survey, "deleted and erased")
        try assertTallyMatchesRows(url)
        try assertTextsMatchRows(url)
        // The first response that answered a question the definition lacks, deleted: the kept
        // counts no longer know that group's first, which is found among the rows.
        let plain = try Analyzer(survey: survey).summarize(store: sqlite)
        let removed = try XCTUnwrap(plain.removedQuestions.first { $0.id == "old" })
        let example = try XCTUnwrap(removed.examples.first)
        let first = try TestPostgres.psql(url, """
            SELECT id FROM response WHERE answers LIKE '%"old":{"c":"\(example)"}%' AND status = 'complete' ORDER BY seq LIMIT 1
            """)
        for store in [sqlite, postgres] { try store.delete(responseID: try XCTUnwrap(UUID(uuidString: first))) }
        XCTAssertNotEqual(try TestPostgres.psql(url, """
            SELECT sum(subtracted) FROM answer_tally WHERE item = '"old":{"c":"\(example)"}'
            """), "0")
        try assertSame(sqlite, postgres, survey, "a removed question's first deleted")
        XCTAssertNotEqual(try Analyzer(survey: survey).summarize(store: sqlite).removedQuestions.first { $0.id == "old" }?.examples,
                          removed.examples)
        // Added up, the kept counts still say so, and still count the same.
        (postgres.database as! PostgresStoreDatabase).compactKeptCounts(surveyID: survey.id)
        try assertSame(sqlite, postgres, survey, "compacted")
        try assertTallyMatchesRows(url)
        // An answer edited by hand into a choice with a `t` beside it reads as a choice, not as
        // text: neither its items nor the kept texts count it as text, and the kept counts answer.
        let edit = #"UPDATE response SET answers = '{"thoughts":{"c":"a","t":"kollektivtrafik"}}' WHERE seq = 700"#
        try TestPostgres.psql(url, edit)
        try Self.sqlite3(sqlitePath, edit)
        try assertSame(sqlite, postgres, survey, "a text edited into a choice")
        try assertTallyMatchesRows(url)
        try assertTextsMatchRows(url)
        // The kept texts edited by hand so that they no longer match the kept counts: the summary
        // counts another way, and still as SQLite does.
        try TestPostgres.psql(url, "DELETE FROM answer_text WHERE seq = (SELECT min(seq) FROM answer_text WHERE texts ? 'thoughts')")
        let expected = try Analyzer(survey: survey).summarize(store: sqlite)
        XCTAssertEqual(SummaryJSON.render(try Analyzer(survey: survey).summarize(store: postgres)), SummaryJSON.render(expected))
        let versions = DefinitionVersions(survey: survey, definitions: try postgres.definitions(surveyID: survey.id),
                                          notAskedByFile: try postgres.notAskedByFile(surveyID: survey.id))
        XCTAssertNil(try GroupedCounting.keptSummary(survey: survey, options: AnalysisOptions(), versions: versions,
                                                     selection: .init(surveyID: survey.id),
                                                     database: try XCTUnwrap(postgres.database as? any AnswerCountingDatabase)))
    }

    /// Four writers at once (single saves, batches, a merge and deletes) on one database: none
    /// fails or waits for another's counts, and the counts are those of the rows stored.
    func testConcurrentWritersKeepTheCountsWithoutConflict() throws {
        let survey = try Self.plainSurvey()
        let older = try Self.olderVersion(of: survey)
        let url = try TestPostgres.freshDatabase()
        let postgres = try ResponseStore(path: url)
        try registered(postgres, survey, older)
        let responses = Self.responses(survey, older: older, count: 2000)
        let laptopPath = directory.appendingPathComponent("laptop.sqlite").path
        let laptop = try ResponseStore(path: laptopPath)
        try registered(laptop, survey, older)
        try laptop.write { writer in for response in responses[1500...] { _ = try writer.insert(response) } }
        let errors = Errors()
        DispatchQueue.concurrentPerform(iterations: 4) { writer in
            do {
                let store = try ResponseStore(path: url)
                switch writer {
                case 0:
                    for response in responses[0 ..< 400] { try store.save(response, definition: survey) }
                case 1:
                    for start in stride(from: 400, to: 1400, by: 25) {
                        try store.write { w in for response in responses[start ..< start + 25] { _ = try w.insert(response) } }
                    }
                case 2:
                    _ = try StoreMerge.merge([try ResponseStore(path: laptopPath)], into: store, surveyID: survey.id)
                    try store.write { w in for response in responses[1400 ..< 1500] { _ = try w.insert(response) } }
                default:
                    // Deletes what the first writer has stored so far, as it goes.
                    for response in responses[0 ..< 400].enumerated().filter({ $0.offset % 9 == 0 }).map(\.element) {
                        try store.delete(responseID: response.id)
                    }
                }
            } catch {
                errors.add("writer \(writer): \(error)")
            }
        }
        XCTAssertEqual(errors.all, [])
        try assertTallyMatchesRows(url)
        try assertTextsMatchRows(url)
        // SQLite with the rows PostgreSQL kept as they are stored (their times order the sessions), in the same order.
        var kept: [EncodedResponse] = []
        try postgres.database.forEachStoredResponse(.init(surveyID: survey.id, includeDrafts: true)) { kept.append($0) }
        XCTAssertGreaterThan(kept.count, 1900)
        let sqlite = try ResponseStore(path: directory.appendingPathComponent("same.sqlite").path)
        try registered(sqlite, survey, older)
        try sqlite.write { writer in for row in kept { _ = try writer.insert(row) } }
        try assertSame(sqlite, postgres, survey, "four writers at once")
    }

    /// The plain survey and its older version, with `count` responses of them written to a new
    /// SQLite store and to a fresh database.
    private func sameResponsesInBoth(count: Int) throws
        -> (survey: Survey, older: Survey, sqlitePath: String, sqlite: ResponseStore, url: String, responses: [Response]) {
        let survey = try Self.plainSurvey()
        let older = try Self.olderVersion(of: survey)
        let sqlitePath = directory.appendingPathComponent("same.sqlite").path
        let sqlite = try ResponseStore(path: sqlitePath)
        let url = try TestPostgres.freshDatabase()
        let responses = Self.responses(survey, older: older, count: count)
        for store in [sqlite, try ResponseStore(path: url)] {
            try registered(store, survey, older)
            try store.write { writer in for response in responses { _ = try writer.insert(response) } }
        }
        return (survey, older, sqlitePath, sqlite, url, responses)
    }

    /// A store of version 5 gets the kept counts of its rows when opened, and counts as SQLite.
    func testAStoreOfVersion5IsMigrated() throws {
        let (survey, older, _, sqlite, url, _) = try sameResponsesInBoth(count: 900)
        try TestPostgres.psql(url, Self.backToVersion5)
        XCTAssertEqual(try TestPostgres.psql(url, "SELECT to_regclass('answer_tally') IS NULL"), "t")
        let migrated = try ResponseStore(path: url)
        XCTAssertEqual(try TestPostgres.psql(url, "SELECT max(version) FROM samla_schema"), "\(PostgresSchema.migrations.count)")
        try assertTallyMatchesRows(url)
        try assertTextsMatchRows(url)
        try assertSame(sqlite, migrated, survey, "migrated from version 5")
        // And written to after.
        let more = Self.responses(survey, older: older, count: 200, seed: 900)
        for store in [sqlite, migrated] { try store.write { writer in for response in more { _ = try writer.insert(response) } } }
        try assertSame(sqlite, migrated, survey, "written to after the migration")
    }

    /// A store of version 6 gets the kept texts of its rows when opened (a hand edit made before
    /// included), and counts as SQLite, then and after more writes and deletes.
    func testAStoreOfVersion6IsMigrated() throws {
        let (survey, older, sqlitePath, sqlite, url, responses) = try sameResponsesInBoth(count: 900)
        try TestPostgres.psql(url, Self.backToVersion6)
        XCTAssertEqual(try TestPostgres.psql(url, "SELECT to_regclass('answer_text') IS NULL"), "t")
        // Written to at version 6: no kept texts are made for these.
        let edit = #"UPDATE response SET answers = '{"role":{"c":"a"},"thoughts":{"t":"ändrat vid version 6"}}' WHERE seq IN (3, 4, 40)"#
        try TestPostgres.psql(url, edit)
        try Self.sqlite3(sqlitePath, edit)
        let migrated = try ResponseStore(path: url)
        XCTAssertEqual(try TestPostgres.psql(url, "SELECT max(version) FROM samla_schema"), "\(PostgresSchema.migrations.count)")
        try assertTextsMatchRows(url)
        try assertSame(sqlite, migrated, survey, "migrated from version 6")
        let more = Self.responses(survey, older: older, count: 200, seed: 900)
        for store in [sqlite, migrated] {
            try store.write { writer in for response in more { _ = try writer.insert(response) } }
            for response in responses[100 ..< 130] { try store.delete(responseID: response.id) }
        }
        try assertTextsMatchRows(url)
        try assertSame(sqlite, migrated, survey, "written to and deleted from after the migration")
    }

    /// The texts read in several parts at once, each on a connection of its own in one snapshot,
    /// give the figures of one read, and SQLite's, for every option set the kept counts answer,
    /// while another writer adds responses the summary's snapshot does not see.
    func testTextsReadInPartsEqualOneRead() throws {
        let (survey, older, _, sqlite, url, _) = try sameResponsesInBoth(count: 3000)
        let postgres = try ResponseStore(path: url)
        let pages = Int(try TestPostgres.psql(url, "SELECT pg_relation_size('answer_text') / current_setting('block_size')::bigint")) ?? 0
        XCTAssertGreaterThan(pages, 8, "enough pages to read in parts")
        XCTAssertEqual(PostgresStoreDatabase.pageRanges(pages: pages, parts: 3, pagesPerPart: 1).count, 3)
        XCTAssertEqual(PostgresStoreDatabase.pageRanges(pages: pages, parts: 3, pagesPerPart: pages).count, 1)
        let database = try XCTUnwrap(postgres.database as? any AnswerCountingDatabase)
        let versions = DefinitionVersions(survey: survey, definitions: try postgres.definitions(surveyID: survey.id),
                                          notAskedByFile: try postgres.notAskedByFile(surveyID: survey.id))
        for (name, options, kept) in try Self.optionSets(survey) where kept {
            let expected = try Analyzer(survey: survey, options: options).summarize(store: sqlite)
            let selection = ResponseStore.Selection(surveyID: survey.id, sessions: options.filters.sessions)
            let once = try GroupedCounting.keptSummary(survey: survey, options: options, versions: versions, selection: selection,
                                                       database: database, textParts: 1)
            XCTAssertEqual(once, expected, name)
            // Parts of a few pages, and runs of pages sent as one row of arrays from one page to
            // more than a part holds: every boundary between runs and parts falls somewhere.
            for parts in [1, 2, 3, 5] {
                for run in [1, 3, pages] {
                    let inParts = try GroupedCounting.keptSummary(survey: survey, options: options, versions: versions,
                                                                  selection: selection, database: database, textParts: parts,
                                                                  pagesPerTextPart: 1, pagesPerTextRun: run)
                    XCTAssertEqual(inParts, expected, "\(name), \(parts) parts, runs of \(run) pages")
                    XCTAssertEqual(inParts.map { SummaryJSON.render($0) }, once.map { SummaryJSON.render($0) },
                                   "\(name), \(parts) parts, runs of \(run) pages")
                }
            }
        }
        // A writer adding rows while the parts read: each summary sees one snapshot, its responses
        // and their texts (the number of texts read is checked against the counts of that snapshot).
        let writer = DispatchQueue(label: "writer")
        let more = Self.responses(survey, older: older, count: 600, seed: 3000)
        writer.async {
            for start in stride(from: 0, to: more.count, by: 20) {
                try? postgres.write { w in for response in more[start ..< start + 20] { _ = try w.insert(response) } }
            }
        }
        let before = try sqlite.count(.init(surveyID: survey.id))
        var seen: [Int] = []
        for _ in 0 ..< 6 {
            let summary = try XCTUnwrap(try GroupedCounting.keptSummary(survey: survey, options: AnalysisOptions(), versions: versions,
                                                                        selection: .init(surveyID: survey.id), database: database,
                                                                        textParts: 3, pagesPerTextPart: 1, pagesPerTextRun: 2))
            seen.append(summary.responses)
        }
        writer.sync {}
        XCTAssertEqual(seen, seen.sorted())
        XCTAssertTrue(seen.allSatisfy { $0 >= before && $0 <= before + more.count }, "\(seen), from \(before)")
        try sqlite.write { w in for response in more { _ = try w.insert(response) } }
        try assertSame(sqlite, postgres, survey, "after the writer")
        try assertTextsMatchRows(url)
    }

    /// The texts come as arrays in PostgreSQL's binary form, read in place: texts, empty texts,
    /// NULLs and `bigint`s as the server sends them, an empty array, and anything else refused.
    func testArraysAreReadAsTheServerSends() throws {
        let url = try TestPostgres.freshDatabase()
        let database = try XCTUnwrap(try ResponseStore(path: url).database as? PostgresStoreDatabase)
        try database.connections.withSession { session in
            let row = try XCTUnwrap(try session.query("""
                SELECT ARRAY['å, "b"', NULL, '', 'tre']::text[], ARRAY[1, NULL, -2, 9007199254740993]::bigint[],
                       '{}'::text[], ARRAY[[1, 2], [3, 4]]::bigint[]
                """).rows.first).makeRandomAccess()
            let texts = try XCTUnwrap(row[0].bytes)
            var elements = PostgresArrayElements()
            try elements.read(texts)
            XCTAssertEqual(elements.count, 4)
            XCTAssertEqual(elements.lengths[1], -1)
            XCTAssertEqual(elements.lengths[2], 0)
            let strings = (0 ..< elements.count).map { index -> String? in
                guard elements.lengths[index] >= 0 else { return nil }
                return texts.getString(at: texts.readerIndex + elements.starts[index], length: elements.lengths[index])
            }
            XCTAssertEqual(strings, ["å, \"b\"", nil, "", "tre"])
            XCTAssertThrowsError(try elements.integer(0, in: texts), "a 7-byte text is no bigint")
            XCTAssertNil(try elements.integer(1, in: texts), "NULL")
            let numbers = try XCTUnwrap(row[1].bytes)
            try elements.read(numbers)
            XCTAssertEqual(try (0 ..< elements.count).map { try elements.integer($0, in: numbers) }, [1, nil, -2, 9007199254740993])
            try elements.read(try XCTUnwrap(row[2].bytes))
            XCTAssertEqual(elements.count, 0)
            XCTAssertThrowsError(try elements.read(try XCTUnwrap(row[3].bytes)), "two dimensions")
            XCTAssertThrowsError(try elements.read(texts.getSlice(at: texts.readerIndex, length: texts.readableBytes - 2)!), "cut short")
        }
    }

    /// Many small writes leave many rows of kept counts; adding them up leaves one per group and
    /// counts the same, while a writer goes on adding.
    func testAddingUpTheKeptCountsChangesNoFigure() throws {
        let survey = try Self.plainSurvey()
        let older = try Self.olderVersion(of: survey)
        let url = try TestPostgres.freshDatabase()
        let postgres = try ResponseStore(path: url)
        let sqlite = try ResponseStore(path: directory.appendingPathComponent("same.sqlite").path)
        let responses = Self.responses(survey, older: older, count: 600)
        for store in [sqlite, postgres] {
            try registered(store, survey, older)
            for response in responses[..<400] { try store.save(response, definition: survey) }
        }
        let before = Int(try TestPostgres.psql(url, "SELECT count(*) FROM answer_tally")) ?? 0
        let database = try XCTUnwrap(postgres.database as? PostgresStoreDatabase)
        let writer = DispatchQueue(label: "writer")
        writer.async {
            for response in responses[400...] { try? postgres.save(response, definition: survey) }
        }
        database.compactKeptCounts(surveyID: survey.id)
        writer.sync {}
        for response in responses[400...] { try sqlite.save(response, definition: survey) }
        let after = Int(try TestPostgres.psql(url, "SELECT count(*) FROM answer_tally")) ?? 0
        XCTAssertLessThan(after, before)
        try assertTallyMatchesRows(url)
        try assertSame(sqlite, postgres, survey, "added up")
        database.compactKeptCounts(surveyID: survey.id)
        XCTAssertEqual(try TestPostgres.psql(url, "SELECT count(*) FROM answer_tally"),
                       try TestPostgres.psql(url, "SELECT count(*) FROM (SELECT DISTINCT survey_id, definition_hash, source_file, session, item FROM answer_tally) g"))
        try assertSame(sqlite, postgres, survey, "added up again")
    }

    /// Undoes migration v7 (the texts kept narrow), as a store written by the Samla before it.
    static let backToVersion6 = """
        DROP TRIGGER response_texts_insert ON response; DROP TRIGGER response_texts_update ON response;
        DROP TRIGGER response_texts_delete ON response; DROP FUNCTION response_texts();
        DROP TABLE answer_text; DELETE FROM samla_schema WHERE version = 7;

        """

    /// Undoes migrations v7 and v6 (the kept counts), as a store written by the Samla before them.
    static let backToVersion5 = backToVersion6 + """
        DROP TRIGGER response_tally_insert ON response; DROP TRIGGER response_tally_update ON response;
        DROP TRIGGER response_tally_delete ON response; DROP FUNCTION response_tally(); DROP TABLE answer_tally;
        DELETE FROM samla_schema WHERE version = 6
        """

    @discardableResult
    static func sqlite3(_ path: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, sql]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, sql)
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// What concurrent writers report, gathered under a lock.
private final class Errors: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []

    func add(_ message: String) {
        lock.withLock { messages.append(message) }
    }

    var all: [String] { lock.withLock { messages } }
}
