import Foundation
import Yams

/// Turns the YAML tree of a survey file into a `Survey`, collecting a located diagnostic for every
/// shape problem (missing or unknown keys, wrong value kinds, bad ids, missing translations).
struct SurveyDecoder {
    static let surveyKeys = ["format", "id", "title", "description", "languages", "questions", "time_zone", "contact"]
    static let questionKeys = [
        "id", "section", "type", "text", "hint", "required", "personal", "choices", "other",
        "min_selected", "max_selected", "scale", "integer", "min", "max", "show_if", "list",
    ]
    /// A note shows a text and asks nothing: none of a question's answer keys apply.
    static let noteKeys = ["id", "section", "type", "text", "hint", "show_if"]
    /// What `type:` may say: the question types, and a note.
    static let noteType = "note"
    static var typeNames: [String] { QuestionType.allCases.map(\.rawValue) + [noteType] }
    static let choiceKeys = ["id", "label"]
    static let scaleKeys = ["min", "max", "labels"]
    static let testKeys = ["equals", "includes", "at_least", "at_most"]
    static let combinatorKeys = ["all", "any", "not"]
    static let conditionKeys = ["question"] + testKeys + combinatorKeys
    /// How deep `all` / `any` / `not` may nest: deeper is no condition a person writes.
    static let conditionDepthLimit = 16

    /// Keys that only make sense for some question types.
    static let keysByType: [String: Set<QuestionType>] = [
        "choices": [.singleChoice, .multipleChoice],
        "other": [.singleChoice, .multipleChoice],
        "list": [.singleChoice, .multipleChoice, .scale],
        "min_selected": [.multipleChoice],
        "max_selected": [.multipleChoice],
        "scale": [.scale],
        "integer": [.number],
        "min": [.number],
        "max": [.number],
    ]

    let file: String
    var diagnostics = Diagnostics()
    var languages: [String] = []
    /// Where each question, choice and condition was written, for the cross-question rules.
    var locations = SurveyLocations()

    init(file: String) {
        self.file = file
    }

    mutating func decode(_ root: Node) -> Survey? {
        guard let map = YAMLMapping(root, file: file) else {
            diagnostics.error("a survey file must be a map of keys (format, id, title, languages, questions), not \(root.kindName)",
                              at: location(root))
            return nil
        }
        map.reportUnknownKeys(known: Self.surveyKeys, in: "the survey", into: &diagnostics)

        let format = decodeFormat(map)
        languages = decodeLanguages(map)
        let id = requiredID(map, key: "id", what: "survey")
        let title = map["title"].flatMap { text($0, what: "title") }
        if !map.has("title") {
            diagnostics.error("the survey has no 'title'", at: map.location,
                              hint: "add 'title:' with the text in each language")
        }
        let description = map["description"].flatMap { text($0, what: "description") }
        let items = decodeQuestions(map)
        // Without an id or title the survey is invalid already, but its questions are still worth
        // checking against each other so that every problem is reported in one run.
        let contact = decodeContact(map)
        guard let (questions, notes) = items else { return nil }
        locations.surveyID = map.keyLocation("id")
        var survey = Survey(format: format ?? 1, id: id ?? "", title: title ?? LocalizedText([:]), description: description,
                            languages: languages, questions: questions, contact: contact, notes: notes)
        survey.markTypedContactDetailsPersonal()
        survey.timeZoneName = decodeTimeZone(map)
        return survey
    }

    // MARK: Top level

    private mutating func decodeFormat(_ map: YAMLMapping) -> Int? {
        guard let node = map["format"] else {
            diagnostics.error("the survey has no 'format'", at: map.location, hint: "add 'format: 1' as the first line")
            return nil
        }
        guard let value = node.scalarText.flatMap(Int.init), value == 1 else {
            diagnostics.error("unsupported format '\(node.scalarText ?? node.kindName)'", at: location(node),
                              hint: "this version of Samla reads 'format: 1'")
            return nil
        }
        return value
    }

