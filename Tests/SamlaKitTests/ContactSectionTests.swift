import XCTest
@testable import SamlaKit

/// The survey file's `contact` section: decoded, checked with located messages, written back.
final class ContactSectionTests: XCTestCase {
    private func survey(_ contact: String, extra: String = "") -> SurveyLoadResult {
        SurveyLoader.parse(text: """
            format: 1
            id: s
            title: S
            languages: [sv]
            questions:
              - id: involvering
                type: multiple_choice
                text: Hur?
                choices:
                  - {id: kontakt, label: Kontakt}
                  - {id: info, label: Info}
              - id: ja
                type: single_choice
                text: Kontakt?
                choices:
                  - {id: "yes", label: Ja}
              - id: namn
                type: text
                text: Namn
              - id: epost
                type: text
                text: E-post
              - id: kommun
                type: single_choice
                text: Kommun
                choices:
                  - {id: umea, label: Umeå}
            \(extra)
            contact:
            \(contact)
            """, file: "s.yaml")
    }

    func testAValidSectionDecodesAndMarksTypedDetailsPersonal() throws {
        let result = survey("""
              consent: {question: involvering, includes: kontakt}
              name: namn
              email: epost
              municipality: kommun
            """)
        let loaded = try XCTUnwrap(result.survey, "\(result.diagnostics)")
        XCTAssertEqual(loaded.contact?.consent, Condition(question: "involvering", test: .includes("kontakt")))
        XCTAssertEqual(loaded.contact?.fields, [.name: "namn", .email: "epost", .municipality: "kommun"])
        XCTAssertEqual(loaded.question("epost")?.personal, true, "a typed contact detail is personal data")
        XCTAssertEqual(loaded.question("kommun")?.personal, false, "a choice list of places stays a figure")
        // Written back, it reads as the same survey.
        let text = SurveyWriter.yaml(loaded)
        XCTAssertTrue(text.contains("contact:\n  consent: {question: involvering, includes: kontakt}\n  name: namn"), text)
        let again = try XCTUnwrap(SurveyLoader.parse(text: text, file: "again.yaml").survey)
        XCTAssertEqual(again.contact, loaded.contact)
        XCTAssertEqual(again.questions, loaded.questions)
    }

    func testAnUnknownQuestionIsReportedWhereItIsWrittenWithTheNearestId() {
        let result = survey("""
              consent: {question: involvring, includes: kontakt}
              email: epst
            """)
        XCTAssertNil(result.survey)
        let lines = result.source.split(separator: "\n", omittingEmptySubsequences: false)
        func line(of text: String) -> Int { (lines.firstIndex { $0.contains(text) } ?? -1) + 1 }
        let messages = result.diagnostics.map { "\($0.location.line): \($0.message) | \($0.hint ?? "")" }
        XCTAssertTrue(messages.contains { $0.hasPrefix("\(line(of: "involvring")):") && $0.contains("'involvring'")
                          && $0.contains("did you mean 'involvering'?") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("\(line(of: "epst")):") && $0.contains("'epst'")
                          && $0.contains("did you mean 'epost'?") }, "\(messages)")
    }

    func testTheWrongKindOfQuestionOrTestIsAnError() {
        let messages = { (result: SurveyLoadResult) in result.diagnostics.map(\.message).joined(separator: "\n") }
        let equalsOnMultiple = survey("  consent: {question: involvering, equals: kontakt}")
        XCTAssertTrue(messages(equalsOnMultiple).contains("uses 'equals', but 'involvering' is a multiple_choice question"),
                      messages(equalsOnMultiple))
        let includesOnSingle = survey("  consent: {question: ja, includes: \"yes\"}")
        XCTAssertTrue(messages(includesOnSingle).contains("uses 'includes', but 'ja' is a single_choice question"))
        let textConsent = survey("  consent: {question: namn, equals: x}")
        XCTAssertTrue(messages(textConsent).contains("must name a choice question, but 'namn' is text"))
        let unknownChoice = survey("  consent: {question: involvering, includes: kontak}")
        XCTAssertTrue(unknownChoice.diagnostics.contains { $0.hint == "did you mean 'kontakt'?" }, messages(unknownChoice))
        let emailAsChoice = survey("  consent: {question: ja, equals: \"yes\"}\n  email: kommun")
        XCTAssertTrue(messages(emailAsChoice).contains("'email' in the contact section must be a text question, but 'kommun' is single_choice"))
        let noConsent = survey("  email: epost")
        XCTAssertTrue(messages(noConsent).contains("the contact section has no 'consent'"))
        let typo = survey("  consent: {question: ja, equals: \"yes\"}\n  e-mail: epost")
        XCTAssertTrue(typo.diagnostics.contains { $0.message.contains("unknown key 'e-mail'") && $0.hint == "did you mean 'email'?" },
                      messages(typo))
        for result in [equalsOnMultiple, includesOnSingle, textConsent, unknownChoice, emailAsChoice, noConsent, typo] {
            XCTAssertNil(result.survey)
        }
    }

    func testTheBundledSurveyNamesItsConsentAndDetails() throws {
        let bundled = try SurveyLoader.require(path: TestPaths.repo("surveys/tnc-workshop.yaml"))
        XCTAssertEqual(bundled.contact?.consent, Condition(question: "involvement", test: .includes("contact")))
        XCTAssertEqual(bundled.contact?.fields[.email], "email")
    }
}
