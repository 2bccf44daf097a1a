import Foundation
import SamlaTestSupport
import XCTest
@testable import SamlaKit

/// `show_if` with all / any / not: the file's shape and its located mistakes, the same truth table
/// from `Survey.isShown` (collect, serve, import) and from the analysis over memory and a real
/// SQLite store, and the tree written back as YAML, as the page's JSON and as XLSForm XPath.
final class CompoundShowIfTests: XCTestCase {
    static let yaml = """
        format: 1
        id: logic
        title: Logic
        languages: [en]
        questions:
          - id: role
            type: single_choice
            text: Role
            choices: [{id: a, label: A}, {id: b, label: B}, {id: c, label: C}]
            other: true
          - id: topics
            type: multiple_choice
            text: Topics
            choices: [{id: x, label: X}, {id: "y", label: "Y"}, {id: z, label: Z}]
            other: true
          - id: rating
            type: scale
            text: Rating
            scale: {min: 1, max: 5}
          - id: gate
            type: single_choice
            text: Gate
            choices: [{id: "yes", label: "Yes"}, {id: "no", label: "No"}]
            show_if: {question: role, equals: c}
          - id: target
            type: text
            text: Target
            show_if:
              any:
                - all:
                    - {question: role, equals: a}
                    - not: {question: topics, includes: x}
                - all:
                    - {question: rating, at_least: 4}
                    - any:
                        - {question: topics, includes: "y"}
                        - {question: topics, includes: other}
                - not:
                    any:
                      - {question: gate, equals: "no"}
                      - {question: role, equals: a}
                      - {question: role, equals: b}
                      - {question: rating, at_most: 2}
        """

    private func survey() throws -> Survey {
        let result = SurveyLoader.parse(text: Self.yaml, file: "logic.yaml")
        return try XCTUnwrap(result.survey, "\(result.diagnostics)")
    }

    private static func test(_ question: String, _ test: Condition.Test) -> ShowIf {
        .test(Condition(question: question, test: test))
    }

    static let targetCondition: ShowIf = .any([
        .all([test("role", .equals("a")), .not(test("topics", .includes("x")))]),
        .all([test("rating", .atLeast(4)), .any([test("topics", .includes("y")), test("topics", .includes("other"))])]),
        .not(.any([test("gate", .equals("no")), test("role", .equals("a")), test("role", .equals("b")), test("rating", .atMost(2))])),
    ])

    func testTheFileShapeDecodesToTheTree() throws {
        let survey = try survey()
        XCTAssertEqual(survey.question("target")?.showIf, Self.targetCondition)
        XCTAssertEqual(survey.question("gate")?.showIf, Self.test("role", .equals("c")), "a single test stays a single test")
        XCTAssertEqual(Self.targetCondition.tests.map(\.question), ["role", "topics", "rating", "topics", "topics", "gate", "role", "role", "rating"])
        XCTAssertTrue(Self.targetCondition.refers(to: "gate"))
        XCTAssertFalse(Self.targetCondition.refers(to: "target"))
    }

    // MARK: The truth table

    /// Worked out apart from `ConditionTree`: what the target's condition says, with a hidden gate's
    /// answer not counting and an unanswered question meeting no test.
    private func expected(role: AnswerValue?, topics: AnswerValue?, rating: Double?, gate: String?) -> Bool {
        let chosenRole: String? = if case .choice(let id)? = role { id } else { nil }
        var picked: [String] = []
        var otherTopic = false
        if case .choices(let ids, let other)? = topics {
            picked = ids
            otherTopic = other != nil
        }
        let first = chosenRole == "a" && !picked.contains("x")
        let second = (rating.map { $0 >= 4 } ?? false) && (picked.contains("y") || otherTopic)
        let gateShown = chosenRole == "c"
        let third = !((gateShown && gate == "no") || chosenRole == "a" || chosenRole == "b" || (rating.map { $0 <= 2 } ?? false))
        return first || second || third
    }

    private struct Row {
        var answers: Answers
        var shown: Bool
    }

