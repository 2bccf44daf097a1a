import Foundation

/// What an erasure request names: one respondent (by the e-mail they gave, or a response id) or a
/// whole session.
public enum ErasureSelector: Sendable, Hashable {
    case respondent(email: String)
    case response(UUID)
    case session(String)

    /// A response id when `text` is one, else an e-mail address to look for.
    public static func respondent(_ text: String) -> ErasureSelector {
        if let id = UUIDText.parse(text.trimmingCharacters(in: .whitespaces)) { return .response(id) }
        return .respondent(email: text)
    }

    /// The erasure log's word for an erasure of one response by its id.
    static let responseKind = "response"

    var kind: String {
        switch self {
        case .respondent: return "respondent"
        case .response: return Self.responseKind
        case .session: return "session"
        }
    }
}

/// The responses an erasure request would remove, found before anything is removed so that the
/// host can confirm the count.
public struct ErasurePlan: Sendable {
    public var surveyID: String
    public var selector: ErasureSelector
    public var responseIDs: [UUID]
    public var complete: Int
    public var drafts: Int
    /// Identities of the imported ones, kept so that a re-import skips them.
    var identities: [String]

    public var count: Int { responseIDs.count }
}

/// One line of the store's erasure log.
public struct ErasureRecord: Sendable, Hashable {
    public var erasedAt: Date
    public var surveyID: String
    public var selectorKind: String
    /// The session name, the response id, or a keyed hash of the e-mail address.
    public var selector: String
    public var responses: Int
}

/// How many responses a session holds, complete and draft, and when they came in.
public struct SessionCounts: Sendable, Hashable {
    public var name: String?
    public var complete: Int
    public var drafts: Int
    public var first: Date?
    public var last: Date?
}

extension ResponseStore {
    /// Every session of a survey (nil: responses given without one), in the order they started.
    public func sessionCounts(surveyID: String) throws -> [SessionCounts] {
        try database.sessionCounts(surveyID: surveyID)
    }

    /// The responses `selector` names, drafts included. An e-mail is matched, ignoring case and
    /// surrounding spaces, against the written answers of `survey`'s personal questions, of
    /// questions whose id says e-mail, and the e-mail columns an export tool adds.
    public func planErasure(_ selector: ErasureSelector, survey: Survey) throws -> ErasurePlan {
        var plan = ErasurePlan(surveyID: survey.id, selector: selector, responseIDs: [], complete: 0, drafts: 0, identities: [])
        func take(_ id: UUID, status: String, identity: String?) {
            plan.responseIDs.append(id)
            if status == "draft" { plan.drafts += 1 } else { plan.complete += 1 }
            if let identity { plan.identities.append(identity) }
        }
        switch selector {
        case .session(let name):
            for row in try database.responseKeys(surveyID: survey.id, session: name, id: nil) {
                if let id = UUIDText.parse(row.id) { take(id, status: row.status, identity: row.identity) }
            }
        case .response(let wanted):
            for row in try database.responseKeys(surveyID: survey.id, session: nil, id: UUIDText.format(wanted)) {
                take(wanted, status: row.status, identity: row.identity)
            }
        case .respondent(let email):
            let wanted = Self.normalisedEmail(email)
            let fields = Set(survey.questions.filter { question in
                question.personal || question.id.lowercased().replacingOccurrences(of: "-", with: "").contains("email")
            }.map(\.id))
            try forEachResponse(Selection(surveyID: survey.id, includeDrafts: true)) { response in
                let matches = response.answers.contains { id, value in
                    guard fields.contains(id) else { return false }
                    switch value {
                    case .text(let written), .other(let written): return Self.normalisedEmail(written) == wanted
                    case .choices(_, let other?): return Self.normalisedEmail(other) == wanted
                    default: return false
                    }
                }
                // A tool's own e-mail column (Google Forms' "Email Address") is kept as metadata.
                let inMetadata = response.metadata.values.contains { $0.contains("@") && Self.normalisedEmail($0) == wanted }
                if matches || inMetadata { take(response.id, status: response.status.rawValue, identity: response.identity) }
            }
        }
        return plan
    }

    /// Removes what `plan` found, in one transaction with its line in the erasure log; returns how
    /// many responses went (fewer than planned if some went meanwhile).
    @discardableResult
    public func erase(_ plan: ErasurePlan) throws(StoreError) -> Int {
        let selector: String
        switch plan.selector {
        case .respondent(let email):
            selector = Hashing.hmacSHA256Hex(key: try pseudonymKey(), message: Self.normalisedEmail(email))
        case .response(let id): selector = UUIDText.format(id)
        case .session(let name): selector = name
        }
        return try write { writer in
            let transaction = writer.transaction
            var removed = 0
            for id in plan.responseIDs {
                removed += try transaction.deleteResponse(id: UUIDText.format(id), surveyID: plan.surveyID, draftsOnly: false)
            }
            let erasure = try transaction.insertErasure(StoredErasure(
                erasedAt: StoreDates.format(Date()), surveyID: plan.surveyID, selectorKind: plan.selector.kind,
                selector: selector, responses: removed, identities: plan.identities))
            for identity in plan.identities {
                try transaction.insertErasedIdentity(surveyID: plan.surveyID, identity: identity, erasure: erasure)
            }
            return removed
        }
    }

    /// The erasure log of a survey, oldest first.
    public func erasureLog(surveyID: String) throws -> [ErasureRecord] {
        try database.erasures(surveyID: surveyID).map { line in
            ErasureRecord(erasedAt: StoreDates.parse(line.erasedAt) ?? Date(timeIntervalSince1970: 0), surveyID: line.surveyID,
                          selectorKind: line.selectorKind, selector: line.selector, responses: line.responses)
        }
    }

    static func normalisedEmail(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
