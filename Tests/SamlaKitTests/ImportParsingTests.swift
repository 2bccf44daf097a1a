import Foundation
@testable import SamlaKit
import XCTest

/// The pieces an import reads cells with: numbers, timestamps, joined choices, header forms.
final class ImportParsingTests: XCTestCase {
    func testNumbersWithDecimalCommasAndDigitGroups() {
        let cases: [(String, Double?)] = [
            ("12", 12), ("-3.5", -3.5), ("3,5", 3.5), ("1 234,5", 1234.5), ("1\u{A0}234", 1234), ("1,234.5", 1234.5),
            ("1.234,5", 1234.5), ("200.000.000", 200_000_000), ("1e3", 1000), ("\u{2212}4", -4), ("+7", 7),
            ("", nil), ("-", nil), ("abc", nil), ("12%", nil), ("nan", nil), ("inf", nil), ("0x10", nil), ("1,2,3.4.5", nil), ("--5", nil),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(NumberText.parse(text), expected, "'\(text)'")
        }
    }

    func testTimestampsWithZonesAgreeWithISO8601() throws {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        func utc(_ text: String) -> Date? { iso.date(from: text) }
        var google = ToolTimestamp(layout: .googleForms)
        XCTAssertEqual(google.parse("2025/03/12 9:00:00 AM CET"), utc("2025-03-12T08:00:00.000Z"))
        XCTAssertEqual(google.parse("2026/09/08 2:28:27 PM GMT+2"), utc("2026-09-08T12:28:27.000Z"))
        XCTAssertEqual(google.parse("2025/03/12 12:00:00 AM UTC"), utc("2025-03-12T00:00:00.000Z"))
        XCTAssertEqual(google.parse("2025/03/12 12:30:00 PM UTC"), utc("2025-03-12T12:30:00.000Z"))
        XCTAssertEqual(google.parse("13/8/2026 14:28:27 GMT"), utc("2026-08-13T14:28:27.000Z"), "13 cannot be a month")
        XCTAssertNil(google.parse("9/8/2026 14:28:27 GMT"), "September 8th or 9 August: not clear, left unparsed")
        XCTAssertNil(google.parse("yesterday"))
        XCTAssertNil(google.parse("2025/03/12 9:00:00 AM Mars"))
        var kobo = ToolTimestamp(layout: .kobo)
        XCTAssertEqual(kobo.parse("2025-03-12T09:00:00.250+01:00"), utc("2025-03-12T08:00:00.250Z"))
        XCTAssertEqual(kobo.parse("2025-03-12T09:00Z"), utc("2025-03-12T09:00:00.000Z"))
        XCTAssertEqual(kobo.parse("2025-03-12T09:00:00-0530"), utc("2025-03-12T14:30:00.000Z"))
    }

    func testTimestampsWithoutZoneAreLocalTime() throws {
        // Read in the survey's time zone, Europe/Stockholm unless it says otherwise (no longer the machine's).
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Stockholm")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        var microsoft = ToolTimestamp(layout: .microsoftForms)
        XCTAssertEqual(microsoft.parse("7/27/26 19:06:23"), formatter.date(from: "2026-07-27 19:06:23"))
        XCTAssertEqual(microsoft.parse("3/12/25 09:00:00"), formatter.date(from: "2025-03-12 09:00:00"), "Microsoft writes the month first")
        var lime = ToolTimestamp(layout: .limeSurvey)
        XCTAssertEqual(lime.parse("2025-01-05 23:59:59"), formatter.date(from: "2025-01-05 23:59:59"))
        XCTAssertEqual(lime.parse("12.03.2025 09:00"), formatter.date(from: "2025-03-12 09:00:00"), "dots: day first")
    }

    private func question(_ labels: [(String, String, String)], other: Bool = false) -> Question {
        Question(id: "q", type: .multipleChoice, text: LocalizedText(["sv": "Fråga", "en": "Question"]),
                 choices: labels.map { Choice(id: $0.0, label: LocalizedText(["sv": $0.1, "en": $0.2])) }, allowsOther: other)
    }

    func testJoinedChoicesAreTakenApartByLabelsFirst() {
        let vocabulary = ChoiceVocabulary(question: question([
            ("transition", "Omställning, kompetens och jobb", "Transition, skills and jobs"),
            ("skills", "Kompetens", "Skills"),
            ("semi", "A;B", "A;B"),
        ]), languages: ["sv", "en"])
        func split(_ cell: String, _ separator: String) -> ([String], [String]) {
            let (found, unknown) = vocabulary.split(cell, separators: [Array(separator.utf8)])
            return (found.map(\.id), unknown)
        }
        XCTAssertEqual(split("Transition, skills and jobs, Skills", ", ").0, ["transition", "skills"])
        XCTAssertEqual(split("Skills, Transition, skills and jobs", ", ").0, ["skills", "transition"])
        XCTAssertEqual(split("Kompetens;A;B;", ";").0, ["skills", "semi"])
        XCTAssertEqual(split("Skills, Something else, entirely", ", ").1, ["Something else", "entirely"])
        XCTAssertEqual(split("transition skills", " ").0, ["transition", "skills"], "Kobo joins ids with spaces")
        XCTAssertEqual(split("SKILLS", ", ").0, ["skills"], "case is ignored when nothing matches exactly")
        let entry = vocabulary.lookup("Kompetens")
        XCTAssertEqual(entry?.languages.language(in: ["sv", "en"]), "sv")
        XCTAssertNil(vocabulary.lookup("A;B")?.languages.language(in: ["sv", "en"]), "a label shared by both languages says nothing")
    }

