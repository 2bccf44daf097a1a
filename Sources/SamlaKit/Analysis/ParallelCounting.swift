import Dispatch
import Foundation

/// Counts stored rows on every core. The reading thread packs rows into batches and deals them to
/// the workers in turn; each worker counts its batches, in order, into tallies of its own, and at
/// the end the workers' tallies are merged. Rows carry their place in stored order, so the figures
/// that depend on order (quotes, examples) come out as in one pass over the store; dealing in turn
/// (rather than to whichever worker is free) makes the split the same on every run.
///
/// Stepping SQLite through the rows keeps the reading thread busy for about a third of the work;
/// laying rows out, counting them and analysing their free text is the rest, and splitting that
/// between cores is what brings a million responses under two seconds. At most two batches per
/// worker are in flight, so memory does not grow with the store.
final class ParallelCounting: @unchecked Sendable {
    /// The state one thread counts into, touched only on its queue (and under `lock` for `failure`).
    /// Each worker has a plan of its own: the threads then share no object whose reference count
    /// they would update for every row, each update pulling the count's cache line from the other core.
    private final class Worker: @unchecked Sendable {
        let queue = DispatchQueue(label: "samla.counting")
        let plan: AnalysisPlan
        let options: AnalysisOptions
        let versions: DefinitionVersions
        /// The positions of the questions whose texts `addTexts` hands over, in their order.
        let textQuestions: [Int]
        var slots: AnswerSlots
        var tallies: SummaryTallies
        /// The first row that could not be read, and why.
        var failure: (row: Int, error: any Error)?

        init(plan: AnalysisPlan, options: AnalysisOptions, versions: DefinitionVersions, textQuestions: [Int]) {
            self.plan = plan
            self.options = options
            self.versions = versions
            self.textQuestions = textQuestions
            slots = AnswerSlots(questionCount: plan.questions.count)
            tallies = SummaryTallies(plan: plan, options: options)
        }

        func count(_ rows: StoredRows, lock: NSLock) {
            do {
                try rows.forEach { bytes, row, version in
                    slots.lacking = versions.lacking[version]
                    do {
                        try slots.fill(stored: bytes, plan: plan)
                    } catch {
                        lock.withLock { failure = failure ?? (row, error) }
                        throw error
                    }
                    tallies.count(&slots, row: row)
                }
            } catch {
                // Recorded above; the rest of the batch is not counted.
            }
        }

        /// Analyses the written texts of `rows` and counts nothing else of them
        /// (`SummaryTallies.countTexts`): laid into the slots as they are, nothing to read.
        func count(_ rows: WrittenTextRows) {
            rows.forEach { place, version, text in
                slots.reset()
                slots.lacking = versions.lacking[version]
                for (index, q) in textQuestions.enumerated() {
                    let written = text(index)
                    if !written.isEmpty { slots.setText(written, at: q) }
                }
                tallies.countTexts(&slots, row: place)
            }
        }

        /// Hands over the tallies, leaving empty ones, so that merging grows them in place rather
        /// than copying what the worker still holds (a number question's values, say).
        func takeTallies() -> SummaryTallies {
            defer { tallies = SummaryTallies(plan: plan, options: options) }
            return tallies
        }
    }

    private let batchSize: Int
    private let workers: [Worker]
    private let lock = NSLock()
    private let room: DispatchSemaphore
    /// Touched only by the reading thread.
    private var batch: StoredRows
    private var textBatch: WrittenTextRows
    private var batchesSent = 0

