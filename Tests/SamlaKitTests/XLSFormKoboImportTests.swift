import Foundation
import SamlaKit
import SamlaTestSupport
import XCTest

/// Point 4: a KoboToolbox export of a form, imported `--strict` into the survey drafted from
/// that form's XLSForm, with every choice matched by name (and, in a labels export, by label).
/// The exports are written here from the form, as Kobo lays them out (export-layouts.md).
final class XLSFormKoboImportTests: XCTestCase {
    private var directory: URL!

    override func setUp() {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    static let form: XLSFormFixture.Sheets = [
        ("survey", [
            ["type", "name", "label::English (en)", "label::Svenska (sv)", "relevant", "appearance"],
            ["start", "start"],
            ["end", "end"],
            ["begin group", "about", "About you", "Om dig"],
            ["note", "about_note", "A few words about you", "Några ord om dig"],
            ["select_one org or_other", "org_type", "Organisation", "Organisation"],
            ["select_multiple topics or_other", "focus_areas", "Focus areas", "Fokusområden"],
            ["end group"],
            ["select_one agree5", "agreement", "Agreement", "Instämmer", "", "likert"],
            ["integer", "staff_count", "Staff", "Anställda", "selected(${focus_areas}, 'Skills_Jobs')"],
            ["decimal", "share", "Share", "Andel"],
            ["select_one yes_no", "wants_contact", "Contact me", "Kontakta mig"],
            ["text", "e_mail", "E-mail", "E-post", "${wants_contact} = 'yes'"],
        ]),
        ("choices", [
            ["list_name", "name", "label::English (en)", "label::Svenska (sv)"],
            ["org", "municipality", "Municipality", "Kommun"],
            ["org", "region_council", "Region council", "Regionråd"],
            ["org", "NGO", "Non-governmental org", "Ideell organisation"],
            ["topics", "housing", "Housing", "Bostäder"],
            ["topics", "Skills_Jobs", "Skills and jobs", "Kompetens och jobb"],
            ["topics", "dont_know", "Don't know", "Vet inte"],
            ["agree5", "1", "Disagree", "Håller inte med"],
            ["agree5", "2", "2", "2"],
            ["agree5", "3", "Neutral", "Neutral"],
            ["agree5", "4", "4", "4"],
            ["agree5", "5", "Agree", "Håller med"],
            ["yes_no", "yes", "Yes", "Ja"],
            ["yes_no", "no", "No", "Nej"],
        ]),
        ("settings", [["form_title", "form_id", "default_language"], ["Field form", "field_form", "English (en)"]]),
    ]

    /// One respondent's answers as Samla stores them, and as Kobo writes them.
    private struct Respondent {
        var uuid: String
        var answers: Answers
    }

    /// Deterministic answers covering every choice, "other", blanks and hidden questions.
    private func respondents(_ survey: Survey, count: Int) -> [Respondent] {
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { index in
            var answers: Answers = [:]
            let org = survey.question("org_type")!
            let pick = next(org.choices.count + 1)
            answers["org_type"] = pick == org.choices.count ? .other("Kommunalförbund \(index)") : .choice(org.choices[pick].id)
            let topics = survey.question("focus_areas")!.choices.map(\.id).filter { _ in next(2) == 1 }
            answers["focus_areas"] = .choices(topics, other: next(4) == 0 ? "Energi; industri" : nil)
            if !answers["focus_areas"]!.isAnswered { answers["focus_areas"] = nil }
            answers["agreement"] = .number(Double(1 + next(5)))
            if topics.contains("Skills_Jobs") { answers["staff_count"] = .number(Double(next(300))) }
            if next(3) > 0 { answers["share"] = .number(Double(next(1000)) / 8) }
            answers["wants_contact"] = .choice(next(2) == 0 ? "yes" : "no")
            if answers["wants_contact"] == .choice("yes") { answers["e_mail"] = .text("person\(index)@example.se") }
            return Respondent(uuid: "0b6c\(String(format: "%04d", index))-1111-4000-8000-000000000000", answers: answers)
        }
    }

    private func number(_ value: AnswerValue?) -> String {
        guard case .number(let value)? = value else { return "" }
        return Self.plain(value)
    }

    /// A number as Kobo writes it: whole numbers without a decimal point.
    private static func plain(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// Kobo's CSV with XML names: group paths, a select_multiple's names joined by a space and one
    /// 1/0 column per option (and `/other`), the or_other text in `NAME_other`, `;` and every field quoted.
    private func xmlNamesExport(_ survey: Survey, _ people: [Respondent]) -> String {
        let topics = survey.question("focus_areas")!.choices.map(\.id)
        var header = ["start", "end", "about/about_note", "about/org_type", "about/org_type_other", "about/focus_areas"]
        header += topics.map { "about/focus_areas/\($0)" } + ["about/focus_areas/other", "about/focus_areas_other"]
        header += ["agreement", "staff_count", "share", "wants_contact", "e_mail", "_id", "_uuid", "_submission_time", "_index"]
        var lines = [header]
        for (index, person) in people.enumerated() {
            var row = ["2026-05-04T10:\(String(format: "%02d", index % 60)):00.000+02:00", "2026-05-04T10:59:00.000+02:00", ""]
            switch person.answers["org_type"] {
            case .choice(let id)?: row += [id, ""]
            case .other(let text)?: row += ["other", text]
            default: row += ["", ""]
            }
            if case .choices(let ids, let other)? = person.answers["focus_areas"] {
                row.append((ids + (other == nil ? [] : ["other"])).joined(separator: " "))
                row += topics.map { ids.contains($0) ? "1" : "0" } + [other == nil ? "0" : "1", other ?? ""]
            } else {
                row += [""] + topics.map { _ in "" } + ["", ""]
            }
            row += [number(person.answers["agreement"]), number(person.answers["staff_count"]), number(person.answers["share"])]
            if case .choice(let id)? = person.answers["wants_contact"] { row.append(id) } else { row.append("") }
            if case .text(let text)? = person.answers["e_mail"] { row.append(text) } else { row.append("") }
            row += [String(9000 + index), person.uuid, "2026-05-04T09:00:00", String(index + 1)]
            lines.append(row)
        }
        return lines.map { $0.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }.joined(separator: ";") }.joined(separator: "\n") + "\n"
    }

    /// Kobo's CSV with labels (the default language): labels as headers and values, option columns
    /// headed `Question/Label`, the or_other text under "Specify other.".
    private func labelsExport(_ survey: Survey, _ people: [Respondent]) -> String {
        let language = survey.defaultLanguage
        let org = survey.question("org_type")!
        let focus = survey.question("focus_areas")!
        func text(_ id: String) -> String { survey.question(id)!.text.text(language) }
        var header = ["start", "end", survey.note("about_note")!.text.text(language), text("org_type"), "Specify other.", text("focus_areas")]
        header += focus.choices.map { "\(text("focus_areas"))/\($0.label.text(language))" } + ["\(text("focus_areas"))/Other", "Specify other."]
        header += [text("agreement"), text("staff_count"), text("share"), text("wants_contact"), text("e_mail"), "_id", "_uuid", "_submission_time", "_index"]
        var lines = [header]
        for (index, person) in people.enumerated() {
            var row = ["2026-05-04T10:00:00.000+02:00", "2026-05-04T10:59:00.000+02:00", ""]
            switch person.answers["org_type"] {
            case .choice(let id)?: row += [org.choice(id)!.label.text(language), ""]
            case .other(let value)?: row += ["Other", value]
            default: row += ["", ""]
            }
            if case .choices(let ids, let other)? = person.answers["focus_areas"] {
                row.append((ids.map { focus.choice($0)!.label.text(language) } + (other == nil ? [] : ["Other"])).joined(separator: " "))
                row += focus.choices.map { ids.contains($0.id) ? "1" : "0" } + [other == nil ? "0" : "1", other ?? ""]
            } else {
                row += [""] + focus.choices.map { _ in "" } + ["", ""]
            }
            let agreement = person.answers["agreement"].flatMap { answer -> String? in
                guard case .number(let point) = answer else { return nil }
                return survey.question("agreement")!.scale!.labels[Int(point)]?.text(language) ?? Self.plain(point)
            } ?? ""
            row += [agreement, number(person.answers["staff_count"]), number(person.answers["share"])]
            if case .choice(let id)? = person.answers["wants_contact"] {
                row.append(survey.question("wants_contact")!.choice(id)!.label.text(language))
            } else { row.append("") }
            if case .text(let value)? = person.answers["e_mail"] { row.append(value) } else { row.append("") }
            row += [String(9000 + index), person.uuid, "2026-05-04T09:00:00", String(index + 1)]
            lines.append(row)
        }
        return lines.map { $0.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }.joined(separator: ";") }.joined(separator: "\n") + "\n"
    }

