import Yams

/// The shape of the `contact` section; whether it names fitting questions is `ContactRules`'.
extension SurveyDecoder {
    mutating func decodeContact(_ survey: YAMLMapping) -> ContactSection? {
        guard let node = survey["contact"] else { return nil }
        guard let map = YAMLMapping(node, file: file) else {
            diagnostics.error("'contact' must be a map with 'consent' and the contact fields", at: survey.location(of: node),
                              hint: "for example 'contact: {consent: {question: involvement, includes: contact}, email: email}'")
            return nil
        }
        map.reportUnknownKeys(known: ContactSection.keys, in: "the contact section", into: &diagnostics)
        locations.fields["contact"] = map.location
        var fields: [ContactSection.Field: String] = [:]
        for field in ContactSection.Field.allCases {
            guard let value = map[field.rawValue] else { continue }
            locations.fields["contact.\(field.rawValue)"] = map.location(of: value)
            guard let id = value.scalarText, !id.isEmpty else {
                diagnostics.error("'\(field.rawValue)' in the contact section must be a question id", at: map.location(of: value),
                                  hint: "write '\(field.rawValue): QUESTION-ID'")
                continue
            }
            fields[field] = id
        }
        var details: [String] = []
        if let value = map["details"] {
            if case .sequence(let items) = value {
                for (index, item) in items.enumerated() {
                    guard let id = item.scalarText, !id.isEmpty else {
                        diagnostics.error("item \(index + 1) of 'details' in the contact section must be a question id",
                                          at: map.location(of: item))
                        continue
                    }
                    locations.fields["contact.details.\(details.count)"] = map.location(of: item)
                    details.append(id)
                }
            } else {
                diagnostics.error("'details' in the contact section must be a list of question ids", at: map.location(of: value),
                                  hint: "for example 'details: [phone-time, website]'")
            }
        }
        guard let consentNode = map["consent"] else {
            diagnostics.error("the contact section has no 'consent'", at: map.location,
                              hint: "name the answer that asks for contact, e.g. 'consent: {question: involvement, includes: contact}'")
            return nil
        }
        locations.fields["contact.consent"] = map.location(of: consentNode)
        guard let consentMap = YAMLMapping(consentNode, file: file) else {
            diagnostics.error("'consent' in the contact section must be a map", at: map.location(of: consentNode),
                              hint: "for example 'consent: {question: involvement, includes: contact}'")
            return nil
        }
        consentMap.reportUnknownKeys(known: ["question", "equals", "includes"], in: "the contact section's consent",
                                     into: &diagnostics)
        guard let question = consentMap["question"]?.scalarText, !question.isEmpty else {
            diagnostics.error("'consent' in the contact section names no 'question'", at: consentMap.location,
                              hint: "add 'question: ID' of the choice question that asks for contact")
            return nil
        }
        let tests = ["equals", "includes"].filter { consentMap.has($0) }
        guard tests.count == 1, let key = tests.first, let choice = consentMap[key]?.scalarText, !choice.isEmpty else {
            diagnostics.error("'consent' in the contact section needs exactly one of 'equals' (single choice) or 'includes' (multiple choice)",
                              at: consentMap.location, hint: "for example 'includes: contact'")
            return nil
        }
        return ContactSection(consent: Condition(question: question, test: key == "equals" ? .equals(choice) : .includes(choice)),
                              fields: fields, details: details)
    }
}
