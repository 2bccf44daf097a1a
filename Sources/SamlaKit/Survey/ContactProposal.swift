/// A `contact` section guessed for a survey that has none, from its question texts: an e-mail or
/// phone question that is typed text, and a choice question that reads as asking for contact (a
/// choice labelled "contact"/"kontakt", or a yes in a single choice about contact). `samla new`
/// offers it at the end; the host says yes or no.
public enum ContactProposal {
    static let fieldWords: [(ContactSection.Field, [String])] = [
        (.email, ["e-mail", "email", "e-post", "epost", "mail"]),
        (.phone, ["telefon", "phone", "mobil"]),
        (.name, ["namn", "name"]),
        (.organisation, ["organisation", "organization", "företag", "company"]),
        (.role, ["roll", "role", "befattning"]),
        (.municipality, ["kommun", "municipality"]),
    ]
    static let aboutContact = ["kontakt", "contact", "involv", "engag", "uppfölj", "follow"]

    public static func propose(for survey: Survey) -> ContactSection? {
        guard survey.contact == nil else { return nil }
        func mentions(_ question: Question, _ words: [String]) -> Bool {
            let haystack = ([question.id] + question.text.allTexts).joined(separator: " ").lowercased()
            return words.contains { haystack.contains($0) }
        }
        var fields: [ContactSection.Field: String] = [:]
        var used = Set<String>()
        for (field, words) in fieldWords {
            let fits = survey.questions.first { question in
                !used.contains(question.id) && (question.type == .text || !field.needsText) && mentions(question, words)
                    && !(field == .municipality && question.type == .multipleChoice)
            }
            if let fits { fields[field] = fits.id; used.insert(fits.id) }
        }
        guard fields[.email] != nil || fields[.phone] != nil else { return nil }
        for question in survey.questions where question.type.hasChoices && !used.contains(question.id) {
            let contactChoice = question.choices.first { choice in
                choice.label.allTexts.contains { text in ["kontakt", "contact"].contains { text.lowercased().contains($0) } }
            }
            let yes = question.type == .singleChoice && mentions(question, aboutContact)
                ? question.choices.first { $0.label.allTexts.contains { ["ja", "yes"].contains($0.lowercased()) } } : nil
            guard let choice = contactChoice ?? yes else { continue }
            let test: Condition.Test = question.type == .multipleChoice ? .includes(choice.id) : .equals(choice.id)
            return ContactSection(consent: Condition(question: question.id, test: test), fields: fields)
        }
        return nil
    }
}
