import Foundation

/// The organiser's call list: one row per person who asked to be contacted, however many
/// workshops they answered in. Who asked is the survey's `contact.consent`; without a contact
/// section the list falls back on a guess (`FollowUpRows.involvementWords`) and takes leaving a
/// contact detail as the wish to be contacted, as Samla did before the section existed.
///
/// Responses are one person when they share an e-mail address or a phone number, compared as
/// `ContactDetails` keys (so `Anna@Example.se` is ` anna@example.se`); a person who gave an
/// address in one workshop and only a phone in another is one person as soon as a third response
/// gives both. A response with neither stays a row of its own: a name alone is no proof that two
/// people are one.
struct CallListPlan: Sendable {
    /// The columns before e-mail and phone: name, organisation, role, municipality and any further
    /// detail, in that order.
    let detailQuestions: [Question]
    let emailQuestions: [Question]
    let phoneQuestions: [Question]
    /// Whose chosen labels say what a person wants to be involved in.
    let wantedQuestions: [Question]
    /// Nil when the survey has no contact section: then leaving any contact detail counts.
    let consent: Condition?
    private let language: String
    private let otherLabel: String

    var isGuessed: Bool { consent == nil }

    init(survey: Survey, language: String) {
        self.language = language
        otherLabel = UIText(language: language).other
        if let contact = survey.contact {
            consent = contact.consent
            func questions(_ ids: [String?]) -> [Question] { ids.compactMap { $0.flatMap(survey.question) } }
            detailQuestions = questions([contact.fields[.name], contact.fields[.organisation], contact.fields[.role],
                                         contact.fields[.municipality]] + contact.details)
            emailQuestions = questions([contact.fields[.email]])
            phoneQuestions = questions([contact.fields[.phone]])
            wantedQuestions = questions([contact.consent.question])
        } else {
            consent = nil
            let personal = survey.questions.filter(\.personal)
            let email = personal.filter { Self.mentions($0, Self.emailWords) }
            let phone = personal.filter { !email.contains($0) && Self.mentions($0, Self.phoneWords) }
            emailQuestions = email
            phoneQuestions = phone
            detailQuestions = personal.filter { !email.contains($0) && !phone.contains($0) }
            wantedQuestions = FollowUpRows.involvementQuestions(survey.questions.filter { $0.type.hasChoices && !$0.personal })
        }
    }

    static let emailWords = ["mail", "e-post", "epost"]
    static let phoneWords = ["phone", "telefon", "mobil", "tel."]

    private static func mentions(_ question: Question, _ words: [String]) -> Bool {
        let haystack = ([question.id] + question.text.allTexts).joined(separator: " ").lowercased()
        return words.contains { haystack.contains($0) }
    }

    var contactQuestions: [Question] { detailQuestions + emailQuestions + phoneQuestions }

    /// What the list takes from one response, or nil when it did not ask to be contacted.
    func entry(of response: Response, number: Int) -> CallListEntry? {
        if let consent {
            guard consent.isMet(by: response.answers[consent.question]) else { return nil }
        } else {
            guard contactQuestions.contains(where: { response.answers[$0.id]?.isAnswered ?? false }) else { return nil }
        }
        func text(_ question: Question) -> String? {
            guard let answer = response.answers[question.id], answer.isAnswered else { return nil }
            let shown = AnswerText.display(answer, of: question, language: language, other: otherLabel)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            return shown.isEmpty ? nil : shown
        }
        var wanted: [String] = []
        for question in wantedQuestions {
            switch response.answers[question.id] {
            case .choice(let id)?: wanted.append(question.choice(id)?.label.text(language) ?? id)
            case .other(let other)?: wanted.append("\(otherLabel): \(other)")
            case .choices(let ids, let other)?:
                wanted += ids.map { question.choice($0)?.label.text(language) ?? $0 }
                if let other { wanted.append("\(otherLabel): \(other)") }
            default: break
            }
        }
        return CallListEntry(number: number, details: detailQuestions.map(text), emails: emailQuestions.compactMap(text),
                             phones: phoneQuestions.compactMap(text), wanted: wanted, session: response.session,
                             answeredAt: response.submittedAt ?? response.startedAt)
    }
}

