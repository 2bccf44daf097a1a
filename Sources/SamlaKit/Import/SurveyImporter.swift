import CSVReader
import Foundation

/// Imports other tools' CSV exports into the store: each file all or nothing, in one transaction.
///
/// A file is read once, streaming: each row is mapped, checked and inserted as it comes, so
/// memory does not grow with the file; if any row has a problem the transaction is rolled back
/// (or, with `rejectsPath`, the row is written there instead) and every problem is reported with
/// its line and column.
public struct SurveyImporter {
    public let survey: Survey
    public let options: ImportOptions

    /// Checks `--map` against the survey before any file is read.
    public init(survey: Survey, options: ImportOptions) throws(ImportUsageError) {
        for override in options.overrides { _ = try override.role(in: survey) }
        self.survey = survey
        self.options = options
    }

    /// The store at `location` if there is one; nil where none was ever made.
    private static func existingStore(at location: String) throws -> ResponseStore? {
        do {
            return try ResponseStore(path: location, create: false)
        } catch {
            if case .notFound = error { return nil }
            throw error
        }
    }

    /// Imports each file in turn into the store at `storePath`. `onFile` is told when a file is
    /// started (with its reading progress, for a progress bar) and finished (nil).
    public func run(files: [String], storePath: String, onFile: (String, CSVProgress?) -> Void = { _, _ in }) throws -> [FileImportReport] {
        // The store opens on a thread of its own (a new one is made: its schema, each migration
        // synced to disk) while the first file is opened and its first rows are read. A dry run
        // must not create a store; an existing one is read (in a transaction rolled back).
        let dryRun = options.dryRun
        let opening = BackgroundResult { () throws -> ResponseStore? in
            if dryRun { return try Self.existingStore(at: storePath) }
            return try ResponseStore(path: storePath)
        }
        defer { _ = try? opening.value() }
        var rejects: RejectsFile?
        if let path = options.rejectsPath, !options.dryRun { rejects = try RejectsFile(path: path) }
        defer { try? rejects?.close() }
        var reports: [FileImportReport] = []
        for file in files {
            reports.append(try importFile(file, into: opening, rejects: rejects, onFile: onFile))
        }
        // A store that cannot be opened fails the run even when no file reached it.
        _ = try opening.value()
        try rejects?.close()
        return reports
    }

    /// Imports one file; a store that cannot be opened throws, every other problem is in the report.
    ///
    /// A CSV whose start is UTF-8 is read as UTF-8 straight away, the rest checked as its rows
    /// are read (`CSVOptions.checksUTF8WhileReading`), rather than after a first pass over the
    /// whole file before the first row. Should bytes that are not UTF-8 come, the pass is
    /// abandoned (rolled back, nothing kept) and the file read again with the whole-file check
    /// choosing its encoding, as before. Not with `--skip-bad-rows`, whose rejects file cannot
    /// take back what it was given.
    func importFile(_ path: String, into opening: BackgroundResult<ResponseStore?>, rejects: RejectsFile?,
                    onFile: (String, CSVProgress?) -> Void) throws -> FileImportReport {
        if rejects == nil {
            do {
                return try importFile(path, into: opening, rejects: nil, checkingUTF8WhileReading: true, onFile: onFile)
            } catch is CSVEncodingRecheck {}
        }
        return try importFile(path, into: opening, rejects: rejects, checkingUTF8WhileReading: false, onFile: onFile)
    }

