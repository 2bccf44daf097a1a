/// Dense ids for distinct byte strings, found without making a `String`: a word's bytes are hashed
/// (FNV-1a) and compared where they lie. Looking up every token of a million answers in a
/// `[String: Int]` costs a string and a SipHash of it per token, more than the rest of counting.
///
/// Keys are compared byte for byte, so callers give canonically equivalent words the same bytes
/// (`Lexicon` keys words by their NFC form).
struct WordTable: Sendable {
    private struct Entry: Sendable {
        var hash: UInt64
        var start: Int
        var count: Int
    }

    /// Every word's bytes, back to back.
    private var bytes: [UInt8] = []
    /// Indexed by id.
    private var entries: [Entry] = []
    private var slots = HashSlots()

    var count: Int { entries.count }

    /// The id of `word`, or nil if it was never inserted.
    func id(of word: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = Self.hash(word)
        return bytes.withUnsafeBufferPointer { bytes in
            entries.withUnsafeBufferPointer { entries in
                slots.find(hash) { id in
                    let entry = entries[id]
                    guard entry.hash == hash, entry.count == word.count else { return false }
                    for k in 0 ..< word.count where bytes[entry.start + k] != word[k] { return false }
                    return true
                }
            }
        }
    }

    /// Adds a word not in the table; its id is the number of words before it.
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        let id = count
        let hash = Self.hash(word)
        entries.append(Entry(hash: hash, start: bytes.count, count: word.count))
        bytes.append(contentsOf: word)
        let entries = self.entries
        slots.add(id, hash: hash, count: count) { entries[$0].hash }
        return id
    }

    @inline(__always)
    private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word {
            h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        // FNV's low bits mix poorly and the slot index takes them, so fold the high bits in.
        return h ^ (h >> 29)
    }
}
