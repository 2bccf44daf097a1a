import Foundation
import XLSXWriter

/// Enough to make the workbook again: Samla's version, the definition's hash, every source file
/// with its SHA-256, the codebook, the filters and options, and the command.
struct AboutSheet {
    let styles: WorkbookStyles
    let text: ExportText

    struct Facts {
        var survey: Survey
        var storePath: String
        var sourceFiles: [SourceFile]
        var summary: Summary
        var options: ExportOptions
        var codebookHash: String?
        /// Set when anonymising: paths lose their folders, small counts hide, and a line says what went.
        var anonymizer: Anonymizer = .disabled
    }

    func write(in workbook: Workbook, facts: Facts) throws -> Worksheet {
        let sheet = try workbook.addSummarySheet(name: text.sheetAbout)
        var fitter = ColumnFitter(columns: 2, minimum: 12, maximum: 80)
        try sheet.writeString(text.sheetAbout, row: 0, column: 0, format: styles.title)
        var row = 2
        func pair(_ label: String, _ value: String) throws {
            try sheet.writeString(label, row: row, column: 0, format: styles.heading)
            try sheet.writeString(value, row: row, column: 1)
            fitter.measure(label, column: 0)
            fitter.measure(value, column: 1)
            row += 1
        }
        let options = facts.options
        let anonymizer = facts.anonymizer
        // A folder can name a person or a machine; an anonymised workbook keeps file names only.
        func shown(_ path: String) -> String { anonymizer.isEnabled ? (path as NSString).lastPathComponent : path }
        try pair(text.samlaVersion, SamlaVersion.current)
        try pair(text.surveyID, facts.survey.id)
        try pair(text.definitionHash, facts.survey.definitionHash)
        try pair(text.store, shown(facts.storePath))
        try pair(text.languageHeading, facts.summary.language)
        try pair(text.filtersHeading, FilterDescription.text(facts.summary.filters, all: text.allResponses))
        try pair(text.anonymised, options.anonymize ? text.yes : text.no)
        if anonymizer.isEnabled {
            try pair(text.removedHeading, text.anonymisedRemoved(threshold: anonymizer.minimumCount))
        }
        if let path = options.codebook?.file {
            try pair(text.codebook, shown(path))
            if let hash = facts.codebookHash { try pair("\(text.codebook) SHA-256", hash) }
        }
        if let command = options.commandLine {
            let words = command.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            try pair(text.command, anonymizer.isEnabled ? words.map { $0.contains("/") ? shown($0) : $0 }.joined(separator: " ") : command)
        }
        try sheet.writeString(text.reproduceNote, row: row, column: 0, format: styles.note)
        row += 2

        try sheet.writeString(text.sourceFiles, row: row, column: 0, format: styles.heading)
        row += 1
        try sheet.writeRow([text.file, "SHA-256", text.layout, text.encoding, text.importedAt, text.newRows, text.knownRows],
                           row: row, format: styles.header)
        row += 1
        for file in facts.sourceFiles {
            let path = shown(file.path)
            try sheet.writeString(path, row: row, column: 0)
            try sheet.writeString(file.sha256, row: row, column: 1)
            try sheet.writeString(file.layout, row: row, column: 2)
            try sheet.writeString(file.encoding, row: row, column: 3)
            try sheet.writeDate(file.importedAt, row: row, column: 4, format: styles.date)
            for (column, count) in [(5, file.rowsNew), (6, file.rowsExisting)] {
                if anonymizer.suppresses(count: count) {
                    try sheet.writeString("<\(anonymizer.minimumCount)", row: row, column: column, format: styles.suppressed)
                } else {
                    try sheet.writeNumber(Double(count), row: row, column: column, format: styles.count)
                }
            }
            fitter.measure(path, column: 0)
            fitter.measure(file.sha256, column: 1)
            row += 1
        }
        try fitter.apply(to: sheet)
        try sheet.setColumnWidth(16, columns: 2...6)
        return sheet
    }
}
