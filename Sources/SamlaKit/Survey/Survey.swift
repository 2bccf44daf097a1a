import Foundation

/// A validated survey definition: what is asked, in which languages, and when.
public struct Survey: Sendable, Hashable {
    /// The format version of the file; only 1 exists.
    public var format: Int
    public var id: String
    public var title: LocalizedText
    public var description: LocalizedText?
    /// The first is the default language.
    public var languages: [String]
    public var questions: [Question]
    /// Texts shown to the participant that ask nothing (`type: note`, XLSForm's `note`), each
    /// standing before the question at its `position`. They are not questions: nothing counts,
    /// numbers, stores or exports them, so only what shows the survey reads them (`items`).
    public var notes: [Note]
    /// SHA-256 of the definition file's bytes: responses record which version they were given under.
    public var definitionHash: String
    /// The definition's source text, kept in the store so old responses can be read under it.
    public var sourceText: String
    /// `time_zone` as written (an IANA name); nil for the default, Europe/Stockholm.
    public var timeZoneName: String?
    /// Who asked to be contacted and where their contact details are; nil when the file says nothing.
    public var contact: ContactSection?

    public init(
        format: Int = 1, id: String, title: LocalizedText, description: LocalizedText? = nil,
        languages: [String], questions: [Question], definitionHash: String = "", sourceText: String = "",
        contact: ContactSection? = nil, notes: [Note] = []
    ) {
        self.format = format
        self.id = id
        self.title = title
        self.description = description
        self.languages = languages
        self.questions = questions
        self.definitionHash = definitionHash
        self.sourceText = sourceText
        self.contact = contact
        self.notes = notes
    }

    public var defaultLanguage: String { languages.first ?? "en" }

    /// The zone times without one are read in, and times are shown in.
    public var timeZone: TimeZone {
        timeZoneName.flatMap(SurveyTimeZone.named) ?? SurveyTimeZone.standard
    }

    public func question(_ id: String) -> Question? {
        questions.first { $0.id == id }
    }

    /// The heading of the section `question` is in: its own, else that of the nearest question
    /// or note before it with one.
    public func heading(of question: Question) -> LocalizedText? {
        heading(ofItem: question.id) ?? question.heading
    }

    /// The heading of the section the question or note `id` is in.
    public func heading(ofItem id: String) -> LocalizedText? {
        let all = items
        guard let position = all.firstIndex(where: { $0.id == id }) else { return nil }
        return all[...position].last { $0.heading != nil }?.heading
    }

    /// Questions and notes in the order the file gives them.
    public var items: [SurveyItem] {
        let ordered = notes.enumerated().sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }.map(\.element)
        var out: [SurveyItem] = []
        out.reserveCapacity(questions.count + notes.count)
        var next = 0
        for (index, question) in questions.enumerated() {
            while next < ordered.count, ordered[next].position <= index {
                out.append(.note(ordered[next]))
                next += 1
            }
            out.append(.question(question))
        }
        out += ordered[next...].map(SurveyItem.note)
        return out
    }

    public func note(_ id: String) -> Note? {
        notes.first { $0.id == id }
    }

    /// The notes that stand between the questions before `start` and the question at `end`
    /// (`questions.count`: after the last one), in order.
    public func notes(from start: Int, through end: Int) -> [Note] {
        notes.enumerated()
            .filter { $0.element.position >= start && $0.element.position <= end }
            .sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }
            .map(\.element)
    }

    public func index(of questionID: String) -> Int? {
        questions.firstIndex { $0.id == questionID }
    }

    /// The language to use for `requested`, falling back to the survey's default.
    public func language(_ requested: String?) -> String {
        if let requested, languages.contains(requested) { return requested }
        return defaultLanguage
    }
}

/// A text in each of the survey's languages.
public struct LocalizedText: Sendable, Hashable {
    public var values: [String: String]

    public init(_ values: [String: String]) {
        self.values = values
    }

    public init(_ text: String, language: String) {
        self.values = [language: text]
    }

    /// The text in `language`, else in any language the text has (sorted, so the choice is stable).
    public func text(_ language: String) -> String {
        if let value = values[language] { return value }
        return values.sorted { $0.key < $1.key }.first?.value ?? ""
    }