    private func importFile(_ path: String, into opening: BackgroundResult<ResponseStore?>, rejects: RejectsFile?,
                            checkingUTF8WhileReading: Bool, onFile: (String, CSVProgress?) -> Void) throws -> FileImportReport {
        var report = FileImportReport(file: path)
        defer { onFile(path, nil) }
        let opened: OpenedExport
        do {
            opened = try OpenedExport(path: path, options: options, survey: survey, checkingUTF8WhileReading: checkingUTF8WhileReading)
        } catch let recheck as CSVEncodingRecheck {
            throw recheck
        } catch let error as ExportProblem {
            return report.refusing(error.diagnostic)
        } catch {
            return report.refusing(.error("\(error)", at: SourceLocation(file: path)))
        }
        report.layout = opened.layout
        report.encoding = opened.encoding
        report.encodingReason = opened.encodingReason
        report.delimiter = opened.delimiter
        report.sheet = opened.sheet
        report.mapping = opened.mapping
        report.accounting.headerRows = opened.headerRows.count
        report.accounting.preambleRows = opened.preambleRows
        report.diagnostics.append(contentsOf: opened.mapping.diagnostics)
        if opened.header.isEmpty {
            return report.refusing(.error("the file holds no rows", at: SourceLocation(file: path), hint: "check that this is the export you meant"))
        }
        guard opened.mapping.mapsAnyQuestion else {
            return report.refusing(.error("no column matches a question of '\(survey.id)'", at: opened.headerLocation,
                                          hint: "check that this is an export of that survey, or map columns with --map 'COLUMN=QUESTION'"))
        }
        onFile(path, opened.progress)

        var pass = ImportPass(importer: self, opened: opened, report: report, rejects: rejects)
        // The rows are read from here on, while the store may still be opening; until they are
        // taken inside the transaction only a few batches wait.
        pass.startReading()
        defer { pass.stopReading() }
        // The file's hash (for its `source_file` row) on a thread of its own meanwhile, rather
        // than a read of the whole file after the last row.
        let fileHash: BackgroundResult<String>? = options.dryRun ? nil : BackgroundResult { try Hashing.sha256Hex(fileAt: path) }
        defer { _ = try? fileHash?.value() }
        let store = try opening.value()
        do {
            if let store {
                try store.bulkWrite { (writer: StoreWriter) throws -> Bool in
                    try writer.register(survey)
                    try pass.insertAll(writer: writer)
                    pass.refuseUnaccounted()
                    guard pass.shouldCommit, let fileHash else { return false }
                    try writer.record(pass.sourceFile(sha256: try fileHash.value()), surveyID: survey.id)
                    return true
                }
            } else {
                try pass.insertAll(writer: nil)
                pass.refuseUnaccounted()
            }
            pass.report.committed = store != nil && pass.shouldCommit
        } catch let recheck as CSVEncodingRecheck {
            // Rolled back: the file is read again, its encoding chosen by the whole-file check.
            throw recheck
        } catch {
            pass.report.diagnostics.error("nothing was imported from this file: \(error)", at: SourceLocation(file: path))
            pass.report.errorCount += 1
            pass.report.committed = false
            pass.report.refused = true
        }
        if pass.report.errorCount > 0 && options.rejectsPath == nil || pass.report.strictRefusal { pass.report.refused = true }
        pass.report.accounting.refused = pass.report.refused
        pass.report.accounting.responsesStored = pass.report.refused ? 0 : pass.report.new
        pass.report.accounting.alreadyStored = pass.report.existing
        return pass.report
    }
}

/// One file on its way in: a `RowPreparer` on a second thread reads, decodes and encodes the rows,
/// while this thread, the one holding the store's write transaction, completes their identities
/// (hashing those the preparer left when it was ahead), inserts and counts them.
private struct ImportPass {
    let importer: SurveyImporter
    let opened: OpenedExport
    var report: FileImportReport
    let rejects: RejectsFile?
    private let now = Date()
    private var preparer: RowPreparer?
    private var reading: ResponsePipeline.Started<EncodedRows>?
    /// Counts repeated rows, in file order, on the inserting thread.
    private var identity: RowIdentity

    init(importer: SurveyImporter, opened: OpenedExport, report: FileImportReport, rejects: RejectsFile?) {
        self.importer = importer
        self.opened = opened
        self.report = report
        self.rejects = rejects
        identity = RowIdentity(layout: opened.layout)
    }

    var options: ImportOptions { importer.options }

    /// Commit when the file is clean, or when bad rows were set aside; never in a dry run.
    var shouldCommit: Bool {
        !options.dryRun && !report.strictRefusal && (report.errorCount == 0 || options.rejectsPath != nil)
    }

    /// `--strict`: a column whose cells would reach no response refuses the file, each named at its header.
    mutating func refuseUnaccounted() {
        guard options.strict else { return }
        for column in report.accounting.leftOutColumns where column.reason != .mappedOut && column.nonEmptyCells > 0 {
            let location = column.column - 1 < opened.headerColumns.count ? opened.headerColumns[column.column - 1] : opened.headerLocation
            let why = column.reason == .repeated ? "is a second column for a question another column answers" : "matches no question"
            report.diagnostics.error("column '\(column.name)' \(why), and its \(column.nonEmptyCells) non-empty cell\(column.nonEmptyCells == 1 ? "" : "s") would not be imported (--strict)",
                                     at: location, hint: "map it with --map '\(column.name)=QUESTION', or leave it out on purpose with --map '\(column.name)=-'")
            report.errorCount += 1
            report.strictRefusal = true
        }
    }

    /// Starts the `RowPreparer` on its thread.
    mutating func startReading() {
        let preparer = RowPreparer(importer: importer, opened: opened, report: report, rejects: rejects, now: now)
        self.preparer = preparer
        reading = ResponsePipeline.start(batchSize: 1) { outlet in try preparer.run(outlet) }
    }

    /// Stops the preparer's thread if its rows were not all taken (the store could not be opened
    /// or written); after `insertAll` there is nothing to stop.
    mutating func stopReading() {
        reading?.cancel()
        reading = nil
    }

