import Foundation
import XLSXWriter

/// The organiser's call list ("Uppföljning"): one row per person who asked to be contacted, with
/// their contact details, the workshops they came to, what they want to be involved in and the
/// day of their last answer (see ``CallList``). The entries are gathered while the responses are
/// read and the rows written at the end, merged and sorted; at a few hundred bytes per consenting
/// response that stays small beside the responses themselves. Never written when anonymising.
final class FollowUpSheet {
    let plan: CallListPlan
    let list: CallList
    private let series: SheetSeries

    /// `responses`: how many responses the export lists (the call list holds its entries in
    /// memory when they would fit).
    init(workbook: Workbook, styles: WorkbookStyles, survey: Survey, summary: Summary, responses: Int, options: ExportOptions) throws {
        let text = UIText(language: summary.language).export
        plan = CallListPlan(survey: survey, language: summary.language)
        list = try CallList(plan: plan, survey: survey, responses: responses)
        let headings = CallList.headings(plan: plan, language: summary.language)
        // A sheet is planned for as many as answered the consent question or the most answered detail.
        let planned = (plan.wantedQuestions + plan.contactQuestions).compactMap { summary.question($0.id)?.answered }.max() ?? 0
        series = try SheetSeries(workbook: workbook, styles: styles, name: text.sheetFollowUp, headings: headings,
                                 plannedRows: planned, capacity: options.rowsPerSheet, asTable: false,
                                 minimumWidths: Array(repeating: 14, count: headings.count))
    }

    var names: [String] { series.names }

    /// Where the export's reading thread hands the entries, to be spooled and merged off the
    /// workbook's thread.
    func feed() -> CallListFeed {
        CallListFeed(list: list)
    }

    /// Writes the merged, sorted rows, once the ``feed()`` is done; returns how many people the
    /// list holds. The rows are read on a second thread while this one hands them to libxlsxwriter.
    @discardableResult
    func finish() throws -> Int {
        var people = 0
        let list = list
        try ResponsePipeline.run(produce: { emit in
            try list.forEachRow { try emit($0) }
        }, consume: { cells in
            try series.add(cells)
            people += 1
        })
        try series.finish()
        return people
    }
}

/// Takes the call list's entries from the export's reading thread to a thread of its own, which
/// spools them (joining people as they come, `CallList.add`) and, once the last is in, makes the
/// people of more than one entry: the workbook's thread does none of it. At most `depth` batches
/// wait, so memory stays flat.
final class CallListFeed: @unchecked Sendable {
    static let batchSize = 512
    static let depth = 8
    /// How long the merge is held back: tests set it to finish the call list after everything
    /// else and see the same workbook.
    nonisolated(unsafe) static var mergeDelayForTesting: TimeInterval = 0
    private let list: CallList
    private let queue = DispatchQueue(label: "samla.call-list")
    private let slots = DispatchSemaphore(value: CallListFeed.depth)
    /// Filled on the reading thread.
    private var batch: [CallListEntry] = []
    /// Set and read on `queue` only.
    private var failure: Error?

    init(list: CallList) {
        self.list = list
    }

    /// Reading thread: the next entry, in Responses order.
    func add(_ entry: CallListEntry) {
        batch.append(entry)
        if batch.count == Self.batchSize { send() }
    }

    /// Reading thread, after the last response: sends the rest and starts the merge.
    func finish() {
        send()
        queue.async { [self] in
            guard failure == nil else { return }
            if Self.mergeDelayForTesting > 0 { Thread.sleep(forTimeInterval: Self.mergeDelayForTesting) }
            do { try list.merge() } catch { failure = error }
        }
    }

    /// Waits until everything handed over is done; throws what spooling or merging threw.
    func wait() throws {
        try queue.sync { if let failure { throw failure } }
    }

    private func send() {
        guard !batch.isEmpty else { return }
        let entries = batch
        batch.removeAll(keepingCapacity: true)
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard failure == nil else { return }
            do { for entry in entries { try list.add(entry) } } catch { failure = error }
        }
    }
}

/// The guess the call list falls back on when the survey has no contact section.
enum FollowUpRows {
    /// Words in a question's id or text that mark it as the one about further contact.
    static let involvementWords = ["involve", "involv", "contact", "kontakt", "engag", "delta", "medverk", "follow", "uppfölj"]

    /// The involvement/contact questions, or all of them when none is.
    static func involvementQuestions(_ questions: [Question]) -> [Question] {
        let involvement = questions.filter { question in
            let haystack = ([question.id] + question.text.allTexts).joined(separator: " ").lowercased()
            return involvementWords.contains { haystack.contains($0) }
        }
        return involvement.isEmpty ? questions : involvement
    }
}

/// An answer as one line of text in the export's language: choice labels, "Other: …", numbers.
enum AnswerText {
    /// Whether the answer is only chosen choices, with no text of the respondent's own.
    static func isChoicesOnly(_ answer: AnswerValue) -> Bool {
        switch answer {
        case .choice: return true
        case .choices(_, let other): return other == nil
        case .other, .number, .text: return false
        }
    }

    static func display(_ answer: AnswerValue, of question: Question?, language: String, other: String) -> String {
        func label(_ id: String) -> String { question?.choice(id)?.label.text(language) ?? id }
        switch answer {
        case .choice(let id): return label(id)
        case .other(let text): return "\(other): \(text)"
        case .choices(let ids, let otherText):
            var parts = ids.map(label)
            if let otherText { parts.append("\(other): \(otherText)") }
            return parts.joined(separator: "; ")
        case .number(let value): return UIText.plain(value)
        case .text(let text): return text
        }
    }
}
