/// Everything the importer and the drafter need to know about one tool's export, in one value:
/// how to recognise it, how many header rows it writes, which columns are the tool's own and what
/// they hold, how it writes a multiple choice and an "other" answer. A new layout is a new entry in
/// `ExportLayout.descriptions`; no code elsewhere names a tool.
struct LayoutDescription: Sendable {
    var layout: ExportLayout
    var displayName: String
    /// What `--format` accepts for it, as `TextKey`s ("google", "ms-forms", ...).
    var userNames: [String]
    /// Any one of these recognises the layout from the first header row.
    var signatures: [Signature] = []
    /// Header rows the tool writes under the first; each is read as a header when its test says so.
    var furtherHeaderRows: [HeaderRowKind] = []
    /// The tool's own columns, by any of their (localised) header texts.
    var toolColumns: [ToolColumn] = []
    /// Headers starting so (compared lowercased) are tool columns wherever they stand (Microsoft's quiz columns).
    var toolColumnPrefixes: [String] = []
    var toolColumnPlacement: ToolColumnPlacement = .leading
    /// How several chosen labels share one cell; the first is the one written back.
    var separators: [String] = [";", ", ", "|"]
    /// Whether drafting should take the separator as given (else: `;` when most cells end with one, else `, `).
    var separatorIsFixed = false
    /// Option columns inside a header name: `q[option]` (everywhere) and, where the tool writes them,
    /// `group/q/option` paths.
    var pathSeparator: Character?
    /// Suffixes of a column holding the "other" text of the question named before them (`role_other`, Qualtrics `Q2_4_TEXT`).
    var otherTextSuffixes: [OtherTextSuffix] = [.literal("_other")]
    /// Single-choice cells that mean "other" (its text, if any, in its own column).
    var otherMarkers: Set<String> = []
    /// Choices are written as codes (LimeSurvey, Kobo), not labels.
    var choicesAreCodes = false
    /// Cells of a choice question hold codes only (Kobo's space-joined names) where the header holds XML names, not labels.
    var choiceCellsAreIDsOnly = false
    /// LimeSurvey writes line breaks inside answers as the two characters `\n`.
    var escapesLineBreaks = false
    /// Cells of option columns hold the option's label when chosen (SurveyMonkey, Typeform), not a flag.
    var optionCellsHoldLabels = false
    /// Option columns may be headed by the option label alone, the question text nowhere (Typeform).
    var optionColumnsHeadedByLabel = false
    /// The submission time column left empty marks an unfinished response (LimeSurvey).
    var emptySubmissionIsDraft = false
}

/// A test on the first header row: the first columns' keys each in a set, and some keys present anywhere.
struct Signature: Sendable {
    var prefix: [Set<String>] = []
    var contains: [String] = []

    init(prefix: [[String]] = [], contains: [String] = []) {
        self.prefix = prefix.map { Set($0.map { TextKey.make($0) }) }
        self.contains = contains.map { TextKey.make($0) }
    }

    func matches(_ keys: [String], present: Set<String>) -> Bool {
        guard keys.count >= prefix.count else { return false }
        for (index, allowed) in prefix.enumerated() where !allowed.contains(keys[index]) { return false }
        return contains.allSatisfy(present.contains)
    }
}

/// What a further header row holds, and how to tell it from a response.
enum HeaderRowKind: Sendable {
    /// Qualtrics' second row: the question texts; its first cell is the first column's name spelt out.
    case questionTexts
    /// Qualtrics' third row: `{"ImportId":"QID2"}` in most cells.
    case importIDs
    /// SurveyMonkey's second row: `Response` / `Open-Ended Response` or an option label under each column.
    case optionLabels

    func isHeader(_ row: [String], firstHeader: [String]) -> Bool {
        let filled = row.filter { !$0.isEmpty }
        switch self {
        case .questionTexts:
            guard let first = row.first, let name = firstHeader.first else { return false }
            return !first.isEmpty && TextKey.make(first) == TextKey.make(name)
        case .importIDs:
            return !filled.isEmpty && filled.filter { $0.hasPrefix("{\"ImportId\"") || $0.hasPrefix("{'ImportId'") }.count * 2 > filled.count
        case .optionLabels:
            // A survey of multiple-choice questions alone has no "Response" cell in this row; then it
            // is still the header when it is empty under the respondent id, which every response has.
            if row.contains(where: { ["response", "openendedresponse"].contains(TextKey.make($0)) }) { return true }
            guard let first = row.first, let name = firstHeader.first else { return false }
            return first.isEmpty && !name.isEmpty && !filled.isEmpty
        }
    }
}

/// One of the tool's own columns.
struct ToolColumn: Sendable {
    var field: ToolField
    var keys: [String]

    init(_ field: ToolField, _ names: String...) {
        self.field = field
        keys = names.map { TextKey.make($0) }
    }
}

/// Where the tool's own columns stand.
enum ToolColumnPlacement: Sendable {
    /// A block at the start: a question later headed like one ("Name") stays a question.
    case leading
    /// Anywhere (Kobo's meta columns are at both ends).
    case anywhere
    /// A block at the start and everything from the first of these columns to the end (Typeform's
    /// dates, network id and hidden fields).
    case leadingAndTail(from: Set<String>)
}

/// How a column names itself the "other" text of the question before its suffix.
enum OtherTextSuffix: Sendable {
    /// `role_other` → `role`.
    case literal(String)
    /// `Q2_4_TEXT` → `Q2`: the question, an option number, `_TEXT`.
    case optionNumberThen(String)

    func stem(of name: String) -> String? {
        switch self {
        case .literal(let suffix):
            guard name.count > suffix.count, name.lowercased().hasSuffix(suffix.lowercased()) else { return nil }
            return String(name.dropLast(suffix.count))
        case .optionNumberThen(let suffix):
            guard name.count > suffix.count, name.hasSuffix(suffix) else { return nil }
            let withoutUnderscore = name.dropLast(suffix.count)
            // `Q2_4` → `Q2`; `Q5` (a text entry's own `_TEXT`) → none.
            guard let underscore = withoutUnderscore.lastIndex(of: "_"),
                  !withoutUnderscore[withoutUnderscore.index(after: underscore)...].isEmpty,
                  withoutUnderscore[withoutUnderscore.index(after: underscore)...].allSatisfy(\.isNumber) else { return nil }
            return String(withoutUnderscore[..<underscore])
        }
    }
}