    /// Takes the prepared rows in file order, completes their identities and inserts them.
    mutating func insertAll(writer: StoreWriter?) throws {
        guard let reading, let preparer else { return }
        var new = 0, existing = 0
        // The report's sample was made without the identities this thread writes.
        var sampleIdentities: [String?] = []
        let sampleSize = options.sampleSize
        try reading.forEach { (rows: inout EncodedRows) in
            rows.completeIdentities(&identity)
            rows.completeAnswers()
            for row in 0..<min(rows.count, sampleSize - sampleIdentities.count) {
                sampleIdentities.append(rows.text(row, .identity))
            }
            let stored = try writer?.insert(rows) ?? rows.count
            new += stored
            existing += rows.count - stored
        }
        self.reading = nil
        // The preparer's thread has ended: its report is complete and ours to read.
        report = preparer.report
        for (index, identity) in zip(report.sample.indices, sampleIdentities) { report.sample[index].identity = identity }
        report.new = new
        report.existing = existing
    }

    func sourceFile(sha256: String) -> SourceFile {
        SourceFile(path: opened.path, sha256: sha256, layout: opened.layout.rawValue,
                   encoding: opened.sheet == nil ? opened.encoding.rawValue : "xlsx", importedAt: now, rowsNew: report.new, rowsExisting: report.existing,
                   notAsked: opened.mapping.notAsked)
    }
}

/// The reading side of an import: CSV records to stored rows, with every problem and count except
/// new and existing, which only the store can tell. Lives on the pipeline's producer thread and is
/// read by the caller only after that thread has finished.
private final class RowPreparer: @unchecked Sendable {
    let importer: SurveyImporter
    let opened: OpenedExport
    var report: FileImportReport
    let rejects: RejectsFile?
    let now: Date
    private var decoder: RowDecoder
    private let layout: ExportLayout
    private var responseIDs = ResponseIDs()
    private var tally: CellTally
    /// Per question: how many rows chose more than `max_selected`, and where the first did.
    private var overLimit: [String: (count: Int, first: SourceLocation)] = [:]

    init(importer: SurveyImporter, opened: OpenedExport, report: FileImportReport, rejects: RejectsFile?, now: Date) {
        self.importer = importer
        self.opened = opened
        self.report = report
        self.rejects = rejects
        self.now = now
        decoder = RowDecoder(survey: importer.survey, mapping: opened.mapping,
                             dateOrder: TimestampOrderScan.order(of: opened, options: importer.options, mapping: opened.mapping,
                                                                 language: importer.survey.defaultLanguage))
        tally = CellTally(mapping: opened.mapping, overrides: importer.options.overrides)
        layout = opened.layout
    }

    var options: ImportOptions { importer.options }

