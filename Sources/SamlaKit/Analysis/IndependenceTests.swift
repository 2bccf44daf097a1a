/// The tests of independence between the groups and each choice question, by a rule that keeps
/// every test valid:
///
/// - Pearson's chi-square only where every expected count (of the non-empty rows and columns) is
///   at least 5, the usual rule for the chi-square approximation;
/// - else Fisher's exact test where the table is 2×2;
/// - else no test, with the reason (`TestOmission`).
///
/// A single-choice question is tested as its choices (and "other") by the groups. A multiple-choice
/// question counts one respondent under several choices, so its table is not a contingency table:
/// each choice is tested apart, as chosen or not among the group's respondents to the question, by
/// the same rule, and the p-values are adjusted with Holm's method for the number of choices tested.
/// When the groups overlap (`--by` a multiple-choice question) no test applies at all.
enum IndependenceTests {
    struct Results {
        var chiSquare: [String: IndependenceTest] = [:]
        var exact: [String: ExactTest] = [:]
        var choices: [String: [ChoiceTest]] = [:]
        var untested: [String: TestOmission] = [:]
        var smallCells: [String: [SmallCell]] = [:]
    }

    /// The outcome of the rule for one table.
    enum Outcome {
        case chiSquare(IndependenceTest)
        case exact(ExactTest)
        case none(TestOmission)
    }

    /// `questions` are the survey's questions in the order of each group's figures.
    static func between(_ groups: [CrosstabGroup], by: String, questions: [Question], groupsOverlap: Bool) -> Results {
        var results = Results()
        for (q, question) in questions.enumerated() where question.type.hasChoices && question.id != by {
            let perGroup = groups.compactMap { $0.questions.indices.contains(q) ? $0.questions[q] : nil }
            guard perGroup.count == groups.count else { continue }
            if groupsOverlap {
                results.untested[question.id] = .overlappingGroups
                continue
            }
            var rows = question.choices.indices.map { choice in
                perGroup.map { $0.choices.indices.contains(choice) ? $0.choices[choice].count : 0 }
            }
            var rowIDs = question.choices.map(\.id)
            let others = perGroup.map { $0.other?.count ?? 0 }
            if others.contains(where: { $0 > 0 }) {
                rows.append(others)
                rowIDs.append(Question.otherID)
            }
            let answered = perGroup.map(\.answered)
            let small = smallCells(rows: rows, ids: rowIDs, groups: groups, answered: question.type == .multipleChoice ? answered : nil)
            if !small.isEmpty { results.smallCells[question.id] = small }
            if question.type == .multipleChoice {
                let tests = choiceTests(rows: rows, ids: rowIDs, answered: answered)
                if tests.isEmpty { results.untested[question.id] = .multipleChoice } else { results.choices[question.id] = tests }
                continue
            }
            switch test(rows) {
            case .chiSquare(let test): results.chiSquare[question.id] = test
            case .exact(let test): results.exact[question.id] = test
            case .none(let reason): results.untested[question.id] = reason
            }
        }
        return results
    }

    /// The rule applied to one table of counts (rows by groups).
    static func test(_ table: [[Int]]) -> Outcome {
        guard let result = Statistics.chiSquareTest(table) else { return .none(.tooFewAnswers) }
        if !result.hasLowExpectedCells {
            return .chiSquare(IndependenceTest(statistic: result.statistic, degreesOfFreedom: result.degreesOfFreedom,
                                               pValue: result.pValue, smallCells: []))
        }
        // The table the test saw: without empty rows and columns.
        let width = table.first?.count ?? 0
        let columns = (0 ..< width).filter { j in table.contains { $0[j] > 0 } }
        let rows = table.filter { $0.contains { $0 > 0 } }.map { row in columns.map { row[$0] } }
        if rows.count == 2, columns.count == 2, let exact = Statistics.fisherExact(rows[0][0], rows[0][1], rows[1][0], rows[1][1]) {
            return .exact(exact)
        }
        return .none(.expectedBelowFive)
    }

    /// Cells whose expected count is under 5: in the whole table, or with `answered` (multiple
    /// choice) in each choice's chosen-or-not table.
    private static func smallCells(rows: [[Int]], ids: [String], groups: [CrosstabGroup], answered: [Int]?) -> [SmallCell] {
        var cells: [SmallCell] = []
        func collect(_ table: [[Int]], rowIDs: [String]) {
            guard let result = Statistics.chiSquareTest(table) else { return }
            for (i, row) in table.enumerated() where i < rowIDs.count {
                for (j, observed) in row.enumerated() where result.lowExpected[i][j] {
                    cells.append(SmallCell(choice: rowIDs[i], group: groups[j].id, expected: result.expected[i][j], observed: observed))
                }
            }
        }
        if let answered {
            for (row, id) in zip(rows, ids) {
                collect([row, zip(answered, row).map { max(0, $0 - $1) }], rowIDs: [id])
            }
        } else {
            collect(rows, rowIDs: ids)
        }
        return cells
    }

    /// Each choice as chosen or not, by group, among those who answered the question in each group.
    private static func choiceTests(rows: [[Int]], ids: [String], answered: [Int]) -> [ChoiceTest] {
        var found: [(id: String, outcome: Outcome)] = []
        for (row, id) in zip(rows, ids) {
            let notChosen = zip(answered, row).map { max(0, $0 - $1) }
            let outcome = test([row, notChosen])
            if case .none = outcome { continue }
            found.append((id, outcome))
        }
        let pValues = found.map { item -> Double in
            switch item.outcome {
            case .chiSquare(let test): return test.pValue
            case .exact(let test): return test.pValue
            case .none: return 1
            }
        }
        let adjusted = Statistics.holmAdjusted(pValues)
        return found.enumerated().map { index, item in
            switch item.outcome {
            case .chiSquare(let test): return ChoiceTest(choice: item.id, chiSquare: test, adjustedPValue: adjusted[index])
            case .exact(let test): return ChoiceTest(choice: item.id, exact: test, adjustedPValue: adjusted[index])
            case .none: return ChoiceTest(choice: item.id, adjustedPValue: 1)
            }
        }
    }
}
