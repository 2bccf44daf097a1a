/// The day-month order of an export's timestamp columns, decided from the column, not the cell:
/// before the import proper, the timestamp cells are read until one settles the order (a part
/// over 12), or to the end; a column that never settles it is read in the survey language's order.
/// Tools that fix the order (Microsoft Forms) and year-first timestamps need no reading.
enum TimestampOrderScan {
    /// `export`: the file as opened for the import, whose encoding, delimiter and layout the scan
    /// reads it with again, rather than settling them anew (for a CSV that was a second pass over
    /// the whole file to check its UTF-8, before the first row).
    static func order(of export: OpenedExport, options: ImportOptions, mapping: ColumnMapping, language: String) -> ToolTimestamp.DayOrder {
        if let fixed = ToolTimestamp.fixedOrder(mapping.layout) { return fixed }
        let columns = mapping.roles.enumerated().compactMap { column, role -> Int? in
            if case .tool(let field) = role, field == .started || field == .submitted { return column }
            return nil
        }
        var evidence = DateOrderEvidence()
        var settled = options
        settled.layout = export.layout
        if export.sheet == nil {
            settled.encoding = export.encoding
            settled.delimiter = export.delimiter
        }
        guard !columns.isEmpty, let opened = try? OpenedExport(path: export.path, options: settled, survey: nil) else {
            return evidence.order(language: language)
        }
        while let record = try? opened.rows.next() {
            for column in columns where column < record.fields.count { evidence.add(record.fields[column]) }
            if evidence.firstOver12 > 0 || evidence.secondOver12 > 0 { break }
            // ISO timestamps (year first) say nothing more further down.
            if evidence.dates >= 100 && evidence.yearFirst == evidence.dates { break }
        }
        return evidence.order(language: language)
    }
}