    func testHeaderFormsMapOntoQuestions() throws {
        let survey = Survey(id: "s", title: LocalizedText("S", language: "en"), languages: ["sv", "en"], questions: [
            Question(id: "role", type: .singleChoice, text: LocalizedText(["sv": "Vilken roll?", "en": "Which role?"]),
                     choices: [Choice(id: "host", label: LocalizedText(["sv": "Värd", "en": "Host"]))], allowsOther: true),
            question([("a", "Ett", "One"), ("b", "Två", "Two")], other: true),
            Question(id: "note", type: .text, text: LocalizedText(["sv": "Kommentar", "en": "Comment"])),
        ])
        let header = ["id", "submitdate", "lastpage", "startlanguage", "ROLE", "role[other]", "q[a]", "q[Two]", "q[other]",
                      "group/q/a", "q/other", "  which ROLE  ", "kommentar!", "mystery"]
        let mapping = try ColumnMapping.make(header: header, survey: survey, layout: ExportLayout.recognise(header: header)) {
            SourceLocation(file: "f.csv", line: 1, column: $0 + 1)
        }
        XCTAssertEqual(mapping.layout, .limeSurvey)
        XCTAssertEqual(mapping.roles, [
            .tool(.responseID), .tool(.submitted), .tool(.other), .tool(.language), .answer(question: "role"), .otherText(question: "role"),
            .choiceFlag(question: "q", choice: "a"), .choiceFlag(question: "q", choice: "b"), .otherText(question: "q"),
            // A '/' is a group path only in Kobo exports: in LimeSurvey's header it is text.
            .unmatched, .unmatched, .ignored, .answer(question: "note"), .unmatched,
        ])
        XCTAssertEqual(mapping.diagnostics.sorted.map(\.location.column), [10, 11, 12, 14], "the two paths, the second role column and the unknown one")
        let kobo = try ColumnMapping.make(header: ["_uuid", "_submission_time", "group/q/a", "q/other"], survey: survey, layout: .kobo) {
            SourceLocation(file: "f.csv", line: 1, column: $0 + 1)
        }
        XCTAssertEqual(Array(kobo.roles.suffix(2)), [.choiceFlag(question: "q", choice: "a"), .otherFlag(question: "q")])
        XCTAssertEqual(mapping.notAsked, [])
    }

    func testLayoutsAreRecognisedByTheirHeaders() {
        XCTAssertEqual(ExportLayout.recognise(header: ["Tidstämpel", "E-postadress", "Fråga"]), .googleForms)
        XCTAssertEqual(ExportLayout.recognise(header: ["ID", "Starttid", "Sluttid", "E-post", "Namn", "Fråga"]), .microsoftForms)
        XCTAssertEqual(ExportLayout.recognise(header: ["start", "end", "q", "_id", "_uuid", "_submission_time"]), .kobo)
        XCTAssertEqual(ExportLayout.recognise(header: ["SubmissionDate", "q", "meta-instanceID", "KEY"]), .kobo)
        XCTAssertEqual(ExportLayout.recognise(header: ["Question one", "Question two"]), .generic)
        XCTAssertEqual(ExportLayout(userName: "Google"), .googleForms)
        XCTAssertEqual(ExportLayout(userName: "ms-forms"), .microsoftForms)
        XCTAssertEqual(ExportLayout.recognise(header: ["Respondent ID", "Collector ID", "Start Date", "End Date", "Q"]), .surveyMonkey)
        XCTAssertEqual(ExportLayout.recognise(header: ["StartDate", "EndDate", "Status", "IPAddress", "Q1"]), .qualtrics)
        XCTAssertEqual(ExportLayout.recognise(header: ["#", "Q", "Start Date (UTC)", "Submit Date (UTC)", "Network ID"]), .typeform)
        XCTAssertEqual(ExportLayout.recognise(header: ["Antwort ID", "Datum Abgeschickt", "Letzte Seite", "Start-Sprache"]), .limeSurvey)
        XCTAssertEqual(ExportLayout.recognise(header: ["ID de respuesta", "Fecha de envío", "Última página"]), .limeSurvey)
        XCTAssertEqual(ExportLayout(userName: "surveymonkey"), .surveyMonkey)
        XCTAssertNil(ExportLayout(userName: "mentimeter"))
    }
}
