/// Strict UTF-8 well-formedness (Unicode table 3-7: no overlongs, no surrogates, nothing past
/// U+10FFFF), written as a byte loop with an eight-bytes-at-a-time ASCII fast path because it runs
/// over whole files during detection.
enum UTF8Scan {
    enum Result: Equatable {
        case valid
        /// A sequence starts at `at` but the bytes end before it does; it may complete in the next chunk.
        case incomplete(at: Int)
        /// The bytes at `at` are not UTF-8; `length` is the maximal ill-formed subpart (≥ 1),
        /// which is what one replacement character stands for.
        case invalid(at: Int, length: Int)
    }

    /// Scans `p[from..<to]` and stops at the first sequence that is not complete and valid.
    /// `multibyte` is increased by the number of valid multi-byte sequences passed.
    @inline(__always)
    static func scan(_ p: UnsafePointer<UInt8>, from: Int, to: Int, multibyte: inout Int) -> (Result, Int) {
        var i = from
        while i < to {
            while i + 8 <= to {
                let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            if i >= to { break }
            let b0 = p[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            var need = 0
            var lo: UInt8 = 0x80
            var hi: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return (.invalid(at: i, length: 1), i)
            }
            var k = 1
            while k <= need {
                if i + k >= to { return (.incomplete(at: i), i) }
                let b = p[i + k]
                let okLo: UInt8 = k == 1 ? lo : 0x80
                let okHi: UInt8 = k == 1 ? hi : 0xBF
                if b < okLo || b > okHi { return (.invalid(at: i, length: k), i) }
                k += 1
            }
            multibyte += 1
            i += need + 1
        }
        return (.valid, to)
    }

    /// True if the whole buffer is well-formed UTF-8.
    static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return true }
            var m = 0
            return scan(base, from: 0, to: b.count, multibyte: &m).0 == .valid
        }
    }
}