    public var allTexts: [String] { values.sorted { $0.key < $1.key }.map(\.value) }
}

public struct Choice: Sendable, Hashable {
    public var id: String
    public var label: LocalizedText

    public init(id: String, label: LocalizedText) {
        self.id = id
        self.label = label
    }
}

public enum QuestionType: String, Sendable, Hashable, CaseIterable {
    case singleChoice = "single_choice"
    case multipleChoice = "multiple_choice"
    case scale
    case number
    case text

    public var hasChoices: Bool { self == .singleChoice || self == .multipleChoice }
    public var isNumeric: Bool { self == .scale || self == .number }
}

public struct ScaleRange: Sendable, Hashable {
    public var min: Int
    public var max: Int
    /// Labels for any subset of the points.
    public var labels: [Int: LocalizedText]

    public init(min: Int, max: Int, labels: [Int: LocalizedText] = [:]) {
        self.min = min
        self.max = max
        self.labels = labels
    }

    public var points: ClosedRange<Int> { min...max }
}

public struct NumberBounds: Sendable, Hashable {
    public var integer: Bool
    public var min: Double?
    public var max: Double?

    public init(integer: Bool = false, min: Double? = nil, max: Double? = nil) {
        self.integer = integer
        self.min = min
        self.max = max
    }

    public func contains(_ value: Double) -> Bool {
        if let min, value < min { return false }
        if let max, value > max { return false }
        return true
    }
}

/// Tests combined as `show_if` combines them: one test, all of some, any of some, or not one.
/// Generic over the test so that the analysis can compile the same tree to tests on positions.
public indirect enum ConditionTree<Test: Sendable & Hashable>: Sendable, Hashable {
    case test(Test)
    /// Every part holds (none is written as empty: the decoder refuses it).
    case all([ConditionTree])
    /// At least one part holds.
    case any([ConditionTree])
    case not(ConditionTree)

    /// Whether the tree holds when each test is decided by `holds`; `all` and `any` stop at the first
    /// part that settles them.
    public func holds(where test: (Test) -> Bool) -> Bool {
        switch self {
        case .test(let leaf): return test(leaf)
        case .all(let parts): return parts.allSatisfy { $0.holds(where: test) }
        case .any(let parts): return parts.contains { $0.holds(where: test) }
        case .not(let part): return !part.holds(where: test)
        }
    }

    /// The tests, in the order written.
    public var tests: [Test] {
        switch self {
        case .test(let leaf): return [leaf]
        case .all(let parts), .any(let parts): return parts.flatMap(\.tests)
        case .not(let part): return part.tests
        }
    }

    public var isSingleTest: Bool {
        if case .test = self { return true }
        return false
    }

    var isAll: Bool {
        if case .all = self { return true }
        return false
    }

    /// The same tree with every test replaced.
    public func map<Other>(_ transform: (Test) -> Other) -> ConditionTree<Other> {
        switch self {
        case .test(let leaf): return .test(transform(leaf))
        case .all(let parts): return .all(parts.map { $0.map(transform) })
        case .any(let parts): return .any(parts.map { $0.map(transform) })
        case .not(let part): return .not(part.map(transform))
        }
    }
}

/// A question's `show_if`: tests on earlier questions' answers, combined with all / any / not.
public typealias ShowIf = ConditionTree<Condition>

extension ConditionTree where Test == Condition {
    /// Whether any test names `question`.
    public func refers(to question: String) -> Bool {
        tests.contains { $0.question == question }
    }
}

/// One test on the answer to an earlier question.
public struct Condition: Sendable, Hashable {
    public enum Test: Sendable, Hashable {
        case equals(String)
        case includes(String)
        case atLeast(Double)
        case atMost(Double)
    }

    public var question: String
    public var test: Test

    public init(question: String, test: Test) {
        self.question = question
        self.test = test
    }

    /// Whether the condition holds for `answer`; an unanswered question never satisfies it.
    public func isMet(by answer: AnswerValue?) -> Bool {
        guard let answer else { return false }
        switch (test, answer) {
        case (.equals(let id), .choice(let chosen)): return chosen == id
        case (.equals(let id), .other): return id == Question.otherID
        case (.includes(let id), .choices(let chosen, let other)):
            return chosen.contains(id) || (id == Question.otherID && other != nil)
        case (.atLeast(let bound), .number(let value)): return value >= bound
        case (.atMost(let bound), .number(let value)): return value <= bound
        default: return false
        }
    }
}

