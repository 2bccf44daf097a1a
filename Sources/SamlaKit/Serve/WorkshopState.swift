import Foundation

/// A free-text answer as the projector may show it: which question, and the text (identical texts
/// are one item, approved or hidden together).
public struct FreeTextItem: Sendable, Hashable {
    public var question: String
    public var text: String

    public init(question: String, text: String) {
        self.question = question
        self.text = text
    }

    /// Every free text of `response` that may ever reach the projector: answers to text questions
    /// and "Other" texts, never a personal question's.
    public static func items(of response: Response, in survey: Survey) -> [FreeTextItem] {
        survey.questions.filter { !$0.personal }.compactMap { question -> FreeTextItem? in
            switch response.answers[question.id] {
            case .text(let text)?: return FreeTextItem(question: question.id, text: text)
            case .other(let text)?: return FreeTextItem(question: question.id, text: text)
            case .choices(_, let other?)?: return FreeTextItem(question: question.id, text: other)
            default: return nil
            }
        }
    }
}

/// What the host decides while `samla serve` runs: whether the survey takes answers, which
/// question the projector shows, and which free texts it may show. Kept in memory for the run.
public final class WorkshopState: @unchecked Sendable {
    public struct Snapshot: Sendable, Hashable {
        public var isOpen: Bool
        /// The question the projector shows alone; nil shows every closed question.
        public var projectorQuestion: String?
        /// Approved free texts in the order they were approved.
        public var approved: [FreeTextItem]
        public var hidden: Set<FreeTextItem>
        /// Counts every change, so the projector can tell a new state from an old one.
        public var version: Int
    }

    private let lock = NSLock()
    private var snapshotValue = Snapshot(isOpen: true, projectorQuestion: nil, approved: [], hidden: [], version: 0)

    public init(open: Bool = true) {
        snapshotValue.isOpen = open
    }

    public var snapshot: Snapshot { lock.withLock { snapshotValue } }

    public func setOpen(_ open: Bool) { change { $0.isOpen = open } }

    public func show(question: String?) { change { $0.projectorQuestion = question } }

    public func approve(_ item: FreeTextItem) {
        change { state in
            state.hidden.remove(item)
            if !state.approved.contains(item) { state.approved.append(item) }
        }
    }

    public func hide(_ item: FreeTextItem) {
        change { state in
            state.approved.removeAll { $0 == item }
            state.hidden.insert(item)
        }
    }

    private func change(_ body: (inout Snapshot) -> Void) {
        lock.withLock {
            body(&snapshotValue)
            snapshotValue.version += 1
        }
    }
}

extension Survey {
    /// The questions a projector shows as bars: the closed ones, never a personal one.
    public var projectorQuestions: [Question] {
        questions.filter { ($0.type.hasChoices || $0.type == .scale) && !$0.personal }
    }

    /// The question after `current` on the projector (the first after none, none after the last).
    public func projectorQuestion(after current: String?) -> String? {
        let shown = projectorQuestions.map(\.id)
        guard let current, let index = shown.firstIndex(of: current) else { return shown.first }
        return index + 1 < shown.count ? shown[index + 1] : nil
    }
}

extension Summary {
    /// The summary with no respondent text left in it and no personal question: what a page
    /// anyone in the room can open may carry. Free text reaches the projector only once approved.
    public var withoutRespondentText: Summary {
        var summary = self
        summary.questions = questions.filter { !$0.personal }.map { question in
            var question = question
            question.textFigures = nil
            question.other?.texts = []
            return question
        }
        return summary
    }
}
