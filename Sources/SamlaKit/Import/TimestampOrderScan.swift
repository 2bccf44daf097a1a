/// The day-month order of an export's timestamp columns, decided from the column, not the cell:
/// before the import proper, the timestamp cells are read until one settles the order (a part
/// over 12), or to the end; a column that never settles it is read in the survey language's order.
/// Tools that fix the order (Microsoft Forms) and year-first timestamps need no reading.
enum TimestampOrderScan {
    static func order(path: String, options: ImportOptions, mapping: ColumnMapping, language: String) -> ToolTimestamp.DayOrder {
        if let fixed = ToolTimestamp.fixedOrder(mapping.layout) { return fixed }
        let columns = mapping.roles.enumerated().compactMap { column, role -> Int? in
            if case .tool(let field) = role, field == .started || field == .submitted { return column }
            return nil
        }
        var evidence = DateOrderEvidence()
        guard !columns.isEmpty, let opened = try? OpenedExport(path: path, options: options, survey: nil) else {
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
