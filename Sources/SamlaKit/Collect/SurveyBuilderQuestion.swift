/// One question of `samla new`, from its type to its options: only what applies to the type is
/// asked, and every optional field has a default that Enter accepts.
extension SurveyBuilder {
    /// Nil when the host is done (Enter at the type, once the survey has a question).
    /// With `old`, the question is being edited: Enter keeps its type, texts and id.
    func askQuestion(number: Int, in survey: Survey, editing old: Question? = nil) throws(InputEnded) -> Question? {
        let ui = self.ui
        prompter.say("\n" + prompter.styled(ui.newQuestionHeading(number), bold: true))
        let types = QuestionType.allCases
        prompter.say("  " + types.enumerated().map { "\($0.offset + 1)) \(ui.newTypeName($0.element))" }.joined(separator: "  "))
        let canFinish = !survey.questions.isEmpty && old == nil
        if canFinish { prompter.say(prompter.styled("  " + ui.newBackHint, dim: true)) }
        let shownDefault = old.flatMap { old in types.firstIndex(of: old.type).map { String($0 + 1) } }
        let chosen: QuestionType? = try prompter.ask(ui.newType(canFinish: canFinish), default: shownDefault) { line in
            if line.isEmpty, let old { return .value(old.type) }
            if line == "<", canFinish {
                wantsBack = true
                return .value(nil)
            }
            if line.isEmpty { return canFinish ? .value(nil) : .retry(ui.newNeedsAQuestion) }
            if let number = Int(line), types.indices.contains(number - 1) { return .value(types[number - 1]) }
            let name = line.lowercased().replacingOccurrences(of: " ", with: "_")
            if let type = types.first(where: { $0.rawValue == name || ui.newTypeName($0) == line.lowercased() }) {
                return .value(type)
            }
            return .retry(ui.newNotAType(line))
        }
        guard let type = chosen else { return nil }

        let text = try prompter.localized(ui.newQuestionText, languages: survey.languages, defaults: old?.text)
        // Notes share the questions' ids (the builder asks for none, but a draft may hold them).
        let taken = Set(survey.items.map(\.id))
        let suggestion = old?.id ?? SurveyBuilderIDs.suggestion(from: text.text(SurveyBuilderIDs.language(of: survey.languages)),
                                                                taken: taken, maxLength: 24, fallback: "q\(number)")
        var question = Question(id: try askID(ui.newQuestionID, suggestion: suggestion, kind: .question, taken: taken),
                                type: type, text: text)
        switch type {
        case .singleChoice, .multipleChoice: question.choices = try askChoices(languages: survey.languages)
        case .scale: question.scale = try askScale(languages: survey.languages)
        case .number: question.bounds = try askBounds()
        case .text: break
        }
        // The builder does not ask for a hint, a section heading or a list name; those written in
        // the file stay with their question (a list whose choices changed is refused on the check).
        question.hint = old?.hint
        question.heading = old?.heading
        if type.hasChoices || type == .scale { question.list = old?.list }
        question.required = try prompter.yesNo(ui.newRequired, default: false)
        // A host who listed a choice with the id 'other' has made their own Other.
        if type.hasChoices, question.choice(Question.otherID) == nil {
            question.allowsOther = try prompter.yesNo(ui.newAllowOther, default: false)
        }
        if type == .multipleChoice {
            question.maxSelected = try askMaxSelected(available: question.choices.count + (question.allowsOther ? 1 : 0))
        }
        if type == .text {
            question.personal = try prompter.yesNo(ui.newPersonal, default: false)
        }
        if let kept = old?.showIf, !kept.isSingleTest {
            // The builder asks for one test; a combination written in the file is kept as it is.
            question.showIf = kept
            prompter.say(prompter.styled(ui.newKeepsCombinedShowIf, dim: true))
        } else {
            question.showIf = try askCondition(after: survey.questions, languages: survey.languages).map(ShowIf.test)
        }
        prompter.say(prompter.styled(ui.newAdded(number, id: question.id, type: type), dim: true))
        return question
    }

    private func askChoices(languages: [String]) throws(InputEnded) -> [Choice] {
        let ui = self.ui
        prompter.say(prompter.styled(ui.newChoicesIntro, dim: true))
        var choices: [Choice] = []
        while true {
            let number = choices.count + 1
            guard let label = try prompter.optionalLocalized(ui.newChoice(number), languages: languages) else {
                if choices.count >= 2 { return choices }
                prompter.say(ui.newTooFewChoices)
                continue
            }
            let taken = Set(choices.map(\.id))
            let suggestion = SurveyBuilderIDs.suggestion(from: label.text(SurveyBuilderIDs.language(of: languages)),
                                                         taken: taken, maxLength: 24, fallback: "\(number)")
            let id = try askID("  " + ui.newChoiceID, suggestion: suggestion, kind: .choice, taken: taken)
            choices.append(Choice(id: id, label: label))
        }
    }

