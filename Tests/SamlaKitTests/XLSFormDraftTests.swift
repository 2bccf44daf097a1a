import Foundation
import SamlaKit
import SamlaTestSupport
import XCTest

/// `samla draft FORM.xlsx` on XLSForms written here with openpyxl, one construct per row, the
/// drafted survey checked field by field and what is not converted checked by its cell.
final class XLSFormDraftTests: XCTestCase {
    private var directory: URL!

    override func setUp() {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Every construct the issue names, in two languages; row numbers in the comments are the sheet's.
    static let everyConstruct: XLSFormFixture.Sheets = [
        ("survey", [
            ["type", "name", "label::Svenska (sv)", "label::English (en)", "hint::Svenska (sv)", "hint::English (en)",
             "required", "relevant", "constraint", "appearance", "calculation", "choice_filter"],
            ["start", "start"],                                                                         // 2
            ["end", "end"],                                                                             // 3
            ["note", "intro", "Välkommen", "Welcome"],                                                  // 4
            ["begin group", "background", "Bakgrund", "Background"],                                    // 5
            ["select_one org or_other", "org_type", "Organisation?", "Organisation?", "Välj en", "Pick one", "yes"], // 6
            ["select_multiple topics", "focus_areas", "Fokus", "Focus", "", "", "", "", "count-selected(.) <= 2"],   // 7
            ["end group"],                                                                              // 8
            ["integer", "staff_count", "Antal anställda", "Staff", "", "", "", "selected(${focus_areas}, 'housing')", ". >= 0 and . <= 500"], // 9
            ["decimal", "budget", "Budget", "Budget", "", "", "", "${org_type} = 'region'", ". > 0"],   // 10
            ["select_one likert5", "interest", "Intresse", "Interest", "", "", "", "", "", "likert"],   // 11
            ["select_one yesno", "contact_ok", "Kontakt?", "Contact?", "", "", "", "${interest} >= 3"], // 12
            ["text", "email", "E-post", "E-mail", "", "", "", "selected(${contact_ok}, 'yes') and ${interest} > 2"], // 13
            ["text", "comments", "Kommentar", "Comment", "", "", "", "not(${org_type} = 'region')"],    // 14
            ["calculate", "total", "", "", "", "", "", "", "", "", "${staff_count} * 2"],               // 15
            ["begin repeat", "members", "Medlemmar", "Members"],                                        // 16
            ["text", "member_name", "Namn", "Name"],                                                    // 17
            ["end repeat"],                                                                             // 18
            ["image", "photo", "Foto", "Photo"],                                                        // 19
            ["select_one municipality", "muni", "Kommun", "Municipality", "", "", "", "", "", "", "", "county=${org_type}"], // 20
            ["text", "q_later", "Senare", "Later", "", "", "", "(${org_type} = 'municipality')"],      // 21
            ["date", "visit_date", "Datum", "Date", "", "", "", "selected(${org_type}, 'other')"],      // 22
            ["select all that apply topics", "also_topics", "Också", "Also", "", "", "", "${staff_count} < 10"], // 23
            ["text", "either", "Antingen", "Either", "", "", "", "${org_type} = 'region' or ${org_type} = 'agency' and ${interest} >= 4"], // 24
            ["text", "neither", "Ingetdera", "Neither", "", "", "", "not(${interest} >= 4 or selected(${focus_areas}, 'mobility')) and ${org_type} != 'agency'"], // 25
            ["text", "grouped", "Grupperat", "Grouped", "", "", "", "(${org_type} = 'region' or ${org_type} = 'agency') and (${interest} <= 2)"], // 26
            ["begin group", "later_part", "Senare del", "Later part", "", "", "", "${interest} >= 2"],  // 27
            ["text", "in_group", "I gruppen", "In the group", "", "", "", "${org_type} = 'region'"],   // 28
            ["text", "group_only", "Bara gruppen", "Group only"],                                      // 29
            ["end group"],                                                                             // 30
            ["text", "partly", "Delvis", "Partly", "", "", "", "${interest} >= 3 and ${visit_date} = '2020-01-01'"], // 31
            ["begin group", "closing_part", "Avslutning", "Closing"],                                   // 32
            ["note", "closing", "Tack för idag", "Thanks for today", "Vi hörs", "Talk soon", "", "${interest} >= 4 or selected(${focus_areas}, 'housing')"], // 33
            ["end group"],                                                                             // 34
        ]),
        ("choices", [
            ["list_name", "name", "label::Svenska (sv)", "label::English (en)", "county"],
            ["org", "municipality", "Kommun", "Municipality"],
            ["org", "region", "Region", "Region"],
            ["org", "agency", "Myndighet", "Agency"],
            ["topics", "housing", "Bostäder", "Housing"],
            ["topics", "mobility", "Mobilitet", "Mobility"],
            ["topics", "skills_jobs", "Kompetens", "Skills"],
            ["likert5", "1", "Inte alls", "Not at all"],
            ["likert5", "2", "2", "2"],
            ["likert5", "3", "Kanske", "Maybe"],
            ["likert5", "4", "4", "4"],
            ["likert5", "5", "Mycket", "Very much"],
            ["yesno", "yes", "Ja", "Yes"],
            ["yesno", "no", "Nej", "No"],
            ["municipality", "umea", "Umeå", "Umeå", "municipality"],
            ["municipality", "lulea", "Luleå", "Luleå", "region"],
        ]),
        ("settings", [
            ["form_title", "form_id", "default_language", "version", "instance_name"],
            ["Fältenkät", "field_survey", "English (en)", "2026050401", "concat(${org_type}, '-', ${muni})"],
        ]),
    ]

    private func form(_ sheets: XLSFormFixture.Sheets, name: String = "form.xlsx") throws -> String {
        let path = directory.appendingPathComponent(name).path
        try XLSFormFixture.write(sheets, to: path)
        return path
    }

    private func both(_ en: String, _ sv: String) -> LocalizedText {
        LocalizedText(["en": en, "sv": sv])
    }

    func testEveryConstructConvertsFieldByField() throws {
        let path = try form(Self.everyConstruct)
        XCTAssertTrue(XLSFormDrafter.isForm(path: path))
        let draft = try XLSFormDrafter.draft(path: path)
        let survey = draft.survey
        XCTAssertEqual(survey.id, "field-survey")
        XCTAssertEqual(survey.languages, ["en", "sv"], "default_language first, then the label columns' languages")
        XCTAssertEqual(survey.title, both("Fältenkät", "Fältenkät"))
        XCTAssertNil(survey.description)
        XCTAssertEqual(survey.questions.map(\.id), ["org_type", "focus_areas", "staff_count", "budget", "interest", "contact_ok",
                                                    "email", "comments", "muni", "q_later", "visit_date", "also_topics",
                                                    "either", "neither", "grouped", "in_group", "group_only", "partly"])
        func question(_ id: String) throws -> Question { try XCTUnwrap(survey.question(id), id) }

        XCTAssertEqual(try question("org_type"), Question(
            id: "org_type", type: .singleChoice, text: both("Organisation?", "Organisation?"), required: true,
            choices: [Choice(id: "municipality", label: both("Municipality", "Kommun")), Choice(id: "region", label: both("Region", "Region")),
                      Choice(id: "agency", label: both("Agency", "Myndighet"))],
            allowsOther: true, hint: both("Pick one", "Välj en"), heading: both("Background", "Bakgrund"), list: "org"))
        XCTAssertEqual(try question("focus_areas"), Question(
            id: "focus_areas", type: .multipleChoice, text: both("Focus", "Fokus"),
            choices: [Choice(id: "housing", label: both("Housing", "Bostäder")), Choice(id: "mobility", label: both("Mobility", "Mobilitet")),
                      Choice(id: "skills_jobs", label: both("Skills", "Kompetens"))],
            maxSelected: 2, list: "topics"))
        XCTAssertEqual(try question("staff_count"), Question(
            id: "staff_count", type: .number, text: both("Staff", "Antal anställda"), bounds: NumberBounds(integer: true, min: 0, max: 500),
            showIf: .test(Condition(question: "focus_areas", test: .includes("housing")))))
        XCTAssertEqual(try question("budget"), Question(
            id: "budget", type: .number, text: both("Budget", "Budget"), bounds: NumberBounds(integer: false),
            showIf: .test(Condition(question: "org_type", test: .equals("region")))), "'. > 0' on a decimal is no inclusive bound")
        XCTAssertEqual(try question("interest"), Question(
            id: "interest", type: .scale, text: both("Interest", "Intresse"),
            scale: ScaleRange(min: 1, max: 5, labels: [1: both("Not at all", "Inte alls"), 3: both("Maybe", "Kanske"), 5: both("Very much", "Mycket")]),
            list: "likert5"))
        XCTAssertEqual(try question("also_topics").list, "topics", "two questions share one list")
        XCTAssertEqual(try question("contact_ok").list, "yesno")
        XCTAssertEqual(try question("contact_ok").showIf, .test(Condition(question: "interest", test: .atLeast(3))))
        XCTAssertEqual(try question("contact_ok").choices.map(\.id), ["yes", "no"])
        func test(_ question: String, _ test: Condition.Test) -> ShowIf { .test(Condition(question: question, test: test)) }
        XCTAssertEqual(try question("email").showIf, .all([test("contact_ok", .equals("yes")), test("interest", .atLeast(3))]), "and")
        XCTAssertEqual(try question("email").type, .text)
        XCTAssertEqual(try question("comments").showIf, .not(test("org_type", .equals("region"))), "not()")
        XCTAssertEqual(try question("either").showIf, .any([test("org_type", .equals("region")),
                                                             .all([test("org_type", .equals("agency")), test("interest", .atLeast(4))])]),
                       "and binds tighter than or")
        XCTAssertEqual(try question("neither").showIf, .all([.not(.any([test("interest", .atLeast(4)), test("focus_areas", .includes("mobility"))])),
                                                              .not(test("org_type", .equals("agency")))]),
                       "not() of an or, and != as not of equals")
        XCTAssertEqual(try question("grouped").showIf, .all([.any([test("org_type", .equals("region")), test("org_type", .equals("agency"))]),
                                                              test("interest", .atMost(2))]), "parentheses group")
        XCTAssertEqual(try question("in_group").showIf, .all([test("interest", .atLeast(2)), test("org_type", .equals("region"))]),
                       "the group's relevant and the question's own")
        XCTAssertEqual(try question("group_only").showIf, test("interest", .atLeast(2)), "the group's relevant alone")
        XCTAssertNil(try question("partly").showIf, "one part Samla cannot state: always asked")
        XCTAssertEqual(try question("muni").choices.map(\.id), ["umea", "lulea"], "a cascading select offers every choice")
        XCTAssertEqual(try question("q_later").showIf, .test(Condition(question: "org_type", test: .equals("municipality"))), "parentheses")
        XCTAssertEqual(try question("visit_date"), Question(
            id: "visit_date", type: .text, text: both("Date", "Datum"), showIf: .test(Condition(question: "org_type", test: .equals("other")))),
                       "selected() on a select_one with or_other, 'other' being its other answer")
        XCTAssertEqual(try question("also_topics").type, .multipleChoice, "'select all that apply'")
        XCTAssertEqual(try question("also_topics").showIf, .test(Condition(question: "staff_count", test: .atMost(9))), "< 10 on an integer")
        XCTAssertNil(survey.question("total"))
        XCTAssertNil(survey.question("member_name"))
        XCTAssertNil(survey.question("photo"))
        // Notes are notes: labels in both languages, the hint, relevant as show_if, the group's label as section.
        XCTAssertEqual(survey.notes, [
            Note(id: "intro", text: both("Welcome", "Välkommen"), position: 0),
            Note(id: "closing", text: both("Thanks for today", "Tack för idag"), position: survey.questions.count, hint: both("Talk soon", "Vi hörs"),
                 heading: both("Closing", "Avslutning"),
                 showIf: .any([.test(Condition(question: "interest", test: .atLeast(4))), .test(Condition(question: "focus_areas", test: .includes("housing")))])),
        ])
        XCTAssertNil(survey.question("intro"), "a note is no question")
        XCTAssertEqual(survey.items.map(\.id).first, "intro")
        XCTAssertEqual(survey.items.map(\.id).last, "closing")

        // What was not converted, each at its cell.
        let listed = draft.unconverted.sorted.map { "\($0.location.description.replacingOccurrences(of: path, with: "form.xlsx")) \($0.message)" }
        func listedAt(_ cell: String, _ words: String, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertTrue(listed.contains { $0.hasPrefix("form.xlsx:survey!\(cell) ") && $0.contains(words) },
                          "\(cell) '\(words)' not in:\n\(listed.joined(separator: "\n"))", file: file, line: line)
        }
        XCTAssertFalse(listed.contains { $0.contains("intro") || $0.contains("closing") }, "notes convert")
        listedAt("I10", "constraint '. > 0' is not an inclusive range")
        listedAt("H31", "'${interest} >= 3 and ${visit_date} = '2020-01-01'' is not a test Samla's show_if has")
        XCTAssertFalse(listed.contains { $0.hasPrefix("form.xlsx:survey!H13 ") || $0.hasPrefix("form.xlsx:survey!H14 ") }, "and / not() convert")
        listedAt("A15", "calculate 'total' is not converted")
        listedAt("A16", "repeat 'members' is not converted")
        listedAt("A19", "image 'photo' is not converted")
        listedAt("L20", "choice_filter of 'muni' (a cascading select) is not converted")
        listedAt("A22", "date 'visit_date' becomes a text question")
        XCTAssertFalse(listed.contains { $0.contains("member_name") }, "questions inside a repeat are covered by the repeat's line")
        XCTAssertFalse(listed.contains { $0.contains("column 'calculation'") }, "the calculation column is covered by the calculate row's line")
        XCTAssertTrue(listed.contains { $0.hasPrefix("form.xlsx:settings!E2 column 'instance_name' (1 row) is not converted") }, listed.joined(separator: "\n"))
        XCTAssertFalse(listed.contains { $0.contains("'county'") }, "the choice_filter's column is covered by its line")
        XCTAssertEqual(listed.count, 8, listed.joined(separator: "\n"))
        XCTAssertFalse(listed.contains { $0.contains("becomes the id") }, "names with '_' are kept as ids")

        // The YAML: the same survey read back, the listing at the top, the group and note where they stood, the hint a key.
        let loaded = SurveyLoader.parse(text: draft.yaml, file: "draft.yaml")
        XCTAssertEqual(loaded.survey?.questions, survey.questions, "\(loaded.diagnostics)")
        XCTAssertEqual(loaded.survey?.notes, survey.notes)
        let lines = draft.yaml.components(separatedBy: "\n")
        XCTAssertTrue(lines.contains { $0.hasPrefix("#   ") && $0.contains("survey!A15: calculate 'total'") })
        let orgLine = try XCTUnwrap(lines.firstIndex(of: "  - id: org_type"))
        XCTAssertEqual(Array(lines[(orgLine - 4)..<orgLine]), ["  - id: intro", "    type: note", "    text: {en: Welcome, sv: Välkommen}", ""], draft.yaml)
        XCTAssertFalse(draft.yaml.contains("# Note"), "no note is a comment any more")
        XCTAssertTrue(lines.contains("# Groups are flattened, their labels sections; note rows are notes. Check with: samla validate FILE"), draft.yaml)
        XCTAssertEqual(lines[orgLine + 1], "    section: {en: Background, sv: Bakgrund}", draft.yaml)
        XCTAssertEqual(lines[orgLine + 4], "    hint: {en: Pick one, sv: Välj en}", draft.yaml)
        XCTAssertEqual(try question("in_group").heading, both("Later part", "Senare del"), "a group's label heads its first question")
        XCTAssertNil(try question("group_only").heading, "and only that one: the section runs on")
        XCTAssertEqual(survey.heading(of: try question("group_only")), both("Later part", "Senare del"))
        XCTAssertNil(try question("focus_areas").hint)
    }

    /// A note that shows an answer (`${name}`) is still a note, its text as written, and the reference is listed at its cell.
    func testANoteShowingAnAnswerIsConvertedAndTheReferenceListed() throws {
        let path = try form([
            ("survey", [
                ["type", "name", "label", "hint", "relevant"],
                ["text", "name", "Your name"],
                ["note", "thanks", "Thank you, ${name}!", "We will be in touch", "${name} != ''"],
                ["note", "plain", "No reference here"],
            ]),
        ], name: "refs.xlsx")
        let draft = try XLSFormDrafter.draft(path: path)
        XCTAssertEqual(draft.survey.notes.map(\.id), ["thanks", "plain"])
        XCTAssertEqual(draft.survey.note("thanks")?.text.text("en"), "Thank you, ${name}!")
        XCTAssertEqual(draft.survey.note("thanks")?.hint?.text("en"), "We will be in touch")
        let listed = draft.unconverted.sorted.map { "\($0.location.description.replacingOccurrences(of: path, with: "refs.xlsx")) \($0.message)" }
        XCTAssertTrue(listed.contains { $0.hasPrefix("refs.xlsx:survey!C3 the label of 'thanks' shows another answer") }, listed.joined(separator: "\n"))
        XCTAssertTrue(listed.contains { $0.hasPrefix("refs.xlsx:survey!E3 ") && $0.contains("'thanks' is always shown") }, "a text question is no condition: \(listed)")
        XCTAssertEqual(listed.count, 2, listed.joined(separator: "\n"))
        XCTAssertNil(draft.survey.note("thanks")?.showIf)
    }

    /// Forms often name the question itself in its constraint (`${age} >= 18`) where `.` is meant.
    func testAConstraintNamingItsOwnQuestionReadsAsTheAnswer() throws {
        let path = try form([
            ("survey", [
                ["type", "name", "label", "constraint"],
                ["integer", "age", "Age", "${age} >= 18 and ${age} <= 99"],
                ["select_multiple topics", "topics", "Topics", "count-selected(${topics}) <= 2"],
                ["decimal", "share", "Share", "${age} <= 1"],
            ]),
            ("choices", [["list_name", "name", "label"], ["topics", "a", "A"], ["topics", "b", "B"], ["topics", "c", "C"]]),
        ], name: "self.xlsx")
        let draft = try XLSFormDrafter.draft(path: path)
        XCTAssertEqual(draft.survey.question("age")?.bounds.min, 18)
        XCTAssertEqual(draft.survey.question("age")?.bounds.max, 99)
        XCTAssertEqual(draft.survey.question("topics")?.maxSelected, 2)
        XCTAssertNil(draft.survey.question("share")?.bounds.max, "another question's name is no bound of this one")
        let messages = draft.unconverted.sorted.map(\.message)
        XCTAssertEqual(messages.count, 1, "\(messages)")
        XCTAssertTrue(messages.first?.contains("constraint '${age} <= 1' is not a range of the answer") == true, "\(messages)")
    }

    func testShortLanguageColumnsPlainLabelsAndMissingTranslations() throws {
        let path = try form([
            ("survey", [
                ["type", "name", "label::sv", "label::en", "required"],
                ["select_one yn", "Agrees", "Håller du med?", "Do you agree?", "TRUE"],
                ["text", "why.not", "Varför inte?", "", "no"],
                ["integer", "age", "Ålder", "Age", "${Agrees} = 'y'"],
            ]),
            ("choices", [["list_name", "name", "label::sv", "label::en"], ["yn", "y", "Ja", "Yes"], ["yn", "n", "Nej", "No"]]),
        ], name: "Short Form.xlsx")
        let draft = try XLSFormDrafter.draft(path: path)
        XCTAssertEqual(draft.survey.id, "short-form", "no form_id: the file's name")
        XCTAssertEqual(draft.survey.languages, ["sv", "en"])
        XCTAssertEqual(draft.survey.questions.map(\.id), ["agrees", "why-not", "age"])
        XCTAssertEqual(draft.survey.questions[0].required, true)
        XCTAssertEqual(draft.survey.questions[1].text, LocalizedText(["sv": "Varför inte?", "en": "Varför inte?"]))
        XCTAssertFalse(draft.survey.questions[2].required)
        let messages = draft.unconverted.sorted.map { "\($0.location.description.replacingOccurrences(of: path, with: "F")) \($0.message)" }
        XCTAssertTrue(messages.contains("F:survey!B2 name 'Agrees' becomes the id 'agrees' (ids are lowercase letters, digits, '-' and '_')"), "\(messages)")
        XCTAssertTrue(messages.contains("F:survey!B3 name 'why.not' becomes the id 'why-not' (ids are lowercase letters, digits, '-' and '_')"), "\(messages)")
        XCTAssertTrue(messages.contains("F:survey!C3 no label in en: the sv one is used"), "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("F:survey!E4 required '${Agrees} = 'y'' is an expression") }, "\(messages)")

        // KoboToolbox's form builder: the list in select_from_list_name, its own `$` columns.
        let kobo = try form([
            ("survey", [["type", "name", "label", "select_from_list_name", "$kuid", "$autoname"],
                        ["select_one", "city", "City", "cities", "abc12", "city"],
                        ["select_multiple", "modes", "Modes", "modes", "def34", "modes"]]),
            ("choices", [["list_name", "name", "label", "$kuid"], ["cities", "umea", "Umeå", "k1"], ["cities", "lulea", "Luleå", "k2"],
                         ["modes", "bus", "Bus", "k3"], ["modes", "train", "Train", "k4"]]),
        ], name: "kobo-builder.xlsx")
        let built = try XLSFormDrafter.draft(path: kobo, language: "en")
        XCTAssertEqual(built.survey.questions.map(\.type), [.singleChoice, .multipleChoice])
        XCTAssertEqual(built.survey.questions.map { $0.choices.map(\.id) }, [["umea", "lulea"], ["bus", "train"]])
        XCTAssertEqual(built.unconverted.count, 0, "\(built.unconverted)")
        XCTAssertEqual(built.survey.questions.map(\.list), ["cities", nil], "a list named as its question is the question's own")

        // One list, two questions that come out with different choices: each keeps a list of its own.
        let split = try XLSFormDrafter.draft(path: try form([
            ("survey", [["type", "name", "label"], ["select_one yn", "first", "First?"], ["select_one yn or_other", "second", "Second?"],
                        ["select_one yn", "third", "Third?"]]),
            ("choices", [["list_name", "name", "label"], ["yn", "y", "Yes"], ["yn", "n", "No"]]),
        ], name: "split.xlsx"), language: "en")
        XCTAssertEqual(split.survey.questions.map(\.list), [nil, nil, nil])
        XCTAssertTrue(split.unconverted.sorted.contains { $0.message.contains("list 'yn' gives 'first' and 'second' different choices") },
                      "\(split.unconverted)")

        // One language in plain `label` columns: taken from the texts (here Swedish), or --lang.
        let plain = try form([
            ("survey", [["type", "name", "label"], ["text", "tankar", "Vad tycker du om arbetet i kommunen och regionen?"],
                        ["text", "mer", "Finns det något mer du vill berätta för oss om samarbetet?"]]),
        ], name: "plain.xlsx")
        XCTAssertEqual(try XLSFormDrafter.draft(path: plain).survey.languages, ["sv"])
        XCTAssertEqual(try XLSFormDrafter.draft(path: plain, language: "fi").survey.languages, ["fi"])
    }

    func testAWorkbookWithoutASurveySheetIsNoForm() throws {
        let path = try form([("Form1", [["Name", "Answer"], ["a", "b"]])], name: "responses.xlsx")
        XCTAssertFalse(XLSFormDrafter.isForm(path: path))
        let named = try form([("survey", [["Question", "Answer"], ["a", "b"]])], name: "survey.xlsx")
        XCTAssertFalse(XLSFormDrafter.isForm(path: named), "a sheet called survey without type and name columns is an export")
    }

    /// Forms made of random pieces of real ones (types, names, labels, expressions, lists):
    /// drafting never crashes, and gives either a survey that loads or a located error.
    func testRandomFormsNeverCrashAndAlwaysGiveAValidSurveyOrAnError() throws {
        let count = 60
        try Python.run(["-c", """
            import random, sys, openpyxl
            directory, count = sys.argv[1], int(sys.argv[2])
            types = ["text", "integer", "decimal", "note", "calculate", "select_one l1", "select_one l1 or_other", "select_multiple l2",
                     "select_multiple l2 or_other", "select_one nolist", "select_one", "begin group", "end group", "begin repeat",
                     "end repeat", "range", "date", "image", "geopoint", "rank l1", "select one l3", "select all that apply l1", "",
                     "acknowledge", "select_one l3", "SELECT_ONE L1", "start", "text  ", "begin_group"]
            names = ["q1", "q2", "Q1", "q.3", "q_4", "", "x y", "åäö", "1st", "_hidden", "q1_other", "a" * 80, "other"]
            labels = ["Fråga", "", "Question?", "=1+1", "<b>bold</b>", "a\\nb", "  ", "x" * 500, "${q1}"]
            exprs = ["", "${q1} = 'a'", "selected(${q2}, 'b')", "${q1} >= 3", "${q1} > 1e400", ". >= 0 and . <= 10", ". > 5 and . < 2",
                     "count-selected(.) <= 9", "count-selected(.) >= 2 and count-selected(.) <= 1", "not(", "${", "'unclosed",
                     "${q1} = 'a' or ${q2} = 'b'", "((${q1} = 'other'))", "1 = 1", "${nope} = 'x'", ". >= -9223372036854775808",
                     "${q1} <= 99999999999999999999", "selected(.)", "yes", "true()", "${q1} != 'a'", "${q1}=${q2}"]
            params = ["", "start=0 end=10 step=1", "start=-9223372036854775808 end=9223372036854775807", "start=5 end=1", "step=0.5"]
            for n in range(count):
                rnd = random.Random(n)
                wb = openpyxl.Workbook(); ws = wb.active; ws.title = "survey"
                header = ["type", "name", rnd.choice(["label", "label::English (en)", "label::sv", "label::Klingon"]), "label::Svenska (sv)",
                          "required", "relevant", "constraint", "appearance", "parameters", "choice_filter", "hint", rnd.choice(["media::image", "default", ""])]
                ws.append(header)
                for r in range(rnd.randint(0, 25)):
                    ws.append([rnd.choice(types), rnd.choice(names), rnd.choice(labels), rnd.choice(labels), rnd.choice(["", "yes", "no", "${q1} = 'a'"]),
                               rnd.choice(exprs), rnd.choice(exprs), rnd.choice(["", "likert", "minimal"]), rnd.choice(params),
                               rnd.choice(["", "x=${q1}"]), rnd.choice(labels), rnd.choice(["", "pic.png"])])
                if rnd.random() < 0.9:
                    ch = wb.create_sheet("choices"); ch.append(["list_name", "name", "label", "label::Svenska (sv)"])
                    for r in range(rnd.randint(0, 15)):
                        ch.append([rnd.choice(["l1", "l2", "l3", ""]), rnd.choice(["a", "b", "other", "1", "2", "3", "4", "5", "x y", "", "9223372036854775807"]),
                                   rnd.choice(labels), rnd.choice(labels)])
                if rnd.random() < 0.5:
                    st = wb.create_sheet("settings"); st.append(["form_title", "form_id", "default_language"])
                    st.append([rnd.choice(["T", "", "Titel"]), rnd.choice(["f", "", "My Form!", "x" * 90]), rnd.choice(["", "English (en)", "nonsense"])])
                wb.save(f"{directory}/random-{n}.xlsx")
            """, directory.path, String(count)])
        var drafted = 0
        for index in 0..<count {
            let path = directory.appendingPathComponent("random-\(index).xlsx").path
            do {
                let draft = try XLSFormDrafter.draft(path: path)
                let loaded = SurveyLoader.parse(text: draft.yaml, file: "random-\(index).yaml")
                XCTAssertTrue(loaded.isValid, "random-\(index): \(loaded.diagnostics)\n\(draft.yaml)")
                XCTAssertTrue(draft.unconverted.allSatisfy { $0.location.file == path }, "random-\(index)")
                drafted += 1
            } catch let error as DiagnosticsError {
                XCTAssertFalse(error.diagnostics.errors.isEmpty, "random-\(index)")
                XCTAssertTrue(error.diagnostics.errors.allSatisfy { $0.location.file == path }, "random-\(index): \(error)")
            }
        }
        XCTAssertGreaterThan(drafted, count / 3, "most random forms still give a survey")
    }

    func testOldExcelIsRefusedWithWhatToDo() throws {
        let path = directory.appendingPathComponent("form.xls").path
        // An OLE2 compound file's signature, as Excel 97–2003 writes it.
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)).write(to: URL(fileURLWithPath: path))
        let refusal = try XCTUnwrap(XLSFormDrafter.legacyWorkbookRefusal(path: path))
        XCTAssertTrue(refusal.description.contains("Excel 97–2003 workbook (.xls)"), refusal.description)
        XCTAssertTrue(refusal.description.contains("save it as .xlsx"), refusal.description)
        XCTAssertNil(XLSFormDrafter.legacyWorkbookRefusal(path: try form(Self.everyConstruct)))
    }
}