    private mutating func decodeLanguages(_ map: YAMLMapping) -> [String] {
        guard let node = map["languages"] else {
            diagnostics.error("the survey has no 'languages'", at: map.location,
                              hint: "add for example 'languages: [sv, en]'; the first is the default")
            return []
        }
        guard case .sequence(let sequence) = node, !sequence.isEmpty else {
            diagnostics.error("'languages' must be a non-empty list of language codes", at: location(node),
                              hint: "for example 'languages: [sv, en]'")
            return []
        }
        var codes: [String] = []
        for item in sequence {
            guard let code = item.scalarText, Identifiers.isLanguageCode(code) else {
                diagnostics.error("'\(item.scalarText ?? item.kindName)' is not a language code", at: location(item),
                                  hint: "use a two- or three-letter code such as sv, en, fi, se")
                continue
            }
            if codes.contains(code) {
                diagnostics.error("language '\(code)' is listed twice", at: location(item))
            } else {
                codes.append(code)
            }
        }
        return codes
    }

    private mutating func decodeQuestions(_ map: YAMLMapping) -> (questions: [Question], notes: [Note])? {
        guard let node = map["questions"] else {
            diagnostics.error("the survey has no 'questions'", at: map.location, hint: "add 'questions:' with a list of questions")
            return nil
        }
        guard case .sequence(let sequence) = node else {
            diagnostics.error("'questions' must be a list (each item starting with '- id: ...')", at: location(node))
            return nil
        }
        if sequence.isEmpty {
            diagnostics.error("the survey has no questions", at: location(node), hint: "add at least one question")
        }
        var questions: [Question] = []
        var notes: [Note] = []
        for (index, item) in sequence.enumerated() {
            if let itemMap = YAMLMapping(item, file: file), itemMap["type"]?.scalarText == Self.noteType {
                if let note = decodeNote(itemMap, position: index + 1, before: questions.count) { notes.append(note) }
            } else if let question = decodeQuestion(item, position: index + 1) {
                questions.append(question)
            }
        }
        if questions.isEmpty, !notes.isEmpty {
            diagnostics.error("the survey has notes but no questions", at: location(node),
                              hint: "a note asks nothing; add at least one question")
        }
        return (questions, notes)
    }

    /// `type: note`: a text (with a hint, a section heading and a show_if, as a question may have)
    /// that asks nothing, so none of a question's answer keys apply.
    private mutating func decodeNote(_ map: YAMLMapping, position: Int, before questionCount: Int) -> Note? {
        let id = requiredID(map, key: "id", what: "note \(position)", kind: .question)
        let context = id.map { "note '\($0)'" } ?? "note \(position)"
        map.reportUnknownKeys(known: Self.questionKeys, in: context, into: &diagnostics)
        for entry in map.entries where Self.questionKeys.contains(entry.key) && !Self.noteKeys.contains(entry.key) {
            diagnostics.error("'\(entry.key)' does not apply to a note (\(context))", at: location(entry.keyNode),
                              hint: "a note shows its text and asks nothing; remove '\(entry.key)', or give it a question's type")
        }
        let text = requiredText(map, key: "text", context: context)
        let hint = map["hint"].flatMap { self.text($0, what: "the hint of \(context)") }
        let section = map["section"].flatMap { self.text($0, what: "the section heading of \(context)") }
        var testLocations: [SourceLocation] = []
        let condition = map["show_if"].flatMap { decodeShowIf($0, context: context, depth: 0, testLocations: &testLocations) }
        if let id { locations.questions[id, default: []].append(map.keyLocation("id")) }
        guard let id, let text else { return nil }
        locations.questionNodes[id] = map.location
        if let node = map["show_if"] {
            locations.conditions[id] = location(node)
            locations.conditionTests[id] = testLocations
        }
        if let node = map["text"] {
            locations.fields["\(id).text"] = location(node)
            for entry in YAMLMapping(node, file: file)?.entries ?? [] { locations.fields["\(id).text.\(entry.key)"] = location(entry.value) }
        }
        return Note(id: id, text: text, position: questionCount, hint: hint, heading: section, showIf: condition)
    }

