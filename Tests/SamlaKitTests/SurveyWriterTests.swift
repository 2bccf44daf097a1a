import Foundation
import XCTest
@testable import SamlaKit

/// SurveyWriter's text must read back through SurveyLoader as the same survey, and through an
/// independent YAML 1.1 reader (PyYAML) as the same strings: no `yes` turned true, no `1` a number.
final class SurveyWriterTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func readBack(_ text: String, file: String = "written.yaml") -> SurveyLoadResult {
        SurveyLoader.parse(text: text, file: file)
    }

    /// The definition without what depends on the file's bytes.
    private func definition(_ survey: Survey) -> Survey {
        var plain = survey
        plain.definitionHash = ""
        plain.sourceText = ""
        return plain
    }

    private func assertRoundTrip(_ survey: Survey, file: StaticString = #filePath, line: UInt = #line) {
        let text = SurveyWriter.yaml(survey)
        let result = readBack(text)
        guard let read = result.survey, result.isValid else {
            return XCTFail("does not validate:\n\(result.diagnostics)\n\(text)", file: file, line: line)
        }
        if definition(read) != definition(survey) {
            XCTFail("differs after reading back: \(differences(read, survey))\n\(text)", file: file, line: line)
        }
    }

    /// The parts that differ, by where they are, so a failure names the text that did not survive.
    private func differences(_ read: Survey, _ written: Survey) -> [String] {
        var found: [String] = []
        func compare<T: Equatable>(_ what: String, _ a: T, _ b: T) {
            if a != b { found.append("\(what): read \(String(reflecting: a)), wrote \(String(reflecting: b))") }
        }
        compare("id", read.id, written.id)
        compare("languages", read.languages, written.languages)
        compare("title", read.title.values, written.title.values)
        compare("description", read.description?.values, written.description?.values)
        compare("question count", read.questions.count, written.questions.count)
        for (a, b) in zip(read.questions, written.questions) where a != b {
            compare("\(b.id).id", a.id, b.id)
            compare("\(b.id).text", a.text.values, b.text.values)
            compare("\(b.id).choices", a.choices.map { [$0.id: $0.label.values] }, b.choices.map { [$0.id: $0.label.values] })
            compare("\(b.id).scale", a.scale, b.scale)
            compare("\(b.id).bounds", a.bounds, b.bounds)
            compare("\(b.id).showIf", a.showIf, b.showIf)
            compare("\(b.id).hint", a.hint?.values, b.hint?.values)
            compare("\(b.id).section", a.heading?.values, b.heading?.values)
            compare("\(b.id).list", a.list, b.list)
            compare("\(b.id).flags", [a.required, a.personal, a.allowsOther], [b.required, b.personal, b.allowsOther])
            compare("\(b.id).selected", [a.minSelected, a.maxSelected], [b.minSelected, b.maxSelected])
        }
        return found
    }

    func testTheBundledSurveysReadBackUnchanged() throws {
        for path in [TestPaths.repo("surveys/tnc-workshop.yaml"), TestPaths.shared("bench/bench-survey.yaml")] {
            let survey = try SurveyLoader.require(path: path)
            assertRoundTrip(survey)
            // Writing what was read back gives the same text again.
            let text = SurveyWriter.yaml(survey)
            let again = try XCTUnwrap(readBack(text).survey)
            XCTAssertEqual(SurveyWriter.yaml(again), text, path)
        }
    }

    func testASurveyIsWrittenAsAPersonWouldWriteIt() {
        let survey = Survey(
            id: "feedback", title: LocalizedText(["sv": "Återkoppling", "en": "Feedback"]),
            description: LocalizedText(["sv": "Dag 2: eftermiddag", "en": "Day 2: afternoon"]),
            languages: ["sv", "en"],
            questions: [
                Question(id: "again", type: .singleChoice, text: LocalizedText(["sv": "Kommer du igen?", "en": "Will you come again?"]),
                         required: true,
                         choices: [Choice(id: "yes", label: LocalizedText(["sv": "Ja", "en": "Yes"])),
                                   Choice(id: "no", label: LocalizedText(["sv": "Nej", "en": "No"]))],
                         allowsOther: true),
                Question(id: "topics", type: .multipleChoice, text: LocalizedText(["sv": "Vilka ämnen?", "en": "Which topics?"]),
                         choices: [Choice(id: "long", label: LocalizedText([
                             "sv": "Uppväxling av lokala innovationsprojekt för att bidra till regional omställningskapacitet",
                             "en": "Scaling up local innovation projects to build regional transition capacity",
                         ])), Choice(id: "1", label: LocalizedText(["sv": "#1 först", "en": "#1 first"]))],
                         maxSelected: 2),
                Question(id: "score", type: .scale, text: LocalizedText(["sv": "Betyg", "en": "Score"]),
                         scale: ScaleRange(min: 0, max: 10, labels: [0: LocalizedText(["sv": "Dåligt", "en": "Poor"])]),
                         showIf: .test(Condition(question: "again", test: .equals("yes")))),
                Question(id: "people", type: .number, text: LocalizedText(["sv": "Hur många?", "en": "How many?"]),
                         bounds: NumberBounds(integer: true, min: 0, max: 2.5)),
                Question(id: "email", type: .text, text: LocalizedText(["sv": "E-post", "en": "E-mail"]), personal: true),
            ]
        )
        let expected = """
            # Check it with: samla validate surveys/feedback.yaml
            format: 1
            id: feedback
            title: {sv: Återkoppling, en: Feedback}
            languages: [sv, en]
            description: {sv: "Dag 2: eftermiddag", en: "Day 2: afternoon"}
            questions:
              - id: again
                type: single_choice
                text: {sv: "Kommer du igen?", en: "Will you come again?"}
                required: true
                choices:
                  - id: "yes"
                    label: {sv: Ja, en: "Yes"}
                  - id: "no"
                    label: {sv: Nej, en: "No"}
                other: true

              - id: topics
                type: multiple_choice
                text: {sv: "Vilka ämnen?", en: "Which topics?"}
                max_selected: 2
                choices:
                  - id: long
                    label:
                      sv: Uppväxling av lokala innovationsprojekt för att bidra till regional omställningskapacitet
                      en: Scaling up local innovation projects to build regional transition capacity
                  - id: "1"
                    label: {sv: "#1 först", en: "#1 first"}

              - id: score
                type: scale
                text: {sv: Betyg, en: Score}
                scale:
                  min: 0
                  max: 10
                  labels:
                    0: {sv: Dåligt, en: Poor}
                show_if: {question: again, equals: "yes"}

              - id: people
                type: number
                text: {sv: "Hur många?", en: "How many?"}
                integer: true
                min: 0
                max: 2.5

              - id: email
                type: text
                text: {sv: E-post, en: E-mail}
                personal: true

            """
        XCTAssertEqual(SurveyWriter.yaml(survey, comment: ["Check it with: samla validate surveys/feedback.yaml"]), expected)
        assertRoundTrip(survey)
    }

    func testScalarsAreQuotedOnlyWhereYAMLWouldReadSomethingElse() {
        let plain = ["Umeå", "Hur många?", "it's", "C#", "a:b", "Ja, gärna", "e-post", "Örnsköldsvik 🌲", "say \"hi\""]
        for text in plain {
            XCTAssertEqual(YAMLScalar.text(text), text, "needlessly quoted")
        }
        let quoted: [String: String] = [
            "yes": "\"yes\"", "No": "\"No\"", "on": "\"on\"", "OFF": "\"OFF\"", "y": "\"y\"", "true": "\"true\"",
            "null": "\"null\"", "~": "\"~\"", "": "\"\"", "1": "\"1\"", "0.5": "\"0.5\"", "-3": "\"-3\"", ".5": "\".5\"",
            "12:30": "\"12:30\"", "2025-03-12": "\"2025-03-12\"", "a: b": "\"a: b\"", "end:": "\"end:\"",
            "a #b": "\"a #b\"", "#tag": "\"#tag\"", "- item": "\"- item\"", " lead": "\" lead\"", "trail ": "\"trail \"",
            "\"hi\" she said": "'\"hi\" she said'", "'quoted'": "\"'quoted'\"", "back\\slash": "back\\slash",
            "two\nlines": "\"two\\nlines\"", "tab\there": "\"tab\\there\"", "bell\u{7}": "\"bell\\x07\"",
            "\u{FEFF}bom": "\"\\uFEFFbom\"", "next\u{85}line": "\"next\\Nline\"", "*ref": "\"*ref\"", "&anchor": "\"&anchor\"",
            "!tag": "\"!tag\"", "@at": "\"@at\"", "`tick": "\"`tick\"", "%p": "\"%p\"", "|pipe": "\"|pipe\"", ">gt": "\">gt\"",
            "...": "\"...\"", "<<": "\"<<\"", "=": "\"=\"",
        ]
        for (text, expected) in quoted {
            XCTAssertEqual(YAMLScalar.text(text), expected)
        }
        XCTAssertEqual(YAMLScalar.text("a, b", inFlow: true), "\"a, b\"")
        XCTAssertEqual(YAMLScalar.text("a, b"), "a, b")
        XCTAssertEqual(YAMLScalar.text("[x]", inFlow: true), "\"[x]\"")
        XCTAssertEqual(YAMLScalar.text("x{y}", inFlow: true), "\"x{y}\"")
    }

    func testGeneratedSurveysWithTrickyStringsReadBackUnchanged() {
        var generator = TrickySurveyGenerator(seed: 20_250_312)
        for _ in 0..<400 {
            assertRoundTrip(generator.survey())
        }
    }

    /// PyYAML resolves scalars by YAML 1.1 (`yes`, `on`, `0x1F`, `1_000`, `12:30` are not strings
    /// there), so every text and id it reads as the same string is quoted enough for any reader.
    func testAnIndependentYAMLReaderReadsTheSameStrings() throws {
        var generator = TrickySurveyGenerator(seed: 7)
        var surveys: [Survey] = []
        for index in 0..<150 {
            let survey = generator.survey()
            surveys.append(survey)
            try SurveyWriter.yaml(survey).write(to: directory.appendingPathComponent("\(index).yaml"), atomically: false, encoding: .utf8)
        }
        let script = """
            import json, sys, yaml
            out = []
            for i in range(int(sys.argv[2])):
                with open(f"{sys.argv[1]}/{i}.yaml", encoding="utf-8") as f:
                    out.append(yaml.safe_load(f))
            json.dump(out, sys.stdout, ensure_ascii=True, default=str)
            """
        let documents = try XCTUnwrap(try runPython(script, arguments: [directory.path, String(surveys.count)]) as? [[String: Any]])
        XCTAssertEqual(documents.count, surveys.count)
        for (survey, document) in zip(surveys, documents) {
            XCTAssertEqual(document["id"] as? String, survey.id)
            XCTAssertEqual(document["languages"] as? [String], survey.languages)
            assertText(document["title"], survey.title, survey.languages)
            let questions = try XCTUnwrap(document["questions"] as? [[String: Any]])
            XCTAssertEqual(questions.count, survey.questions.count)
            for (question, read) in zip(survey.questions, questions) {
                XCTAssertEqual(read["id"] as? String, question.id)
                XCTAssertEqual(read["type"] as? String, question.type.rawValue)
                assertText(read["text"], question.text, survey.languages)
                let choices = read["choices"] as? [[String: Any]] ?? []
                XCTAssertEqual(choices.compactMap { $0["id"] as? String }, question.choices.map(\.id))
                for (choice, readChoice) in zip(question.choices, choices) {
                    assertText(readChoice["label"], choice.label, survey.languages)
                }
                if case .test(let condition)? = question.showIf, case .equals(let id) = condition.test {
                    XCTAssertEqual((read["show_if"] as? [String: Any])?["equals"] as? String, id)
                }
            }
        }
    }

    private func assertText(_ read: Any?, _ text: LocalizedText, _ languages: [String], line: UInt = #line) {
        if languages.count == 1 {
            XCTAssertEqual(read as? String, text.text(languages[0]), line: line)
        } else {
            XCTAssertEqual(read as? [String: String], text.values, line: line)
        }
    }

    private func runPython(_ script: String, arguments: [String]) throws -> Any {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = directory.appendingPathComponent("python.json")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "python3 with PyYAML must be installed")
        return try JSONSerialization.jsonObject(with: Data(contentsOf: output))
    }
}

