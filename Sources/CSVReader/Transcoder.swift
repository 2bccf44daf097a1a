/// A place where the input's bytes were not valid in its encoding. The transcoder writes U+FFFD
/// there and records it; the reader turns it into a located problem (an error when strict, a
/// diagnostic when lenient), so a replacement character never appears silently.
struct EncodingFault {
    /// Absolute offset in the decoded UTF-8 stream of the replacement character.
    var offset: Int64
    var bytes: [UInt8]
    var encoding: TextEncoding
    var reason: String
}

/// Turns chunks of raw bytes into UTF-8, carrying partial sequences across chunk boundaries.
struct Transcoder {
    let encoding: TextEncoding
    private var carry: [UInt8] = []
    private(set) var faults: [EncodingFault] = []
    /// Valid multi-byte UTF-8 sequences passed so far (UTF-8 input only).
    private(set) var multibyteSeen = 0

    init(encoding: TextEncoding) { self.encoding = encoding }

    /// Most output bytes one input byte can become: a single invalid byte turns into U+FFFD
    /// (3 bytes), as does a code page's euro sign; UTF-16 needs at most 3 bytes per 2.
    static func expansion(_ encoding: TextEncoding) -> Int {
        switch encoding {
        case .utf16LE, .utf16BE: return 2
        default: return 3
        }
    }

    mutating func takeFaults() -> [EncodingFault] {
        defer { faults.removeAll() }
        return faults
    }

    /// Decodes `input` and appends the UTF-8 to `out`. `isLast` flushes any incomplete sequence as a fault.
    mutating func transcode(_ input: UnsafeBufferPointer<UInt8>, isLast: Bool, into out: ByteBuffer) {
        if !carry.isEmpty {
            let joined = carry + Array(input)
            carry.removeAll()
            joined.withUnsafeBufferPointer { transcodeFresh($0, isLast: isLast, into: out) }
        } else {
            transcodeFresh(input, isLast: isLast, into: out)
        }
    }

    private mutating func transcodeFresh(_ input: UnsafeBufferPointer<UInt8>, isLast: Bool, into out: ByteBuffer) {
        out.prepareForAppend(input.count * Transcoder.expansion(encoding) + 8)
        switch encoding {
        case .utf8: fromUTF8(input, isLast: isLast, into: out)
        case .utf16LE: fromUTF16(input, bigEndian: false, isLast: isLast, into: out)
        case .utf16BE: fromUTF16(input, bigEndian: true, isLast: isLast, into: out)
        case .windows1252, .macRoman, .cp850: fromCodePage(input, encoding.codePage!, into: out)
        }
    }

    private mutating func fault(_ bytes: [UInt8], reason: String, into out: ByteBuffer) {
        let at = out.absoluteOffset(of: out.end)
        faults.append(EncodingFault(offset: at, bytes: bytes, encoding: encoding, reason: reason))
        out.append(0xEF); out.append(0xBF); out.append(0xBD)
    }

    private mutating func fromUTF8(_ input: UnsafeBufferPointer<UInt8>, isLast: Bool, into out: ByteBuffer) {
        guard let p = input.baseAddress else { return }
        var i = 0
        let n = input.count
        var multibyte = 0
        while i < n {
            let (result, stop) = UTF8Scan.scan(p, from: i, to: n, multibyte: &multibyte)
            if stop > i {
                (out.base + out.end).update(from: p + i, count: stop - i)
                out.end += stop - i
            }
            switch result {
            case .valid:
                i = n
            case .incomplete(let at):
                if isLast {
                    fault(Array(UnsafeBufferPointer(start: p + at, count: n - at)),
                          reason: "the file ends in the middle of a UTF-8 sequence", into: out)
                } else {
                    carry = Array(UnsafeBufferPointer(start: p + at, count: n - at))
                }
                i = n
            case .invalid(let at, let length):
                fault(Array(UnsafeBufferPointer(start: p + at, count: length)),
                      reason: "these bytes are not valid UTF-8", into: out)
                i = at + length
            }
        }
        multibyteSeen += multibyte
    }

    private mutating func fromCodePage(_ input: UnsafeBufferPointer<UInt8>, _ page: CodePage, into out: ByteBuffer) {
        page.utf8Bytes.withUnsafeBufferPointer { table in
            page.utf8Count.withUnsafeBufferPointer { counts in
                var o = out.base + out.end
                for b in input {
                    if b < 0x80 {
                        o.pointee = b
                        o += 1
                        continue
                    }
                    let k = Int(b) - 0x80
                    let c = Int(counts[k])
                    if c == 0 {
                        out.end = o - out.base
                        fault([b], reason: "byte \(hex(b)) has no character in \(encoding.displayName)", into: out)
                        o = out.base + out.end
                        continue
                    }
                    for j in 0..<c { o[j] = table[k * 3 + j] }
                    o += c
                }
                out.end = o - out.base
            }
        }
    }

    private mutating func fromUTF16(_ input: UnsafeBufferPointer<UInt8>, bigEndian: Bool, isLast: Bool, into out: ByteBuffer) {
        let n = input.count
        var i = 0
        func unit(_ at: Int) -> UInt32 {
            bigEndian ? UInt32(input[at]) << 8 | UInt32(input[at + 1]) : UInt32(input[at + 1]) << 8 | UInt32(input[at])
        }
        while i + 1 < n {
            let u = unit(i)
            if u < 0x80 {
                out.append(UInt8(u))
                i += 2
                continue
            }
            var scalar = u
            var used = 2
            if u >= 0xD800 && u <= 0xDBFF {
                if i + 3 >= n {
                    if !isLast { break }
                    fault(Array(input[i..<n]), reason: "the file ends after the first half of a UTF-16 surrogate pair", into: out)
                    i = n
                    continue
                }
                let low = unit(i + 2)
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    fault(Array(input[i..<i + 2]), reason: "a UTF-16 high surrogate is not followed by a low surrogate", into: out)
                    i += 2
                    continue
                }
                scalar = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                used = 4
            } else if u >= 0xDC00 && u <= 0xDFFF {
                fault(Array(input[i..<i + 2]), reason: "a UTF-16 low surrogate stands alone", into: out)
                i += 2
                continue
            }
            appendScalar(scalar, to: out)
            i += used
        }
        if i < n {
            if isLast {
                fault(Array(input[i..<n]), reason: "the file ends in the middle of a UTF-16 code unit", into: out)
            } else {
                carry = Array(input[i..<n])
            }
        }
    }

    @inline(__always)
    private func appendScalar(_ v: UInt32, to out: ByteBuffer) {
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}

func hex(_ b: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return "0x" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 15)])
}
