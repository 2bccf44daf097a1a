import Foundation
import GRDB

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
    /// The positions in the survey of the detail, e-mail, phone and wanted questions and of the
    /// consent's question (nil for an id it lacks): how laid-out answers (`ListedAnswers`) are read.
    private let detailPositions: [Int?], emailPositions: [Int?], phonePositions: [Int?], wantedPositions: [Int?]
    private let consentPosition: Int?
    /// `detailPositions + emailPositions + phonePositions`, the guess's contact questions.
    private let contactPositions: [Int?]
    /// Per wanted question, its choices' labels by position.
    private let wantedLabels: [[String]]

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
        func positions(_ questions: [Question]) -> [Int?] {
            questions.map { question in survey.questions.firstIndex { $0.id == question.id } }
        }
        detailPositions = positions(detailQuestions)
        emailPositions = positions(emailQuestions)
        phonePositions = positions(phoneQuestions)
        wantedPositions = positions(wantedQuestions)
        contactPositions = detailPositions + emailPositions + phonePositions
        consentPosition = consent.flatMap { consent in survey.questions.firstIndex { $0.id == consent.question } }
        wantedLabels = wantedQuestions.map { $0.choices.map { $0.label.text(language) } }
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
        entry(of: response, number: number) { id in response.answers[id] }
    }

    /// The same with the answers read from `answers`: by position when laid out, the labels
    /// wanted taken by choice position (the scanner lays out only a question's own choices).
    func entry(of response: Response, answers: ListedAnswers, number: Int) -> CallListEntry? {
        guard answers.laidOut else { return entry(of: response, number: number) }
        let slots = answers.slots
        if let consent {
            guard consent.isMet(by: answers.value(of: consent.question, at: consentPosition, in: response)) else { return nil }
        } else {
            guard contactPositions.contains(where: { $0.map(slots.isAnswered) ?? false }) else {
                return nil
            }
        }
        func text(_ question: Question, _ position: Int?) -> String? {
            guard let position, slots.isAnswered(position), let answer = answers.value(of: question.id, at: position, in: response)
            else { return nil }
            let shown = WhitespaceTrim.trimmed(AnswerText.display(answer, of: question, language: language, other: otherLabel))
            return shown.isEmpty ? nil : shown
        }
        var wanted: [String] = []
        for (k, position) in wantedPositions.enumerated() {
            guard let q = position else { continue }
            switch slots.kinds[q] {
            case .choice: wanted.append(wantedLabels[k][slots.choice[q]])
            case .other: wanted.append("\(otherLabel): \(slots.text[q] ?? "")")
            case .choices:
                for p in slots.selections(q) { wanted.append(wantedLabels[k][p]) }
                if let other = slots.text[q] { wanted.append("\(otherLabel): \(other)") }
            default: break
            }
        }
        return CallListEntry(number: number, details: zip(detailQuestions, detailPositions).map(text),
                             emails: zip(emailQuestions, emailPositions).compactMap(text),
                             phones: zip(phoneQuestions, phonePositions).compactMap(text), wanted: wanted, session: response.session,
                             answeredAt: response.submittedAt ?? response.startedAt)
    }

    private func entry(of response: Response, number: Int, answer: (String) -> AnswerValue?) -> CallListEntry? {
        if let consent {
            guard consent.isMet(by: answer(consent.question)) else { return nil }
        } else {
            guard contactQuestions.contains(where: { answer($0.id)?.isAnswered ?? false }) else { return nil }
        }
        func text(_ question: Question) -> String? {
            guard let answer = answer(question.id), answer.isAnswered else { return nil }
            let shown = WhitespaceTrim.trimmed(AnswerText.display(answer, of: question, language: language, other: otherLabel))
            return shown.isEmpty ? nil : shown
        }
        var wanted: [String] = []
        for question in wantedQuestions {
            switch answer(question.id) {
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

/// Gathers entries and merges them into people, in memory while they fit `memoryLimit` and in a
/// temporary SQLite file beside the system's temporary files past it: at a million responses half
/// may ask for contact, and the export keeps its memory flat.
///
/// The people are joined as the entries come (`add`), not after the last: each entry's keys are
/// looked up in a key table (`HeldCallEntries.owners` in memory, `key_owner` in the file), and a
/// union-find over the entries (one parent index each, in memory) is complete when the last entry
/// is in. ``merge()`` then only redoes the people of more than one entry, from their entries in
/// answer order, so the work left after the last response is in proportion to the people who
/// answered twice.
///
/// Both ways give the same rows in the same order: a person of more than one entry is merged from
/// the entries as the file codes them (`CallListCoding`), a person of one from the entry itself,
/// and the rows are sorted by their sort key's UTF-8 bytes and first response, as the file's index
/// sorts them. In memory an entry is held as the file would hold it, its coded text and sort key in
/// one buffer (`HeldCallEntries`); its row is made only when the rows are read.
///
/// Used by one thread at a time, handed over where the export's threads meet: in the workbook export
/// a thread of its own adds the entries and merges them (`CallListFeed`), and then a second thread
/// reads the rows while the workbook's thread writes them.
final class CallList: @unchecked Sendable {
    /// How many bytes the entries may take in memory before they go to the file. A bench
    /// response that asks for contact takes some 230 bytes held; 100,000 responses hold about 13 MB.
    /// Tests set it to 0 (every entry to the file) or a few kilobytes (the file from midway) and
    /// compare the rows and workbooks.
    nonisolated(unsafe) static var defaultMemoryLimit = 32 << 20
    /// What an export assumes a response takes held, to start in the file when the whole
    /// selection would not fit (so a large export never holds a list it then has to copy out).
    static let heldBytesPerResponse = 256

    private let memoryLimit: Int
    /// The entries while they fit in memory; nil once they are in the file.
    private var held: HeldCallEntries?
    /// The file, once the entries outgrow memory.
    private var spool: Spool?
    private var count = 0
    private var pending: [CallListEntry] = []
    private var merged = false
    /// The union-find: the entry each entry was joined to, the smaller index the root.
    private var parent: [Int32] = []
    /// In memory, after the merge: each person's row in list order.
    private var heldRows: [HeldCallEntries.Row] = []
    /// Index of the detail columns to sort by: municipality, then organisation, then name.
    let sortColumns: [Int]
    let plan: CallListPlan

    /// `responses`: how many responses the entries will come from, when known; if they would not
    /// fit `memoryLimit` at ``heldBytesPerResponse`` each, the entries go to the file from the start.
    init(plan: CallListPlan, survey: Survey, responses: Int? = nil, memoryLimit: Int = CallList.defaultMemoryLimit) throws {
        self.plan = plan
        self.memoryLimit = memoryLimit
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
        if memoryLimit > 0, (responses ?? 0) <= memoryLimit / Self.heldBytesPerResponse {
            held = HeldCallEntries()
        } else {
            spool = try Spool()
        }
    }

    /// Whether the entries are held in memory (else in the file).
    var isHeld: Bool { held != nil }

    func add(_ entry: CallListEntry) throws {
        precondition(!merged, "no entry is added after the merge")
        if let held {
            let index = Int32(parent.count)
            parent.append(index)
            held.append(entry, sortKey: sortKey(of: entry), details: plan.detailQuestions.count)
            for key in Self.keys(of: entry) {
                if let first = held.claim(key, for: index) { join(first, index) }
            }
            count = parent.count
            if held.bytes > memoryLimit { try spill() }
            return
        }
        pending.append(entry)
        if pending.count >= 2_000 { try flush() }
    }

    /// Moves the held entries to the file, as if they had been spooled as they came.
    private func spill() throws {
        guard let held else { return }
        let spool = try Spool()
        self.spool = spool
        self.held = nil
        parent.removeAll(keepingCapacity: true)
        count = 0
        for index in 0 ..< held.count {
            pending.append(held.entry(Int32(index), details: plan.detailQuestions.count))
            if pending.count >= 2_000 { try flush() }
        }
    }

    private func root(_ index: Int32) -> Int32 {
        var index = index
        while parent[Int(index)] != index {
            parent[Int(index)] = parent[Int(parent[Int(index)])]
            index = parent[Int(index)]
        }
        return index
    }

    private func join(_ a: Int32, _ b: Int32) {
        let (a, b) = (root(a), root(b))
        if a != b { parent[Int(max(a, b))] = min(a, b) }
    }

    /// Stores the waiting entries in the file, each with its row as a person of its own, and joins
    /// each to the entries that gave one of its keys before.
    private func flush() throws {
        guard !pending.isEmpty, let spool else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        let details = plan.detailQuestions.count
        try spool.database.write { db in
            let entries = try RawStatement(db, "INSERT INTO entry (id, number, at, fields, sort_key, first, cells) VALUES (?, ?, ?, ?, ?, ?, ?)")
            let claim = try RawStatement(db, "INSERT OR IGNORE INTO key_owner (key, entry) VALUES (?, ?)")
            let owner = try RawStatement(db, "SELECT entry FROM key_owner WHERE key = ?")
            for entry in batch {
                let index = Int32(parent.count)
                parent.append(index)
                let person = Self.merge([entry], details: details)
                try entries.run([.integer(Int64(index)), .integer(Int64(entry.number)),
                                 entry.answeredAt.map { .real($0.timeIntervalSince1970) } ?? .null,
                                 .text(CallListCoding.encode(entry)), .text(sortKey(person)), .integer(Int64(entry.number)),
                                 .text(CallListCoding.encode(Self.cells(of: person, plan: plan)))])
                for key in Self.keys(of: entry) {
                    if try claim.run([.text(key), .integer(Int64(index))]) == 0,
                       let first = try owner.integer([.text(key)]) {
                        join(Int32(first), index)
                    }
                }
            }
        }
        count = parent.count
    }

    /// The keys that make two entries one person: their e-mail addresses and phone numbers.
    static func keys(of entry: CallListEntry) -> [String] {
        entry.emails.compactMap(ContactDetails.emailKey).map { "e:" + $0 }
            + entry.phones.compactMap(ContactDetails.phoneKey).map { "p:" + $0 }
    }

    /// Every person's row (``cells(of:plan:)``), sorted for calling. Merges first unless
    /// ``merge()`` has.
    func forEachRow(_ body: ([ResponseCell]) throws -> Void) throws {
        if !merged { try merge() }
        if let held {
            let details = plan.detailQuestions.count
            for person in heldRows {
                switch person.source {
                case .entry(let index):
                    if let coded = held.losslessCoded(index) {
                        try body(row(ofLosslessCoded: coded, number: held.number(index), answeredAt: held.answeredAt(index)))
                    } else {
                        let person = Self.merge([held.entry(index, details: details)], details: details)
                        try body(CallListCoding.asStored(Self.cells(of: person, plan: plan)))
                    }
                case .merged(let cells):
                    try body(cells)
                }
            }
            return
        }
        guard let spool else { return }
        try spool.database.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT cells FROM entry WHERE sort_key IS NOT NULL ORDER BY sort_key, first")
            while let row = try rows.next() {
                try body(CallListCoding.decodeCells(row[0]))
            }
        }
    }

    /// Stores the last entries and makes the people of more than one entry: the part left after
    /// the last response, which the workbook export runs off the workbook's thread. No entry may
    /// be added after.
    func merge() throws {
        precondition(!merged, "the call list is merged once")
        if let held {
            merged = true
            heldRows = mergeHeld(held)
            return
        }
        try flush()
        merged = true
        guard let spool else { return }
        let size = entriesPerPerson()
        guard size.contains(where: { $0 > 1 }) else { return }
        let details = plan.detailQuestions.count
        try spool.database.write { db in
            let members = try db.makeStatement(sql: "INSERT INTO member (person, entry) VALUES (?, ?)")
            for index in 0..<count {
                let person = root(Int32(index))
                if size[Int(person)] > 1 { try members.execute(arguments: [Int(person), index]) }
            }
            let update = try db.makeStatement(sql: "UPDATE entry SET sort_key = ?, first = ?, cells = ? WHERE id = ?")
            let absorbed = try db.makeStatement(sql: "UPDATE entry SET sort_key = NULL, cells = NULL WHERE id = ?")
            let grouped = try Row.fetchCursor(db, sql: """
                SELECT m.person, e.id, e.number, e.at, e.fields FROM member m JOIN entry e ON e.id = m.entry
                ORDER BY m.person, coalesce(e.at, -1e300), e.number
                """)
            var current: Int?
            var group: [CallListEntry] = []
            var ids: [Int] = []
            func finish() throws {
                guard let current, !group.isEmpty else { return }
                let person = Self.merge(group, details: details)
                try update.execute(arguments: [sortKey(person), person.responses.first ?? 0,
                                               CallListCoding.encode(Self.cells(of: person, plan: plan)), current])
                for id in ids where id != current { try absorbed.execute(arguments: [id]) }
                group.removeAll(keepingCapacity: true)
                ids.removeAll(keepingCapacity: true)
            }
            while let row = try grouped.next() {
                let person: Int = row[0]
                if person != current { try finish(); current = person }
                ids.append(row[1])
                let at: Double? = row[3]
                group.append(CallListCoding.decode(row[4], number: row[2], answeredAt: at.map(Date.init(timeIntervalSince1970:)),
                                                   details: details))
            }
            try finish()
        }
    }

    /// How many entries each person's root entry stands for (0 for an entry joined to another).
    private func entriesPerPerson() -> [Int32] {
        var size = [Int32](repeating: 0, count: count)
        for index in 0..<count { size[Int(root(Int32(index)))] += 1 }
        return size
    }

    /// The held path of ``merge()``: the people of more than one entry merged as the file's path
    /// merges them (entries as coded, in the order of their times as stored, then number), and
    /// every person's row placed by sort key bytes and first response.
    private func mergeHeld(_ held: HeldCallEntries) -> [HeldCallEntries.Row] {
        let details = plan.detailQuestions.count
        var members: [Int32: [Int32]] = [:]
        let size = entriesPerPerson()
        for index in 0..<count {
            let person = root(Int32(index))
            if size[Int(person)] > 1 { members[person, default: []].append(Int32(index)) }
        }
        var rows: [HeldCallEntries.Row] = []
        rows.reserveCapacity(count)
        for index in 0..<count where size[index] == 1 {
            rows.append(HeldCallEntries.Row(sortKey: held.sortKey(Int32(index)), first: held.number(Int32(index)),
                                            source: .entry(Int32(index))))
        }
        for (_, group) in members {
            let ordered = group.sorted { a, b in
                let (x, y) = (held.storedTime(a) ?? -1e300, held.storedTime(b) ?? -1e300)
                return x != y ? x < y : held.number(a) < held.number(b)
            }
            let person = Self.merge(ordered.map { held.codedEntry($0, details: details) }, details: details)
            rows.append(HeldCallEntries.Row(sortKey: held.append(sortKey(person)), first: person.responses.first ?? 0,
                                            source: .merged(CallListCoding.asStored(Self.cells(of: person, plan: plan)))))
        }
        rows.sort { a, b in
            let order = held.compare(a.sortKey, b.sortKey)
            return order != 0 ? order < 0 : a.first < b.first
        }
        return rows
    }

    /// The temporary SQLite file the entries go to past the memory limit, deleted with it.
    private final class Spool {
        let database: DatabaseQueue
        let directory: URL

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("samla-calls-\(UUID().uuidString)")
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                database = try DatabaseQueue(path: directory.appendingPathComponent("calls.sqlite").path)
                // A scratch file, deleted when done: nothing to keep safe from a crash.
                try database.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA journal_mode = OFF")
                }
                // `entry` holds each entry and the row of the person it stands for: its own until
                // `merge`, then a merged person's on the person's first entry and NULL on the others.
                // Its index, kept up as the entries come, has the rows come sorted without a sort
                // after the last.
                try database.write { db in
                    try db.execute(sql: """
                        CREATE TABLE entry (id INTEGER PRIMARY KEY, number INTEGER, at REAL, fields TEXT,
                                            sort_key TEXT, first INTEGER, cells TEXT);
                        CREATE INDEX entry_order ON entry (sort_key, first);
                        CREATE TABLE key_owner (key TEXT PRIMARY KEY, entry INTEGER) WITHOUT ROWID;
                        CREATE TABLE member (person INTEGER, entry INTEGER);
                        """)
                }
            } catch {
                try? FileManager.default.removeItem(at: directory)
                throw ExportError.cannotWrite(path: directory.path, reason: "the call list's temporary file: \(error)")
            }
        }

        deinit {
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// One person from their entries, oldest first, so later answers overwrite earlier ones.
    static func merge(_ ordered: [CallListEntry], details: Int) -> CallListPerson {
        var person = CallListPerson(details: Array(repeating: nil, count: details), emails: [],
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

    /// The key the list is sorted by: the sort columns, then the first address or number. A
    /// string per person compared byte by byte: a locale-aware comparison per pair took seconds
    /// for 50,000 people.
    func sortKey(_ person: CallListPerson) -> String {
        sortKey(details: person.details, first: person.emails.first ?? person.phones.first ?? "")
    }

    /// ``sortKey(_:)`` of the entry as a person of its own (`merge([entry])`), without merging:
    /// its first address's key, else its first number as written.
    func sortKey(of entry: CallListEntry) -> String {
        sortKey(details: entry.details,
                first: entry.emails.first.map { ContactDetails.emailKey($0) ?? $0 } ?? entry.phones.first ?? "")
    }

    private func sortKey(details: [String?], first: String) -> String {
        let columns = sortColumns.map { $0 < details.count ? details[$0].map(SwedishSortKey.make) ?? SwedishSortKey.blank : SwedishSortKey.blank }
        return (columns + [SwedishSortKey.make(first)]).joined(separator: "\u{1}")
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

    /// The row of a person of one entry, from the entry's coded text when the coding keeps it
    /// (`CallListCoding.isLossless`): `asStored(cells(of: merge([entry])))`, without the entry and
    /// the person between (no text of such an entry holds a separator to clean).
    func row(ofLosslessCoded coded: UnsafeBufferPointer<UInt8>, number: Int, answeredAt: Date?) -> [ResponseCell] {
        let details = plan.detailQuestions.count
        let fields = CallListCoding.fields(coded)
        func part(_ index: Int) -> UnsafeBufferPointer<UInt8> {
            index < fields.count ? fields[index] : UnsafeBufferPointer(start: nil, count: 0)
        }
        func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
        func joined(_ texts: [String]) -> ResponseCell { texts.isEmpty ? .empty : .text(texts.joined(separator: "; ")) }
        var cells: [ResponseCell] = []
        cells.reserveCapacity(details + 6)
        for index in 0 ..< details { cells.append(part(index).isEmpty ? .empty : .text(text(part(index)))) }
        // Most people leave one address and one number: no set to tell repeats apart.
        if !plan.emailQuestions.isEmpty {
            let items = CallListCoding.items(part(details))
            if items.count == 1 {
                let email = text(items[0])
                cells.append(.text(ContactDetails.emailKey(email) ?? email))
            } else {
                var keys: Set<String> = [], emails: [String] = []
                for item in items {
                    let email = text(item)
                    let key = ContactDetails.emailKey(email) ?? email
                    if keys.insert(key).inserted { emails.append(key) }
                }
                cells.append(joined(emails))
            }
        }
        if !plan.phoneQuestions.isEmpty {
            let items = CallListCoding.items(part(details + 1))
            if items.count == 1 {
                cells.append(.text(text(items[0])))
            } else {
                var keys: Set<String> = [], phones: [String] = []
                for item in items {
                    let phone = text(item)
                    if keys.insert(ContactDetails.phoneKey(phone) ?? phone).inserted { phones.append(phone) }
                }
                cells.append(joined(phones))
            }
        }
        let session = part(details + 3)
        cells.append(CallListCoding.isNoSession(session) ? .empty : .text(text(session)))
        var wanted: [String] = []
        for item in CallListCoding.items(part(details + 2)) {
            let label = text(item)
            if !wanted.contains(label) { wanted.append(label) }
        }
        cells.append(joined(wanted))
        cells.append(answeredAt.map { .label(DayText.format($0)) } ?? .empty)
        cells.append(.text(String(number)))
        return cells
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
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        let (year, month, day) = StoreTimestampText.civil(fromDays: Int64(days))
        guard (0 ... 9_999).contains(year) else {
            func pad(_ value: Int64, _ width: Int) -> String {
                let text = String(value)
                return String(repeating: "0", count: max(0, width - text.count)) + text
            }
            return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        }
        // Written as ten ASCII bytes: a call list has a day on each of its rows.
        return String(unsafeUninitializedCapacity: 10) { bytes in
            func digits(_ value: Int64, _ count: Int, at offset: Int) {
                var rest = value
                for position in (offset ..< offset + count).reversed() {
                    bytes[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            digits(year, 4, at: 0)
            bytes[4] = UInt8(ascii: "-")
            digits(month, 2, at: 5)
            bytes[7] = UInt8(ascii: "-")
            digits(day, 2, at: 8)
            return 10
        }
    }
}

/// A text as a key that sorts the way a Swedish list does when compared as a string: case
/// ignored, accents ignored (é as e, ü as y) except that å, ä and ö are letters of their own
/// after z.
enum SwedishSortKey {
    /// Sorts after every key: a row without a place is called after the places.
    static let blank = "\u{10FFFD}"

    static func make(_ text: String) -> String {
        // ASCII only (most names and places but the Swedish ones): lowercasing A–Z is the key.
        ASCIIText.lowercased(text) ?? generalKey(text)
    }

    /// ``make(_:)`` scalar by scalar, for a text of any characters.
    static func generalKey(_ text: String) -> String {
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

/// Entries and rows as one text each in the call list's temporary file: fields separated by
/// U+001F, items of a list by U+001E (either, in a respondent's text, becomes a space).
enum CallListCoding {
    private static let field: UInt8 = 0x1F
    private static let item: UInt8 = 0x1E
    private static let fieldText = "\u{1F}"
    private static let itemText = "\u{1E}"

    /// Control characters are graphemes of their own, so working on the UTF-8 bytes finds exactly
    /// the characters a `Character` comparison would, at a fraction of the cost.
    private static func clean(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == field || $0 == item }) else { return text }
        return String(decoding: text.utf8.map { $0 == field || $0 == item ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }

    private static func list(_ items: [String]) -> String {
        items.map(clean).joined(separator: itemText)
    }

    private static func parts(_ text: Substring, by separator: UInt8) -> [Substring] {
        var result: [Substring] = []
        var start = text.startIndex
        var index = text.utf8.startIndex
        while index != text.utf8.endIndex {
            if text.utf8[index] == separator {
                result.append(text[start..<index])
                start = text.utf8.index(after: index)
            }
            index = text.utf8.index(after: index)
        }
        result.append(text[start..<text.endIndex])
        return result
    }

    private static func items(_ text: Substring) -> [String] {
        text.isEmpty ? [] : parts(text, by: item).map(String.init)
    }

    /// details…, emails, phones, wanted, session (a leading U+001E marks "no session").
    static func encode(_ entry: CallListEntry) -> String {
        let parts = entry.details.map { clean($0 ?? "") } + [list(entry.emails), list(entry.phones), list(entry.wanted),
                                                              entry.session.map(clean) ?? itemText]
        return parts.joined(separator: fieldText)
    }

    static func decode(_ text: String, number: Int, answeredAt: Date?, details: Int) -> CallListEntry {
        let parts = parts(Substring(text), by: field)
        func part(_ index: Int) -> Substring { index < parts.count ? parts[index] : "" }
        let session = part(details + 3)
        return CallListEntry(number: number, details: (0..<details).map { part($0).isEmpty ? nil : String(part($0)) },
                             emails: items(part(details)), phones: items(part(details + 1)), wanted: items(part(details + 2)),
                             session: session.utf8.elementsEqual(itemText.utf8) ? nil : String(session), answeredAt: answeredAt)
    }

    /// A row's cells: each a kind letter (e empty, t text, l label) and its text.
    static func encode(_ cells: [ResponseCell]) -> String {
        cells.map { cell -> String in
            switch cell {
            case .text(let text): return "t" + clean(text)
            case .label(let text): return "l" + clean(text)
            case .number(let value): return "t" + UIText.plain(value)
            case .date(let date): return "l" + DayText.format(date)
            case .empty: return "e"
            }
        }.joined(separator: fieldText)
    }

    /// ``encode(_:)`` of an entry that ``isLossless(_:details:)``, appended as bytes.
    static func appendLossless(_ entry: CallListEntry, to out: inout [UInt8]) {
        func list(_ items: [String]) {
            for (index, text) in items.enumerated() {
                if index > 0 { out.append(item) }
                out.append(contentsOf: text.utf8)
            }
        }
        for detail in entry.details {
            if let detail { out.append(contentsOf: detail.utf8) }
            out.append(field)
        }
        list(entry.emails)
        out.append(field)
        list(entry.phones)
        out.append(field)
        list(entry.wanted)
        out.append(field)
        if let session = entry.session { out.append(contentsOf: session.utf8) } else { out.append(item) }
    }

    /// Splits a coded entry into its fields.
    static func fields(_ coded: UnsafeBufferPointer<UInt8>) -> [UnsafeBufferPointer<UInt8>] {
        split(coded, by: field)
    }

    /// Splits a coded list into its items (none for an empty field).
    static func items(_ coded: UnsafeBufferPointer<UInt8>) -> [UnsafeBufferPointer<UInt8>] {
        coded.isEmpty ? [] : split(coded, by: item)
    }

    /// Whether a coded session field says "no session".
    static func isNoSession(_ coded: UnsafeBufferPointer<UInt8>) -> Bool {
        coded.count == 1 && coded[0] == item
    }

    private static func split(_ bytes: UnsafeBufferPointer<UInt8>, by separator: UInt8) -> [UnsafeBufferPointer<UInt8>] {
        guard let base = bytes.baseAddress else { return [bytes] }
        // A call list's entry has a handful of fields, each of one item or two: room for them
        // at once, and no bounds check or slice per byte.
        var parts: [UnsafeBufferPointer<UInt8>] = []
        parts.reserveCapacity(8)
        var start = 0
        for index in 0 ..< bytes.count where base[index] == separator {
            parts.append(UnsafeBufferPointer(start: base + start, count: index - start))
            start = index + 1
        }
        parts.append(UnsafeBufferPointer(start: base + start, count: bytes.count - start))
        return parts
    }

    /// Whether ``decode(_:number:answeredAt:details:)`` gives the entry back as it is: no
    /// separator in any text, no empty detail, no list of one empty text, `details` details.
    static func isLossless(_ entry: CallListEntry, details: Int) -> Bool {
        func plain(_ text: String) -> Bool { !text.utf8.contains { $0 == field || $0 == item } }
        func plainList(_ items: [String]) -> Bool { !(items.count == 1 && items[0].isEmpty) && items.allSatisfy(plain) }
        return entry.details.count == details && entry.details.allSatisfy { $0.map { !$0.isEmpty && plain($0) } ?? true }
            && plainList(entry.emails) && plainList(entry.phones) && plainList(entry.wanted) && (entry.session.map(plain) ?? true)
    }

    /// The cells as they come back from the file: `decodeCells(encode(cells))`, without the text between.
    static func asStored(_ cells: [ResponseCell]) -> [ResponseCell] {
        guard !cells.isEmpty else { return [.empty] }
        return cells.map { cell in
            switch cell {
            case .text(let text): return .text(clean(text))
            case .label(let text): return .label(clean(text))
            case .number(let value): return .text(UIText.plain(value))
            case .date(let date): return .label(DayText.format(date))
            case .empty: return .empty
            }
        }
    }

    static func decodeCells(_ text: String) -> [ResponseCell] {
        parts(Substring(text), by: field).map { part in
            let value = String(decoding: part.utf8.dropFirst(), as: UTF8.self)
            switch part.utf8.first {
            case UInt8(ascii: "t"): return .text(value)
            case UInt8(ascii: "l"): return .label(value)
            default: return .empty
            }
        }
    }
}
