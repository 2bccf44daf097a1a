import XCTest
@testable import SamlaKit
import FreeText

/// Codebook files as analysts write them: themes with keywords or stems, and every mistake located.
final class CodebookFileTests: XCTestCase {
    private var survey: Survey!

    override func setUpWithError() throws {
        survey = try AnalysisFixture.survey()
    }

    func testAValidCodebookReadsThemesLanguagesAndQuestions() throws {
        let (codebook, problems) = CodebookFile.parse(text: """
            languages: [sv]
            questions: [thoughts]
            themes:
              - name: Transport
                keywords: [kollektivtrafik, "public transport"]
              - name: Klimat
                stems: "klimat*"
            """, file: "codebook.yaml", survey: survey)
        XCTAssertTrue(problems.isEmpty, problems.description)
        let file = try XCTUnwrap(codebook)
        XCTAssertEqual(file.themes, [Theme(name: "Transport", keywords: ["kollektivtrafik", "public transport"]),
                                     Theme(name: "Klimat", stems: ["klimat*"])])
        XCTAssertEqual(file.languages, [.sv])
        XCTAssertEqual(file.questions(of: survey), ["thoughts"])
        XCTAssertEqual(file.codebook.hits(in: "klimatomställningen").map(\.theme), [1])
    }

    func testWithoutQuestionsEveryTextQuestionThatIsNotPersonalIsCoded() throws {
        let (codebook, _) = CodebookFile.parse(text: "themes:\n  - {name: A, keywords: [a]}\n", file: "c.yaml", survey: survey)
        XCTAssertEqual(codebook?.questions(of: survey), ["why-b", "thoughts"])
    }

    func testEveryMistakeIsLocatedAtItsLineAndColumn() {
        let text = """
            themes:
              - name: Transport
                keywrds: [buss]
              - keywords: [tåg]
              - name: Transport
                keywords: [bil]
              - name: Empty
            questions: [email, staff, thougts]
            languages: [sv, fi]
            """
        let (codebook, problems) = CodebookFile.parse(text: text, file: "book.yaml", survey: survey)
        XCTAssertNil(codebook)
        let lines = problems.sorted.map(\.description)
        let expected = [
            "book.yaml:3:5: error: unknown key 'keywrds' in theme 'Transport' (did you mean 'keywords'?)",
            "book.yaml:2:5: error: theme 'Transport' has no keywords or stems",
            "book.yaml:4:5: error: theme 2 has no 'name'",
            "book.yaml:5:5: error: theme 'Transport' is named twice",
            "book.yaml:7:5: error: theme 'Empty' has no keywords or stems",
            "book.yaml:8:13: error: 'email' is personal",
            "book.yaml:8:20: error: 'staff' is a number question",
            "book.yaml:8:27: error: 'thougts' is not a question of 'analysis-fixture' (did you mean 'thoughts'?)",
            "book.yaml:9:17: error: 'fi' is not a language the codebook can stem",
        ]
        for prefix in expected {
            XCTAssertTrue(lines.contains { $0.hasPrefix(prefix) }, "missing \(prefix) in\n\(lines.joined(separator: "\n"))")
        }
        XCTAssertEqual(lines.count, expected.count, lines.joined(separator: "\n"))
    }

    func testYAMLSyntaxAndMissingFilesAreReportedNotThrownRaw() throws {
        let (_, syntax) = CodebookFile.parse(text: "themes:\n  - name: [unclosed\n", file: "bad.yaml", survey: survey)
        XCTAssertTrue(syntax.hasErrors)
        XCTAssertTrue(syntax.items[0].description.hasPrefix("bad.yaml:"), syntax.description)
        XCTAssertThrowsError(try CodebookFile.load(path: "/nonexistent/codebook.yaml", survey: survey)) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent/codebook.yaml: error: cannot read the codebook"), "\(error)")
        }
    }
}
