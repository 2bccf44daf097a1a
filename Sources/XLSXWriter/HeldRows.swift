/// The writes to a sheet that is written in any order but streamed by libxlsxwriter, held until the
/// workbook closes and then handed over row by row.
///
/// libxlsxwriter decides per workbook, not per sheet, whether sheets keep their cells in memory
/// (`constant_memory`), and a streamed sheet takes each row once, in increasing order. A small sheet
/// of a constant-memory workbook (a summary laid out by sections, its title row written last) is
/// therefore held here: every write that touches a row is kept as a closure, checked already, and
/// replayed at close sorted by row, in the order written within a row. Only the library's public
/// functions are called; the sheet's memory is its own cells, which is small by intent.
final class HeldRows {
    private struct Held {
        let row: Int
        let order: Int
        let apply: () throws -> Void
    }

    private var held: [Held] = []

    func hold(row: Int, _ apply: @escaping () throws -> Void) {
        held.append(Held(row: row, order: held.count, apply: apply))
    }

    /// Hands every held write to libxlsxwriter in row order; afterwards nothing is held.
    func replay() throws {
        let ordered = held.sorted { ($0.row, $0.order) < ($1.row, $1.order) }
        held = []
        for write in ordered { try write.apply() }
    }
}

/// What the wrapper knows of a sheet's rows, shared by its ``Worksheet`` and its ``Workbook``.
final class SheetRows {
    /// The writes held until close; nil when libxlsxwriter takes them as they come.
    let held: HeldRows?
    /// Whether any write has reached a row (or is held for one).
    var touched = false
    /// The sheet's rows written as XML from a row on, when they are (``SplicedRows``).
    var splice: SheetSplice?

    init(held: HeldRows?) {
        self.held = held
    }

    /// Refuses a write through the library to a row that belongs to the spliced rows.
    @inline(__always)
    func checkNotSpliced(row: Int) throws {
        if let splice, row >= splice.firstAllowedRow {
            throw XLSXError.invalidArgument("row \(row) and those after it are written as spliced rows")
        }
    }

    /// Runs `write` now, or holds it for `row` until close.
    func perform(row: Int, _ write: @escaping () throws -> Void) throws {
        try checkNotSpliced(row: row)
        touched = true
        if let held {
            held.hold(row: row, write)
        } else {
            try write()
        }
    }
}