/// A text shown to the participant that asks nothing: a welcome, an instruction, a word before a
/// part of the survey. It may have a hint, start a section and have a `show_if` like a question,
/// but it has no answer, so no `show_if` may test it.
public struct Note: Sendable, Hashable {
    public var id: String
    public var text: LocalizedText
    public var hint: LocalizedText?
    /// `section:`: a heading this note starts a part of the survey under, as a question's does.
    public var heading: LocalizedText?
    public var showIf: ShowIf?
    /// How many of the survey's questions come before it: it is shown before `questions[position]`,
    /// or after the last question when `position == questions.count`.
    public var position: Int

    public init(id: String, text: LocalizedText, position: Int, hint: LocalizedText? = nil, heading: LocalizedText? = nil,
                showIf: ShowIf? = nil) {
        self.id = id
        self.text = text
        self.position = position
        self.hint = hint
        self.heading = heading
        self.showIf = showIf
    }
}

/// A question or a note, as the survey shows them in order.
public enum SurveyItem: Sendable, Hashable {
    case question(Question)
    case note(Note)

    public var id: String {
        switch self {
        case .question(let question): return question.id
        case .note(let note): return note.id
        }
    }

    public var heading: LocalizedText? {
        switch self {
        case .question(let question): return question.heading
        case .note(let note): return note.heading
        }
    }

    public var showIf: ShowIf? {
        switch self {
        case .question(let question): return question.showIf
        case .note(let note): return note.showIf
        }
    }

    public var text: LocalizedText {
        switch self {
        case .question(let question): return question.text
        case .note(let note): return note.text
        }
    }

    public var hint: LocalizedText? {
        switch self {
        case .question(let question): return question.hint
        case .note(let note): return note.hint
        }
    }

    public var isNote: Bool {
        if case .note = self { return true }
        return false
    }
}

public struct Question: Sendable, Hashable {
    /// The id under which an "other" answer is counted beside the choices.
    public static let otherID = "other"

    public var id: String
    public var type: QuestionType
    public var text: LocalizedText
    /// A line under the question that helps to answer it ("Count yourself too"), in each language.
    public var hint: LocalizedText?
    /// `section:` in the file: a heading this question starts a part of the survey under (XLSForm's
    /// group label); the part runs to the next question with a heading.
    public var heading: LocalizedText?
    public var required: Bool
    /// Personal data: never analysed for terms, never quoted, left out of anonymised exports.
    public var personal: Bool
    public var choices: [Choice]
    /// The XLSForm list its choices (or scale points) are: questions naming the same list state the
    /// same choices. nil means a list of its own, named after the question.
    public var list: String?
    public var allowsOther: Bool
    public var minSelected: Int?
    public var maxSelected: Int?
    public var scale: ScaleRange?
    public var bounds: NumberBounds
    public var showIf: ShowIf?

    public init(
        id: String, type: QuestionType, text: LocalizedText, required: Bool = false, personal: Bool = false,
        choices: [Choice] = [], allowsOther: Bool = false, minSelected: Int? = nil, maxSelected: Int? = nil,
        scale: ScaleRange? = nil, bounds: NumberBounds = NumberBounds(), showIf: ShowIf? = nil, hint: LocalizedText? = nil,
        heading: LocalizedText? = nil, list: String? = nil
    ) {
        self.id = id
        self.type = type
        self.text = text
        self.required = required
        self.personal = personal
        self.choices = choices
        self.allowsOther = allowsOther
        self.minSelected = minSelected
        self.maxSelected = maxSelected
        self.scale = scale
        self.bounds = bounds
        self.showIf = showIf
        self.hint = hint
        self.heading = heading
        self.list = list
    }

    /// The name of its choice list: `list`, else its id.
    public var listName: String { list ?? id }

    /// Whether `other` states the same list: the same choices and "other", or the same scale.
    public func hasSameList(as other: Question) -> Bool {
        type.hasChoices == other.type.hasChoices && choices == other.choices && allowsOther == other.allowsOther
            && scale == other.scale
    }

    public func choice(_ id: String) -> Choice? {
        choices.first { $0.id == id }
    }
}
