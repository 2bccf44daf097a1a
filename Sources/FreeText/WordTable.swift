/// Dense ids for distinct byte strings, found without making a `String`: a word's bytes are hashed
/// and compared where they lie. Looking up every token of a million answers in a
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

    /// Eight bytes at a time: a word is usually one or two multiplications, not one per byte.
    @inline(__always)
    private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let prime: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = UInt64(truncatingIfNeeded: word.count) &* prime
        guard let base = word.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var k = 0
        while k &+ 8 <= word.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)) &* prime
            h ^= h >> 29
            k &+= 8
        }
        if k < word.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while k < word.count {
                tail |= UInt64(word[k]) << shift
                shift &+= 8
                k &+= 1
            }
            h = (h ^ tail) &* prime
        }
        // The slot index takes the low bits: fold the well-mixed high bits into them.
        return h ^ (h >> 32)
    }
}