/// One consenting response as the call list sees it.
struct CallListEntry: Sendable, Hashable {
    var number: Int
    /// One per `CallListPlan.detailQuestions`, nil where unanswered.
    var details: [String?]
    var emails: [String]
    var phones: [String]
    var wanted: [String]
    var session: String?
    var answeredAt: Date?
}

/// One row of the call list: the responses of one person merged.
struct CallListPerson: Sendable, Hashable {
    /// The latest answer to each detail question (people correct themselves over time).
    var details: [String?]
    /// Distinct addresses, lowercased, first written first.
    var emails: [String]
    /// Distinct numbers, as first written.
    var phones: [String]
    /// Sessions in the order the person answered in them.
    var sessions: [String]
    /// Distinct chosen labels over every response.
    var wanted: [String]
    var lastAnswer: Date?
    /// The responses' numbers on the Responses sheet.
    var responses: [Int]
}

/// Gathers entries and merges them into people.
struct CallList: Sendable {
    private(set) var entries: [CallListEntry] = []
    /// One copy of each text that repeats down the list (places, organisations, sessions, labels),
    /// so fifty thousand entries hold fifty thousand references, not copies.
    private var texts: Set<String> = []

    mutating func add(_ entry: CallListEntry) {
        var entry = entry
        entry.details = entry.details.map { $0.map { intern($0) } }
        entry.wanted = entry.wanted.map { intern($0) }
        entry.session = entry.session.map { intern($0) }
        entries.append(entry)
    }

    private mutating func intern(_ text: String) -> String {
        if let known = texts.firstIndex(of: text) { return texts[known] }
        texts.insert(text)
        return text
    }

    /// Index of the detail column to sort by first (municipality), then organisation, then name.
    let sortColumns: [Int]

    init(plan: CallListPlan, survey: Survey) {
        // Sorted for calling: the people of one municipality together (one caller per place, one
        // call per organisation), within it by organisation, then by name.
        var order: [Int] = []
        if let contact = survey.contact {
            for field in [ContactSection.Field.municipality, .organisation, .name] {
                if let id = contact.fields[field], let index = plan.detailQuestions.firstIndex(where: { $0.id == id }) {
                    order.append(index)
                }
            }
        } else if !plan.detailQuestions.isEmpty {
            order = [0]
        }
        sortColumns = order
    }

