/// `--by session`: the figures of the whole selection and the same within each session
/// (workshop), as a cross-tab whose groups are the sessions.
///
/// A session is not an answer in the stored answers, so each session is summarised by a pass of
/// its own over its responses (the store selects them by session); the groups are the selected
/// sessions in the order they were held. Responses without a session belong to no group.
enum SessionComparison {
    /// Summarises the whole selection and then each session in `sessions` with `summarize`.
    static func summary<Failure: Error>(survey: Survey, options: AnalysisOptions, sessions: [String],
                                        summarize: (AnalysisOptions) throws(Failure) -> Summary) throws(Failure) -> Summary {
        var plain = options
        plain.filters.groupBy = nil
        var result = try summarize(plain)
        var groups: [CrosstabGroup] = []
        for name in sessions {
            var within = plain
            within.filters.sessions = [name]
            let figures = try summarize(within)
            groups.append(CrosstabGroup(id: name, label: name, responses: figures.responses, questions: figures.questions))
        }
        result.filters = options.filters
        result.crosstab = Crosstab.tested(by: SummaryFilters.sessionGroup, byText: UIText(language: result.language).sessionGroup,
                                          groups: groups, questions: survey.questions, bySession: true, groupsOverlap: false)
        return result
    }

    /// Session names in first-seen order, once each, within the `--session` selection if there is one.
    static func selected(_ names: some Sequence<String?>, filter: [String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for case let name? in names where (filter.isEmpty || filter.contains(name)) && seen.insert(name).inserted {
            result.append(name)
        }
        return result
    }
}
