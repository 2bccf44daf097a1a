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
    /// What the cross-tab groups by: a single- or multiple-choice question's id, or
    /// `SummaryFilters.sessionGroup` for the sessions (workshops), unless the survey has a question of that id.
    public var groupBy: String?

    public init(sessions: [String] = [], conditions: [FilterCondition] = [], groupBy: String? = nil) {
        self.sessions = sessions
        self.conditions = conditions
        self.groupBy = groupBy
    }
}

extension SummaryFilters {
    /// `--by session`: one group per session (workshop).
    public static let sessionGroup = "session"

    /// Whether the groups are the sessions: `--by session` and no question of that id.
    public func groupsBySession(in survey: Survey) -> Bool {
        groupBy == Self.sessionGroup && survey.question(Self.sessionGroup) == nil
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
    /// Numbers: the answers counted in bins (`Histogram` says how the bins are chosen).
    public var histogram: [HistogramBin] = []

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

/// Answers of a number question from `lower` up to (not including) `upper`; the last bin includes its upper end.
public struct HistogramBin: Sendable, Hashable {
    public var lower: Double
    public var upper: Double
    public var count: Int

    public init(lower: Double, upper: Double, count: Int) {
        self.lower = lower
        self.upper = upper
        self.count = count
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

/// Every figure again within each group: the choices of a single- or multiple-choice question,
/// or the sessions (workshops).
///
/// Which test each question gets (`IndependenceTests`): Pearson's chi-square only when every
/// expected count is at least 5; else Fisher's exact test when the table is 2×2; else none
/// (`untested`). A multiple-choice question counts a respondent under several choices, so it
/// is never tested as a whole: each choice is tested apart (chosen or not, by group), with Holm's
/// correction for testing several. With overlapping groups (`--by` a multiple-choice question)
/// nothing is tested.
public struct Crosstab: Sendable, Hashable {
    public var by: String
    public var byText: String
    public var groups: [CrosstabGroup]
    /// Chi-square test of independence between `by` and each single-choice question, by question id.
    public var tests: [String: IndependenceTest]
    /// The groups are sessions, not the choices of a question.
    public var bySession: Bool
    /// A respondent can be in several groups (`by` is a multiple-choice question).
    public var groupsOverlap: Bool
    /// Fisher's exact test where the table is 2×2 and an expected count is under 5, by question id.
    public var exactTests: [String: ExactTest]
    /// Multiple-choice questions: one test per choice, by question id.
    public var choiceTests: [String: [ChoiceTest]]
    /// Choice questions that got no test, and why, by question id.
    public var untested: [String: TestOmission]
    /// Per choice question, the cells (choice, group) whose expected count is under 5: why a
    /// question got Fisher's test or none. For multiple choice, the expected count of those
    /// choosing it in that choice's own table.
    public var smallCells: [String: [SmallCell]]

    public init(by: String, byText: String, groups: [CrosstabGroup], tests: [String: IndependenceTest],
                bySession: Bool = false, groupsOverlap: Bool = false, exactTests: [String: ExactTest] = [:],
                choiceTests: [String: [ChoiceTest]] = [:], untested: [String: TestOmission] = [:],
                smallCells: [String: [SmallCell]] = [:]) {
        self.smallCells = smallCells
        self.by = by
        self.byText = byText
        self.groups = groups
        self.tests = tests
        self.bySession = bySession
        self.groupsOverlap = groupsOverlap
        self.exactTests = exactTests
        self.choiceTests = choiceTests
        self.untested = untested
    }
}

/// Fisher's exact test of a 2×2 table, two-sided.
public struct ExactTest: Sendable, Hashable {
    public var pValue: Double
    /// The sample odds ratio ad/bc; nil where it is 0/0 or infinite.
    public var oddsRatio: Double?

    public init(pValue: Double, oddsRatio: Double?) {
        self.pValue = pValue
        self.oddsRatio = oddsRatio
    }
}

/// One choice of a multiple-choice question tested apart: chosen or not, by group.
public struct ChoiceTest: Sendable, Hashable {
    public var choice: String
    /// Exactly one of `chiSquare` and `exact` is set.
    public var chiSquare: IndependenceTest?
    public var exact: ExactTest?
    /// Holm's adjustment over the choices of the question that were tested.
    public var adjustedPValue: Double

    public init(choice: String, chiSquare: IndependenceTest? = nil, exact: ExactTest? = nil, adjustedPValue: Double) {
        self.choice = choice
        self.chiSquare = chiSquare
        self.exact = exact
        self.adjustedPValue = adjustedPValue
    }

    public var pValue: Double { chiSquare?.pValue ?? exact?.pValue ?? 1 }
}

/// Why a question got no test.
public enum TestOmission: String, Sendable, Hashable {
    /// Fewer than two groups or two choices with answers.
    case tooFewAnswers = "too_few_answers"
    /// An expected count under 5 in a table larger than 2×2: neither chi-square nor Fisher's test applies.
    case expectedBelowFive = "expected_below_5"
    /// Respondents are in several groups at once (`--by` a multiple-choice question).
    case overlappingGroups = "overlapping_groups"
    /// A multiple-choice question none of whose choices could be tested.
    case multipleChoice = "multiple_choice"
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
    /// Cells (choice id, group id) whose expected count is under 5. Since the test is only run
    /// when there are none, this is empty unless built by hand.
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