    // MARK: Questions

    private mutating func decodeQuestion(_ node: Node, position: Int) -> Question? {
        guard let map = YAMLMapping(node, file: file) else {
            diagnostics.error("question \(position) must be a map with id, type and text, not \(node.kindName)", at: location(node))
            return nil
        }
        let id = requiredID(map, key: "id", what: "question \(position)", kind: .question)
        let context = id.map { "question '\($0)'" } ?? "question \(position)"
        map.reportUnknownKeys(known: Self.questionKeys, in: context, into: &diagnostics)

        let type = decodeType(map, context: context)
        let text = requiredText(map, key: "text", context: context)
        let hint = map["hint"].flatMap { self.text($0, what: "the hint of \(context)") }
        let list = decodeListName(map, context: context)
        let section = map["section"].flatMap { self.text($0, what: "the section heading of \(context)") }
        if let type {
            for entry in map.entries {
                if let allowed = Self.keysByType[entry.key], !allowed.contains(type) {
                    let names = allowed.map(\.rawValue).sorted().joined(separator: " and ")
                    diagnostics.error("'\(entry.key)' does not apply to a \(type.rawValue) question (\(context))",
                                      at: location(entry.keyNode), hint: "it is for \(names) questions; remove it or change the type")
                }
            }
        }
        let required = flag(map, "required", context: context)
        let personal = flag(map, "personal", context: context)
        let other = flag(map, "other", context: context)

        var choices: [Choice] = []
        if type?.hasChoices == true {
            choices = decodeChoices(map, context: context, questionID: id ?? "")
        }
        var scale: ScaleRange?
        if type == .scale {
            scale = decodeScale(map, context: context)
        }
        let bounds = NumberBounds(integer: flag(map, "integer", context: context),
                                  min: number(map, "min", context: context),
                                  max: number(map, "max", context: context))
        let minSelected = count(map, "min_selected", context: context)
        let maxSelected = count(map, "max_selected", context: context)
        var testLocations: [SourceLocation] = []
        let condition = map["show_if"].flatMap { decodeShowIf($0, context: context, depth: 0, testLocations: &testLocations) }

        if let id { locations.questions[id, default: []].append(map.keyLocation("id")) }
        guard let id, let type, let text else { return nil }
        locations.questionNodes[id] = map.location
        if let node = map["show_if"] {
            locations.conditions[id] = location(node)
            locations.conditionTests[id] = testLocations
        }
        if let node = map["max_selected"] { locations.fields["\(id).max_selected"] = location(node) }
        if let node = map["list"] { locations.fields["\(id).list"] = location(node) }
        if let node = map["min_selected"] { locations.fields["\(id).min_selected"] = location(node) }
        if let node = map["min"] { locations.fields["\(id).min"] = location(node) }
        if let node = map["scale"] { locations.fields["\(id).scale"] = location(node) }
        if let node = map["text"] {
            locations.fields["\(id).text"] = location(node)
            for entry in YAMLMapping(node, file: file)?.entries ?? [] { locations.fields["\(id).text.\(entry.key)"] = location(entry.value) }
        }
        return Question(id: id, type: type, text: text, required: required, personal: personal,
                        choices: choices, allowsOther: other, minSelected: minSelected, maxSelected: maxSelected,
                        scale: scale, bounds: bounds, showIf: condition, hint: hint, heading: section, list: list)
    }

    /// `list: yesno`: the XLSForm list name, spelled as a choice id.
    private mutating func decodeListName(_ map: YAMLMapping, context: String) -> String? {
        guard let node = map["list"] else { return nil }
        guard let name = node.scalarText, Identifiers.isChoiceID(name) else {
            diagnostics.error("'\(node.scalarText ?? node.kindName)' is not a list name (\(context))", at: location(node),
                              hint: "use letters, digits, '-' and '_', starting with a letter or digit, e.g. 'yes_no'")
            return nil
        }
        return name
    }

