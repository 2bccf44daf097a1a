import Foundation

/// The window of decoded UTF-8 the parser works in. Consumed bytes are dropped by moving the
/// unconsumed tail to the front, so a record being parsed is always contiguous; the buffer only
/// grows past its initial size when a single record is longer than that.
final class ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// First byte not yet consumed by the parser.
    var start = 0
    /// One past the last valid byte.
    var end = 0
    /// Absolute offset in the decoded stream of `base[0]`.
    private(set) var origin: Int64 = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var count: Int { end - start }

    /// Moves unconsumed bytes to the front and makes room for `extra` more at `end`.
    func prepareForAppend(_ extra: Int) {
        if start > 0 {
            let n = end - start
            if n > 0 { memmove(base, base + start, n) }
            origin += Int64(start)
            end = n
            start = 0
        }
        if end + extra > capacity {
            var newCapacity = capacity * 2
            while newCapacity < end + extra { newCapacity *= 2 }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            bigger.update(from: base, count: end)
            base.deallocate()
            base = bigger
            capacity = newCapacity
        }
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        base[end] = byte
        end += 1
    }

    func absoluteOffset(of index: Int) -> Int64 { origin + Int64(index) }
}