    /// Reads every record and emits the rows to store in batches of `StoreWriter.batchSize`, each
    /// row's columns written straight as the stored bytes (`EncodedRows`): no `Response` is built
    /// except for the report's sample. A content identity is left for the inserting thread to
    /// hash unless it is behind (batches wait), when this thread hashes it itself.
    func run(_ outlet: ResponsePipeline.Outlet<EncodedRows>) throws {
        let reader = opened.rows
        let survey = importer.survey
        defer {
            report.accounting.rowsRead = report.rows
            report.accounting.rowsWithProblems = report.rejected
            report.accounting.hiddenAnswers = report.hiddenAnswers
            tally.fill(&report.accounting, header: opened.header)
            // Known only once read when the UTF-8 was checked while reading.
            if let csv = opened.csv { report.encodingReason = csv.encodingReason }
        }
        let file = opened.path
        let storedAt = StoreDates.format(now)
        let sourceKind = Response.Source.imported(file: file, row: 0).kind
        let batchSize = StoreWriter.batchSize
        var rows = EncodedRows(rowCapacity: batchSize, byteCapacity: batchSize * 1024)
        var row = DecodedRow()
        let answersJSON = decoder.answersJSON
        // What this thread does itself rather than leave to the inserting one, decided per batch
        // by how many batches wait there. The queue is full while the store opens, and the two
        // threads then go at about the same pace, so it drains slowly: taking work back as soon
        // as one batch waits left the other thread idle a tenth of the time (`perf` by thread).
        // Only a queue near full (the inserting thread behind) keeps the work here: the
        // answers' JSON and the identity's hashed text (the cells copied) when all but two
        // places are taken, hashing when all but one are.
        var hashHere = false, answersHere = false
        // The columns every row of the file shares, as bytes once, and written once a batch.
        let sharedBytes = [survey.id, survey.definitionHash, sourceKind, file, storedAt, options.session ?? ""].map { Array($0.utf8) }
        var shared: [EncodedRows.Span] = []
        let hasSession = options.session != nil
        while true {
            let storedProblems = reader.problems.count
            let countedProblems = reader.problemCount
            guard let record = try reader.next() else { break }
            report.rows += 1
            tally.count(record.fields)
            var problems: [Diagnostic] = []
            if reader.problemCount > countedProblems {
                for problem in reader.problems[storedProblems...] {
                    problems.append(.error(problem.message, at: SourceLocation(file: file, line: problem.line, column: problem.column), hint: problem.hint))
                }
                if problems.isEmpty {
                    problems.append(.error("this record breaks the CSV rules", at: SourceLocation(file: file, line: record.line, column: 1)))
                }
            }
            // A record that breaks the CSV rules has unreliable cells: its CSV problems say enough.
            if problems.isEmpty {
                decoder.decode(record.fields, into: &row)
            } else {
                row.reset(questionIDs: [])
            }
            for problem in row.problems {
                tally.undecoded(column: problem.field, reason: problem.message)
                problems.append(.error(problem.message, at: reader.location(ofField: problem.field, file: file), hint: problem.hint))
            }
            if !problems.isEmpty {
                report.errorCount += problems.count
                report.rejected += 1
                for problem in problems where report.diagnostics.count < options.problemLimit {
                    report.diagnostics.append(problem)
                }
                try rejects?.write(file: file, header: opened.header, line: record.line, problems: problems, fields: record.fields)
                continue
            }
            report.hiddenAnswers += row.hiddenAnswers
            report.accounting.textsKeptAsMetadata += row.textsAsMetadata
            for (question, field) in row.overLimit {
                if let seen = overLimit[question] {
                    overLimit[question]!.count = seen.count + 1
                } else {
                    overLimit[question] = (1, reader.location(ofField: field, file: file))
                }
            }
            let id = responseIDs.next()
            // Before the answers may be taken by `appendPendingAnswers`.
            if report.sample.count < options.sampleSize {
                report.sample.append(Response(
                    id: id, surveyID: survey.id, definitionHash: survey.definitionHash, session: options.session,
                    source: .imported(file: file, row: record.line), identity: nil,
                    language: row.language, status: row.status, startedAt: row.startedAt, submittedAt: row.submittedAt,
                    answers: row.answers, metadata: row.metadata))
            }
            if rows.isEmpty {
                let waiting = outlet.waiting()
                hashHere = waiting >= ResponsePipeline.depth - 1
                answersHere = waiting >= ResponsePipeline.depth - 2
                shared = sharedBytes.map { rows.writeShared($0) }
            }
            // The columns in `EncodedRows.Column` order, as `EncodedResponse(response)` would write them.
            rows.append(writing: { UUIDText.append(id, to: &$0) })
            rows.append(shared: shared[0]) // survey
            rows.append(shared: shared[1]) // definition
            if hasSession { rows.append(shared: shared[5]) } else { rows.appendNull() }
            rows.append(shared: shared[2]) // source kind
            rows.append(shared: shared[3]) // file
            rows.appendNull() // source_row, a number: endRow
            if let responseID = row.responseID {
                rows.append(writing: { RowIdentity.append(layout: layout, responseID: responseID, to: &$0) })
            } else {
                rows.appendPendingIdentity(fields: record.fields, wallClock: row.submittedWallClock, hashNow: hashHere, gatherNow: answersHere)
            }
            rows.append(row.language)
            rows.append(row.status.rawValue)
            rows.append(row.startedAt.map(StoreDates.format))
            rows.append(row.submittedAt.map(StoreDates.format))
            rows.append(shared: shared[4]) // stored at
            rows.append(writing: { AnswerCoding.appendMetadata(row.metadata, to: &$0) })
            if answersHere {
                rows.append(writing: { answersJSON.append(row, to: &$0) })
            } else {
                rows.appendPendingAnswers(taking: &row.values, writer: answersJSON)
            }
            rows.endRow(sourceRow: record.line)
            if row.status == .draft { report.drafts += 1 }
            if rows.count == batchSize {
                try outlet.emit(rows)
                rows = EncodedRows(rowCapacity: batchSize, byteCapacity: rows.byteCount + rows.byteCount / 8)
            }
        }
        if !rows.isEmpty { try outlet.emit(rows) }
        for question in survey.questions.map(\.id) {
            guard let (count, first) = overLimit[question], let maximum = survey.question(question)?.maxSelected else { continue }
            report.diagnostics.warning("\(count) response\(count == 1 ? "" : "s") chose more than the \(maximum) options '\(question)' allows (max_selected); kept as given, the first here",
                                       at: first, hint: "raise max_selected in the survey if the tool allowed more")
        }
    }
}
