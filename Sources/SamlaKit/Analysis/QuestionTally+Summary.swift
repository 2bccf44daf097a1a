import FreeText

extension QuestionTally {
    /// The figures of this question with labels in `language`.
    func summary(of question: Question, language: String, options: AnalysisOptions) -> QuestionSummary {
        var result = QuestionSummary(id: question.id, type: question.type, text: question.text.text(language),
                                     personal: question.personal, shown: shown, answered: answered, notShown: notShown)
        switch question.type {
        case .singleChoice, .multipleChoice:
            result.choices = question.choices.enumerated().map { index, choice in
                Self.count(id: choice.id, label: choice.label.text(language), count: choiceCounts[index], of: answered)
            }
            if question.allowsOther || otherCount > 0 {
                let texts = otherTexts.map { TextCount(text: $0.key, count: $0.value) }
                    .sorted { $0.count != $1.count ? $0.count > $1.count : $0.text < $1.text }
                let share = Self.share(otherCount, of: answered)
                result.other = OtherAnswers(count: otherCount, share: share, interval: Self.interval(otherCount, of: answered),
                                            texts: Array(texts.prefix(options.otherTexts)))
            }
            result.removedChoices = removedChoices.sorted { $0.key < $1.key }.map { id, n in
                Self.count(id: id, label: id, count: n, of: answered)
            }
            if question.type == .multipleChoice, answered > 0 {
                result.meanChoices = Double(selectionsMade) / Double(answered)
            }
        case .scale:
            summarizeScale(question, language: language, into: &result)
        case .number:
            let sorted = values.sorted()
            let moments = Statistics.moments(sorted)
            result.statistics = NumberStatistics(
                n: sorted.count, mean: moments.mean, median: Statistics.quantile(sorted: sorted, 0.5),
                standardDeviation: moments.standardDeviation, min: sorted.first, max: sorted.last,
                lowerQuartile: Statistics.quantile(sorted: sorted, 0.25), upperQuartile: Statistics.quantile(sorted: sorted, 0.75))
            result.histogram = Statistics.histogram(sorted: sorted)
        case .text:
            result.textFigures = text?.figures(answered: answered, topTerms: options.topTerms)
        }
        return result
    }

    private func summarizeScale(_ question: Question, language: String, into result: inout QuestionSummary) {
        var histogram = offScale
        var distribution: [PointCount] = []
        let low = question.scale?.min ?? 0
        for (index, n) in pointCounts.enumerated() {
            let value = low + index
            histogram.add(value, times: n)
            distribution.append(PointCount(value: value, label: question.scale?.labels[value]?.text(language),
                                           count: n, share: Self.share(n, of: answered)))
        }
        // Off-scale values keep their place in scale order, so nothing is hidden and nothing re-sorted.
        for (value, n) in offScale.sortedCounts {
            let at = distribution.firstIndex { $0.value > value } ?? distribution.endIndex
            distribution.insert(PointCount(value: value, count: n, share: Self.share(n, of: answered)), at: at)
        }
        result.distribution = distribution
        let counts = histogram.sortedCounts
        let moments = Statistics.moments(counts: counts)
        let quartiles = histogram.quartiles
        result.statistics = NumberStatistics(n: moments.count, mean: moments.mean, median: quartiles?.median,
                                             standardDeviation: moments.standardDeviation,
                                             min: counts.first.map { Double($0.value) }, max: counts.last.map { Double($0.value) },
                                             lowerQuartile: quartiles?.q1, upperQuartile: quartiles?.q3)
        if pointCounts.count >= 2, histogram.count > 0 {
            let top = pointCounts[pointCounts.count - 1] + pointCounts[pointCounts.count - 2]
            result.topTwoBox = Double(top) / Double(histogram.count)
        }
    }

    static func count(id: String, label: String, count: Int, of total: Int) -> ChoiceCount {
        ChoiceCount(id: id, label: label, count: count, share: share(count, of: total), interval: interval(count, of: total))
    }

    static func share(_ count: Int, of total: Int) -> Double {
        total > 0 ? Double(count) / Double(total) : 0
    }

    static func interval(_ count: Int, of total: Int) -> ClosedRange<Double>? {
        Statistics.wilsonInterval(successes: count, trials: total).map { $0.lower ... $0.upper }
    }
}
