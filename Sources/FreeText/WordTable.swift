/// Dense ids for distinct byte strings, found without making a `String`: a word's bytes are hashed
/// (FNV-1a) and compared where they lie. Looking up every token of a million answers in a
/// `[String: Int]` costs a string and a SipHash of it per token, more than the rest of counting.
///
/// Keys are compared byte for byte, so callers give canonically equivalent words the same bytes
/// (`Lexicon` keys words by their NFC form).
struct WordTable: Sendable {
    /// Every word's bytes, back to back; word `id` is `bytes[starts[id] ..< starts[id + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    private var slots = HashSlots()

    var count: Int { hashes.count }

    /// The id of `word`, or nil if it was never inserted.
    func id(of word: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = Self.hash(word)
        return hashes.withUnsafeBufferPointer { hashes in
            slots.find(hash) { id in hashes[id] == hash && equals(id, word) }
        }
    }

    /// Adds a word not in the table; its id is the number of words before it.
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        let id = count
        let hash = Self.hash(word)
        bytes.append(contentsOf: word)
        starts.append(bytes.count)
        hashes.append(hash)
        let hashes = self.hashes
        slots.add(id, hash: hash, count: count) { hashes[$0] }
        return id
    }

    private func equals(_ id: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[id]
        guard starts[id + 1] - start == word.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            for k in 0..<word.count where stored[start + k] != word[k] { return false }
            return true
        }
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