    /// Throws when the filters name questions or choices the survey lacks. `texts` names the
    /// questions whose written texts `addTexts` hands over, in that order (text questions of the survey).
    init(survey: Survey, options: AnalysisOptions, versions: DefinitionVersions = DefinitionVersions(),
         workers: Int, batchSize: Int, texts: [String] = []) throws(DiagnosticsError) {
        self.batchSize = batchSize
        self.workers = try (0 ..< max(1, workers)).map { _ throws(DiagnosticsError) in
            let plan = try AnalysisPlan(survey: survey, filters: options.filters)
            let positions = texts.map { id in
                guard let q = plan.positionByID[id], plan.types[q] == .text else { preconditionFailure("\(id) is no text question of the survey") }
                return q
            }
            return Worker(plan: plan, options: options, versions: versions, textQuestions: positions)
        }
        room = DispatchSemaphore(value: 2 * self.workers.count)
        batch = StoredRows(firstRow: 0, rows: batchSize, bytes: 0)
        textBatch = WrittenTextRows(questions: texts.count, rows: batchSize, bytes: 0)
    }

    /// Adds one stored answers object (copied; the bytes need not outlive the call).
    func add(_ answers: UnsafeBufferPointer<UInt8>, version: Int = 0) throws {
        batch.append(answers, version: version)
        if batch.count >= batchSize { try send() }
    }

    /// The same with the row's place in stored order given, for rows that are not all the
    /// selection's (those a database did not count itself, `GroupedCounting`): every row added
    /// to one counting gives its place, or none does.
    func add(_ answers: UnsafeBufferPointer<UInt8>, version: Int, place: Int) throws {
        batch.append(answers, version: version, place: place)
        if batch.count >= batchSize { try send() }
    }

    /// Adds one response of which only the written texts are analysed, and nothing else counted
    /// (the rest of it is counted elsewhere: the database's kept counts,
    /// `GroupedCounting.keptSummary`): the texts of the questions named at `init` back to back,
    /// the i-th ending at `ends[i]`, empty where not written (copied; the bytes need not outlive
    /// the call). Every row added to one counting gives its place, as `add(_:version:place:)` does.
    func addTexts(_ texts: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>, version: Int, place: Int) throws {
        textBatch.append(texts, ends: ends, version: version, place: place)
        if textBatch.count >= batchSize { try send() }
    }

    /// Waits for every row added to be counted and returns the tallies of them all; throws the
    /// error of the first row in stored order that could not be read.
    func finish() throws -> SummaryTallies {
        try send()
        for worker in workers {
            worker.queue.async { worker.tallies.sortValues() }
        }
        waitForWorkers()
        try throwFirstFailure()
        var merged = workers[0].takeTallies()
        for worker in workers.dropFirst() { merged.merge(worker.takeTallies()) }
        return merged
    }

    private func send() throws {
        if textBatch.count > 0 {
            let rows = textBatch
            textBatch = WrittenTextRows(questions: rows.questions, rows: batchSize, bytes: rows.byteCount + rows.byteCount / 8)
            try deal { $0.count(rows) }
        }
        guard batch.count > 0 else { return }
        let rows = batch
        // Rows of one survey are of much the same size: room for a little more than the last batch.
        batch = StoredRows(firstRow: rows.firstRow + rows.count, rows: batchSize, bytes: rows.byteCount + rows.byteCount / 8)
        try deal { [lock] in $0.count(rows, lock: lock) }
    }

    /// Hands one batch's counting to the next worker in turn, once there is room.
    private func deal(_ count: @escaping @Sendable (Worker) -> Void) throws {
        room.wait()
        // After a row that cannot be read, nothing later counts: stop reading.
        if workers.contains(where: { worker in lock.withLock { worker.failure != nil } }) {
            room.signal()
            waitForWorkers()
            try throwFirstFailure()
        }
        let worker = workers[batchesSent % workers.count]
        batchesSent += 1
        worker.queue.async { [self] in
            count(worker)
            room.signal()
        }
    }

    private func waitForWorkers() {
        for worker in workers { worker.queue.sync {} }
    }

    private func throwFirstFailure() throws {
        let failures = workers.compactMap { worker in lock.withLock { worker.failure } }
        if let first = failures.min(by: { $0.row < $1.row }) { throw first.error }
    }
}
