import Foundation
import SamlaTestSupport
import XCTest
@testable import SamlaKit

/// The JSON export copies answers out of the stored column (`StoredAnswersJSON`) instead of
/// decoding them; what it writes must be what the general path writes from the decoded answers,
/// byte for byte, whatever the column holds, and a column it cannot read that way is left to it.
final class StoredAnswersJSONTests: XCTestCase {
    private var generator = SystemRandomNumberGenerator()

    private func survey() throws -> Survey {
        try SurveyLoader.require(path: TestPaths.shared("bench/bench-survey.yaml"))
    }

    /// Texts that take every path: plain ASCII, non-ASCII, quotes and backslashes, control
    /// characters, empty, JSON-looking.
    private let texts = ["plain", "Umeå och Luleå", "say \"hi\"", "back\\slash", "two\nlines", "tab\there", "", " ",
                         "{\"c\":\"x\"}", "emoji 🙂", "\u{1}\u{1F}", "=1+2", "Kommun"]

    private func randomAnswers(for survey: Survey) -> Answers {
        var answers: Answers = [:]
        for question in survey.questions where Bool.random(using: &generator) || Bool.random(using: &generator) {
            let ids = question.choices.map(\.id) + ["not-a-choice", ""]
            let text = texts.randomElement(using: &generator)!
            switch Int.random(in: 0..<6, using: &generator) {
            case 0: answers[question.id] = .choice(ids.randomElement(using: &generator)!)
            case 1: answers[question.id] = .other(text)
            case 2:
                let chosen = (0..<Int.random(in: 0...3, using: &generator)).map { _ in ids.randomElement(using: &generator)! }
                answers[question.id] = .choices(chosen, other: Bool.random(using: &generator) ? text : nil)
            case 3: answers[question.id] = .number([4, 0, -3, 2.5, 1e20, 0.1, 999_999_999_999_999, 1e15, -0.0, 123_456_789_012_345, -100]
                                                    .randomElement(using: &generator)!)
            default: answers[question.id] = .text(text)
            }
        }
        if Int.random(in: 0..<5, using: &generator) == 0 { answers["gone-question"] = .text("from an older version") }
        return answers
    }

    private func both(_ column: String, survey: Survey) throws -> (copied: String?, decoded: String) {
        var copier = StoredAnswersJSON(questions: survey.questions, language: "sv")
        var copied = JSONText()
        var bytes = Array(column.utf8)
        let took = bytes.withUnsafeMutableBufferPointer { copier.append(stored: UnsafeBufferPointer($0), to: &copied) }
        let response = Response(surveyID: survey.id, definitionHash: "x", answers: try AnswerCoding.decode(column))
        let general = JSONExport.object(response, name: "n", anonymized: false, questions: survey.questions, language: "sv")
        // The general object's answers part: from its key to the end.
        let answers = String(general[try XCTUnwrap(general.range(of: ",\"answers\":")).upperBound...])
        return (took ? String(decoding: Array(copied.text.utf8.dropFirst("\"answers\":".count)), as: UTF8.self) : nil, answers)
    }

    func testCopiedAnswersAreTheDecodedOnesByteForByte() throws {
        let survey = try survey()
        for _ in 0..<5_000 {
            let column = AnswerCoding.encode(randomAnswers(for: survey))
            let (copied, decoded) = try both(column, survey: survey)
            XCTAssertEqual(copied, decoded, column)
        }
    }

    /// A response's whole object, head included, exactly: the keys quoted once, the times written in
    /// place, metadata sorted, the survey's order for the answers.
    func testAResponseObjectIsExact() throws {
        let survey = try survey()
        let started = try XCTUnwrap(StoreDates.parse("2025-03-12T08:00:00.250Z"))
        let submitted = try XCTUnwrap(StoreDates.parse("2025-07-01T21:05:30.000Z"))
        let response = Response(surveyID: survey.id, definitionHash: "x", session: "Umeå \"kväll\"",
                                source: .imported(file: "exports/week 1.csv", row: 17), language: "sv",
                                startedAt: started, submittedAt: submitted,
                                answers: ["staff": .number(12), "role": .choice("region"), "similar": .text("a\nb")],
                                metadata: ["Timestamp": "2025/03/12 9:00:00", "A": "\"1\""])
        let object = JSONExport.object(response, name: "N", anonymized: false, questions: survey.questions, language: "en",
                                       timeZone: try XCTUnwrap(TimeZone(identifier: "Europe/Stockholm")))
        XCTAssertEqual(object, #"{"id":"N","session":"Umeå \"kväll\"","source":"imported","sourceFile":"week 1.csv","sourceRow":17,"#
            + #""language":"sv","startedAt":"2025-03-12T08:00:00Z","submittedAt":"2025-07-01T21:05:30Z","#
            + #""startedAtLocal":"2025-03-12T09:00:00+01:00","submittedAtLocal":"2025-07-01T23:05:30+02:00","timeZone":"Europe/Stockholm","#
            + #""metadata":{"A":"\"1\"","Timestamp":"2025/03/12 9:00:00"},"#
            + #""answers":{"role":{"choice":"region","label":"Region"},"staff":12,"similar":"a\nb"}}"#)
        let collected = Response(surveyID: survey.id, definitionHash: "x", answers: [:])
        XCTAssertEqual(JSONExport.object(collected, name: "M", anonymized: false, questions: survey.questions, language: "en"),
                       #"{"id":"M","source":"collected","answers":{}}"#)
    }

    func testColumnsInAnotherShapeAreLeftToTheGeneralReader() throws {
        let survey = try survey()
        // Written by something else: escapes in keys and tags, white space, tags this version does not
        // write, duplicate keys; the general path reads every one, so the copy must agree or step aside.
        let columns = [
            #"{"r\u006fle":{"c":"region"}}"#, #"{ "role" : { "c" : "region" } , "city":{"c":"lulea"} }"#,
            #"{"role":{"c":"region","x":1}}"#, #"{"role":{"c":"region"},"role":{"c":"business"}}"#,
            #"{"role":{"\u0063":"region"}}"#, #"{"focus":{"m":[],"o":"Turism"}}"#, #"{"role":{"c":"reg\u0069on"}}"#,
            "{}",
            // Numbers in forms `JSONText.format` does not write: read as numbers, never copied as they lie.
            #"{"staff":{"n":-0}}"#, #"{"staff":{"n":007}}"#, #"{"staff":{"n":1e3}}"#, #"{"staff":{"n":12.50}}"#,
            #"{"staff":{"n":4.0}}"#, #"{"staff":{"n":1000000000000000}}"#, #"{"staff":{"n":-12}}"#, #"{"staff":{"n":0}}"#,
        ]
        for column in columns {
            let (copied, decoded) = try both(column, survey: survey)
            if let copied { XCTAssertEqual(copied, decoded, column) }
        }
        // Damage the general reader refuses is not copied either.
        for damaged in [#"{"role":"region"}"#, #"{"role":{}}"#, #"{"role":{"c":"region"}"#, "", "[]"] {
            var copier = StoredAnswersJSON(questions: survey.questions, language: "sv")
            var json = JSONText()
            var bytes = Array(damaged.utf8)
            let took = bytes.withUnsafeMutableBufferPointer { copier.append(stored: UnsafeBufferPointer($0), to: &json) }
            XCTAssertFalse(took, damaged)
            XCTAssertEqual(json.byteCount, 0, "nothing written for \(damaged)")
            XCTAssertThrowsError(try AnswerCoding.decode(damaged), damaged)
        }
    }
}