    /// Every combination of the answers the condition looks at, each with the target answered.
    private func rows() -> [Row] {
        let roles: [AnswerValue?] = [nil, .choice("a"), .choice("b"), .choice("c"), .other("Consultant")]
        let topicSets: [AnswerValue?] = [nil, .choices(["x"], other: nil), .choices(["y"], other: nil), .choices(["x", "y"], other: nil),
                                         .choices(["z"], other: "Fishing")]
        let ratings: [Double?] = [nil, 2, 3, 4]
        let gates: [String?] = [nil, "yes", "no"]
        var rows: [Row] = []
        for role in roles {
            for topics in topicSets {
                for rating in ratings {
                    for gate in gates {
                        var answers: Answers = ["target": .text("answered")]
                        answers["role"] = role
                        answers["topics"] = topics
                        answers["rating"] = rating.map(AnswerValue.number)
                        answers["gate"] = gate.map(AnswerValue.choice)
                        rows.append(Row(answers: answers, shown: expected(role: role, topics: topics, rating: rating, gate: gate)))
                    }
                }
            }
        }
        return rows
    }

    func testSurveyIsShownFollowsTheTruthTable() throws {
        let survey = try survey()
        let target = try XCTUnwrap(survey.question("target"))
        let rows = rows()
        XCTAssertEqual(rows.count, 300)
        let shown = rows.filter(\.shown).count
        XCTAssertTrue((1..<300).contains(shown), "the table has both outcomes (\(shown) shown)")
        for row in rows {
            XCTAssertEqual(survey.isShown(target, given: row.answers), row.shown, "\(row.answers)")
            XCTAssertEqual(survey.visibleAnswers(row.answers)["target"] != nil, row.shown, "a hidden question's answer is dropped: \(row.answers)")
        }
    }

    func testTheSummaryCountsShownAndNotShownAsTheTruthTableDoes() throws {
        let survey = try survey()
        let rows = rows()
        let expectedShown = rows.filter(\.shown).count
        let responses = rows.map { AnalysisFixture.response(survey, $0.answers) }

        let inMemory = try XCTUnwrap(try Analyzer(survey: survey).summarize(responses).question("target"))
        XCTAssertEqual([inMemory.shown, inMemory.answered, inMemory.notShown], [expectedShown, expectedShown, rows.count - expectedShown])

        let directory = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ResponseStore(path: directory.appendingPathComponent("logic.sqlite").path)
        _ = try store.save(responses, definition: survey)
        let stored = try XCTUnwrap(try Analyzer(survey: survey).summarize(store: store).question("target"))
        XCTAssertEqual([stored.shown, stored.answered, stored.notShown], [expectedShown, expectedShown, rows.count - expectedShown])

        // PostgreSQL counts on the server, grouping by the answers the tree tests: the same figures.
        let postgres = try ResponseStore(path: try TestPostgres.freshDatabase())
        _ = try postgres.save(responses, definition: survey)
        let database = try XCTUnwrap(postgres.database as? any AnswerCountingDatabase)
        let versions = DefinitionVersions(survey: survey, definitions: try postgres.definitions(surveyID: survey.id),
                                          notAskedByFile: try postgres.notAskedByFile(surveyID: survey.id))
        let grouped = try GroupedCounting.summary(survey: survey, options: AnalysisOptions(), versions: versions,
                                                  selection: .init(surveyID: survey.id), database: database)
        let counted = try XCTUnwrap(grouped.question("target"))
        XCTAssertEqual([counted.shown, counted.answered, counted.notShown], [expectedShown, expectedShown, rows.count - expectedShown])
        XCTAssertEqual(grouped, try Analyzer(survey: survey).summarize(store: store))

        // The gate is hidden unless role is c: its "no" elsewhere counts as not shown.
        let gate = try XCTUnwrap(try Analyzer(survey: survey).summarize(responses).question("gate"))
        XCTAssertEqual(gate.shown, rows.filter { $0.answers["role"] == .choice("c") }.count)
    }