    private mutating func decodeType(_ map: YAMLMapping, context: String) -> QuestionType? {
        guard let node = map["type"] else {
            diagnostics.error("\(context) has no 'type'", at: map.location,
                              hint: "add 'type:' with one of \(Self.typeNames.joined(separator: ", "))")
            return nil
        }
        let name = node.scalarText ?? ""
        if let type = QuestionType(rawValue: name) { return type }
        let known = Self.typeNames
        let hint = NearestMatch.suggestion(for: name, among: known).map { "did you mean '\($0)'?" }
            ?? "use one of \(known.joined(separator: ", "))"
        diagnostics.error("unknown question type '\(name)' in \(context)", at: location(node), hint: hint)
        return nil
    }

    private mutating func decodeChoices(_ map: YAMLMapping, context: String, questionID: String) -> [Choice] {
        guard let node = map["choices"] else {
            diagnostics.error("\(context) has no 'choices'", at: map.location, hint: "add 'choices:' with a list of '- id: ..., label: ...'")
            return []
        }
        guard case .sequence(let sequence) = node, !sequence.isEmpty else {
            diagnostics.error("'choices' of \(context) must be a non-empty list", at: location(node))
            return []
        }
        var choices: [Choice] = []
        for (index, item) in sequence.enumerated() {
            guard let choiceMap = YAMLMapping(item, file: file) else {
                diagnostics.error("choice \(index + 1) of \(context) must be a map with id and label", at: location(item),
                                  hint: "write '- {id: yes, label: {sv: Ja, en: Yes}}'")
                continue
            }
            let choiceContext = "choice \(index + 1) of \(context)"
            choiceMap.reportUnknownKeys(known: Self.choiceKeys, in: choiceContext, into: &diagnostics)
            let id = requiredID(choiceMap, key: "id", what: choiceContext, kind: .choice)
            let label = requiredText(choiceMap, key: "label", context: choiceContext)
            if let id {
                locations.choices["\(questionID)/\(id)", default: []].append(choiceMap.keyLocation("id"))
            }
            if let id, let label { choices.append(Choice(id: id, label: label)) }
        }
        return choices
    }

    private mutating func decodeScale(_ map: YAMLMapping, context: String) -> ScaleRange? {
        guard let node = map["scale"] else {
            diagnostics.error("\(context) is a scale but has no 'scale'", at: map.location,
                              hint: "add 'scale: {min: 1, max: 5}'")
            return nil
        }
        guard let scaleMap = YAMLMapping(node, file: file) else {
            diagnostics.error("'scale' of \(context) must be a map with min and max", at: location(node))
            return nil
        }
        scaleMap.reportUnknownKeys(known: Self.scaleKeys, in: "the scale of \(context)", into: &diagnostics)
        let low = wholeNumber(scaleMap, "min", context: "the scale of \(context)", required: true)
        let high = wholeNumber(scaleMap, "max", context: "the scale of \(context)", required: true)
        var labels: [Int: LocalizedText] = [:]
        if let labelsNode = scaleMap["labels"] {
            if let labelsMap = YAMLMapping(labelsNode, file: file) {
                for entry in labelsMap.entries {
                    guard let point = Int(entry.key) else {
                        diagnostics.error("scale label key '\(entry.key)' is not a whole number", at: location(entry.keyNode),
                                          hint: "label points by their number, e.g. '1: {sv: Inte alls, en: Not at all}'")
                        continue
                    }
                    // Compared one bound at a time: a range from user numbers traps when min is above max.
                    if let low, let high, low < high, point < low || point > high {
                        diagnostics.error("scale label \(point) is outside the scale \(low)–\(high)", at: location(entry.keyNode))
                    }
                    if let label = text(entry.value, what: "scale label \(point)") { labels[point] = label }
                }
            } else {
                diagnostics.error("'labels' must map scale points to texts", at: location(labelsNode))
            }
        }
        guard let low, let high else { return nil }
        if low >= high {
            diagnostics.error("the scale of \(context) has min \(low) not below max \(high)", at: location(node),
                              hint: "min must be smaller than max, e.g. 1 and 5")
            return nil
        }
        // The span of two huge numbers overflows: counted as too wide rather than computed.
        let (span, overflow) = high.subtractingReportingOverflow(low)
        if overflow || span > 100 {
            let points = overflow || span == Int.max ? "more than 101" : "\(span + 1)"
            diagnostics.error("the scale of \(context) has \(points) points", at: location(node),
                              hint: "a scale has at most 101 points; use type: number for wider ranges")
            return nil
        }
        return ScaleRange(min: low, max: high, labels: labels)
    }

