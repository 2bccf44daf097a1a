/// The figures of one survey over one selection of responses: computed once by `Analyzer`,
/// rendered by every view (terminal, JSON, XLSX, CSV). Plain values, no behaviour.
///
/// Percentages are fractions (0.42, not 42) everywhere in Swift; the JSON view writes `percent`
/// as 0–100 for people reading it.
public struct Summary: Sendable, Hashable {
    public var surveyID: String
    public var title: String
    /// The language labels and texts are given in.
    public var language: String
    /// Complete responses in the selection (drafts never count).
    public var responses: Int
    public var filters: SummaryFilters
    public var questions: [QuestionSummary]
    public var crosstab: Crosstab?
    /// Answers to questions the definition no longer has, by question id: reported apart, never dropped.
    public var removedQuestions: [RemovedQuestion]
    /// Set by ``suppressingCounts(below:)``: small counts are hidden and marked `suppressed`.
    public var suppression: CountSuppression?

    public init(surveyID: String, title: String, language: String, responses: Int, filters: SummaryFilters,
                questions: [QuestionSummary], crosstab: Crosstab? = nil, removedQuestions: [RemovedQuestion] = []) {
        self.surveyID = surveyID
        self.title = title
        self.language = language
        self.responses = responses
        self.filters = filters
        self.questions = questions
        self.crosstab = crosstab
        self.removedQuestions = removedQuestions
    }

    public func question(_ id: String) -> QuestionSummary? {
        questions.first { $0.id == id }
    }
}

/// Which responses a summary covers.
public struct SummaryFilters: Sendable, Hashable {
    /// Any of these sessions; empty means all.
    public var sessions: [String]
    /// Every condition must hold: question id → choice id.
    public var conditions: [FilterCondition]
    /// The single-choice question the cross-tab groups by.
    public var groupBy: String?

    public init(sessions: [String] = [], conditions: [FilterCondition] = [], groupBy: String? = nil) {
        self.sessions = sessions
        self.conditions = conditions
        self.groupBy = groupBy
    }
}

/// `--where QUESTION=CHOICE`: a response passes when its answer to QUESTION is, or includes, CHOICE.
public struct FilterCondition: Sendable, Hashable {
    public var question: String
    public var choice: String

    public init(question: String, choice: String) {
        self.question = question
        self.choice = choice
    }
}

public struct QuestionSummary: Sendable, Hashable {
    public var id: String
    public var type: QuestionType
    public var text: String
    public var personal: Bool
    /// Responses the question was shown to (its `show_if` held).
    public var shown: Int
    /// Responses that answered it.
    public var answered: Int
    /// Responses it was hidden from by `show_if`.
    public var notShown: Int

    /// Choice questions: every choice in definition order, including those nobody chose.
    public var choices: [ChoiceCount]
    /// Answers outside the list ("other"), when the question allows them or answers have them.
    public var other: OtherAnswers?
    /// Multiple choice: the mean number of choices among those answering.
    public var meanChoices: Double?
    /// Answers naming choice ids the definition no longer has: reported apart, never dropped.
    public var removedChoices: [ChoiceCount]

    /// Scales: every point in scale order, never re-sorted by count.
    public var distribution: [PointCount]
    public var statistics: NumberStatistics?
    /// Scales: the share of answers in the top two points.
    public var topTwoBox: Double?

    /// Free text (never for personal questions).
    public var textFigures: TextFigures?

    public init(id: String, type: QuestionType, text: String, personal: Bool, shown: Int = 0, answered: Int = 0,
                notShown: Int = 0, choices: [ChoiceCount] = [], other: OtherAnswers? = nil, meanChoices: Double? = nil,
                removedChoices: [ChoiceCount] = [], distribution: [PointCount] = [], statistics: NumberStatistics? = nil,
                topTwoBox: Double? = nil, textFigures: TextFigures? = nil) {
        self.id = id
        self.type = type
        self.text = text
        self.personal = personal
        self.shown = shown
        self.answered = answered
        self.notShown = notShown
        self.choices = choices
        self.other = other
        self.meanChoices = meanChoices
        self.removedChoices = removedChoices
        self.distribution = distribution
        self.statistics = statistics
        self.topTwoBox = topTwoBox
        self.textFigures = textFigures
    }
}

public struct ChoiceCount: Sendable, Hashable {
    /// Hidden by count suppression: `count` and `share` are then 0 and must be shown as hidden.
    public var suppressed = false
    public var id: String
    public var label: String
    public var count: Int
    /// Of those answering the question (for multiple choice: of respondents, so shares may sum past 1).
    public var share: Double
    /// 95% Wilson score interval of the share.
    public var interval: ClosedRange<Double>?

    public init(id: String, label: String, count: Int, share: Double, interval: ClosedRange<Double>? = nil) {
        self.id = id
        self.label = label
        self.count = count
        self.share = share
        self.interval = interval
    }
}

public struct OtherAnswers: Sendable, Hashable {
    /// Hidden by count suppression: `count` and `share` are then 0 and must be shown as hidden.
    public var suppressed = false
    public var count: Int
    public var share: Double
    public var interval: ClosedRange<Double>?
    /// The texts written, most frequent first, with how often each was written.
    public var texts: [TextCount]