    // MARK: Written back

    func testTheWriterKeepsASingleTestInlineAndACombinationAsABlockThatReadsBack() throws {
        let survey = try survey()
        let written = SurveyWriter.yaml(survey)
        XCTAssertTrue(written.contains("    show_if: {question: role, equals: c}\n"), written)
        let lines = written.components(separatedBy: "\n")
        let start = try XCTUnwrap(lines.firstIndex(of: "    show_if:"))
        XCTAssertEqual(Array(lines[start..<(start + 16)]), [
            "    show_if:",
            "      any:",
            "        - all:",
            "            - {question: role, equals: a}",
            "            - not: {question: topics, includes: x}",
            "        - all:",
            "            - {question: rating, at_least: 4}",
            "            - any:",
            "                - {question: topics, includes: \"y\"}",
            "                - {question: topics, includes: other}",
            "        - not:",
            "            any:",
            "              - {question: gate, equals: \"no\"}",
            "              - {question: role, equals: a}",
            "              - {question: role, equals: b}",
            "              - {question: rating, at_most: 2}",
        ])
        let read = SurveyLoader.parse(text: written, file: "written.yaml")
        XCTAssertEqual(read.survey?.questions, survey.questions, "\(read.diagnostics)")
    }

    func testThePageCarriesTheTreeAsEscapedJSON() throws {
        let json = ParticipantPage.conditionJSON(Self.targetCondition)
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let any = try XCTUnwrap(parsed["any"] as? [[String: Any]])
        XCTAssertEqual(any.count, 3)
        XCTAssertEqual(((any[2]["not"] as? [String: Any])?["any"] as? [[String: Any]])?.last?["at_most"] as? Int, 2)
        let markup = ParticipantPage.conditionJSON(Self.test("q", .equals("<\"'&>")))
        XCTAssertEqual(markup, #"{"question":"q","equals":"\u003c\"'\u0026\u003e"}"#, "markup never closes the JSON")
        // In the page it stands in a quoted attribute, escaped as every attribute is.
        XCTAssertEqual(esc(markup), #"{&quot;question&quot;:&quot;q&quot;,&quot;equals&quot;:&quot;\u003c\&quot;&#39;\u0026\u003e&quot;}"#)
    }

    func testXLSFormRelevantParenthesisesNestedCombinationsAndReadsBackTheSameTree() throws {
        let survey = try survey()
        let relevant = XLSFormCondition.relevant(Self.targetCondition, names: { $0 })
        XCTAssertEqual(relevant, "(${role} = 'a' and not(selected(${topics}, 'x')))"
            + " or (${rating} >= 4 and (selected(${topics}, 'y') or selected(${topics}, 'other')))"
            + " or not(${gate} = 'no' or ${role} = 'a' or ${role} = 'b' or ${rating} <= 2)")
        var earlier: XLSFormCondition.Earlier = [:]
        for question in survey.questions { earlier[question.id] = question }
        XCTAssertEqual(try XLSFormCondition.showIf(relevant, earlier: earlier).get(), Self.targetCondition)
    }

    // MARK: Mistakes, each at its line and column

    private let header = """
        format: 1
        id: t
        title: T
        languages: [en]
        questions:
          - id: role
            type: single_choice
            text: Role
            choices: [{id: a, label: A}, {id: b, label: B}]
          - id: size
            type: number
            text: Size

        """

    /// The error found at the line holding `needle` (1-based, as the diagnostics count).
    private func error(_ yaml: String, at needle: String, file: StaticString = #filePath, line: UInt = #line) -> Diagnostic? {
        let lines = yaml.components(separatedBy: "\n")
        guard let index = lines.firstIndex(where: { $0.contains(needle) }) else {
            XCTFail("no line holds \(needle)", file: file, line: line)
            return nil
        }
        let found = SurveyLoader.parse(text: yaml, file: "t.yaml").diagnostics.errors
        let match = found.first { $0.location.line == index + 1 }
        XCTAssertNotNil(match, "no error at line \(index + 1) ('\(needle)'): \(found)", file: file, line: line)
        return match
    }

    func testEmptyListsAndMixedOrUnknownKeysAreReportedWhereTheyStand() throws {
        let yaml = header + """
              - id: empty
                type: text
                text: Empty
                show_if:
                  all: []
              - id: mixed
                type: text
                text: Mixed
                show_if: {question: role, equals: a, any: [{question: size, at_least: 3}]}
              - id: typo
                type: text
                text: Typo
                show_if:
                  anyy:
                    - {question: role, equals: a}
              - id: not-a-list
                type: text
                text: Not a list
                show_if:
                  any: {question: role, equals: a}
              - id: bare
                type: text
                text: Bare
                show_if:
                  all:
                    - {question: role, equals: a}
                    - role
            """
        XCTAssertEqual(error(yaml, at: "all: []")?.message, "'all' in show_if of question 'empty' must be a non-empty list of conditions")
        XCTAssertEqual(error(yaml, at: "all: []")?.location.column, 12, "at the list")
        XCTAssertTrue(error(yaml, at: "equals: a, any:")?.message.contains("has 'any', 'equals', 'question' together") == true)
        let typo = error(yaml, at: "anyy:")
        XCTAssertEqual(typo?.message, "unknown key 'anyy' in show_if of question 'typo'")
        XCTAssertEqual(typo?.hint, "did you mean 'any'?")
        XCTAssertEqual(typo?.location.column, 7)
        XCTAssertTrue(error(yaml, at: "any: {question: role")?.message.contains("must be a non-empty list") == true)
        XCTAssertTrue(error(yaml, at: "- role")?.message.contains("must be a map, not a single value") == true)
        XCTAssertEqual(SurveyLoader.parse(text: yaml, file: "t.yaml").diagnostics.errors.count, 5,
                       "one message a mistake: \(SurveyLoader.parse(text: yaml, file: "t.yaml").diagnostics.errors)")
    }

    func testEachTestOfATreeIsCheckedAgainstTheQuestionItNamesAtItsOwnLine() throws {
        let yaml = header + """
              - id: first
                type: text
                text: First
                show_if:
                  any:
                    - {question: role, equals: a}
                    - not:
                        all:
                          - {question: later, equals: a}
                          - {question: rol, equals: b}
                          - {question: role, equals: c}
                          - {question: size, includes: a}
                          - {question: first, at_least: 1}
              - id: later
                type: single_choice
                text: Later
                choices: [{id: a, label: A}]
            """
        let all = SurveyLoader.parse(text: yaml, file: "t.yaml").diagnostics.errors
        XCTAssertEqual(all.count, 5, "\(all)")
        XCTAssertEqual(error(yaml, at: "question: later")?.message, "show_if of 'first' points at 'later', which is not an earlier question")
        XCTAssertEqual(error(yaml, at: "question: later")?.location.column, 17, "at the test's own map")
        XCTAssertEqual(error(yaml, at: "question: rol,")?.hint, "did you mean 'role'?")
        XCTAssertTrue(error(yaml, at: "equals: c}")?.message.contains("choice 'c', which question 'role' does not have") == true)
        XCTAssertTrue(error(yaml, at: "includes: a}")?.message.contains("'includes' needs a multiple_choice question") == true)
        XCTAssertTrue(error(yaml, at: "question: first")?.message.contains("cannot depend on itself") == true)
    }

    func testDeepNestingIsRefusedNotFollowedForever() {
        var condition = "{question: role, equals: a}"
        for _ in 0..<40 { condition = "{not: \(condition)}" }
        let yaml = header + """
              - id: deep
                type: text
                text: Deep
                show_if: \(condition)
            """
        let errors = SurveyLoader.parse(text: yaml, file: "t.yaml").diagnostics.errors
        XCTAssertEqual(errors.count, 1, "\(errors)")
        XCTAssertTrue(errors.first?.message.contains("nests all/any/not more than 16 deep") == true, "\(errors)")
    }
}
