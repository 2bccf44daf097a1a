import Foundation
import ZIPFoundation

/// The rows of one worksheet, in sheet order, read on demand. A thread of its own inflates the
/// part and parses it, a few hundred rows ahead at most; rows with no value in any cell are
/// skipped (their numbers are missing, as in the sheet). Stop reading at any time: the thread
/// ends with the reader.
public final class SheetReader: @unchecked Sendable {
    public let sheetName: String
    /// The zip entry being read, for messages.
    public let part: String
    public let mergedRanges: [CellRange]

    private let channel = RowChannel()
    /// How many rows from the first a merged cell fills (see `XLSXWorkbook.rows(of:headerRows:)`);
    /// may be raised once the first row has told what the header is.
    public var headerRows: Int
    private var batch: [XLSXRow] = []
    private var position = 0
    private var rowsSeen = 0
    private var firstRow: Int?

    init(workbook: XLSXWorkbook, part: String, sheetName: String, merges: [CellRange], headerRows: Int) throws(XLSXError) {
        self.sheetName = sheetName
        self.part = part
        self.mergedRanges = merges
        self.headerRows = max(0, headerRows)
        let archive = try XLSXWorkbook.openArchive(workbook.url)
        guard let entry = archive[part] else { throw .missingPart(part) }
        let handler = SheetRowsHandler(part: part, sharedStrings: workbook.sharedStrings, styles: workbook.styles, date1904: workbook.date1904)
        let job = Job(archive: archive, entry: entry, part: part, handler: handler, channel: channel)
        let thread = Thread { job.run() }
        thread.name = "xlsx rows"
        thread.start()
    }

    deinit {
        channel.cancel()
    }

    /// The next row with at least one value; nil after the last.
    public func next() throws(XLSXError) -> XLSXRow? {
        while true {
            if position == batch.count {
                guard let next = try channel.take() else { return nil }
                batch = next
                position = 0
                continue
            }
            var row = batch[position]
            position += 1
            if firstRow == nil, row.cells.contains(where: { !$0.isEmpty }) { firstRow = row.number }
            fillMerges(&row)
            guard row.cells.contains(where: { !$0.isEmpty }) else { continue }
            rowsSeen += 1
            return row
        }
    }

    /// Merges count in the header band: the first `headerRows` rows from the first row present.
    private func fillMerges(_ row: inout XLSXRow) {
        guard !mergedRanges.isEmpty, headerRows > 0 else { return }
        guard let firstRow else { return }
        let band = firstRow...(firstRow + headerRows - 1)
        guard band.contains(row.number) else { return }
        for range in mergedRanges where band.contains(range.first.row) && range.contains(CellReference(column: range.first.column, row: row.number)) {
            // The value sits in the range's top-left cell, which may be in an earlier row.
            let value = range.first.row == row.number ? (range.first.column < row.cells.count ? row.cells[range.first.column] : "")
                                                      : (mergedValues[range] ?? "")
            if range.first.row == row.number { mergedValues[range] = value }
            guard !value.isEmpty else { continue }
            let last = min(range.last.column, CellReference.maximumColumns - 1)
            if row.cells.count <= last { row.cells.append(contentsOf: repeatElement("", count: last + 1 - row.cells.count)) }
            for column in range.first.column...last where row.cells[column].isEmpty { row.cells[column] = value }
        }
    }

    private var mergedValues: [CellRange: String] = [:]

    /// What the parsing thread owns: nothing in it is touched by the reader's thread.
    private final class Job: @unchecked Sendable {
        let archive: Archive
        let entry: Entry
        let part: String
        let handler: SheetRowsHandler
        let channel: RowChannel

        init(archive: Archive, entry: Entry, part: String, handler: SheetRowsHandler, channel: RowChannel) {
            self.archive = archive
            self.entry = entry
            self.part = part
            self.handler = handler
            self.channel = channel
        }

        func run() {
            SheetReader.produce(archive: archive, entry: entry, part: part, handler: handler, channel: channel)
        }
    }

    private static func produce(archive: Archive, entry: Entry, part: String, handler: SheetRowsHandler, channel: RowChannel) {
        let parser = SAXPushParser(part: part, handler: handler)
        do {
            try XLSXWorkbook.extract(entry, from: archive) { chunk in
                try chunk.withUnsafeBytes { try parser.feed($0) }
                if let failure = handler.failure { throw failure }
                if handler.pending.count >= 256 || (handler.done && !handler.pending.isEmpty) {
                    guard channel.put(handler.takePending()) else { throw StopReading() }
                }
                if handler.done || channel.isCancelled { throw StopReading() }
            }
            if !handler.done { try parser.finish() }
            if let failure = handler.failure { throw failure }
            if !handler.pending.isEmpty { _ = channel.put(handler.takePending()) }
            channel.finish(failure: nil)
        } catch {
            // The rows before the problem still count; the problem comes after them.
            if !handler.pending.isEmpty { _ = channel.put(handler.takePending()) }
            channel.finish(failure: error as? XLSXError ?? .unreadable(reason: "\(error)"))
        }
    }
}
