import Foundation
import XCTest
@testable import SamlaKit

/// The JSON view read back by independent readers: Python's jsonschema against the documented
/// schema, and scipy recomputing every percent, Wilson interval and chi-square test from the counts.
final class SummaryJSONTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Validates against schema/summary.schema.json and recomputes the statistics; returns what differs.
    static let checker = """
        import json, math, sys
        import jsonschema
        from scipy.stats import binomtest, chi2_contingency, fisher_exact
        schema = json.load(open(sys.argv[1]))
        doc = json.load(sys.stdin)
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
        problems = []
        def close(a, b, what):
            if a is None or b is None:
                if a != b: problems.append(f"{what}: {a} != {b}")
            elif abs(a - b) > 1e-9 * max(1, abs(b)): problems.append(f"{what}: {a} != {b}")
        def check(q, where):
            n = q["answered"]
            for c in q["choices"] + q["removed_choices"] + ([q["other"]] if q["other"] else []):
                what = f"{where}/{q['id']}/{c.get('id', 'other')}"
                close(c["percent"], 100 * c["count"] / n if n else 0, what + " percent")
                if n:
                    ci = binomtest(c["count"], n).proportion_ci(method="wilson")
                    close(c["ci_low"], 100 * ci.low, what + " ci_low")
                    close(c["ci_high"], 100 * ci.high, what + " ci_high")
            for p in q["distribution"]:
                close(p["percent"], 100 * p["count"] / n if n else 0, f"{where}/{q['id']}={p['value']}")
        for q in doc["questions"]:
            check(q, "all")
        crosstab = doc["crosstab"]
        if crosstab:
            for g in crosstab["groups"]:
                for q in g["questions"]:
                    check(q, g["id"])
            index = {q["id"]: i for i, q in enumerate(doc["questions"])}
            for test in crosstab["tests"]:
                i = index[test["question"]]
                groups = [g["questions"][i] for g in crosstab["groups"]]
                rows = [[g["choices"][k]["count"] for g in groups] for k in range(len(groups[0]["choices"]))]
                ids = [c["id"] for c in groups[0]["choices"]]
                others = [g["other"]["count"] if g["other"] else 0 for g in groups]
                if any(others):
                    rows.append(others)
                    ids.append("other")
                keep_rows = [r for r, row in enumerate(rows) if sum(row)]
                keep_cols = [c for c in range(len(groups)) if sum(row[c] for row in rows)]
                table = [[rows[r][c] for c in keep_cols] for r in keep_rows]
                stat, p, dof, expected = chi2_contingency(table, correction=False)
                what = f"chi-square {test['question']}"
                close(test["chi_square"], stat, what)
                close(test["p_value"], p, what + " p")
                if test["degrees_of_freedom"] != dof: problems.append(f"{what} df {test['degrees_of_freedom']} != {dof}")
                small = {(ids[keep_rows[r]], crosstab["groups"][keep_cols[c]]["id"]) for r in range(len(keep_rows))
                         for c in range(len(keep_cols)) if expected[r][c] < 5}
                if small: problems.append(f"{what}: chi-square run with expected counts under 5 at {sorted(small)}")
                if test["small_cells"]: problems.append(f"{what}: small cells listed for a test that needs none")
                if doc["questions"][i]["type"] != "single_choice": problems.append(f"{what}: chi-square on a {doc['questions'][i]['type']} question")
            def table_of(i):
                groups = [g["questions"][i] for g in crosstab["groups"]]
                rows = [[g["choices"][k]["count"] for g in groups] for k in range(len(groups[0]["choices"]))]
                others = [g["other"]["count"] if g["other"] else 0 for g in groups]
                if any(others): rows.append(others)
                return rows, [g["answered"] for g in groups]
            def reduced(rows):
                keep_rows = [r for r, row in enumerate(rows) if sum(row)]
                keep_cols = [c for c in range(len(rows[0])) if sum(row[c] for row in rows)] if rows else []
                return [[rows[r][c] for c in keep_cols] for r in keep_rows]
            for test in crosstab["exact_tests"]:
                i = index[test["question"]]
                table = reduced(table_of(i)[0])
                what = f"fisher {test['question']}"
                if len(table) != 2 or len(table[0]) != 2: problems.append(f"{what}: not a 2x2 table: {table}"); continue
                if chi2_contingency(table, correction=False)[3].min() >= 5: problems.append(f"{what}: every expected count is 5 or more")
                res = fisher_exact(table)
                close(test["p_value"], float(res.pvalue), what + " p")
                if math.isfinite(res.statistic) and res.statistic > 0: close(test["odds_ratio"], float(res.statistic), what + " odds ratio")
            by_question = {}
            for test in crosstab["choice_tests"]:
                by_question.setdefault(test["question"], []).append(test)
            for qid, tests in by_question.items():
                i = index[qid]
                if doc["questions"][i]["type"] != "multiple_choice": problems.append(f"choice tests on {qid}")
                groups = [g["questions"][i] for g in crosstab["groups"]]
                ids = [c["id"] for c in groups[0]["choices"]] + ["other"]
                rows, answered = table_of(i)
                for test in tests:
                    row = rows[ids.index(test["choice"])]
                    table = reduced([row, [a - c for a, c in zip(answered, row)]])
                    what = f"choice test {qid}/{test['choice']}"
                    expected = chi2_contingency(table, correction=False)[3]
                    if test["method"] == "chi_square":
                        if expected.min() < 5: problems.append(f"{what}: chi-square with expected under 5")
                        stat, p, dof, _ = chi2_contingency(table, correction=False)
                        close(test["chi_square"], stat, what); close(test["p_value"], p, what + " p")
                    else:
                        if len(table[0]) != 2: problems.append(f"{what}: Fisher on {table}")
                        close(test["p_value"], float(fisher_exact(table).pvalue), what + " p")
                # Holm, recomputed here.
                ps = [t["p_value"] for t in tests]
                order = sorted(range(len(ps)), key=lambda k: ps[k])
                running, holm = 0.0, [0.0] * len(ps)
                for rank, k in enumerate(order):
                    running = max(running, min(1.0, (len(ps) - rank) * ps[k])); holm[k] = running
                for t, h in zip(tests, holm): close(t["adjusted_p_value"], h, f"holm {qid}/{t['choice']}")
            covered = [t["question"] for t in crosstab["tests"]] + [t["question"] for t in crosstab["exact_tests"]] \
                + list(by_question) + [u["question"] for u in crosstab["untested"]]
            choice_questions = [q["id"] for q in doc["questions"] if q["type"] in ("single_choice", "multiple_choice") and q["id"] != crosstab["by"]]
            if sorted(covered) != sorted(choice_questions): problems.append(f"tested or explained {sorted(covered)} != {sorted(choice_questions)}")
            if crosstab["groups_overlap"] and (crosstab["tests"] or crosstab["exact_tests"] or crosstab["choice_tests"]):
                problems.append("a test with overlapping groups")
        print("\\n".join(problems))
        sys.exit(1 if problems else 0)
        """

    private func assertIndependentlyCorrect(_ summary: Summary, file: StaticString = #filePath, line: UInt = #line) throws {
        let script = directory.appendingPathComponent("check.py")
        try Self.checker.write(to: script, atomically: true, encoding: .utf8)
        do {
            try Python.run([script.path, TestPaths.repo("schema/summary.schema.json")], input: SummaryJSON.render(summary))
        } catch {
            XCTFail("\(error)", file: file, line: line)
        }
    }

    func testAGeneratedExportWithACrosstabIsValidAndRecomputesInScipy() throws {
        let survey = try SurveyLoader.require(path: GeneratedExport.survey)
        let export = try GeneratedExport.make(layout: "limesurvey", rows: 600, seed: 9, in: directory)
        let responses = try LimeSurveyTestLoader.responses(csv: export.path, survey: survey)
        let codebook = CodebookFile(file: "inline", themes: [.init(name: "Housing", keywords: ["housing"])])
        for by in ["role", "city"] {
            let options = AnalysisOptions(filters: try SummaryFilters.parse(survey: survey, by: by), codebook: codebook)
            let summary = try Analyzer(survey: survey, options: options).summarize(responses)
            let crosstab = try XCTUnwrap(summary.crosstab)
            // 600 responses over six roles or six cities: the role × city table has expected counts
            // under 5, so it gets no chi-square, and multiple choice never does as a whole.
            XCTAssertEqual(crosstab.untested[by == "role" ? "city" : "role"], .expectedBelowFive)
            for id in crosstab.tests.keys { XCTAssertEqual(survey.question(id)?.type, .singleChoice, id) }
            XCTAssertFalse(crosstab.choiceTests.isEmpty, "multiple choice is tested choice by choice")
            try assertIndependentlyCorrect(summary)
        }
    }

    func testSmallGroupsRemovedAnswersAndEveryQuestionTypeAreValid() throws {
        let survey = try AnalysisFixture.survey()
        let answers: [Answers] = [
            ["role": .choice("a"), "topics": .choices(["x", "gone"], other: "Water"), "rating": .number(5), "staff": .number(3),
             "thoughts": .text("Bättre kollektivtrafik"), "old": .choice("q")],
            ["role": .choice("b"), "topics": .choices(["y"], other: nil), "why-b": .text("Därför"), "rating": .number(2)],
            ["role": .other("Consultant"), "gender": .other("Private text")],
            ["role": .choice("a"), "topics": .choices(["x", "y"], other: nil), "rating": .number(4), "follow-up": .number(1)],
        ]
        let options = AnalysisOptions(filters: try SummaryFilters.parse(survey: survey, by: "role"),
                                      codebook: CodebookFile(file: "c", themes: [.init(name: "Transport", keywords: ["kollektivtrafik"])]))
        let summary = try Analyzer(survey: survey, options: options).summarize(answers.map { AnalysisFixture.response(survey, $0) })
        try assertIndependentlyCorrect(summary)

        // Read back by Foundation's parser, not ours.
        let document = try JSONSerialization.jsonObject(with: Data(SummaryJSON.render(summary).utf8)) as! [String: Any]
        XCTAssertEqual(document["survey"] as? String, "analysis-fixture")
        XCTAssertEqual(document["responses"] as? Int, 4)
        let questions = document["questions"] as! [[String: Any]]
        XCTAssertEqual(questions.map { $0["id"] as! String }, survey.questions.map(\.id))
        let keys = Set(questions[0].keys)
        XCTAssertTrue(questions.allSatisfy { Set($0.keys) == keys }, "every question has every key")
        let role = questions[0]
        XCTAssertEqual((role["choices"] as! [[String: Any]]).map { $0["percent"] as! Double }, [50, 25])
        XCTAssertEqual((role["other"] as! [String: Any])["count"] as? Int, 1)
        let rating = questions[3]
        XCTAssertEqual((rating["distribution"] as! [[String: Any]]).map { $0["value"] as! Int }, [1, 2, 3, 4, 5])
        XCTAssertEqual(rating["median"] as? Double, 4)
        XCTAssertEqual(rating["top_two_box_percent"] as? Double ?? 0, 200.0 / 3.0, accuracy: 1e-9)
        let thoughts = questions[6]
        XCTAssertEqual((thoughts["themes"] as! [[String: Any]]).first?["quotes"] as? [String], ["Bättre kollektivtrafik"])
        XCTAssertEqual((thoughts["terms"] as! [[String: Any]]).map { $0["term"] as! String }, ["bättre", "kollektivtrafik"])
        XCTAssertEqual(((questions[7]["other"] as! [String: Any])["texts"] as! [Any]).count, 0, "personal: no other texts")
        XCTAssertEqual((document["removed_questions"] as! [[String: Any]]).first?["id"] as? String, "old")
        let crosstab = document["crosstab"] as! [String: Any]
        XCTAssertEqual((crosstab["groups"] as! [[String: Any]]).map { $0["responses"] as! Int }, [2, 1])
        // Four responses: no expected count reaches 5, so no chi-square; topics is multiple choice, and
        // gender has one non-empty row.
        XCTAssertEqual((crosstab["tests"] as! [[String: Any]]).count, 0)
        let untested = Dictionary(uniqueKeysWithValues: (crosstab["untested"] as! [[String: Any]]).map {
            ($0["question"] as! String, $0["reason"] as! String) })
        XCTAssertEqual(untested["gender"], "too_few_answers")
        XCTAssertNil((crosstab["tests"] as! [[String: Any]]).first { $0["question"] as? String == "topics" })
    }

    func testCompactAndPrettyFormsHoldTheSameDocument() throws {
        let survey = try AnalysisFixture.survey()
        let summary = try Analyzer(survey: survey).summarize([AnalysisFixture.response(survey, ["thoughts": .text("Citat \"med\" radbrytning\noch tabb\t")])])
        let pretty = try JSONSerialization.jsonObject(with: Data(SummaryJSON.render(summary).utf8)) as! NSDictionary
        let compact = SummaryJSON.render(summary, pretty: false)
        XCTAssertFalse(compact.contains("\n"))
        XCTAssertEqual(try JSONSerialization.jsonObject(with: Data(compact.utf8)) as! NSDictionary, pretty)
    }
}
