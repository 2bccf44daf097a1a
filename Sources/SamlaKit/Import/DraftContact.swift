/// The `contact` section `samla draft` proposes: when the export has an e-mail or phone column and
/// a choice question that reads as asking for contact, whose answer meets consent and which
/// columns hold the details. A guess, written with a comment saying what it rests on.
struct DraftContact {
    var consentQuestion: String
    /// `includes` for a multiple choice, `equals` for a single choice.
    var multiple: Bool
    var consentChoice: String
    var fields: [(field: ContactSection.Field, question: String)]
    var note: String

    /// Words in a header that mark a column as a contact detail, by field.
    static let fieldWords: [(ContactSection.Field, [String])] = [
        (.email, ["email", "epost", "mail"]),
        (.phone, ["telefon", "phone", "mobil", "mobile", "tel"]),
        (.name, ["namn", "name"]),
        (.organisation, ["organisation", "organization", "företag", "company", "arbetsgivare"]),
        (.role, ["roll", "role", "titel", "title", "befattning"]),
        (.municipality, ["kommun", "municipality", "city", "ort"]),
    ]
    /// Words in a question or a choice that speak of being contacted.
    static let consentWords = ["kontakt", "contact", "involv", "engag", "uppfölj", "follow", "delta", "medverk"]

    /// The proposal, or nil when the export has no e-mail or phone column or no consent-like question.
    static func propose(_ questions: [DraftQuestion]) -> DraftContact? {
        var fields: [(field: ContactSection.Field, question: String)] = []
        var used = Set<String>()
        for (field, words) in fieldWords {
            let candidates = questions.filter { question in
                guard !used.contains(question.id) else { return false }
                if field.needsText, case .text = question.kind {} else if field.needsText { return false }
                let key = TextKey.make(question.text)
                return words.contains { key == $0 || key.hasPrefix($0) || (field == .email && key.contains($0)) }
            }
            if let first = candidates.first {
                fields.append((field, first.id))
                used.insert(first.id)
            }
        }
        guard fields.contains(where: { $0.field == .email || $0.field == .phone }) else { return nil }
        for question in questions where !used.contains(question.id) {
            let multiple: Bool
            switch question.kind {
            case .multipleChoice: multiple = true
            case .singleChoice: multiple = false
            default: continue
            }
            let about = consentWords.contains { question.text.lowercased().contains($0) }
            let contactChoice = question.choices.first { choice in
                ["kontakt", "contact"].contains { choice.label.lowercased().contains($0) }
            }
            let yes = question.choices.first { ["ja", "yes"].contains($0.label.lowercased()) }
            guard let choice = contactChoice ?? (about && !multiple ? yes : nil), about || contactChoice != nil else { continue }
            let detail = fields.map { entry in
                let text = questions.first { $0.id == entry.question }?.text ?? entry.question
                return "\(entry.field.rawValue) from \"\(text)\""
            }
            return DraftContact(consentQuestion: question.id, multiple: multiple, consentChoice: choice.id, fields: fields,
                                note: "the call list lists those whose answer to \"\(question.text)\" is \"\(choice.label)\"; "
                                    + detail.joined(separator: ", ") + ": check each")
        }
        return nil
    }

    var lines: [String] {
        var lines = ["", "# \(note)", "contact:",
                     "  consent: {question: \(DraftYAML.quoted(consentQuestion)), \(multiple ? "includes" : "equals"): \(DraftYAML.quoted(consentChoice))}"]
        for field in ContactSection.Field.allCases {
            if let entry = fields.first(where: { $0.field == field }) { lines.append("  \(field.rawValue): \(DraftYAML.quoted(entry.question))") }
        }
        return lines
    }
}