    /// One per person, sorted for calling.
    func people() -> [CallListPerson] {
        var parent = Array(entries.indices)
        func root(_ index: Int) -> Int {
            var index = index
            while parent[index] != index {
                parent[index] = parent[parent[index]]
                index = parent[index]
            }
            return index
        }
        var owner: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            let keys = entry.emails.compactMap(ContactDetails.emailKey).map { "e:" + $0 }
                + entry.phones.compactMap(ContactDetails.phoneKey).map { "p:" + $0 }
            for key in keys {
                if let other = owner[key] {
                    let (a, b) = (root(other), root(index))
                    if a != b { parent[max(a, b)] = min(a, b) }
                } else {
                    owner[key] = index
                }
            }
        }
        var groups: [Int: [Int]] = [:]
        var firsts: [Int] = []
        for index in entries.indices {
            let group = root(index)
            if groups[group] == nil { firsts.append(group) }
            groups[group, default: []].append(index)
        }
        return sortedForCalling(firsts.map { merge(groups[$0] ?? []) })
    }

    private func merge(_ members: [Int]) -> CallListPerson {
        // Oldest first, so later answers overwrite earlier ones.
        let ordered = members.map { entries[$0] }.sorted {
            ($0.answeredAt ?? .distantPast, $0.number) < ($1.answeredAt ?? .distantPast, $1.number)
        }
        var person = CallListPerson(details: Array(repeating: nil, count: ordered.first?.details.count ?? 0), emails: [],
                                    phones: [], sessions: [], wanted: [], lastAnswer: nil, responses: [])
        var emailKeys: Set<String> = [], phoneKeys: Set<String> = []
        for entry in ordered {
            for (index, value) in entry.details.enumerated() where value != nil && index < person.details.count {
                person.details[index] = value
            }
            for email in entry.emails {
                let key = ContactDetails.emailKey(email) ?? email
                if emailKeys.insert(key).inserted { person.emails.append(key) }
            }
            for phone in entry.phones {
                let key = ContactDetails.phoneKey(phone) ?? phone
                if phoneKeys.insert(key).inserted { person.phones.append(phone) }
            }
            if let session = entry.session, !person.sessions.contains(session) { person.sessions.append(session) }
            for label in entry.wanted where !person.wanted.contains(label) { person.wanted.append(label) }
            if let date = entry.answeredAt { person.lastAnswer = max(person.lastAnswer ?? date, date) }
            person.responses.append(entry.number)
        }
        person.responses.sort()
        return person
    }

    /// Sorts by one precomputed key per person: a locale-aware comparison per pair took seconds
    /// for 50,000 people.
    private func sortedForCalling(_ people: [CallListPerson]) -> [CallListPerson] {
        let keys = people.map { person -> String in
            let columns = sortColumns.map { person.details[$0].map(SwedishSortKey.make) ?? SwedishSortKey.blank }
            return (columns + [SwedishSortKey.make(person.emails.first ?? person.phones.first ?? "")]).joined(separator: "\u{1}")
        }
        let order = people.indices.sorted { a, b in
            keys[a] != keys[b] ? keys[a] < keys[b] : (people[a].responses.first ?? 0) < (people[b].responses.first ?? 0)
        }
        return order.map { people[$0] }
    }

    /// The headings of the list, in the export's language.
    static func headings(plan: CallListPlan, language: String) -> [String] {
        let text = UIText(language: language).export
        var headings = plan.detailQuestions.map { $0.text.text(language) }
        if !plan.emailQuestions.isEmpty { headings.append(text.callEmail) }
        if !plan.phoneQuestions.isEmpty { headings.append(text.callPhone) }
        headings.append(text.callWorkshops)
        headings.append(plan.wantedQuestions.count == 1 ? plan.wantedQuestions[0].text.text(language) : text.callWants)
        headings += [text.callLastAnswer, text.callResponses]
        return headings
    }

    /// A person's row under ``headings(plan:language:)``; the last answer as its day.
    static func cells(of person: CallListPerson, plan: CallListPlan) -> [ResponseCell] {
        var cells: [ResponseCell] = person.details.map { $0.map(ResponseCell.text) ?? .empty }
        if !plan.emailQuestions.isEmpty { cells.append(person.emails.isEmpty ? .empty : .text(person.emails.joined(separator: "; "))) }
        if !plan.phoneQuestions.isEmpty { cells.append(person.phones.isEmpty ? .empty : .text(person.phones.joined(separator: "; "))) }
        cells.append(person.sessions.isEmpty ? .empty : .text(person.sessions.joined(separator: "; ")))
        cells.append(person.wanted.isEmpty ? .empty : .text(person.wanted.joined(separator: "; ")))
        cells.append(person.lastAnswer.map { .label(DayText.format($0)) } ?? .empty)
        cells.append(.text(person.responses.map(String.init).joined(separator: ", ")))
        return cells
    }
}

/// A date as its day, `2025-03-12`, in UTC as every time Samla stores.
enum DayText {
    static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))"
    }
}

/// A text as a key that sorts the way a Swedish list does when compared as a string: case
/// ignored, accents ignored (é as e, ü as y) except that å, ä and ö are letters of their own
/// after z.
enum SwedishSortKey {
    /// Sorts after every key: a row without a place is called after the places.
    static let blank = "\u{10FFFD}"

    static func make(_ text: String) -> String {
        var key = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            switch scalar {
            case "å": key.append("{")
            case "ä", "æ": key.append("|")
            case "ö", "ø": key.append("}")
            case "ü": key.append("y")
            default:
                if scalar.isASCII {
                    key.append(scalar)
                } else {
                    // The base letter of an accented one (é → e), else the scalar itself, after the letters.
                    let base = String(scalar).folding(options: .diacriticInsensitive, locale: nil).unicodeScalars.first
                    key.append(base.map { $0.isASCII ? $0 : scalar } ?? scalar)
                }
            }
        }
        return String(key)
    }
}