    /// A `show_if`: one test `{question, equals | includes | at_least | at_most}`, or exactly one of
    /// `all: [...]`, `any: [...]` (non-empty lists of conditions) and `not: {...}`, nested freely.
    /// `testLocations` receives where each test was written, in the tree's test order.
    private mutating func decodeShowIf(_ node: Node, context: String, depth: Int,
                                       testLocations: inout [SourceLocation]) -> ShowIf? {
        guard let map = YAMLMapping(node, file: file) else {
            diagnostics.error("'show_if' of \(context) must be a map, not \(node.kindName)", at: location(node),
                              hint: depth == 0 ? "for example 'show_if: {question: focus, includes: scale-up}'"
                                  : "each part is a test such as '{question: focus, includes: scale-up}', or all/any/not")
            return nil
        }
        guard depth < Self.conditionDepthLimit else {
            diagnostics.error("'show_if' of \(context) nests all/any/not more than \(Self.conditionDepthLimit) deep", at: location(node),
                              hint: "write the condition more simply")
            return nil
        }
        map.reportUnknownKeys(known: Self.conditionKeys, in: "show_if of \(context)", into: &diagnostics)
        let combinators = Self.combinatorKeys.filter { map.has($0) }
        if combinators.isEmpty {
            return decodeTest(map, node: node, context: context, testLocations: &testLocations).map(ShowIf.test)
        }
        let written = Self.testKeys.filter { map.has($0) } + (map.has("question") ? ["question"] : [])
        guard combinators.count == 1, written.isEmpty, let key = combinators.first, let inner = map[key] else {
            let keys = (combinators + written).map { "'\($0)'" }.joined(separator: ", ")
            diagnostics.error("a part of 'show_if' of \(context) has \(keys) together", at: location(node),
                              hint: "each part is either one test {question, equals | includes | at_least | at_most} or exactly one of all, any, not; nest them to combine")
            return nil
        }
        if key == "not" {
            return decodeShowIf(inner, context: context, depth: depth + 1, testLocations: &testLocations).map(ShowIf.not)
        }
        guard case .sequence(let items) = inner, !items.isEmpty else {
            diagnostics.error("'\(key)' in show_if of \(context) must be a non-empty list of conditions", at: location(inner),
                              hint: "for example '\(key): [{question: role, equals: region}, {question: size, at_least: 10}]'")
            return nil
        }
        // A part in error is reported where it stands; the others are still checked against their
        // questions (the survey is invalid either way), so one run reports every mistake.
        var parts: [ShowIf] = []
        for item in items {
            if let part = decodeShowIf(item, context: context, depth: depth + 1, testLocations: &testLocations) { parts.append(part) }
        }
        guard !parts.isEmpty else { return nil }
        return key == "all" ? .all(parts) : .any(parts)
    }

