import XCTest
@testable import SamlaKit

/// `samla draft` proposes a contact section when it sees an e-mail column and a consent-like choice.
final class DraftContactTests: XCTestCase {
    func testTheBundledExportGetsAContactSectionThatValidates() throws {
        let draft = try SurveyDrafter.draft(path: TestPaths.repo("surveys/examples/tnc-workshop-responses.csv"))
        let result = SurveyLoader.parse(text: draft.yaml, file: "draft.yaml")
        let survey = try XCTUnwrap(result.survey, "\(result.diagnostics)\n\(draft.yaml)")
        let contact = try XCTUnwrap(survey.contact, draft.yaml)
        let consent = try XCTUnwrap(survey.question(contact.consent.question))
        XCTAssertEqual(consent.text.text(draft.language), "Hur vill ni bli involverade?")
        guard case .includes(let choice) = contact.consent.test else { return XCTFail("a multiple choice takes includes") }
        XCTAssertEqual(consent.choice(choice)?.label.text(draft.language), "Etablera en kontakt")
        XCTAssertEqual(contact.fields[.email].flatMap(survey.question)?.text.text(draft.language), "E-post om ni vill bli kontaktade")
        XCTAssertEqual(contact.fields[.name].flatMap(survey.question)?.text.text(draft.language), "Namn (om ni vill bli kontaktade)")
        XCTAssertTrue(draft.yaml.contains("# the call list lists those whose answer to \"Hur vill ni bli involverade?\""), draft.yaml)
    }

    func testWithoutAnEmailOrPhoneColumnNothingIsProposed() {
        let questions = [
            DraftQuestion(id: "involvement", text: "Hur vill ni bli involverade?", kind: .multipleChoice,
                          choices: [("kontakt", "Etablera en kontakt")], note: ""),
            DraftQuestion(id: "tankar", text: "Tankar?", kind: .text, note: ""),
        ]
        XCTAssertNil(DraftContact.propose(questions))
        let withPhone = questions + [DraftQuestion(id: "telefon", text: "Telefonnummer", kind: .text, note: "")]
        XCTAssertEqual(DraftContact.propose(withPhone)?.fields.map(\.question), ["telefon"])
        XCTAssertEqual(DraftContact.propose(withPhone)?.consentChoice, "kontakt")
    }
}