    /// The scale's ends, then labels for any points the host names.
    private func askScale(languages: [String]) throws(InputEnded) -> ScaleRange {
        let ui = self.ui
        let low = try prompter.wholeNumber(ui.newScaleMin, in: -1000...1000, default: 1)
        // The survey format allows at most 101 points.
        let high = try prompter.wholeNumber(ui.newScaleMax, in: (low + 1)...(low + 100), default: low < 5 ? 5 : low + 4)
        var scale = ScaleRange(min: low, max: high)
        while let point = try askLabelPoint(scale) {
            scale.labels[point] = try prompter.localized(ui.newLabelFor(point), languages: languages)
        }
        return scale
    }

    private func askLabelPoint(_ scale: ScaleRange) throws(InputEnded) -> Int? {
        let ui = self.ui
        return try prompter.ask(ui.newLabelPoint(min: scale.min, max: scale.max)) { line in
            if line.isEmpty { return .value(nil) }
            guard let point = Int(line), scale.points.contains(point) else {
                return .retry(ui.newWholeNumberBetween(line, min: scale.min, max: scale.max))
            }
            return .value(point)
        }
    }

    private func askBounds() throws(InputEnded) -> NumberBounds {
        let integer = try prompter.yesNo(ui.newIntegerOnly, default: true)
        let low = try prompter.number(ui.newNumberMin, optional: true)
        let high = try prompter.number(ui.newNumberMax, atLeast: low, optional: true)
        return NumberBounds(integer: integer, min: low, max: high)
    }

    private func askMaxSelected(available: Int) throws(InputEnded) -> Int? {
        let ui = self.ui
        return try prompter.ask(ui.newMaxSelected(available)) { line in
            if line.isEmpty { return .value(nil) }
            guard let limit = Int(line), (1...available).contains(limit) else {
                return .retry(ui.newWholeNumberBetween(line, min: 1, max: available))
            }
            return .value(limit)
        }
    }

    /// `show_if` on an earlier choice, scale or number question, offered only when there is one.
    private func askCondition(after earlier: [Question], languages: [String]) throws(InputEnded) -> Condition? {
        let ui = self.ui
        let candidates = earlier.filter { $0.type != .text }
        guard !candidates.isEmpty, try prompter.yesNo(ui.newShowIf, default: false) else { return nil }
        let shownLanguage = languages.contains(ui.language) ? ui.language : languages[0]
        for (offset, question) in candidates.enumerated() {
            prompter.say("  \(offset + 1)) \(question.id): \(question.text.text(shownLanguage))")
        }
        // Enter here goes back to no condition: a 'y' typed by mistake is no dead end.
        guard let picked = try prompter.pick(ui.newWhichQuestion(candidates.count) + ", " + ui.newEnterForNone,
                                             count: candidates.count, optional: true) else { return nil }
        let target = candidates[picked]
        switch target.type {
        case .singleChoice, .multipleChoice:
            var options = target.choices.map { ($0.id, $0.label.text(shownLanguage)) }
            if target.allowsOther { options.append((Question.otherID, ui.other)) }
            for (offset, option) in options.enumerated() {
                prompter.say("  \(offset + 1)) \(option.1)")
            }
            let single = target.type == .singleChoice
            let prompt = single ? ui.newShownWhenEquals(options.count) : ui.newShownWhenIncludes(options.count)
            let id = options[try prompter.pick(prompt, count: options.count)].0
            return Condition(question: target.id, test: single ? .equals(id) : .includes(id))
        case .scale, .number:
            prompter.say("  1) \(ui.newAtLeast)  2) \(ui.newAtMost)")
            let atLeast = try prompter.pick(ui.newShownWhenBound, count: 2) == 0
            let bound: Double
            if let scale = target.scale {
                bound = Double(try prompter.wholeNumber(ui.newBound, in: scale.min...scale.max))
            } else {
                bound = try prompter.number(ui.newBound, optional: false) ?? 0
            }
            return Condition(question: target.id, test: atLeast ? .atLeast(bound) : .atMost(bound))
        case .text:
            return nil
        }
    }
}
