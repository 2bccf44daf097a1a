import Foundation
import FreeText
import XLSXWriter

/// The XLSX workbook: Overview, one sheet per question, Cross-tabs, Free text, Themes, Terms,
/// Follow-up, Responses and About.
///
/// Memory: libxlsxwriter keeps every sheet in memory or streams every sheet, per workbook. Up to
/// `responsesTableLimit` responses the workbook is kept in memory: Responses is an Excel table,
/// strings are shared and charts carry cached values. Above it the workbook streams, so memory
/// stays flat at any size: the lists that grow with the responses (Responses, Free text,
/// Follow-up) are written row by row as the responses pass, Responses gets an autofilter, and the
/// small sheets, laid out in any order, are held by `XLSXWriter` and streamed in row order at
/// close; their charts then carry references only (Excel and LibreOffice read the cells), and
/// Overview says why there is no table. The responses are read once, in store order, and each one
/// is handed to the three lists. Responses continues on "Responses (2)", … past Excel's 1,048,575
/// rows; Overview says so.
public enum WorkbookExport {
    public struct Outcome: Sendable, Hashable {
        public var sheets: [String]
        public var responseSheets: [String]
        public var responses: Int
        /// Whether the Responses sheet holds an Excel table (else an autofilter).
        public var responsesTable: Bool
        public var notes: [String]
    }

    /// A response as the reading thread lays it out for the Responses and Free text lists, so the
    /// writing thread (the slower one, libxlsxwriter's) only writes cells. The call list's entries
    /// go from the reading thread to a third one, which spools and merges them (`CallListFeed`).
    struct Prepared: Sendable {
        /// The response's number in the lists, from 1.
        var number: Int
        var row: [ResponseCell]
        var texts: [FreeTextEntry]
    }

    /// Above this many responses the package may pass 4 GB, so ZIP64 is switched on.
    static let zip64Threshold = 200_000

    /// The summary a workbook is written from: ready, or being worked out while the lists are written.
    enum SummarySource {
        case ready(Summary)
        /// `layout` is the summary of no responses (the full one's questions, sheet names and
        /// language), `responses` the count the store gave for the selection, and `summary` waits
        /// for the full one, which must count the same responses.
        case pending(layout: Summary, responses: Int, summary: () throws -> Summary)
    }

    /// Whether a workbook of `responses` can be written while its summary is worked out: it
    /// streams (a workbook kept in memory shares its strings in the order they are written, so
    /// the summary's sheets must come first), no answer filter or anonymising needs the summary
    /// before the first row, and every list fits its first sheet whatever the counts (the sheets
    /// of a list are added up front from its planned rows).
    static func writesWhileSummarizing(survey: Survey, analysis: AnalysisOptions, responses: Int, options: ExportOptions) -> Bool {
        let textQuestions = survey.questions.filter { $0.type == .text && !$0.personal }.count
        return !options.anonymize && analysis.filters.conditions.isEmpty && !analysis.filters.groupsBySession(in: survey)
            && responses > options.responsesTableLimit && responses * max(1, textQuestions) <= options.rowsPerSheet
    }

    public static func write(to path: String, survey: Survey, summary: Summary, store: ResponseStore,
                             options: ExportOptions, anonymizer: Anonymizer) throws -> Outcome {
        try write(to: path, survey: survey, source: .ready(summary), store: store, options: options, anonymizer: anonymizer)
    }

