/// Dense indexes for 64-bit keys (two ids packed into one), for counting pairs without the
/// SipHash of a `Dictionary` per pair: bigrams are looked up once per adjacent pair of words.
struct PairTable: Sendable {
    private(set) var keys: [UInt64] = []
    private var slots = HashSlots()

    var count: Int { keys.count }

    static func pack(_ a: Int, _ b: Int) -> UInt64 {
        UInt64(truncatingIfNeeded: a) << 32 | UInt64(truncatingIfNeeded: b)
    }

    static func unpack(_ key: UInt64) -> (Int, Int) {
        (Int(truncatingIfNeeded: key >> 32), Int(truncatingIfNeeded: key & 0xFFFF_FFFF))
    }

    /// The index of `key`, and whether it was just added (indexes count up from 0).
    @inline(__always)
    mutating func index(of key: UInt64) -> (index: Int, isNew: Bool) {
        let hash = Self.hash(key)
        let found = keys.withUnsafeBufferPointer { keys in slots.find(hash) { keys[$0] == key } }
        if let found { return (found, false) }
        let index = count
        keys.append(key)
        let keys = self.keys
        slots.add(index, hash: hash, count: count) { Self.hash(keys[$0]) }
        return (index, true)
    }

    @inline(__always)
    private static func hash(_ key: UInt64) -> UInt64 {
        // A multiplicative hash, high bits moved down to where the slot index reads them.
        let h = key &* 0x9E37_79B9_7F4A_7C15
        return h ^ (h >> 32)
    }
}
