/// Checks that the `contact` section names questions the survey has, of a fitting kind: the
/// consent a choice question tested as its type allows (`equals` single, `includes` multiple)
/// with a choice it has, e-mail, phone and name typed text.
enum ContactRules {
    static func check(_ survey: Survey, locations: SurveyLocations, file: String, into diagnostics: inout Diagnostics) {
        guard let contact = survey.contact else { return }
        let fallback = locations.fields["contact"] ?? SourceLocation(file: file)
        let ids = survey.questions.map(\.id)
        func find(_ id: String, what: String, at place: SourceLocation) -> Question? {
            if let question = survey.question(id) { return question }
            let hint = NearestMatch.suggestion(for: id, among: ids).map { "did you mean '\($0)'?" }
                ?? "the survey's questions are: \(ids.joined(separator: ", "))"
            let kind = survey.note(id) == nil ? "is not a question of this survey" : "is a note, which has no answer"
            diagnostics.error("\(what) in the contact section names '\(id)', which \(kind)", at: place, hint: hint)
            return nil
        }

        let consentPlace = locations.fields["contact.consent"] ?? fallback
        if let target = find(contact.consent.question, what: "'consent'", at: consentPlace) {
            switch (contact.consent.test, target.type) {
            case (.equals(let choice), .singleChoice), (.includes(let choice), .multipleChoice):
                if target.choice(choice) == nil {
                    let hint = NearestMatch.suggestion(for: choice, among: target.choices.map(\.id)).map { "did you mean '\($0)'?" }
                        ?? "its choices are: \(target.choices.map(\.id).joined(separator: ", "))"
                    diagnostics.error("'consent' in the contact section names choice '\(choice)', which question '\(target.id)' does not have",
                                      at: consentPlace, hint: hint)
                }
            case (.equals, .multipleChoice):
                diagnostics.error("'consent' uses 'equals', but '\(target.id)' is a multiple_choice question", at: consentPlace,
                                  hint: "write 'includes: CHOICE' for a multiple_choice question")
            case (.includes, .singleChoice):
                diagnostics.error("'consent' uses 'includes', but '\(target.id)' is a single_choice question", at: consentPlace,
                                  hint: "write 'equals: CHOICE' for a single_choice question")
            default:
                diagnostics.error("'consent' in the contact section must name a choice question, but '\(target.id)' is \(target.type.rawValue)",
                                  at: consentPlace, hint: "ask for consent with a single_choice or multiple_choice question")
            }
        }

        var named: [String: String] = [:]
        func checkDetail(_ id: String, what: String, place: SourceLocation, needsText: Bool) {
            guard let question = find(id, what: what, at: place) else { return }
            if needsText, question.type != .text {
                diagnostics.error("\(what) in the contact section must be a text question, but '\(id)' is \(question.type.rawValue)",
                                  at: place, hint: "contact details like this are typed in: use a 'type: text' question")
            }
            if id == contact.consent.question {
                diagnostics.error("'\(id)' is both the consent question and a contact detail", at: place)
            }
            if let earlier = named[id] {
                diagnostics.error("'\(id)' is named twice in the contact section (\(earlier) and \(what))", at: place)
            } else {
                named[id] = what
            }
        }
        for field in ContactSection.Field.allCases {
            guard let id = contact.fields[field] else { continue }
            checkDetail(id, what: "'\(field.rawValue)'", place: locations.fields["contact.\(field.rawValue)"] ?? fallback,
                        needsText: field.needsText)
        }
        for (index, id) in contact.details.enumerated() {
            checkDetail(id, what: "'details'", place: locations.fields["contact.details.\(index)"] ?? fallback, needsText: false)
        }
    }
}
