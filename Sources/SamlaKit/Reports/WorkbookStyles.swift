import XLSXWriter

/// The few looks every sheet shares, registered once per workbook: a clear header, titles,
/// percent and count formats, dates, and the highlight for cells a reader should doubt.
struct WorkbookStyles {
    let title: Format
    let subtitle: Format
    let heading: Format
    /// The header row of a long list: bold on a tint, wrapped, with a rule below.
    let header: Format
    /// A header over several columns (a cross-tab group), centred.
    let groupHeader: Format
    let percent: Format
    let count: Format
    let decimal: Format
    /// A p-value, to three decimals.
    let pValue: Format
    let date: Format
    let wrapped: Format
    /// Text, counts and percents at the top of a row made tall by wrapped text beside them.
    let top: Format
    let topCount: Format
    let topPercent: Format
    let note: Format
    let link: Format
    /// A cross-tab cell whose expected count is under 5.
    let flagged: Format
    let flaggedPercent: Format
    /// "<5" in place of a hidden count, aligned with the numbers around it.
    let suppressed: Format
    let suppressedFlagged: Format

    static let headerTint = Color(rgb: 0xDCE6F1)
    static let accent = Color(rgb: 0x2F5597)
    static let flagTint = Color(rgb: 0xFCE4D6)

    init(_ workbook: Workbook) throws {
        title = try workbook.addFormat(CellStyle(bold: true, fontColor: Self.accent, fontSize: 16))
        subtitle = try workbook.addFormat(CellStyle(italic: true, fontColor: Color(rgb: 0x595959)))
        heading = try workbook.addFormat(CellStyle(bold: true, fontColor: Self.accent, fontSize: 12))
        header = try workbook.addFormat(CellStyle(bold: true, backgroundColor: Self.headerTint, border: .thin,
                                                  borderColor: Color(rgb: 0x8EA9DB), textWrap: true,
                                                  verticalAlignment: .top))
        groupHeader = try workbook.addFormat(CellStyle(bold: true, backgroundColor: Self.headerTint, border: .thin,
                                                       borderColor: Color(rgb: 0x8EA9DB), horizontalAlignment: .center))
        percent = try workbook.addFormat(CellStyle(numberFormat: "0.0%"))
        count = try workbook.addFormat(CellStyle(numberFormat: "#,##0"))
        // Number format codes are locale-independent: "," groups thousands and "." marks the
        // decimals in the code, and Excel and LibreOffice show them with the reader's own
        // separators (a Swedish reader sees "1 234,50"). Text Samla formats itself uses the
        // survey language's separators instead (`UIText.decimal`).
        decimal = try workbook.addFormat(CellStyle(numberFormat: "#,##0.00"))
        pValue = try workbook.addFormat(CellStyle(numberFormat: "0.000"))
        date = try workbook.addFormat(CellStyle(numberFormat: "yyyy-mm-dd hh:mm"))
        wrapped = try workbook.addFormat(CellStyle(textWrap: true, verticalAlignment: .top))
        top = try workbook.addFormat(CellStyle(verticalAlignment: .top))
        topCount = try workbook.addFormat(CellStyle(numberFormat: "#,##0", verticalAlignment: .top))
        topPercent = try workbook.addFormat(CellStyle(numberFormat: "0.0%", verticalAlignment: .top))
        note = try workbook.addFormat(CellStyle(italic: true, fontColor: Color(rgb: 0x595959)))
        link = try workbook.addFormat(CellStyle(fontColor: Color(rgb: 0x0563C1)))
        flagged = try workbook.addFormat(CellStyle(backgroundColor: Self.flagTint, numberFormat: "#,##0"))
        suppressed = try workbook.addFormat(CellStyle(horizontalAlignment: .right))
        suppressedFlagged = try workbook.addFormat(CellStyle(backgroundColor: Self.flagTint, horizontalAlignment: .right))
        flaggedPercent = try workbook.addFormat(CellStyle(backgroundColor: Self.flagTint, numberFormat: "0.0%"))
    }
}

extension Workbook {
    /// A small sheet written in any order (in a constant-memory workbook its writes are held and
    /// streamed at close: `HeldRows`) set up for print: A4,
    /// landscape where the sheet is wide, one page wide and as many down as needed, so its labels,
    /// numbers and chart stay together in print and PDF, with `repeatedRows` (the title) on every page.
    /// Adds a summary sheet's place now, for ``addSummarySheet(name:landscape:repeatedRows:)`` to
    /// take once the summary is ready (a workbook written while its summary is worked out).
    func reserveSummarySheet(name: String) throws {
        try reserveWorksheet(name: name, constantMemory: false)
    }

    func addSummarySheet(name: String, landscape: Bool = false, repeatedRows: ClosedRange<Int> = 0...0) throws -> Worksheet {
        let sheet = try addWorksheet(name: name, constantMemory: false)
        try sheet.preparePrint(landscape: landscape, repeatedRows: repeatedRows)
        return sheet
    }
}

extension Worksheet {
    /// Every sheet's print settings: A4 paper, fit to one page wide, header rows on every page, and
    /// a footer naming the sheet and the page.
    func preparePrint(landscape: Bool, repeatedRows: ClosedRange<Int>) throws {
        try setPaper(.a4)
        if landscape { try setLandscape() }
        try fitToPages(wide: 1, tall: 0)
        try repeatRows(repeatedRows)
        // The sheet's name and "page of pages" on every page, so a printout says where it is from.
        try setFooter("&L&A&R&P / &N")
    }
}
