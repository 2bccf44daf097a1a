/// A survey with a full `contact` section (consent, name, e-mail, phone, organisation, role,
/// municipality), for the call-list and anonymisation tests of both test targets.
public enum ContactSurvey {
    public static let text = """
        format: 1
        id: contact-test
        title: {sv: Uppföljning av workshoppar, en: Workshop follow-up}
        languages: [sv, en]
        questions:
          - id: kommun
            type: single_choice
            text: {sv: Vilken kommun?, en: Which municipality?}
            choices:
              - {id: umea, label: {sv: Umeå, en: Umeå}}
              - {id: lulea, label: {sv: Luleå, en: Luleå}}
              - {id: ostersund, label: {sv: Östersund, en: Östersund}}
          - id: betyg
            type: scale
            text: {sv: Hur var dagen?, en: How was the day?}
            scale: {min: 1, max: 5}
          - id: involvering
            type: multiple_choice
            text: {sv: Hur vill du vara med?, en: How would you like to take part?}
            choices:
              - {id: kontakt, label: {sv: Bli kontaktad, en: Be contacted}}
              - {id: info, label: {sv: Få information, en: Get information}}
              - {id: aktivitet, label: {sv: Delta i aktiviteter, en: Take part in activities}}
          - id: tankar
            type: text
            text: {sv: Övriga tankar?, en: Any other thoughts?}
          - id: namn
            type: text
            text: {sv: Namn, en: Name}
          - id: epost
            type: text
            text: {sv: E-post, en: E-mail}
          - id: telefon
            type: text
            text: {sv: Telefon, en: Phone}
          - id: organisation
            type: text
            text: {sv: Organisation, en: Organisation}
          - id: roll
            type: text
            text: {sv: Roll, en: Role}
        contact:
          consent: {question: involvering, includes: kontakt}
          name: namn
          email: epost
          phone: telefon
          organisation: organisation
          role: roll
          municipality: kommun
        """
}
