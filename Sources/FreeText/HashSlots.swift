/// The slot array of an open-addressing hash table whose entries live elsewhere, in arrays indexed
/// by a dense id (`WordTable`, `PairTable`). Kept at most half full, so a probe ends soon.
struct HashSlots: Sendable {
    /// `id + 1`, or 0 for an empty slot; the size is a power of two.
    private var slots: [Int32] = Array(repeating: 0, count: 64)

    /// The id whose entry `matches`, probing from `hash`.
    @inline(__always)
    func find(_ hash: UInt64, _ matches: (Int) -> Bool) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let entry = Int(slots[slot])
                if entry == 0 { return nil }
                if matches(entry - 1) { return entry - 1 }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Makes room for `id`, the table's `count`-th entry; `hashOf` gives the hash of any earlier id
    /// when the slots must grow.
    mutating func add(_ id: Int, hash: UInt64, count: Int, hashOf: (Int) -> UInt64) {
        if 2 * count > slots.count {
            slots = Array(repeating: 0, count: slots.count * 2)
            for earlier in 0..<count { place(earlier, hash: hashOf(earlier)) }
        } else {
            place(id, hash: hash)
        }
    }

    private mutating func place(_ id: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(id + 1)
    }
}
