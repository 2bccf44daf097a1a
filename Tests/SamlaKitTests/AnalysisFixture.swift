import Foundation
@testable import SamlaKit

/// A small survey with every question type, `show_if`, "other" and a personal question, for tests
/// whose expected figures are worked out by hand.
enum AnalysisFixture {
    static let yaml = """
        format: 1
        id: analysis-fixture
        title: {en: Analysis fixture, sv: Analysfixtur}
        languages: [en, sv]
        questions:
          - id: role
            type: single_choice
            text: {en: Your role, sv: Din roll}
            choices:
              - {id: a, label: {en: Alpha, sv: Alfa}}
              - {id: b, label: {en: Beta, sv: Beta}}
            other: true
          - id: topics
            type: multiple_choice
            text: {en: Topics, sv: Ämnen}
            choices:
              - {id: x, label: {en: Ex, sv: Ex}}
              - {id: y, label: {en: Why, sv: Y}}
              - {id: z, label: {en: Zed, sv: Z}}
            other: true
          - id: why-b
            type: text
            text: {en: Why beta?, sv: Varför beta?}
            show_if: {question: role, equals: b}
          - id: rating
            type: scale
            text: {en: Rating, sv: Betyg}
            scale: {min: 1, max: 5, labels: {1: {en: Bad, sv: Dåligt}, 5: {en: Good, sv: Bra}}}
          - id: follow-up
            type: number
            text: {en: How many follow-ups?, sv: Hur många uppföljningar?}
            show_if: {question: rating, at_least: 4}
          - id: staff
            type: number
            text: {en: Staff, sv: Personal}
          - id: thoughts
            type: text
            text: {en: Thoughts, sv: Tankar}
          - id: gender
            type: single_choice
            personal: true
            text: {en: Gender, sv: Kön}
            choices:
              - {id: f, label: {en: Woman, sv: Kvinna}}
              - {id: m, label: {en: Man, sv: Man}}
            other: true
          - id: email
            type: text
            personal: true
            text: {en: E-mail, sv: E-post}
        """

    static func survey() throws -> Survey {
        let result = SurveyLoader.parse(text: yaml, file: "analysis-fixture.yaml")
        guard let survey = result.survey else { throw DiagnosticsError(result.diagnostics) }
        return survey
    }

    static func response(_ survey: Survey, _ answers: Answers, session: String? = nil, language: String? = "en",
                         status: Response.Status = .complete) -> Response {
        Response(surveyID: survey.id, definitionHash: survey.definitionHash, session: session, language: language,
                 status: status, answers: answers)
    }
}
