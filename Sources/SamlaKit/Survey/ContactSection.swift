/// The survey's `contact` section: which answer says a participant wants to be contacted, and
/// which questions hold their contact details. The call list (`FollowUpSheet`, `--contacts`) lists
/// only those whose answer meets `consent`, one row per person; anonymised exports drop every
/// contact detail typed as text.
///
///     contact:
///       consent: {question: involvement, includes: contact}
///       name: name
///       email: email
///       municipality: city
///       details: [phone-time]
public struct ContactSection: Sendable, Hashable {
    /// What a contact detail is for on the call list. `email` and `phone` also identify a person
    /// across responses; `name`'s answers are looked for in free text by the anonymiser.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case name, organisation, role, municipality, email, phone

        /// Fields whose answers must be typed text (an e-mail cannot be a choice).
        public var needsText: Bool { self == .name || self == .email || self == .phone }
    }

    /// A single-choice `equals` or multiple-choice `includes` test on one question.
    public var consent: Condition
    /// Question id by field.
    public var fields: [Field: String]
    /// Any further questions the survey marks as contact details, in the order given.
    public var details: [String]

    public init(consent: Condition, fields: [Field: String] = [:], details: [String] = []) {
        self.consent = consent
        self.fields = fields
        self.details = details
    }

    /// Every question the section names as a contact detail (not the consent question), in call-list order.
    public var detailQuestionIDs: [String] {
        var ids: [String] = []
        for field in Field.allCases { if let id = fields[field], !ids.contains(id) { ids.append(id) } }
        for id in details where !ids.contains(id) { ids.append(id) }
        return ids
    }

    /// The keys the section may hold, in the documented order.
    static let keys = ["consent"] + Field.allCases.map(\.rawValue) + ["details"]
}

extension Survey {
    /// Marks the contact details that are typed in (text and number questions) as personal, so
    /// that they are never analysed or quoted and anonymised exports leave them out, whether or
    /// not the file says `personal: true`. Choice questions named as details (a municipality list)
    /// stay as they are: their counts are figures like any other.
    mutating func markTypedContactDetailsPersonal() {
        guard let contact else { return }
        let ids = Set(contact.detailQuestionIDs)
        for index in questions.indices where ids.contains(questions[index].id) && !questions[index].type.hasChoices
            && questions[index].type != .scale {
            questions[index].personal = true
        }
    }
}
