import Foundation

/// The call list's entries while they fit in memory (`CallList`), held as its temporary file
/// would hold them: each entry's coded text (`CallListCoding.encode`) and sort key back to back in
/// chunks of bytes, its number and time beside them, and the key table (e-mail and phone keys → the
/// first entry to give each), whose keys are bytes in the same chunks. An entry the coding would
/// change (a separator or an empty text in it) is also kept as it came, so the row of a person of
/// one entry is made from the entry itself, as the file's path makes it when the entry is added.
///
/// About 190 bytes per bench entry: a `CallListEntry` with its arrays and strings, and a `String`
/// per key, took 480.
final class HeldCallEntries {
    /// Where bytes lie in the chunks.
    struct Span {
        var chunk: Int32
        var start: Int32
        var count: Int32
    }

    /// One person's row, placed by its sort key and first response.
    struct Row {
        enum Source {
            /// A person of one entry: the row is made from the entry when read.
            case entry(Int32)
            /// A person of more than one, merged: the row as the file would give it back.
            case merged([ResponseCell])
        }

        var sortKey: Span
        var first: Int
        var source: Source
    }

    private struct Entry {
        var number: Int32
        /// The sort key's length; it follows the coded text in the same chunk.
        var sortKeyCount: Int32
        /// `answeredAt` as seconds since 2001 (`Date`'s own value); NaN for none.
        var time: Double
        var fields: Span
    }

    /// A key's bytes where they lie in a chunk (or, while looked up, in the caller's string).
    private struct ByteKey: Hashable {
        let start: UnsafePointer<UInt8>
        let count: Int

        static func == (a: ByteKey, b: ByteKey) -> Bool {
            a.count == b.count && memcmp(a.start, b.start, a.count) == 0
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(bytes: UnsafeRawBufferPointer(start: start, count: count))
        }
    }

    static let chunkSize = 1 << 20
    /// Bytes that never move once written, so keys can point into them.
    private var chunks: [UnsafeMutableBufferPointer<UInt8>] = []
    private var used = 0
    private var entries: [Entry] = []
    /// Entries the coding would change, as they came.
    private var originals: [Int32: CallListEntry] = [:]
    private var owners: [ByteKey: Int32] = [:]
    /// An entry's coded text on its way into the chunks.
    private var scratch: [UInt8] = []

    deinit {
        for chunk in chunks { chunk.deallocate() }
    }

    var count: Int { entries.count }

    /// About how much memory the entries take.
    var bytes: Int {
        chunks.reduce(0) { $0 + $1.count } + entries.capacity * MemoryLayout<Entry>.stride
            + owners.capacity * (MemoryLayout<ByteKey>.stride + MemoryLayout<Int32>.stride) + originals.count * 1_024
    }

    func append(_ entry: CallListEntry, sortKey: String, details: Int) {
        let lossless = CallListCoding.isLossless(entry, details: details)
            && !(entry.answeredAt?.timeIntervalSinceReferenceDate.isNaN ?? false)
        scratch.removeAll(keepingCapacity: true)
        if lossless {
            CallListCoding.appendLossless(entry, to: &scratch)
        } else {
            scratch.append(contentsOf: CallListCoding.encode(entry).utf8)
            originals[Int32(entries.count)] = entry
        }
        var key = sortKey
        let fields = scratch.withUnsafeBufferPointer { coded in key.withUTF8 { key in store(coded, then: key) } }
        let time = entry.answeredAt?.timeIntervalSinceReferenceDate ?? .nan
        entries.append(Entry(number: Int32(entry.number), sortKeyCount: Int32(sortKey.utf8.count), time: time, fields: fields))
    }

    /// The coded text of an entry that the coding keeps as it came, where it lies (the chunks
    /// never move while these entries last); nil for one kept apart (`entry(_:details:)` has it).
    func losslessCoded(_ index: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard originals.isEmpty || originals[index] == nil else { return nil }
        let span = entries[Int(index)].fields
        return UnsafeBufferPointer(start: pointer(span), count: Int(span.count))
    }

    /// The first entry that gave `key`, or nil when `index` is the first (it then owns the key).
    func claim(_ key: String, for index: Int32) -> Int32? {
        var key = key
        return key.withUTF8 { bytes -> Int32? in
            guard let base = bytes.baseAddress else { return nil }
            if let owner = owners[ByteKey(start: base, count: bytes.count)] { return owner }
            let stored = store(bytes, then: UnsafeBufferPointer(start: nil, count: 0))
            owners[ByteKey(start: pointer(stored), count: bytes.count)] = index
            return nil
        }
    }

    func number(_ index: Int32) -> Int { Int(entries[Int(index)].number) }

    func sortKey(_ index: Int32) -> Span {
        let entry = entries[Int(index)]
        return Span(chunk: entry.fields.chunk, start: entry.fields.start + entry.fields.count, count: entry.sortKeyCount)
    }

    /// The entry's time as the file stores it (seconds since 1970), which orders a person's entries.
    func storedTime(_ index: Int32) -> Double? { answeredAt(index)?.timeIntervalSince1970 }

    func answeredAt(_ index: Int32) -> Date? {
        let time = entries[Int(index)].time
        return time.isNaN ? nil : Date(timeIntervalSinceReferenceDate: time)
    }

    /// The entry as it was added.
    func entry(_ index: Int32, details: Int) -> CallListEntry {
        if let original = originals[index] { return original }
        let held = entries[Int(index)]
        return CallListCoding.decode(string(held.fields), number: Int(held.number), answeredAt: answeredAt(index), details: details)
    }

    /// The entry as the file gives it back to be merged: decoded from its text, its time from seconds.
    func codedEntry(_ index: Int32, details: Int) -> CallListEntry {
        let held = entries[Int(index)]
        return CallListCoding.decode(string(held.fields), number: Int(held.number),
                                     answeredAt: storedTime(index).map(Date.init(timeIntervalSince1970:)), details: details)
    }

    /// Places a merged person's sort key beside the entries'.
    func append(_ text: String) -> Span {
        var text = text
        return text.withUTF8 { store($0, then: UnsafeBufferPointer(start: nil, count: 0)) }
    }

    /// Two sort keys compared as SQLite's BINARY collation compares texts: bytes, then length.
    func compare(_ a: Span, _ b: Span) -> Int {
        let length = Int(min(a.count, b.count))
        if length > 0 {
            let order = memcmp(pointer(a), pointer(b), length)
            if order != 0 { return Int(order) }
        }
        return Int(a.count - b.count)
    }

    /// Copies `first` and `second` back to back into the chunks; returns where `first` lies.
    private func store(_ first: UnsafeBufferPointer<UInt8>, then second: UnsafeBufferPointer<UInt8>) -> Span {
        let needed = first.count + second.count
        if chunks.isEmpty || used + needed > chunks[chunks.count - 1].count {
            chunks.append(UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(Self.chunkSize, needed)))
            used = 0
        }
        let chunk = chunks[chunks.count - 1]
        let start = used
        if let base = first.baseAddress { (chunk.baseAddress! + start).update(from: base, count: first.count) }
        if let base = second.baseAddress { (chunk.baseAddress! + start + first.count).update(from: base, count: second.count) }
        used += needed
        return Span(chunk: Int32(chunks.count - 1), start: Int32(start), count: Int32(first.count))
    }

    private func pointer(_ span: Span) -> UnsafePointer<UInt8> {
        UnsafePointer(chunks[Int(span.chunk)].baseAddress! + Int(span.start))
    }

    private func string(_ span: Span) -> String {
        String(decoding: UnsafeBufferPointer(start: pointer(span), count: Int(span.count)), as: UTF8.self)
    }
}