    /// ODK Central's CSV: `SubmissionDate` first, group paths joined with '-', a select_multiple's
    /// names in one column, comma-separated and quoted where needed.
    private func odkCentralExport(_ survey: Survey, _ people: [Respondent]) -> String {
        var lines = [["SubmissionDate", "about-about_note", "about-org_type", "about-org_type_other", "about-focus_areas", "about-focus_areas_other", "agreement",
                      "staff_count", "share", "wants_contact", "e_mail", "meta-instanceID", "KEY", "SubmitterID", "SubmitterName",
                      "AttachmentsPresent", "AttachmentsExpected", "ReviewState", "DeviceID", "Edits", "FormVersion"]]
        for person in people {
            var row = ["2026-05-04T08:00:00.000Z", ""]
            switch person.answers["org_type"] {
            case .choice(let id)?: row += [id, ""]
            case .other(let text)?: row += ["other", text]
            default: row += ["", ""]
            }
            if case .choices(let ids, let other)? = person.answers["focus_areas"] {
                row += [(ids + (other == nil ? [] : ["other"])).joined(separator: " "), other ?? ""]
            } else {
                row += ["", ""]
            }
            row += [number(person.answers["agreement"]), number(person.answers["staff_count"]), number(person.answers["share"])]
            if case .choice(let id)? = person.answers["wants_contact"] { row.append(id) } else { row.append("") }
            if case .text(let text)? = person.answers["e_mail"] { row.append(text) } else { row.append("") }
            row += ["uuid:\(person.uuid)", "uuid:\(person.uuid)", "5", "collector", "0", "0", "", "collect:abc", "0", "2026050401"]
            lines.append(row)
        }
        return lines.map { $0.map { $0.contains(",") || $0.contains("\"") || $0.contains(";") ? "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" : $0 }
            .joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    func testKoboExportsOfTheFormImportStrictlyWithEveryChoiceByName() throws {
        let formPath = directory.appendingPathComponent("field-form.xlsx").path
        try XLSFormFixture.write(Self.form, to: formPath)
        let draft = try XLSFormDrafter.draft(path: formPath)
        XCTAssertEqual(draft.unconverted.count, 0, "\(draft.unconverted)")
        let surveyPath = directory.appendingPathComponent("field-form.yaml").path
        try draft.yaml.write(toFile: surveyPath, atomically: true, encoding: .utf8)
        let survey = try SurveyLoader.require(path: surveyPath)
        XCTAssertEqual(survey.question("focus_areas")?.choices.map(\.id), ["housing", "Skills_Jobs", "dont_know"], "names kept exactly")
        let people = respondents(survey, count: 60)
        XCTAssertTrue(people.contains { if case .other? = $0.answers["org_type"] { return true } else { return false } })
        XCTAssertTrue(people.contains { $0.answers["e_mail"] != nil } && people.contains { $0.answers["staff_count"] == nil })

        for (name, csv) in [("xml-names", xmlNamesExport(survey, people)), ("labels", labelsExport(survey, people)),
                            ("odk-central", odkCentralExport(survey, people))] {
            let exportPath = directory.appendingPathComponent("kobo-\(name).csv").path
            try csv.write(toFile: exportPath, atomically: true, encoding: .utf8)
            let storePath = directory.appendingPathComponent("\(name).sqlite").path
            var options = ImportOptions()
            options.strict = true
            let report = try XCTUnwrap(try SurveyImporter(survey: survey, options: options).run(files: [exportPath], storePath: storePath).first)
            XCTAssertEqual(report.layout, .kobo, name)
            XCTAssertEqual(report.accounting.responsesStored, people.count,
                           "\(name): left out \(report.accounting.leftOutColumns), undecoded \(report.accounting.undecodedCells), diagnostics \(report.diagnostics)")
            XCTAssertEqual(report.accounting.unaccountedCells, 0, name)
            XCTAssertEqual(report.accounting.leftOutColumns.filter { $0.reason == .note }.map(\.column), [name == "odk-central" ? 2 : 3],
                           "\(name): the note's column, named")
            XCTAssertEqual(report.accounting.rowsWithProblems, 0, name)
            let stored = try ResponseStore(path: storePath).responses(.init(surveyID: survey.id))
            let byUUID = Dictionary(uniqueKeysWithValues: stored.map { response in
                ((response.metadata["_uuid"] ?? response.metadata["KEY"] ?? "").replacingOccurrences(of: "uuid:", with: ""), response)
            })
            for person in people {
                let response = try XCTUnwrap(byUUID[person.uuid], "\(name): \(person.uuid)")
                for question in survey.questions {
                    let got = response.answers[question.id].flatMap { $0.isAnswered ? $0 : nil }
                    XCTAssertEqual(got, person.answers[question.id], "\(name) \(person.uuid) \(question.id)")
                }
            }
        }
    }

    // MARK: A Samla survey run on Kobo

    /// Answers to any survey: each shown question answered (or, when optional, now and then
    /// skipped) as its type allows, "other" included.
    private func anyRespondents(_ survey: Survey, count: Int) -> [Respondent] {
        var state: UInt64 = 11
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(bound, 1)))
        }
        return (0..<count).map { index in
            var answers: Answers = [:]
            for question in survey.questions where survey.isShown(question, given: answers) {
                if !question.required, next(6) == 0 { continue }
                switch question.type {
                case .singleChoice:
                    let pick = next(question.choices.count + (question.allowsOther ? 1 : 0))
                    answers[question.id] = pick < question.choices.count ? .choice(question.choices[pick].id) : .other("Eget svar \(index)")
                case .multipleChoice:
                    var ids = question.choices.map(\.id).filter { _ in next(3) == 0 }
                    if ids.isEmpty { ids = [question.choices[next(question.choices.count)].id] }
                    let other = question.allowsOther && next(4) == 0 ? "Annat svar \(index)" : nil
                    if let maximum = question.maxSelected { ids = Array(ids.prefix(maximum - (other == nil ? 0 : 1))) }
                    answers[question.id] = .choices(ids, other: ids.isEmpty && other == nil ? nil : other)
                    if ids.isEmpty && other == nil { answers[question.id] = nil }
                case .scale:
                    let scale = question.scale!
                    answers[question.id] = .number(Double(scale.min + next(scale.max - scale.min + 1)))
                case .number:
                    answers[question.id] = .number(Double(next(40)))
                case .text:
                    answers[question.id] = .text("svar \(index) på \(question.id)")
                }
            }
            return Respondent(uuid: "5a1a\(String(format: "%04d", index))-2222-4000-8000-000000000000", answers: answers)
        }
    }

    /// Kobo's two CSV layouts of the form `export-form` wrote for `survey`: XML names, or labels in
    /// the default language (the "other" choice and its text question as export-form names them).
    private func koboExport(_ survey: Survey, _ people: [Respondent], labels: Bool) -> String {
        let language = survey.defaultLanguage
        let words = UIText(language: language)
        func head(_ question: Question) -> String { labels ? question.text.text(language) : question.id }
        func label(_ question: Question, _ id: String) -> String { labels ? question.choice(id)!.label.text(language) : id }
        let otherLabel = labels ? words.other : "other"
        var header = ["start", "end"]
        for question in survey.questions {
            header.append(head(question))
            if question.type == .multipleChoice {
                header += question.choices.map { "\(head(question))/\(labels ? $0.label.text(language) : $0.id)" }
                if question.allowsOther { header.append("\(head(question))/\(otherLabel)") }
            }
            if question.allowsOther { header.append(labels ? words.otherPrompt : "\(question.id)_other") }
        }
        header += ["_id", "_uuid", "_submission_time", "_index"]
        var lines = [header]
        for (index, person) in people.enumerated() {
            var row = ["2026-05-04T10:00:00.000+02:00", "2026-05-04T10:30:00.000+02:00"]
            for question in survey.questions {
                let answer = person.answers[question.id]
                switch (question.type, answer) {
                case (.singleChoice, .choice(let id)?): row.append(label(question, id))
                case (.singleChoice, .other?): row.append(otherLabel)
                case (.multipleChoice, .choices(let ids, let other)?):
                    row.append((ids.map { label(question, $0) } + (other == nil ? [] : [otherLabel])).joined(separator: " "))
                    row += question.choices.map { ids.contains($0.id) ? "1" : "0" }
                    if question.allowsOther { row.append(other == nil ? "0" : "1") }
                case (.multipleChoice, _):
                    row += [""] + question.choices.map { _ in "" } + (question.allowsOther ? [""] : [])
                case (.scale, .number(let point)?):
                    row.append(labels ? question.scale!.labels[Int(point)]?.text(language) ?? Self.plain(point) : Self.plain(point))
                case (.number, .number(let value)?): row.append(Self.plain(value))
                case (.text, .text(let text)?): row.append(text)
                default: row.append("")
                }
                if question.allowsOther {
                    switch answer {
                    case .other(let text)?: row.append(text)
                    case .choices(_, let other?)?: row.append(other)
                    default: row.append("")
                    }
                }
            }
            row += [String(7000 + index), person.uuid, "2026-05-04T08:30:00", String(index + 1)]
            lines.append(row)
        }
        return lines.map { $0.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }.joined(separator: ";") }.joined(separator: "\n") + "\n"
    }

    /// tnc-workshop.yaml written with export-form, drafted back, and Kobo's exports of it imported
    /// `--strict`: every answer stored as given, in both layouts (labels in Swedish).
    func testKoboExportsOfAnExportedSurveyImportStrictly() throws {
        let original = try SurveyLoader.require(path: TestPaths.repo("surveys/tnc-workshop.yaml"))
        let form = directory.appendingPathComponent("tnc-form.xlsx").path
        try XLSFormExport.write(original, to: form)
        let draft = try XLSFormDrafter.draft(path: form)
        let surveyPath = directory.appendingPathComponent("tnc.yaml").path
        try draft.yaml.write(toFile: surveyPath, atomically: true, encoding: .utf8)
        let survey = try SurveyLoader.require(path: surveyPath)
        XCTAssertEqual(survey.questions, original.questions)
        let people = anyRespondents(survey, count: 80)
        XCTAssertTrue(people.contains { if case .other? = $0.answers["role"] { return true } else { return false } })
        for labels in [false, true] {
            let name = labels ? "labels" : "xml-names"
            let exportPath = directory.appendingPathComponent("tnc-kobo-\(name).csv").path
            try koboExport(survey, people, labels: labels).write(toFile: exportPath, atomically: true, encoding: .utf8)
            let storePath = directory.appendingPathComponent("tnc-\(name).sqlite").path
            var options = ImportOptions()
            options.strict = true
            let report = try XCTUnwrap(try SurveyImporter(survey: survey, options: options).run(files: [exportPath], storePath: storePath).first)
            XCTAssertEqual(report.accounting.responsesStored, people.count, "\(name): \(report.diagnostics)")
            XCTAssertEqual(report.accounting.unaccountedCells, 0, name)
            let stored = try ResponseStore(path: storePath).responses(.init(surveyID: survey.id))
            let byUUID = Dictionary(uniqueKeysWithValues: stored.map { ($0.metadata["_uuid"] ?? "", $0) })
            for person in people {
                let response = try XCTUnwrap(byUUID[person.uuid], "\(name): \(person.uuid)")
                for question in survey.questions {
                    let got = response.answers[question.id].flatMap { $0.isAnswered ? $0 : nil }
                    XCTAssertEqual(got, person.answers[question.id], "\(name) \(person.uuid) \(question.id)")
                }
            }
        }
    }
}