    private mutating func decodeTest(_ map: YAMLMapping, node: Node, context: String,
                                     testLocations: inout [SourceLocation]) -> Condition? {
        guard let question = map["question"]?.scalarText, !question.isEmpty else {
            // Only unknown keys: their message (with the nearest key) says what to write.
            if !map.entries.isEmpty, !map.entries.contains(where: { Self.conditionKeys.contains($0.key) }) { return nil }
            diagnostics.error("'show_if' of \(context) names no 'question'", at: location(node),
                              hint: "a test is '{question: ID, equals: CHOICE}' (or includes, at_least, at_most); combine tests with all, any, not")
            return nil
        }
        let tests = Self.testKeys.filter { map.has($0) }
        guard tests.count == 1, let key = tests.first, let valueNode = map[key] else {
            diagnostics.error("'show_if' of \(context) needs exactly one of equals, includes, at_least, at_most",
                              at: location(node))
            return nil
        }
        let value = valueNode.scalarText ?? ""
        let condition: Condition
        switch key {
        case "equals": condition = Condition(question: question, test: .equals(value))
        case "includes": condition = Condition(question: question, test: .includes(value))
        default:
            guard let bound = Double(value), bound.isFinite else {
                diagnostics.error("'\(key)' in show_if of \(context) must be a number", at: location(valueNode))
                return nil
            }
            condition = Condition(question: question, test: key == "at_least" ? .atLeast(bound) : .atMost(bound))
        }
        testLocations.append(location(node))
        return condition
    }

    // MARK: Values

    /// Which spelling rule an id follows (see `Identifiers`).
    private enum IDKind { case survey, question, choice }

    private mutating func requiredID(_ map: YAMLMapping, key: String, what: String, kind: IDKind = .survey) -> String? {
        guard let node = map[key] else {
            diagnostics.error("\(what) has no '\(key)'", at: map.location,
                              hint: "add '\(key):' with lowercase letters, digits and '-'")
            return nil
        }
        guard let value = node.scalarText, !value.isEmpty else {
            diagnostics.error("the \(key) of \(what) must be a single value", at: location(node))
            return nil
        }
        let valid: Bool
        let rule: String
        switch kind {
        case .survey: (valid, rule) = (Identifiers.isID(value), "lowercase letters, digits and '-'")
        case .question: (valid, rule) = (Identifiers.isQuestionID(value), "lowercase letters, digits, '-' and '_'")
        case .choice: (valid, rule) = (Identifiers.isChoiceID(value), "letters, digits, '-' and '_'")
        }
        if !valid {
            diagnostics.error("'\(value)' is not a valid id for \(what)", at: location(node),
                              hint: "use \(rule), starting with a letter or digit, e.g. '\(Identifiers.suggestID(from: value))'")
            return nil
        }
        return value
    }

    private mutating func requiredText(_ map: YAMLMapping, key: String, context: String) -> LocalizedText? {
        guard let node = map[key] else {
            diagnostics.error("\(context) has no '\(key)'", at: map.location,
                              hint: "add '\(key):' with the text in each language (\(languages.joined(separator: ", ")))")
            return nil
        }
        return text(node, what: "the \(key) of \(context)")
    }

    /// A text in every survey language; a plain string only when the survey has one language.
    private mutating func text(_ node: Node, what: String) -> LocalizedText? {
        if let plain = node.scalarText {
            if languages.count <= 1 {
                return LocalizedText(plain, language: languages.first ?? "en")
            }
            diagnostics.error("\(what) is a plain text, but the survey has \(languages.count) languages", at: location(node),
                              hint: "give it in each language: {\(languages.map { "\($0): ..." }.joined(separator: ", "))}")
            return nil
        }
        guard let map = YAMLMapping(node, file: file) else {
            diagnostics.error("\(what) must be a text or a map from language to text", at: location(node))
            return nil
        }
        var values: [String: String] = [:]
        var complete = true
        for entry in map.entries {
            guard languages.contains(entry.key) else {
                let hint = NearestMatch.suggestion(for: entry.key, among: languages).map { "did you mean '\($0)'?" }
                    ?? "add it to 'languages' or remove it"
                diagnostics.error("'\(entry.key)' in \(what) is not one of the survey's languages (\(languages.joined(separator: ", ")))",
                                  at: location(entry.keyNode), hint: hint)
                complete = false
                continue
            }
            guard let value = entry.value.scalarText else {
                diagnostics.error("the '\(entry.key)' text of \(what) must be a single text", at: location(entry.value))
                complete = false
                continue
            }
            if value.trimmingCharacters(in: .whitespaces).isEmpty {
                diagnostics.error("\(what) is empty in '\(entry.key)'", at: location(entry.value),
                                  hint: "write it as the respondent should read it")
                complete = false
            }
            values[entry.key] = value
        }
        for language in languages where values[language] == nil {
            diagnostics.error("\(what) has no '\(language)' text", at: location(node),
                              hint: "every text needs each language: \(languages.joined(separator: ", "))")
            complete = false
        }
        return complete ? LocalizedText(values) : nil
    }

