/// The chi-square test of independence between the `--by` question and each choice question,
/// on the counts within each group (choices as rows, groups as columns).
enum IndependenceTests {
    static func between(_ groups: [CrosstabGroup], by: String, survey: Survey) -> [String: IndependenceTest] {
        var tests: [String: IndependenceTest] = [:]
        for (q, question) in survey.questions.enumerated() where question.type.hasChoices && question.id != by {
            let perGroup = groups.map { $0.questions[q] }
            var rows = question.choices.indices.map { choice in perGroup.map { $0.choices[choice].count } }
            var rowIDs = question.choices.map(\.id)
            let others = perGroup.map { $0.other?.count ?? 0 }
            if others.contains(where: { $0 > 0 }) {
                rows.append(others)
                rowIDs.append(Question.otherID)
            }
            guard let result = Statistics.chiSquareTest(rows) else { continue }
            var small: [SmallCell] = []
            for (i, row) in rows.enumerated() {
                for (j, observed) in row.enumerated() where result.lowExpected[i][j] {
                    small.append(SmallCell(choice: rowIDs[i], group: groups[j].id, expected: result.expected[i][j],
                                           observed: observed))
                }
            }
            tests[question.id] = IndependenceTest(statistic: result.statistic, degreesOfFreedom: result.degreesOfFreedom,
                                                  pValue: result.pValue, smallCells: small)
        }
        return tests
    }
}
