import Foundation
import SamlaKit
import SamlaTestSupport
import XCTest

/// `samla export-form`: the form pyxform accepts, and the round trips of the issue's point 3.
final class XLSFormExportTests: XCTestCase {
    private var directory: URL!

    override func setUp() {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Every question type and show_if test, bounds, selection counts, personal questions, a
    /// description, a time zone and a contact section, in three languages.
    static let everyType = """
        format: 1
        id: every-type
        title: {sv: Alla typer, en: Every type, fi: Kaikki tyypit}
        description: {sv: En beskrivning, en: A description, fi: Kuvaus}
        languages: [sv, en, fi]
        time_zone: Europe/Helsinki
        questions:
          - id: welcome
            type: note
            text: {sv: Välkommen!, en: Welcome!, fi: Tervetuloa!}
          - id: org
            type: single_choice
            text: {sv: Organisation, en: Organisation, fi: Organisaatio}
            required: true
            choices:
              - {id: municipality, label: {sv: Kommun, en: Municipality, fi: Kunta}}
              - {id: Region_2, label: {sv: Region, en: Region, fi: Alue}}
            other: true
          - id: focus
            type: multiple_choice
            text: {sv: Fokus, en: Focus, fi: Painopiste}
            min_selected: 1
            max_selected: 2
            choices:
              - {id: housing, label: {sv: Bostäder, en: Housing, fi: Asuminen}}
              - {id: mobility, label: {sv: Mobilitet, en: Mobility, fi: Liikkuvuus}}
              - {id: skills, label: {sv: Kompetens, en: Skills, fi: Osaaminen}}
            other: true
          - id: interest
            type: scale
            text: {sv: Intresse, en: Interest, fi: Kiinnostus}
            scale:
              min: 0
              max: 4
              labels:
                0: {sv: Inget, en: None, fi: Ei lainkaan}
                4: {sv: Stort, en: Great, fi: Suuri}
          - id: staff
            type: number
            text: {sv: Antal, en: Staff, fi: Henkilöstö}
            integer: true
            min: 0
            max: 250
            show_if: {question: focus, includes: housing}
          - id: budget
            type: number
            text: {sv: Budget, en: Budget, fi: Budjetti}
            min: 0.5
            show_if: {question: interest, at_least: 2}
          - id: share
            type: number
            text: {sv: Andel, en: Share, fi: Osuus}
            max: 99.5
            show_if: {question: interest, at_most: 1}
          - id: why_other
            type: text
            text: {sv: Varför annat?, en: Why other?, fi: Miksi muu?}
            show_if: {question: org, equals: other}
          - id: contact
            type: single_choice
            text: {sv: Kontakt?, en: Contact?, fi: Yhteys?}
            choices:
              - {id: "yes", label: {sv: Ja, en: "Yes", fi: Kyllä}}
              - {id: "no", label: {sv: Nej, en: "No", fi: Ei}}
            show_if: {question: org, equals: Region_2}
          - id: before-contact
            type: note
            text: {sv: "Om ni vill bli kontaktade.", en: "If you would like to be contacted.", fi: "Jos haluatte yhteydenoton."}
            hint: {sv: Frivilligt, en: Optional, fi: Vapaaehtoinen}
            show_if:
              any:
                - {question: contact, equals: "yes"}
                - not: {question: org, equals: municipality}
          - id: email
            type: text
            text: {sv: E-post, en: E-mail, fi: Sähköposti}
            personal: true
          - id: phone
            type: text
            text: {sv: Telefon, en: Phone, fi: Puhelin}
          - id: 2nd-choice
            type: single_choice
            text: {sv: Andrahand, en: Second choice, fi: Toinen}
            choices:
              - {id: a, label: {sv: A, en: A, fi: A}}
              - {id: b, label: {sv: B, en: B, fi: B}}
            other: true
          - id: 3rd
            type: text
            text: {sv: Tredje, en: Third, fi: Kolmas}
            show_if: {question: 2nd-choice, equals: other}
          - id: goodbye
            type: note
            section: {sv: Slut, en: End, fi: Loppu}
            text: {sv: "Tack!\nVi hörs.", en: "Thank you!\nTalk soon.", fi: "Kiitos!\nKuulemiin."}
        contact:
          consent: {question: contact, equals: "yes"}
          email: email
          phone: phone
          organisation: org
        """

    static let oneLanguage = """
        format: 1
        id: kurz
        title: Kurze Umfrage
        languages: [de]
        questions:
          - {id: note, type: scale, text: "Wie war es?", scale: {min: 1, max: 3}}
          - {id: warum, type: text, text: "Warum?", required: true, show_if: {question: note, at_most: 2}}
        """

    private func survey(_ yaml: String, _ name: String) throws -> Survey {
        let result = SurveyLoader.parse(text: yaml, file: name)
        return try XCTUnwrap(result.survey, "\(result.diagnostics)")
    }

    private var surveys: [(name: String, survey: Survey)] {
        get throws {
            [("tnc-workshop", try SurveyLoader.require(path: TestPaths.repo("surveys/tnc-workshop.yaml"))),
             ("every-type", try survey(Self.everyType, "every-type.yaml")),
             ("one-language", try survey(Self.oneLanguage, "kurz.yaml"))]
        }
    }

    private func export(_ survey: Survey, _ name: String) throws -> String {
        let path = directory.appendingPathComponent("\(name).xlsx").path
        try XLSFormExport.write(survey, to: path)
        return path
    }

    /// Field by field, everything a survey file states (not the hash and text of the file itself).
    private func assertSameSurvey(_ got: Survey, _ expected: Survey, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(got.id, expected.id, name, file: file, line: line)
        XCTAssertEqual(got.title, expected.title, name, file: file, line: line)
        XCTAssertEqual(got.description, expected.description, name, file: file, line: line)
        XCTAssertEqual(got.languages, expected.languages, name, file: file, line: line)
        XCTAssertEqual(got.timeZoneName, expected.timeZoneName, name, file: file, line: line)
        XCTAssertEqual(got.contact, expected.contact, name, file: file, line: line)
        XCTAssertEqual(got.notes, expected.notes, "\(name): notes, where they stand, with texts, hints, sections and show_if", file: file, line: line)
        XCTAssertEqual(got.questions.count, expected.questions.count, name, file: file, line: line)
        for (a, b) in zip(got.questions, expected.questions) {
            XCTAssertEqual(a.id, b.id, name, file: file, line: line)
            XCTAssertEqual(a.type, b.type, "\(name) \(b.id)", file: file, line: line)
            XCTAssertEqual(a.text, b.text, "\(name) \(b.id)", file: file, line: line)
            XCTAssertEqual(a.required, b.required, "\(name) \(b.id)", file: file, line: line)
            XCTAssertEqual(a.personal, b.personal, "\(name) \(b.id)", file: file, line: line)
            XCTAssertEqual(a.choices, b.choices, "\(name) \(b.id)", file: file, line: line)
            XCTAssertEqual(a.allowsOther, b.allowsOther, "\(name) \(b.id)", file: file, line: line)
            XCTAssertEqual(a.minSelected, b.minSelected, "\(name) \(b.id)", file: file, line: line)
            XCTAssertEqual(a.maxSelected, b.maxSelected, "\(name) \(b.id)", file: file, line: line)
            XCTAssertEqual(a.scale, b.scale, "\(name) \(b.id)", file: file, line: line)
            XCTAssertEqual(a.bounds, b.bounds, "\(name) \(b.id)", file: file, line: line)
            XCTAssertEqual(a.showIf, b.showIf, "\(name) \(b.id)", file: file, line: line)
            XCTAssertEqual(a.hint, b.hint, "\(name) \(b.id)", file: file, line: line)
            XCTAssertEqual(a.heading, b.heading, "\(name) \(b.id)", file: file, line: line)
            XCTAssertEqual(a.list, b.list, "\(name) \(b.id)", file: file, line: line)
        }
    }

    func testExportedFormsPassPyxform() throws {
        for (name, survey) in try surveys {
            let path = try export(survey, name)
            let (xform, warnings) = try XLSFormFixture.pyxform(path)
            XCTAssertEqual(warnings, [], "\(name): pyxform's warnings")
            XCTAssertTrue(xform.contains("<data id=\"\(survey.id)\""), name)
            for language in survey.languages where survey.languages.count > 1 {
                XCTAssertTrue(xform.contains("<translation lang=\"\(language == "sv" ? "Svenska (sv)" : language == "en" ? "English (en)" : "Suomi (fi)")\""), "\(name) \(language)")
            }
        }
        let everyType = try survey(Self.everyType, "every-type.yaml")
        let (xform, _) = try XLSFormFixture.pyxform(try export(everyType, "every-type"))
        XCTAssertTrue(xform.contains("relevant=\"selected( /data/focus , 'housing')\""), xform)
        XCTAssertTrue(xform.contains("relevant=\" /data/interest  &gt;= 2\""), xform)
        XCTAssertTrue(xform.contains("relevant=\" /data/org  = 'Region_2'\""), xform)
        XCTAssertTrue(xform.contains("constraint=\". &gt;= 0 and . &lt;= 250\""), xform)
        XCTAssertTrue(xform.contains("constraint=\"count-selected(.) &gt;= 1 and count-selected(.) &lt;= 2\""), xform)
        XCTAssertTrue(xform.contains("nodeset=\"/data/org\" type=\"string\" required=\"true()\""), xform)
        XCTAssertTrue(xform.contains("<value>A description</value>"), "the description is a note")
        XCTAssertTrue(xform.contains("<value>Welcome!</value>"), "a note is a note")
        XCTAssertTrue(xform.contains("nodeset=\"/data/before-contact\" readonly=\"true()\" type=\"string\" relevant=\" /data/contact  = 'yes' or not( /data/org  = 'municipality')\""), xform)
        XCTAssertTrue(xform.contains("<value>Optional</value>"), "the note's hint")
        XCTAssertTrue(xform.contains("<group ref=\"/data/section_1\"><label ref=\"jr:itext('/data/section_1:label')\"/><input ref=\"/data/section_1/goodbye\">"),
                      "a note's section is a group")
        XCTAssertTrue(xform.contains("relevant=\" /data/_2nd-choice  = 'other'\""), "an id starting with a digit is written with '_' before it")
        XCTAssertTrue(xform.contains("Personal data: your answers to \"E-mail\"; \"Phone\" go only to the organiser"), "the privacy note")
        XCTAssertTrue(xform.contains("Personuppgifter: dina svar på \"E-post\"; \"Telefon\" går bara till arrangören"), "the privacy note in Swedish")
    }

    func testTheSheetsAsAFormToolReadsThem() throws {
        let survey = try SurveyLoader.require(path: TestPaths.repo("surveys/tnc-workshop.yaml"))
        let sheets = try XLSFormFixture.read(try export(survey, "tnc"))
        XCTAssertEqual(Array(sheets.keys).sorted(), ["choices", "samla", "settings", "survey"])
        let form = try XCTUnwrap(sheets["survey"])
        XCTAssertEqual(form[0], ["type", "name", "label::Svenska (sv)", "label::English (en)", "required", "relevant", "constraint",
                                 "appearance", "samla_personal"])
        func row(_ name: String) throws -> [String] { try XCTUnwrap(form.first { $0.count > 1 && $0[1] == name }, name) }
        XCTAssertEqual(form[1], ["note", "samla_description", survey.description!.text("sv"), survey.description!.text("en")])
        XCTAssertEqual(form[2], ["select_one role", "role", "Vilken organisation företräder du?", "Which organisation do you represent?", "yes"])
        XCTAssertEqual(form[3], ["text", "role_other", "Annat, ange vad", "Other, please specify", "yes", "selected(${role}, 'other')"],
                       "'other' as XLSForm recommends with translations: a choice and a text question asked when it is chosen")
        XCTAssertEqual(try row("collaboration"), ["select_one collaboration", "collaboration", "Hur intresserade är ni av närmare samarbete med Thriving Northern Cities?",
                                                  "How interested are you in closer collaboration with Thriving Northern Cities?", "", "", "", "likert"])
        XCTAssertEqual(try row("entry-point"), ["select_one entry-point", "entry-point", "Kan er organisation vara en ingång till det regionala utvecklingsarbetet?",
                                                "Could your organisation be a way in to the regional development work?", "", "${collaboration} >= 3"])
        let privacy = try XCTUnwrap(form.firstIndex { $0.count > 1 && $0[1] == "samla_privacy" })
        XCTAssertEqual(form[privacy + 1], ["text", "name", "Namn (om ni vill bli kontaktade)", "Name (if you would like to be contacted)", "", "", "", "", "yes"],
                       "the privacy note stands before the first personal question")
        XCTAssertEqual(form[privacy][0], "note")
        XCTAssertTrue(form[privacy][3].hasPrefix("Personal data: your answers to \"Name (if you would like to be contacted)\"; \"E-mail if"), form[privacy][3])
        let choices = try XCTUnwrap(sheets["choices"])
        XCTAssertEqual(choices[0], ["list_name", "name", "label::Svenska (sv)", "label::English (en)"])
        XCTAssertTrue(choices.contains(["collaboration", "2", "2", "2"]), "an unlabelled scale point is labelled with its number")
        XCTAssertTrue(choices.contains(["collaboration", "3", "Kanske", "Maybe"]))
        XCTAssertTrue(choices.contains(["entry-point", "yes", "Ja", "Yes"]))
        XCTAssertTrue(choices.contains(["role", "other", "Annat", "Other"]))
        XCTAssertEqual(sheets["settings"], [["form_title", "form_id", "default_language"], ["Fortsatt gemensamt arbete", "tnc-workshop", "Svenska (sv)"]])
        XCTAssertEqual(sheets["samla"]?.first(where: { $0.first == "contact.consent" }), ["contact.consent", "", "involvement includes contact"])
    }

    /// Samla → XLSForm → Samla gives the same survey.
    func testSamlaToXLSFormToSamlaIsTheSameSurvey() throws {
        for (name, survey) in try surveys {
            let draft = try XLSFormDrafter.draft(path: try export(survey, name))
            XCTAssertEqual(draft.unconverted.count, 0, "\(name): \(draft.unconverted)")
            assertSameSurvey(draft.survey, survey, name)
        }
    }

    /// Random surveys (every type, one to three languages, ids that start with digits or hold
    /// '_', labels with quotes, `${`, markup and line breaks, negative scales, bounds, show_if of
    /// every kind): each form pyxform accepts without a warning, and each reads back the same.
    func testRandomSurveysExportAndComeBackTheSame() throws {
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
        let words = ["Kommun", "It's \"quoted\"", "Pris i ${SEK}", "*fet* <b>x</b>", "rad ett\nrad två", "Åsa & Öberg", "= 1 + 1", "50 %", "#tag", "yes"]
        var surveys: [Survey] = []
        for index in 0..<24 {
            let languages = Array(["sv", "en", "fi"].prefix(1 + next(3)))
            func text(_ base: String) -> LocalizedText {
                LocalizedText(Dictionary(uniqueKeysWithValues: languages.map { ($0, "\(base) (\($0))") }))
            }
            var questions: [Question] = []
            for position in 0..<(2 + next(8)) {
                let id = pick(["q\(position)", "\(position)-q", "q_\(position)", "fråga-\(position)".replacingOccurrences(of: "å", with: "a")])
                var question = Question(id: id, type: pick(QuestionType.allCases), text: text(pick(words)))
                question.required = next(3) == 0
                if next(4) == 0 { question.hint = text(pick(words)) }
                if next(4) == 0 { question.heading = text("Del \(position): " + pick(words)) }
                question.personal = next(5) == 0
                switch question.type {
                case .singleChoice, .multipleChoice:
                    var ids = ["a", "B_2", "3", "yes", "no", "x-y", "Z"]
                    for last in stride(from: ids.count - 1, to: 0, by: -1) { ids.swapAt(last, next(last + 1)) }
                    question.choices = ids.prefix(1 + next(5)).map { Choice(id: $0, label: text(pick(words) + " " + $0)) }
                    question.allowsOther = next(2) == 0
                    // Sometimes the list of the first choice question, shared under a list name.
                    if next(4) == 0, let base = questions.firstIndex(where: { $0.type.hasChoices }) {
                        questions[base].list = questions[base].list ?? "delad_lista"
                        question.list = questions[base].list
                        question.choices = questions[base].choices
                        question.allowsOther = questions[base].allowsOther
                    }
                    if question.type == .multipleChoice, next(2) == 0 {
                        question.maxSelected = 1 + next(question.choices.count)
                        question.minSelected = next(2) == 0 ? 1 : nil
                    }
                case .scale:
                    let low = pick([-2, 0, 1])
                    question.scale = ScaleRange(min: low, max: low + 2 + next(8), labels: next(2) == 0 ? [low: text("low")] : [:])
                case .number:
                    question.bounds = NumberBounds(integer: next(2) == 0, min: next(2) == 0 ? Double(next(5)) : nil,
                                                   max: next(2) == 0 ? 10 + Double(next(100)) / 4 : nil)
                case .text:
                    break
                }
                func test() -> ShowIf? {
                    let target = pick(questions)
                    switch target.type {
                    case .singleChoice: return .test(Condition(question: target.id, test: .equals(pick(target.choices).id)))
                    case .multipleChoice: return .test(Condition(question: target.id, test: .includes(target.choices.last!.id)))
                    case .scale: return .test(Condition(question: target.id, test: next(2) == 0 ? .atLeast(Double(target.scale!.min + 1)) : .atMost(Double(target.scale!.max))))
                    case .number: return .test(Condition(question: target.id, test: next(2) == 0 ? .atLeast(2.5) : .atMost(Double(next(9)))))
                    case .text: return nil
                    }
                }
                // Tests combined with all / any / not, nested up to three deep.
                func condition(depth: Int) -> ShowIf? {
                    guard depth < 3, next(3) == 0 else { return test() }
                    if next(3) == 0 { return condition(depth: depth + 1).map(ShowIf.not) }
                    let parts = (0..<(2 + next(2))).compactMap { _ in condition(depth: depth + 1) }
                    guard parts.count >= 2 else { return parts.first }
                    return next(2) == 0 ? .all(parts) : .any(parts)
                }
                if !questions.isEmpty, next(2) == 0 {
                    question.showIf = condition(depth: 0)
                }
                if !questions.contains(where: { $0.id == question.id }) { questions.append(question) }
            }
            // Notes anywhere, the last after every question, some with a hint, a section or a show_if.
            var notes: [Note] = []
            for number in 0..<next(4) {
                var note = Note(id: "not\(number)", text: text(pick(words)), position: number == 2 ? questions.count : next(questions.count + 1))
                if next(3) == 0 { note.hint = text(pick(words)) }
                if next(4) == 0 { note.heading = text("Notdel \(number)") }
                if note.position > 0, next(2) == 0 {
                    let target = questions[next(note.position)]
                    switch target.type {
                    case .singleChoice: note.showIf = .test(Condition(question: target.id, test: .equals(target.choices[0].id)))
                    case .multipleChoice: note.showIf = .not(.test(Condition(question: target.id, test: .includes(target.choices[0].id))))
                    case .scale, .number: note.showIf = .test(Condition(question: target.id, test: .atLeast(1)))
                    case .text: break
                    }
                }
                notes.append(note)
            }
            notes.sort { $0.position < $1.position }
            let survey = Survey(id: "random-\(index)", title: text("Titel \(index)"), description: next(2) == 0 ? text("Om") : nil,
                                languages: languages, questions: questions, notes: notes)
            let loaded = SurveyLoader.parse(text: SurveyWriter.yaml(survey), file: "random-\(index).yaml")
            surveys.append(try XCTUnwrap(loaded.survey, "\(loaded.diagnostics)"))
        }
        var paths: [String] = []
        for survey in surveys { paths.append(try export(survey, survey.id)) }
        let problems = try XLSFormFixture.pyxformProblems(paths)
        for (survey, problem) in zip(surveys, problems) {
            XCTAssertEqual(problem, "", "\(survey.id): pyxform\n\(SurveyWriter.yaml(survey))")
        }
        for (survey, path) in zip(surveys, paths) {
            let draft = try XLSFormDrafter.draft(path: path)
            XCTAssertEqual(draft.unconverted.count, 0, "\(survey.id): \(draft.unconverted)")
            assertSameSurvey(draft.survey, survey, survey.id)
        }
    }

    /// XLSForm → Samla → XLSForm keeps the names, the choices and the labels of what was converted.
    func testXLSFormToSamlaToXLSFormKeepsNamesChoicesAndLabels() throws {
        let original = directory.appendingPathComponent("original.xlsx").path
        try XLSFormFixture.write(XLSFormDraftTests.everyConstruct, to: original)
        let draft = try XLSFormDrafter.draft(path: original)
        let again = try export(draft.survey, "again")
        _ = try XLSFormFixture.pyxform(again)
        let before = try XLSFormFixture.read(original)
        let after = try XLSFormFixture.read(again)

        // Labels by question name, and (name, labels) of each question's choices, language by language.
        func questions(_ sheets: [String: [[String]]]) -> [String: (type: String, labels: [String: String], list: String)] {
            let rows = sheets["survey"]!
            let header = rows[0]
            var out: [String: (String, [String: String], String)] = [:]
            for row in rows.dropFirst() where row.count > 1 {
                var labels: [String: String] = [:]
                for (index, title) in header.enumerated() where title.hasPrefix("label::") && index < row.count {
                    labels[title] = row[index]
                }
                let words = row[0].split(separator: " ").map(String.init)
                out[row[1]] = (words[0] == "select" ? "select_multiple" : words[0], labels, words.count > 1 ? words.last == "or_other" ? words[words.count - 2] : words.last! : "")
            }
            return out
        }
        func choices(_ sheets: [String: [[String]]], list: String) -> [[String]] {
            let rows = sheets["choices"]!
            let columns = ["name", "label::Svenska (sv)", "label::English (en)"].map { rows[0].firstIndex(of: $0)! }
            return rows.dropFirst().filter { $0.first == list }.map { row in columns.map { $0 < row.count ? row[$0] : "" } }
        }
        let old = questions(before)
        let new = questions(after)
        for question in draft.survey.questions {
            let was = try XCTUnwrap(old[question.id], question.id)
            let now = try XCTUnwrap(new[question.id], "\(question.id) is in the exported form under its name")
            XCTAssertEqual(now.labels, was.labels, question.id)
            XCTAssertEqual(now.list, was.list, "\(question.id) keeps its list's name")
            if question.type.hasChoices || question.type == .scale {
                // or_other's implicit choice is written out, as XLSForm recommends with translations.
                let written = choices(after, list: now.list).filter { !question.allowsOther || $0[0] != "other" }
                XCTAssertEqual(written, choices(before, list: was.list), "\(question.id)'s choices")
            }
        }
        for note in draft.survey.notes {
            let was = try XCTUnwrap(old[note.id], note.id)
            let now = try XCTUnwrap(new[note.id], "note \(note.id) is in the exported form under its name")
            XCTAssertEqual(now.type, "note", note.id)
            XCTAssertEqual(now.labels, was.labels, note.id)
        }
        XCTAssertEqual(draft.survey.notes.map(\.id), ["intro", "closing"])
        XCTAssertEqual(new["org_type"]?.type, "select_one")
        XCTAssertEqual(new["also_topics"]?.type, "select_multiple")
        XCTAssertEqual(choices(after, list: "org").last, ["other", "Annat", "Other"], "the list keeps its name")
        XCTAssertEqual(after["survey"]!.first { $0.count > 1 && $0[1] == "org_type_other" }?[0], "text")
        XCTAssertEqual(try XLSFormDrafter.draft(path: again).survey.questions, draft.survey.questions, "and back again")
    }
}
