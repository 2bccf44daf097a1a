/// The columns of an export grouped into would-be questions: a plain column is one question;
/// LimeSurvey's `q[A]`, `q[B]` and Kobo's `q/a`, `q/b` flag columns are one multiple choice
/// together, with `q[other]` / `q/other` / `q_other` as its "other".
struct DraftColumns {
    enum Source {
        case plain(column: Int, otherText: Int?)
        case flags(stem: String, options: [(column: Int, code: String)], otherText: Int?, otherFlag: Int?, summary: Int?)
    }

    var sources: [Source] = []
    /// The tool's column holding each response's language (LimeSurvey `startlanguage`).
    var languageColumn: Int?

    init(header: [String], layout: ExportLayout) {
        let tools = ColumnMapping.toolFields(header: header, layout: layout)
        languageColumn = tools.firstIndex(of: .language)
        let plainIndex = Dictionary(header.enumerated().filter { tools[$0.offset] == nil }.map { ($0.element, $0.offset) },
                                    uniquingKeysWith: { a, _ in a })
        var groups: [String: (options: [(Int, String)], otherText: Int?, otherFlag: Int?)] = [:]
        var groupOrder: [String] = []
        var otherTextOf: [Int: Int] = [:]
        var claimed = Set<Int>()
        for (index, name) in header.enumerated() where tools[index] == nil {
            guard let (stem, option, slash) = Self.split(name, layout: layout) else { continue }
            let isOther = option.lowercased() == Question.otherID
            // `role` beside `role[other]` alone: a single choice with an "other" text.
            if isOther, !slash, let plain = plainIndex[stem], !header.contains(where: { $0.hasPrefix(stem + "[") && $0 != name }) {
                otherTextOf[plain] = index
                claimed.insert(index)
                continue
            }
            if groups[stem] == nil { groupOrder.append(stem); groups[stem] = ([], nil, nil) }
            if isOther {
                if slash { groups[stem]!.otherFlag = index } else { groups[stem]!.otherText = index }
            } else {
                groups[stem]!.options.append((index, option))
            }
            claimed.insert(index)
        }
        for (index, name) in header.enumerated() where tools[index] == nil && name.hasSuffix("_other") {
            if let plain = plainIndex[String(name.dropLast(6))] {
                otherTextOf[plain] = index
                claimed.insert(index)
            }
        }
        // A group of one "other" column and no options is not a group.
        for stem in groupOrder where groups[stem]!.options.isEmpty {
            for index in [groups[stem]!.otherText, groups[stem]!.otherFlag].compactMap({ $0 }) { claimed.remove(index) }
            groups[stem] = nil
        }
        var emitted = Set<String>()
        for (index, name) in header.enumerated() where tools[index] == nil && !claimed.contains(index) {
            if let group = groups[name] {
                // Kobo's joined summary column comes first and stands for its group.
                sources.append(.flags(stem: name, options: group.options, otherText: group.otherText, otherFlag: group.otherFlag, summary: index))
                emitted.insert(name)
            } else if let (stem, _, _) = Self.split(name, layout: layout), groups[stem] != nil {
                continue
            } else {
                sources.append(.plain(column: index, otherText: otherTextOf[index]))
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

    /// `focus[scale-up]` → ("focus", "scale-up", slash: false); `focus/scale-up` → (…, slash: true).
    static func split(_ name: String, layout: ExportLayout) -> (stem: String, option: String, slash: Bool)? {
        if name.hasSuffix("]"), let open = name.lastIndex(of: "["), open > name.startIndex {
            let option = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
            return option.isEmpty ? nil : (String(name[..<open]), option, false)
        }
        if layout == .kobo || layout == .generic, let slash = name.lastIndex(of: "/"), slash > name.startIndex,
           name.index(after: slash) < name.endIndex {
            return (String(name[..<slash]), String(name[name.index(after: slash)...]), true)
        }
        return nil
    }
}