/// Valid surveys whose texts, ids and language codes are made of what YAML finds hardest:
/// words it reads as booleans or numbers, indicators, edge spaces, quotes, control characters,
/// line separators and non-ASCII letters. Seeded, so a failure repeats.
struct TrickySurveyGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    private mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    private mutating func element<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    private mutating func chance(_ percent: Int) -> Bool {
        below(100) < percent
    }

    static let fragments = [
        "yes", "No", "ON", "off", "y", "n", "true", "False", "~", "null", "1", "0.5", "-3", "+1", ".5", "1e3", "0x1F", "0o17",
        "1_000", "12:30", "2025-03-12", ".inf", ".NaN", ": ", ":", "#", " #", "a#b", "- ", "-", "?", "? ", ",", "[", "]", "{",
        "}", "&a", "*a", "!tag", "|", ">", "'", "\"", "''", "%", "@", "`", "\\", "\\n", "\n", "\t", "\r", "\r\n", "\u{0}", "\u{7}",
        "\u{1B}", "\u{7F}", "\u{85}", "\u{A0}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{200B}", "å", "ä", "ö", "Å", "Ö",
        "e\u{301}", "\u{301}", "😀", "👩‍👩‍👧", "日本", "ع", " ", "  ", "...", "---", "<<", "=", "Umeå", "b c", "Kommun",
    ]

    mutating func text() -> String {
        var text = ""
        // Now and then a long one, which goes one language per line.
        for _ in 0...(chance(10) ? 30 : below(5)) { text += element(Self.fragments) }
        // A text must have something besides spaces and line breaks to be a text at all (validate
        // refuses an empty question text).
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { text += "x" }
        // Yams builds each scalar with String(bytes:encoding:), which drops a leading U+FEFF as a
        // byte order mark; no spelling in the file can keep it, so the writer is not asked to.
        if text.unicodeScalars.first == "\u{FEFF}" { text = "x" + text }
        return text
    }

    private mutating func localized(_ languages: [String]) -> LocalizedText {
        var values: [String: String] = [:]
        for language in languages { values[language] = text() }
        return LocalizedText(values)
    }

    private static let ids = ["yes", "no", "on", "off", "true", "null", "y", "n", "1", "0", "12", "1e3", "0x1f", "q", "a-b", "umea", "inf", "nan"]
    private static let choiceIDs = ["yes", "No", "ON", "1", "01", "1_000", "0x1F", "A-b", "a_b", "true", "Null", "x", "12"]
    private static let languageCodes = ["sv", "en", "no", "on", "yes", "off", "nan", "inf", "nul", "y", "fi", "se-FI", "en-1"]

    private mutating func unique(_ pool: [String], count: Int) -> [String] {
        var picked: [String] = []
        var suffix = 0
        while picked.count < count {
            var id = element(pool)
            if picked.contains(id) {
                suffix += 1
                id += "-\(suffix)"
            }
            if !picked.contains(id) { picked.append(id) }
        }
        return picked
    }

    private mutating func number() -> Double {
        element([0, -1, 2.5, 0.1, -1e-7, 1e20, 123.456, 1e15, 7, 1.0 / 3.0])
    }

    mutating func survey() -> Survey {
        let languageCount = element([1, 1, 2, 2, 3])
        let languages = unique(Self.languageCodes.filter { $0 != "y" }, count: languageCount)
        let questionIDs = unique(Self.ids, count: 1 + below(6))
        var questions: [Question] = []
        for id in questionIDs {
            let type = element(QuestionType.allCases)
            var question = Question(id: id, type: type, text: localized(languages), required: chance(30))
            if chance(30) { question.hint = localized(languages) }
            if chance(25) { question.heading = localized(languages) }
            switch type {
            case .singleChoice, .multipleChoice:
                question.allowsOther = chance(40)
                let ids = unique(Self.choiceIDs, count: 1 + below(5)).filter { !(question.allowsOther && $0 == Question.otherID) }
                question.choices = ids.map { Choice(id: $0, label: localized(languages)) }
                if chance(20) { question.list = "l-" + id }
                if type == .multipleChoice, chance(50) { question.maxSelected = 1 + below(question.choices.count) }
                if type == .multipleChoice, chance(20) { question.minSelected = 1 }
            case .scale:
                let low = below(21) - 10
                let high = low + 1 + below(100)
                var labels: [Int: LocalizedText] = [:]
                for _ in 0..<below(4) { labels[low + below(high - low + 1)] = localized(languages) }
                question.scale = ScaleRange(min: low, max: high, labels: labels)
            case .number:
                let low = chance(50) ? number() : nil
                let high = chance(50) ? number() : nil
                if let low, let high, low > high {
                    question.bounds = NumberBounds(integer: chance(50), min: high, max: low)
                } else {
                    question.bounds = NumberBounds(integer: chance(50), min: low, max: high)
                }
            case .text:
                question.personal = chance(30)
            }
            let targets = questions.filter { $0.type != .text }
            if !targets.isEmpty, chance(50) {
                question.showIf = showIf(on: targets, depth: 0)
            }
            questions.append(question)
        }
        return Survey(id: element(Self.ids), title: localized(languages),
                      description: chance(50) ? localized(languages) : nil, languages: languages, questions: questions)
    }

    /// A test, or (less often, at most three deep) all / any of two or three parts or not of one.
    mutating func showIf(on targets: [Question], depth: Int) -> ShowIf {
        guard depth < 3, chance(35) else { return .test(condition(on: element(targets))) }
        if chance(30) { return .not(showIf(on: targets, depth: depth + 1)) }
        var parts: [ShowIf] = []
        for _ in 0..<(2 + below(2)) { parts.append(showIf(on: targets, depth: depth + 1)) }
        return chance(50) ? .all(parts) : .any(parts)
    }

    private mutating func condition(on target: Question) -> Condition {
        switch target.type {
        case .singleChoice: return Condition(question: target.id, test: .equals(element(target.choices).id))
        case .multipleChoice: return Condition(question: target.id, test: .includes(element(target.choices).id))
        case .scale:
            let scale = target.scale!
            let point = Double(scale.min + below(scale.max - scale.min + 1))
            return Condition(question: target.id, test: chance(50) ? .atLeast(point) : .atMost(point))
        default:
            return Condition(question: target.id, test: chance(50) ? .atLeast(number()) : .atMost(number()))
        }
    }
}

extension TrickySurveyGenerator {
    /// SplitMix64.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