    /// Writes the workbook. With a pending summary the sheets that show it are laid out by name
    /// (`Workbook.reserveWorksheet`), the lists written, and the sheets filled once it is ready:
    /// the same file as with the summary ready, with the analysis on the other core meanwhile.
    static func write(to path: String, survey: Survey, source: SummarySource, store: ResponseStore,
                      options: ExportOptions, anonymizer: Anonymizer) throws -> Outcome {
        var source = source
        if case .pending(_, _, let pending) = source, anonymizer.isEnabled {
            // Anonymising hides cells by the summary's counts, in every row: it needs them first.
            source = .ready(try pending())
        }
        let ready: Summary?, layout: Summary, expected: Int
        switch source {
        case .ready(let fullSummary):
            ready = anonymizer.redact(fullSummary)
            layout = ready!
            expected = fullSummary.responses
        case .pending(let skeleton, let responses, _):
            ready = nil
            layout = skeleton
            expected = responses
        }
        let anonymizer = ready.map(anonymizer.hidingCells(of:)) ?? anonymizer
        let text = UIText(language: layout.language).export
        let made = options.created ?? Date()
        let sessionFilter = layout.filters.sessions
        let sessions = BackgroundResult {
            try store.sessions(surveyID: survey.id).filter { sessionFilter.isEmpty || sessionFilter.contains($0.name ?? "") }
        }
        let sourceFiles = try store.sourceFiles(surveyID: survey.id)
        let codebookHash = try options.codebook.map { try Hashing.sha256Hex(fileAt: $0.file) }

        return try AtomicFile.write(to: path) { temporary in
            let workbook = try Workbook(path: temporary, options: WorkbookOptions(
                constantMemory: expected > options.responsesTableLimit, zip64: expected > zip64Threshold,
                compression: options.compression))
            try workbook.setProperties(DocumentProperties(
                title: layout.title, subject: survey.id, author: "Samla \(SamlaVersion.current)", created: made))
            let styles = try WorkbookStyles(workbook)
            let coder = FreeTextCoder(survey: survey, language: layout.language, codebook: options.codebook)
            let hasText = !coder.questions.isEmpty

            let overview = try workbook.addSummarySheet(name: text.sheetOverview, landscape: true)
            // The sheets that show the summary, in their places: written now when it is ready,
            // else reserved and written after the lists.
            var questionSheets: [String: String] = [:]
            func writeSheetsBeforeFreeText(_ summary: Summary) throws {
                questionSheets = try QuestionSheets(styles: styles, language: summary.language, suppression: summary.suppression)
                    .write(in: workbook, summary: summary)
                if let crosstab = summary.crosstab {
                    _ = try CrosstabSheet(styles: styles, language: summary.language, anonymizer: anonymizer)
                        .write(crosstab, summary: summary, in: workbook)
                }
            }
            func writeSheetsAfterFreeText(_ summary: Summary) throws {
                guard hasText else { return }
                _ = try ThemesSheet.write(in: workbook, styles: styles, summary: summary, options: options, anonymizer: anonymizer)
                _ = try TermsSheet.write(in: workbook, styles: styles, summary: summary, options: options, anonymizer: anonymizer)
            }
            if let ready {
                try writeSheetsBeforeFreeText(ready)
            } else {
                for name in QuestionSheets.sheetNames(layout) { try workbook.reserveSummarySheet(name: name) }
                if layout.crosstab != nil { try workbook.reserveSummarySheet(name: text.sheetCrosstab) }
            }
            let freeText = hasText
                ? try FreeTextSheet(workbook: workbook, styles: styles, coder: coder, summary: layout, options: options)
                : nil
            if let ready {
                try writeSheetsAfterFreeText(ready)
            } else if hasText {
                try workbook.reserveSummarySheet(name: text.sheetThemes)
                try workbook.reserveSummarySheet(name: text.sheetTerms)
            }
            let followUp = !anonymizer.isEnabled && (survey.contact != nil || survey.questions.contains(where: \.personal))
                ? try FollowUpSheet(workbook: workbook, styles: styles, survey: survey, summary: layout, responses: expected, options: options)
                : nil
            let columns = ResponseColumns(survey: survey, language: layout.language, anonymizer: anonymizer)
            // Where each free-text question's answer lies in a Responses row.
            let textColumns = coder.questions.map { question in columns.plans.first { $0.position == question.position }?.firstColumn }
            let responses = try ResponsesSheet(workbook: workbook, styles: styles, columns: columns, name: text.sheetResponses,
                                               plannedRows: expected, options: options)
            func writeAbout(_ summary: Summary) throws {
                _ = try AboutSheet(styles: styles, text: text).write(in: workbook, facts: AboutSheet.Facts(
                    survey: survey, storePath: store.path, sourceFiles: sourceFiles, summary: summary, options: options,
                    codebookHash: codebookHash, anonymizer: anonymizer))
            }
            if let ready { try writeAbout(ready) }

            var listed = 0
            options.progress?.begin(.writing(file: path), total: expected)
            let selection = ExportSelection(surveyID: survey.id, filters: layout.filters)
            // The call list spools and merges its people on a thread of its own while this thread
            // writes the other lists: none of its work is on the workbook's thread.
            let calls = followUp?.feed()
            let callPlan = followUp?.plan
            do {
                try ResponsePipeline.run(produce: { emit in
                    var number = 0
                    var cache = JoinedLabelCache()
                    var languages = RepeatedLanguageGuesser()
                    // Anonymised, the response comes scrubbed; the call list is then not written.
                    try selection.forEachListed(in: store, survey: survey, anonymizer: anonymizer) { response, answers in
                        number += 1
                        if let calls, let entry = callPlan?.entry(of: response, answers: answers, number: number) { calls.add(entry) }
                        let row = columns.cells(of: response, answers: answers, number: number,
                                                respondent: anonymizer.name(of: response), cache: &cache)
                        try emit(Prepared(
                            number: number, row: row,
                            texts: hasText ? coder.entries(of: response, answers: answers, row: row, columns: textColumns,
                                                           guesser: &languages) : []))
                    }
                    calls?.finish()
                }, consume: { item in
                    listed += 1
                    // Past the count the figures were made from, the workbook would contradict itself.
                    guard listed <= expected else { throw ExportError.storeChanged(expected: expected, found: listed) }
                    try responses.add(item.row)
                    try freeText?.add(item.texts, number: item.number)
                    options.progress?.wrote(listed)
                })
            } catch {
                // Nothing is left running on a failed export.
                try? calls?.wait()
                throw error
            }
            // The full summary: the one given, or the pending one once the lists are written.
            let summary: Summary
            var notes: [String] = []
            if anonymizer.isEnabled { notes.append(text.anonymisedNote) }
            if followUp?.plan.isGuessed == true { notes.append(text.callGuessNote) }
            func writeOverview() throws {
                try OverviewSheet(styles: styles, text: text, options: options, anonymizer: anonymizer).write(
                    on: overview, summary: summary,
                    facts: OverviewSheet.Facts(sessions: try sessions.value(), sourceFiles: sourceFiles, questionSheets: questionSheets, notes: notes),
                    made: made)
            }
            // A streamed workbook holds Overview's cells until it closes, so Overview can be laid
            // out while the call list's thread makes its last people. A workbook kept in memory
            // shares its strings in the order they are written: there Overview comes after, as
            // ever, and the file stays the same.
            let overviewFirst = workbook.options.constantMemory
            do {
                guard listed == expected else {
                    throw ExportError.storeChanged(expected: expected, found: listed)
                }
                if let ready {
                    summary = ready
                } else {
                    guard case .pending(_, _, let pending) = source else { preconditionFailure("a summary either way") }
                    summary = try pending()
                    // The count the lists were planned from is the one the figures come from.
                    guard summary.responses == expected else {
                        throw ExportError.storeChanged(expected: summary.responses, found: listed)
                    }
                    try writeSheetsBeforeFreeText(summary)
                    try writeSheetsAfterFreeText(summary)
                    try writeAbout(summary)
                    guard workbook.unclaimedReservations.isEmpty else {
                        throw ExportError.workbook(path: path, reason: "sheets laid out but not written: \(workbook.unclaimedReservations)")
                    }
                }
                try responses.finish()
                try freeText?.finish()
                if responses.series.names.count > 1 { notes.append(text.responsesSplit(responses.series.names)) }
                if !responses.usesTable { notes.append(text.responsesWithAutofilter(options.responsesTableLimit)) }
                if overviewFirst { try writeOverview() }
            } catch {
                try? calls?.wait()
                throw error
            }
            try calls?.wait()
            try followUp?.finish()
            if !overviewFirst { try writeOverview() }

            let sheets = workbook.worksheetNames
            options.progress?.begin(.packing(file: path))
            do {
                try workbook.close()
            } catch {
                throw ExportError.workbook(path: path, reason: "\(error)")
            }
            return Outcome(sheets: sheets, responseSheets: responses.series.names, responses: listed,
                           responsesTable: responses.usesTable, notes: notes)
        }
    }
}