    public init(count: Int, share: Double, interval: ClosedRange<Double>? = nil, texts: [TextCount] = []) {
        self.count = count
        self.share = share
        self.interval = interval
        self.texts = texts
    }
}

public struct TextCount: Sendable, Hashable {
    public var text: String
    public var count: Int

    public init(text: String, count: Int) {
        self.text = text
        self.count = count
    }
}

public struct PointCount: Sendable, Hashable {
    /// Hidden by count suppression: `count` and `share` are then 0 and must be shown as hidden.
    public var suppressed = false
    public var value: Int
    /// The scale label of this point, if the definition gives one.
    public var label: String?
    public var count: Int
    public var share: Double

    public init(value: Int, label: String? = nil, count: Int, share: Double) {
        self.value = value
        self.label = label
        self.count = count
        self.share = share
    }
}

/// Descriptive statistics of scale or number answers. Quartiles are type 7 (numpy "linear").
public struct NumberStatistics: Sendable, Hashable {
    public var n: Int
    public var mean: Double?
    public var median: Double?
    public var standardDeviation: Double?
    public var min: Double?
    public var max: Double?
    public var lowerQuartile: Double?
    public var upperQuartile: Double?

    public init(n: Int, mean: Double? = nil, median: Double? = nil, standardDeviation: Double? = nil, min: Double? = nil,
                max: Double? = nil, lowerQuartile: Double? = nil, upperQuartile: Double? = nil) {
        self.n = n
        self.mean = mean
        self.median = median
        self.standardDeviation = standardDeviation
        self.min = min
        self.max = max
        self.lowerQuartile = lowerQuartile
        self.upperQuartile = upperQuartile
    }
}

/// What free-text answers say: languages, top terms and bigrams, and themes from a codebook.
public struct TextFigures: Sendable, Hashable {
    /// Answers per guessed language code ("sv", "en", "unknown").
    public var languages: [String: Int]
    public var terms: [TermCount]
    public var bigrams: [TermCount]
    /// Present when a codebook was given.
    public var themes: [ThemeSummary]?
    /// Answers that matched no theme (with a codebook).
    public var uncoded: Int?

    public init(languages: [String: Int] = [:], terms: [TermCount] = [], bigrams: [TermCount] = [],
                themes: [ThemeSummary]? = nil, uncoded: Int? = nil) {
        self.languages = languages
        self.terms = terms
        self.bigrams = bigrams
        self.themes = themes
        self.uncoded = uncoded
    }
}

public struct TermCount: Sendable, Hashable {
    /// Shown in its most used surface form.
    public var term: String
    /// Answers using it.
    public var count: Int

    public init(term: String, count: Int) {
        self.term = term
        self.count = count
    }
}

public struct ThemeSummary: Sendable, Hashable {
    /// Hidden by count suppression: `count` and `share` are then 0 and must be shown as hidden.
    public var suppressed = false
    public var name: String
    public var count: Int
    /// Of the answers to the question.
    public var share: Double
    /// Up to three representative answers.
    public var quotes: [String]

    public init(name: String, count: Int, share: Double, quotes: [String]) {
        self.name = name
        self.count = count
        self.share = share
        self.quotes = quotes
    }
}

/// Every figure again within each group of a single-choice question.
public struct Crosstab: Sendable, Hashable {
    public var by: String
    public var byText: String
    public var groups: [CrosstabGroup]
    /// Chi-square test of independence between `by` and each choice question, by question id.
    public var tests: [String: IndependenceTest]

    public init(by: String, byText: String, groups: [CrosstabGroup], tests: [String: IndependenceTest]) {
        self.by = by
        self.byText = byText
        self.groups = groups
        self.tests = tests
    }
}

public struct CrosstabGroup: Sendable, Hashable {
    public var id: String
    public var label: String
    public var responses: Int
    /// The same figures as the whole summary's, within this group; shares are column percents.
    public var questions: [QuestionSummary]

    public init(id: String, label: String, responses: Int, questions: [QuestionSummary]) {
        self.id = id
        self.label = label
        self.responses = responses
        self.questions = questions
    }
}

public struct IndependenceTest: Sendable, Hashable {
    public var statistic: Double
    public var degreesOfFreedom: Int
    public var pValue: Double
    /// Cells (choice id, group id) whose expected count is under 5: the test is unreliable there.
    public var smallCells: [SmallCell]

    public init(statistic: Double, degreesOfFreedom: Int, pValue: Double, smallCells: [SmallCell]) {
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        self.pValue = pValue
        self.smallCells = smallCells
    }
}

public struct SmallCell: Sendable, Hashable {
    public var choice: String
    public var group: String
    public var expected: Double
    public var observed: Int

    public init(choice: String, group: String, expected: Double, observed: Int) {
        self.choice = choice
        self.group = group
        self.expected = expected
        self.observed = observed
    }
}

/// Answers stored for a question the current definition no longer has.
public struct RemovedQuestion: Sendable, Hashable {
    public var id: String
    public var answered: Int
    /// A few of the values as text, for the reader to recognise the question.
    public var examples: [String]

    public init(id: String, answered: Int, examples: [String]) {
        self.id = id
        self.answered = answered
        self.examples = examples
    }
}