    private mutating func flag(_ map: YAMLMapping, _ key: String, context: String) -> Bool {
        guard let node = map[key] else { return false }
        switch node.scalarText?.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            diagnostics.error("'\(key)' of \(context) must be true or false", at: location(node))
            return false
        }
    }

    private mutating func number(_ map: YAMLMapping, _ key: String, context: String) -> Double? {
        guard let node = map[key] else { return nil }
        guard let text = node.scalarText, let value = Double(text), value.isFinite else {
            diagnostics.error("'\(key)' of \(context) must be a number", at: location(node))
            return nil
        }
        return value
    }

    private mutating func wholeNumber(_ map: YAMLMapping, _ key: String, context: String, required: Bool) -> Int? {
        guard let node = map[key] else {
            if required { diagnostics.error("\(context) has no '\(key)'", at: map.location) }
            return nil
        }
        guard let text = node.scalarText, let value = Int(text) else {
            let tooLarge = node.scalarText.flatMap(Double.init).map { $0.rounded() == $0 && abs($0) >= 9.2e18 } ?? false
            diagnostics.error(tooLarge ? "'\(key)' of \(context) is too large a number"
                                       : "'\(key)' of \(context) must be a whole number", at: location(node),
                              hint: tooLarge ? "use a whole number between -9223372036854775808 and 9223372036854775807" : nil)
            return nil
        }
        return value
    }

    private mutating func count(_ map: YAMLMapping, _ key: String, context: String) -> Int? {
        guard let value = wholeNumber(map, key, context: context, required: false) else { return nil }
        if value < 0, let node = map[key] {
            diagnostics.error("'\(key)' of \(context) cannot be negative", at: location(node))
            return nil
        }
        return value
    }

    /// `time_zone: Europe/Stockholm`: an IANA name the system's zone database knows.
    private mutating func decodeTimeZone(_ map: YAMLMapping) -> String? {
        guard let node = map["time_zone"] else { return nil }
        guard let name = node.scalarText, SurveyTimeZone.named(name) != nil else {
            let written = node.scalarText ?? node.kindName
            let hint = NearestMatch.suggestion(for: written, among: TimeZone.knownTimeZoneIdentifiers).map { "did you mean '\($0)'?" }
                ?? "write an IANA time zone name such as Europe/Stockholm, Europe/Berlin or America/New_York"
            diagnostics.error("'\(written)' is not a time zone", at: location(node), hint: hint)
            return nil
        }
        return name
    }

    private func location(_ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
    }
}

/// Where the parts of a survey were written, so rules that look across questions can point at them.
struct SurveyLocations {
    var surveyID: SourceLocation?
    var questions: [String: [SourceLocation]] = [:]
    var questionNodes: [String: SourceLocation] = [:]
    var choices: [String: [SourceLocation]] = [:]
    var conditions: [String: SourceLocation] = [:]
    /// Where each test of a question's `show_if` was written, in `ShowIf.tests` order.
    var conditionTests: [String: [SourceLocation]] = [:]
    var fields: [String: SourceLocation] = [:]
}
