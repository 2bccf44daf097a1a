/// Where every non-empty cell of one export went: into a response (an answer, an other text, the
/// tool's metadata) or, if not, why not. `samla import` and `samla inspect` end with it; with
/// `--strict` a cell not accounted for refuses the file.
public struct ImportAccounting: Sendable, Equatable {
    /// A column none of whose cells reach a response.
    public struct LeftOutColumn: Sendable, Equatable {
        public enum Reason: String, Sendable {
            /// Its header names no question.
            case unmatched
            /// A second column for a question another column already answers.
            case repeated
            /// Left out with `--map 'COLUMN=-'`: asked for, so accounted for.
            case mappedOut = "mapped-out"
            /// Names a note of the survey, which takes no answer (usually empty; a cell in it is
            /// unaccounted, as nothing asked for it to be dropped).
            case note
        }

        /// 1-based, as a spreadsheet counts.
        public var column: Int
        public var name: String
        public var nonEmptyCells: Int
        public var reason: Reason
    }

    /// Cells of a mapped column that could not be decoded: their rows were skipped.
    public struct UndecodedCells: Sendable, Equatable {
        public var column: Int
        public var name: String
        public var cells: Int
        /// The first cell's problem.
        public var reason: String
    }

    /// Rows read as header (1, or the tool's 2 or 3) and title rows above them: never responses.
    public var headerRows = 1
    public var preambleRows = 0
    /// Data rows read.
    public var rowsRead = 0
    /// Responses stored by this import (or that it would store: a dry run, `inspect`).
    public var responsesStored = 0
    /// Rows already in the store from an earlier import (nil when no store was asked).
    public var alreadyStored: Int?
    /// Rows with problems, left out (to the rejects file with `--skip-bad-rows`).
    public var rowsWithProblems = 0
    /// Whether the whole file was refused, so no row was stored.
    public var refused = false
    public var leftOutColumns: [LeftOutColumn] = []
    public var undecodedCells: [UndecodedCells] = []
    /// Answers to questions `show_if` hides for the row's other answers.
    public var hiddenAnswers = 0
    /// Other texts with no place in their answer, kept in the response's metadata.
    public var textsKeptAsMetadata = 0

    public init() {}

    /// Non-empty cells that reach no response without anyone having asked for it: what `--strict` refuses.
    public var unaccountedCells: Int {
        leftOutColumns.filter { $0.reason != .mappedOut }.reduce(0) { $0 + $1.nonEmptyCells }
    }

    /// `{"headerRows", "rowsRead", "responsesStored", ..., "leftOutColumns": [...], "unaccountedCells"}`.
    public var json: String {
        var json = JSONText()
        json.open("{")
        json.key("headerRows"); json.number(Double(headerRows))
        json.key("preambleRows"); json.number(Double(preambleRows))
        json.key("rowsRead"); json.number(Double(rowsRead))
        json.key("responsesStored"); json.number(Double(responsesStored))
        if let alreadyStored { json.key("alreadyStored"); json.number(Double(alreadyStored)) }
        json.key("rowsWithProblems"); json.number(Double(rowsWithProblems))
        json.key("file"); json.string(refused ? "refused" : "read")
        json.key("leftOutColumns")
        json.open("[")
        for column in leftOutColumns {
            json.open("{")
            json.key("column"); json.number(Double(column.column))
            json.key("name"); json.string(column.name)
            json.key("nonEmptyCells"); json.number(Double(column.nonEmptyCells))
            json.key("reason"); json.string(column.reason.rawValue)
            json.close("}")
        }
        json.close("]")
        json.key("undecodedCells")
        json.open("[")
        for column in undecodedCells {
            json.open("{")
            json.key("column"); json.number(Double(column.column))
            json.key("name"); json.string(column.name)
            json.key("cells"); json.number(Double(column.cells))
            json.key("reason"); json.string(column.reason)
            json.close("}")
        }
        json.close("]")
        json.key("hiddenAnswers"); json.number(Double(hiddenAnswers))
        json.key("textsKeptAsMetadata"); json.number(Double(textsKeptAsMetadata))
        json.key("unaccountedCells"); json.number(Double(unaccountedCells))
        json.close("}")
        return json.text
    }
}

/// Counts, row by row, the non-empty cells of the columns whose cells reach no response, and the
/// cells that could not be decoded. Only those few columns are looked at, and nothing is allocated per row.
struct CellTally {
    private let watched: [(column: Int, reason: ImportAccounting.LeftOutColumn.Reason)]
    private var counts: [Int]
    private var undecoded: [Int: (cells: Int, reason: String)] = [:]

    init(mapping: ColumnMapping, overrides: [ColumnOverride]) {
        let mappedOut = Set(overrides.filter { $0.target == "-" }.map { TextKey.make($0.column) })
        var watched: [(Int, ImportAccounting.LeftOutColumn.Reason)] = []
        for (column, role) in mapping.roles.enumerated() {
            switch role {
            case .unmatched: watched.append((column, .unmatched))
            case .note: watched.append((column, .note))
            case .ignored: watched.append((column, mappedOut.contains(TextKey.make(mapping.header[column])) ? .mappedOut : .repeated))
            default: break
            }
        }
        self.watched = watched
        counts = [Int](repeating: 0, count: watched.count)
    }

    @inline(__always)
    mutating func count(_ fields: [String]) {
        for position in watched.indices {
            let column = watched[position].column
            if column < fields.count, !Self.isBlank(fields[column]) { counts[position] += 1 }
        }
    }

    mutating func undecoded(column: Int, reason: String) {
        if let seen = undecoded[column] {
            undecoded[column] = (seen.cells + 1, seen.reason)
        } else {
            undecoded[column] = (1, reason)
        }
    }

    func fill(_ accounting: inout ImportAccounting, header: [String]) {
        func name(_ column: Int) -> String { column < header.count ? header[column] : "column \(column + 1)" }
        accounting.leftOutColumns = zip(watched, counts).map { entry, cells in
            ImportAccounting.LeftOutColumn(column: entry.column + 1, name: name(entry.column), nonEmptyCells: cells, reason: entry.reason)
        }
        accounting.undecodedCells = undecoded.keys.sorted().map { column in
            ImportAccounting.UndecodedCells(column: column + 1, name: name(column), cells: undecoded[column]!.cells, reason: undecoded[column]!.reason)
        }
    }

    private static func isBlank(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }
}
