/// The columns of an export grouped into would-be questions: a plain column is one question;
/// option columns (`q[A]`, `q[B]`, Kobo's `q/a`, `q/b`, SurveyMonkey's option row) are one
/// multiple choice together, with `q[other]` / `q/other` / `q_other` as its "other"; a "please
/// specify" column beside a question is that question's other text. Columns are kept apart by
/// position, so two headed alike are two questions.
struct DraftColumns {
    enum Source {
        case plain(column: Int, otherText: Int?)
        case flags(stem: String, options: [(column: Int, code: String)], otherText: Int?, otherFlag: Int?, summary: Int?)
    }

    var sources: [Source] = []
    /// The tool's column holding each response's language (LimeSurvey `startlanguage`).
    var languageColumn: Int?

    init(columns: [ExportColumn]) {
        languageColumn = columns.first { $0.tool == .language }?.index
        let answerColumns = columns.filter { $0.tool == nil }
        // The first plain column of each name, for `role` beside `role[other]`.
        var plainIndex: [String: Int] = [:]
        for column in answerColumns where column.part == .whole && plainIndex[column.name] == nil { plainIndex[column.name] = column.index }
        var groups: [String: (options: [(Int, String)], otherText: Int?, otherFlag: Int?)] = [:]
        var groupOrder: [String] = []
        var otherTextOf: [Int: Int] = [:]
        var claimed = Set<Int>()
        let optionStems = Set(answerColumns.compactMap { column -> String? in
            if case .option(let stem, _, _) = column.part { return stem }
            return nil
        })
        for column in answerColumns {
            switch column.part {
            case .whole:
                continue
            case .otherText(let stem):
                if !optionStems.contains(stem), let plain = plainIndex[stem], otherTextOf[plain] == nil {
                    // `role` beside `role[other]` alone: a single choice with an "other" text.
                    otherTextOf[plain] = column.index
                    claimed.insert(column.index)
                } else if optionStems.contains(stem) {
                    if groups[stem] == nil { groupOrder.append(stem); groups[stem] = ([], nil, nil) }
                    if groups[stem]!.otherText == nil {
                        groups[stem]!.otherText = column.index
                        claimed.insert(column.index)
                    }
                }
            case .option(let stem, let option, let path):
                if groups[stem] == nil { groupOrder.append(stem); groups[stem] = ([], nil, nil) }
                if option.lowercased() == Question.otherID && path {
                    groups[stem]!.otherFlag = column.index
                } else {
                    groups[stem]!.options.append((column.index, option))
                }
                claimed.insert(column.index)
            }
        }
        // A group of one "other" column and no options is not a group.
        for stem in groupOrder where groups[stem]!.options.isEmpty {
            for index in [groups[stem]!.otherText, groups[stem]!.otherFlag].compactMap({ $0 }) { claimed.remove(index) }
            groups[stem] = nil
        }
        var emitted = Set<String>()
        var previousPlain: Int?
        for column in answerColumns where !claimed.contains(column.index) {
            let index = column.index
            if column.part == .whole, let group = groups[column.name], !emitted.contains(column.name) {
                // Kobo's joined summary column comes first and stands for its group.
                sources.append(.flags(stem: column.name, options: group.options, otherText: group.otherText, otherFlag: group.otherFlag, summary: index))
                emitted.insert(column.name)
                previousPlain = nil
            } else if let plain = previousPlain, otherTextOf[plain] == nil, OtherWords.isOtherOrSpecify(column.name) {
                // Kobo's repeated `Other (specify)`, LimeSurvey's `[comment]`: the question before's other text.
                otherTextOf[plain] = index
                if case .plain(let at, _) = sources.last, at == plain { sources[sources.count - 1] = .plain(column: plain, otherText: index) }
                previousPlain = nil
            } else {
                sources.append(.plain(column: index, otherText: otherTextOf[index]))
                previousPlain = index
            }
        }
        // Groups without a summary column sit where their first option is.
        for stem in groupOrder where !emitted.contains(stem) {
            guard let group = groups[stem] else { continue }
            let first = group.options.first?.0 ?? 0
            let position = sources.firstIndex { source in
                switch source {
                case .plain(let column, _): return column > first
                case .flags(_, let options, _, _, let summary): return (summary ?? options.first?.column ?? 0) > first
                }
            } ?? sources.count
            sources.insert(.flags(stem: stem, options: group.options, otherText: group.otherText, otherFlag: group.otherFlag, summary: nil), at: position)
        }
    }
}
