/// One column of an export as its header rows describe it, kept apart from every other by its
/// position: two columns headed alike are two columns.
public struct ExportColumn: Sendable, Hashable {
    /// 0-based position in the row.
    public var index: Int
    /// The header as a person reads it: the first header row's cell, or, under SurveyMonkey's
    /// question texts, `Question [Option]`.
    public var name: String
    /// Further names a question may be matched by (Qualtrics' question text under its `Q2`).
    public var texts: [String] = []
    public var tool: ToolField?
    public var part: Part = .whole
    /// Set while mapping: the question of the column its stem names.
    var stemQuestion: String?

    /// What part of a question the header says the column holds.
    public enum Part: Sendable, Hashable {
        /// A whole question (or a column the header says nothing more about).
        case whole
        /// One option of the question named `stem`: `focus[scale-up]`, `group/focus/scale-up`, SurveyMonkey's option row.
        case option(stem: String, option: String, path: Bool)
        /// The "other" text of the question named `stem`: `focus[other]`, `role_other`, Qualtrics `Q2_4_TEXT`.
        case otherText(stem: String)
    }

    /// Every text this column may be matched by, the name first.
    var names: [String] { [name] + texts }
}

/// Builds the columns of an export from its header rows and layout.
enum ExportColumns {
    static func make(headerRows: [[String]], layout: ExportLayout) -> [ExportColumn] {
        guard let first = headerRows.first else { return [] }
        let details = layout.details
        let tools = ToolColumns.fields(header: first, layout: layout)
        var columns: [ExportColumn] = first.enumerated().map { index, name in
            ExportColumn(index: index, name: name, tool: tools[index])
        }
        var carriedStem: String?
        for (kind, row) in zip(details.furtherHeaderRows, headerRows.dropFirst()) {
            for index in columns.indices {
                let cell = index < row.count ? row[index].trimmingCharacters(in: .whitespacesAndNewlines) : ""
                switch kind {
                case .questionTexts:
                    if let text = qualtricsText(cell, name: columns[index].name), !text.isEmpty { columns[index].texts.append(text) }
                case .importIDs:
                    break
                case .optionLabels:
                    guard columns[index].tool == nil else { carriedStem = nil; continue }
                    if !columns[index].name.isEmpty { carriedStem = columns[index].name }
                    guard let stem = carriedStem else { continue }
                    let key = TextKey.make(cell)
                    if cell.isEmpty || key == "response" || key == "openendedresponse" {
                        if columns[index].name.isEmpty { columns[index].name = stem }
                    } else if OtherWords.isOtherOrSpecify(cell) {
                        columns[index].name = "\(stem) [\(cell)]"
                        columns[index].part = .otherText(stem: stem)
                    } else {
                        columns[index].name = "\(stem) [\(cell)]"
                        columns[index].part = .option(stem: stem, option: cell, path: false)
                    }
                }
            }
        }
        let names = Set(columns.map(\.name))
        for index in columns.indices where columns[index].tool == nil && columns[index].part == .whole {
            columns[index].part = part(of: columns[index].name, details: details, names: names)
        }
        return columns
    }

    /// What a single header names: `q[option]`, a path `group/q/option` where the tool writes
    /// paths, `q_other`-like suffixes; else the whole question. `names`: every header of the file,
    /// for label exports, whose option columns are `Question label/Option label`.
    static func part(of name: String, details: LayoutDescription, names: Set<String> = []) -> ExportColumn.Part {
        if name.hasSuffix("]"), let open = name.lastIndex(of: "["), open > name.startIndex {
            let stem = String(name[..<open]).trimmingCharacters(in: .whitespaces)
            let option = String(name[name.index(after: open)..<name.index(before: name.endIndex)]).trimmingCharacters(in: .whitespaces)
            if !stem.isEmpty, !option.isEmpty {
                return OtherWords.isOtherOrSpecify(option) ? .otherText(stem: stem) : .option(stem: stem, option: option, path: false)
            }
        }
        // A path joins XML names, which hold no spaces: `Transport / travel mode` is a label's text.
        if let separator = details.pathSeparator, !name.contains(" "), let slash = name.lastIndex(of: separator), slash > name.startIndex,
           name.index(after: slash) < name.endIndex {
            return .option(stem: String(name[..<slash]), option: String(name[name.index(after: slash)...]), path: true)
        }
        // A label export writes a select_multiple's option columns as `Question label/Option label`
        // beside the question's own column: a `/` is a path only where what stands before it is
        // another column's header (the longest such, as labels may hold a `/` themselves).
        if let separator = details.pathSeparator, name.contains(" ") {
            var best: String.Index?
            var index = name.startIndex
            while let slash = name[index...].firstIndex(of: separator) {
                if slash > name.startIndex, name.index(after: slash) < name.endIndex, names.contains(String(name[..<slash])) { best = slash }
                index = name.index(after: slash)
            }
            if let slash = best {
                return .option(stem: String(name[..<slash]), option: String(name[name.index(after: slash)...]), path: true)
            }
        }
        for suffix in details.otherTextSuffixes {
            if let stem = suffix.stem(of: name), !stem.isEmpty { return .otherText(stem: stem) }
        }
        return .whole
    }

    /// Qualtrics' second header row: `Q2 - Which city? - Selected Choice` → `Which city?`.
    static func qualtricsText(_ cell: String, name: String) -> String? {
        var text = Substring(cell)
        if text.hasPrefix(name + " - ") { text = text.dropFirst(name.count + 3) }
        for suffix in [" - Selected Choice", " - Text"] where text.hasSuffix(suffix) { text = text.dropLast(suffix.count) }
        return String(text).trimmingCharacters(in: .whitespaces)
    }
}
