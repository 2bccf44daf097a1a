import Foundation

/// UUIDs for imported responses in the version 7 layout: the import's start time in
/// milliseconds, then a counter, then random bits from a xoshiro256** generator seeded once from
/// the system. Ids of one import sort in row order, so the store's index on them grows at its
/// end instead of taking inserts all over; and `UUID()` opens /dev/urandom on every call here,
/// which cost more than storing the row.
struct ResponseIDs {
    private var state: (UInt64, UInt64, UInt64, UInt64)
    private let milliseconds: UInt64
    private var counter: UInt64 = 0

    init(now: Date = Date()) {
        var system = SystemRandomNumberGenerator()
        state = (system.next(), system.next(), system.next(), system.next())
        if state == (0, 0, 0, 0) { state.0 = 1 }
        milliseconds = UInt64(max(0, now.timeIntervalSince1970 * 1000)) & 0xFFFF_FFFF_FFFF
        // Start the counter at a random place in its lower half, as RFC 9562 suggests.
        counter = nextWord() & 0x3_FFFF_FFFF
    }

    mutating func next() -> UUID {
        counter += 1
        // 48 bits of time, 4 of version, 12 of counter; then 2 of variant, 26 more of counter, 36 random.
        let high = milliseconds << 16 | 0x7000 | (counter >> 26) & 0x0FFF
        let low = 0x8000_0000_0000_0000 | (counter & 0x3FF_FFFF) << 36 | nextWord() >> 28
        var bytes = (UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0),
                     UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0))
        withUnsafeMutableBytes(of: &bytes) { raw in
            raw.storeBytes(of: high.bigEndian, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: low.bigEndian, toByteOffset: 8, as: UInt64.self)
        }
        return UUID(uuid: bytes)
    }

    private mutating func nextWord() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}
