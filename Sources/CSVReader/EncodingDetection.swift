/// How the encoding of an input was settled.
public struct EncodingDecision: Sendable, Equatable {
    public var encoding: TextEncoding
    /// The input starts with a byte order mark (it is skipped, never part of the first field).
    public var hadBOM: Bool
    /// False when the caller named the encoding.
    public var wasDetected: Bool
    /// One sentence for people: why this encoding.
    public var reason: String
    var bomLength: Int
    /// UTF-8 judged by the start of the input only: the reading checks the rest
    /// (`CSVOptions.checksUTF8WhileReading`).
    var checkedWhileReading = false
}

/// Settles the encoding: a byte order mark decides; otherwise the whole input is checked once for
/// UTF-8 validity (streaming, nothing kept); otherwise a single-byte code page is chosen by
/// `CodePageScorer`, and when that is unsure the detector refuses rather than guess.
enum EncodingDetector {
    static func bom(_ prefix: [UInt8]) -> (TextEncoding, Int)? {
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if prefix.starts(with: [0xFF, 0xFE]) { return (.utf16LE, 2) }
        if prefix.starts(with: [0xFE, 0xFF]) { return (.utf16BE, 2) }
        return nil
    }

    /// `whileReadingFrom`: check only this many bytes at the start for UTF-8 and leave the rest
    /// to the reading (`CSVOptions.checksUTF8WhileReading`); nil checks the whole input.
    static func decide(_ input: RawInput, requested: TextEncoding?, chunkSize: Int, whileReadingFrom start: Int? = nil) throws -> EncodingDecision {
        let head = try input.prefix(4096)
        if let format = binaryFormat(head) {
            throw CSVError(CSVProblem(
                kind: .notText, line: 0, column: 0,
                message: "This is \(format), not CSV text.",
                hint: "Open it in a spreadsheet program and save it as CSV (UTF-8), then read that file."))
        }
        let mark = bom(head)
        if let requested {
            guard let (bomEncoding, length) = mark else {
                return EncodingDecision(encoding: requested, hadBOM: false, wasDetected: false,
                                        reason: "\(requested.displayName), as requested", bomLength: 0)
            }
            let sameFamily = bomEncoding == requested || (bomEncoding.isUTF16 && requested.isUTF16)
            guard sameFamily else {
                throw CSVError(CSVProblem(
                    kind: .encodingConflict, line: 1, column: 1,
                    message: "The file starts with a \(bomEncoding.displayName) byte order mark, but \(requested.displayName) was requested.",
                    hint: "Leave out --encoding to let the byte order mark decide, or pass --encoding \(bomEncoding.isUTF16 ? "utf-16" : "utf-8")."))
            }
            return EncodingDecision(encoding: bomEncoding, hadBOM: true, wasDetected: false,
                                    reason: "\(bomEncoding.displayName), as requested (byte order from the byte order mark)",
                                    bomLength: length)
        }
        if let (encoding, length) = mark {
            return EncodingDecision(encoding: encoding, hadBOM: true, wasDetected: true,
                                    reason: "\(encoding.displayName) byte order mark", bomLength: length)
        }
        if let utf16 = utf16WithoutBOM(head) {
            return EncodingDecision(encoding: utf16, hadBOM: false, wasDetected: true,
                                    reason: "\(utf16.displayName): no byte order mark, but every other byte is zero", bomLength: 0)
        }

        if let start, let decision = try utf8Start(input, length: start) { return decision }
        let check = try utf8Check(input, chunkSize: chunkSize)
        if check.invalid == 0 {
            let reason = check.multibyte == 0 ? "plain ASCII, read as UTF-8" : "valid UTF-8"
            return EncodingDecision(encoding: .utf8, hadBOM: false, wasDetected: true, reason: reason, bomLength: 0)
        }
        let firstBad = check.firstInvalid!
        if check.multibyte > 0 && check.multibyte >= check.invalid {
            let place = try locate(input, offset: firstBad, singleByte: false)
            throw CSVError(CSVProblem(
                kind: .undecidableEncoding, line: place.line, column: place.column,
                message: "The file is mostly UTF-8 (\(check.multibyte) multi-byte characters) but \(check.invalid) byte sequence\(check.invalid == 1 ? " is" : "s are") not; the first is \(place.bytes) here.",
                hint: "Repair those bytes, or pass --encoding utf-8 and read leniently to see them as U+FFFD with their places listed, or pass --encoding \(TextEncoding.userNames) if the file is really in another encoding."))
        }
        return try chooseCodePage(input, chunkSize: chunkSize, firstInvalid: firstBad)
    }

    /// Spreadsheets saved under a .csv name are a common mistake; naming the format helps more
    /// than an encoding complaint would.
    static func binaryFormat(_ head: [UInt8]) -> String? {
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return "a ZIP archive (an .xlsx or .ods workbook?)" }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return "an old Excel (.xls) workbook" }
        if head.starts(with: Array("%PDF-".utf8)) { return "a PDF document" }
        return nil
    }

    /// UTF-16 text of mostly ASCII has a zero in every other byte; a UTF-8 or code page file never does.
    static func utf16WithoutBOM(_ head: [UInt8]) -> TextEncoding? {
        let n = head.count & ~1
        guard n >= 8 else { return nil }
        var zeroEven = 0
        var zeroOdd = 0
        for i in stride(from: 0, to: n, by: 2) {
            if head[i] == 0 { zeroEven += 1 }
            if head[i + 1] == 0 { zeroOdd += 1 }
        }
        let pairs = n / 2
        if zeroOdd * 10 >= pairs * 7 && zeroEven * 20 <= pairs { return .utf16LE }
        if zeroEven * 10 >= pairs * 7 && zeroOdd * 20 <= pairs { return .utf16BE }
        return nil
    }

    /// UTF-8 when the first `length` bytes are (a sequence cut at the end is judged by the
    /// reading); nil when they are not, so that the whole input is checked. An input shorter
    /// than `length` is judged whole here.
    static func utf8Start(_ input: RawInput, length: Int) throws -> EncodingDecision? {
        let start = try input.prefix(length)
        let whole = start.count < length
        var multibyte = 0
        let outcome = start.withUnsafeBufferPointer { bytes -> UTF8Scan.Result in
            guard let base = bytes.baseAddress else { return .valid }
            return UTF8Scan.scan(base, from: 0, to: bytes.count, multibyte: &multibyte).0
        }
        switch outcome {
        case .valid: break
        case .incomplete: if whole { return nil }
        case .invalid: return nil
        }
        return EncodingDecision(encoding: .utf8, hadBOM: false, wasDetected: true,
                                reason: multibyte == 0 ? "plain ASCII, read as UTF-8" : "valid UTF-8", bomLength: 0,
                                checkedWhileReading: !whole)
    }

    struct UTF8Check {
        var multibyte = 0
        var invalid = 0
        var firstInvalid: Int64?
    }

    /// One streaming pass over the whole input; only one chunk is held at a time.
    static func utf8Check(_ input: RawInput, chunkSize: Int) throws -> UTF8Check {
        try input.rewind()
        var result = UTF8Check()
        let capacity = chunkSize + 4
        let buf = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buf.deallocate() }
        var carried = 0
        var origin: Int64 = 0 // absolute offset of buf[0]
        while true {
            let n = try input.read(into: buf + carried, count: chunkSize)
            let available = carried + n
            let isLast = n == 0
            var i = 0
            carried = 0
            scanning: while i < available {
                let (outcome, _) = UTF8Scan.scan(buf, from: i, to: available, multibyte: &result.multibyte)
                switch outcome {
                case .valid:
                    break scanning
                case .incomplete(let at):
                    if isLast {
                        result.invalid += 1
                        if result.firstInvalid == nil { result.firstInvalid = origin + Int64(at) }
                    } else {
                        carried = available - at
                        memmoveBytes(buf, buf + at, carried)
                        origin += Int64(at)
                    }
                    break scanning
                case .invalid(let at, let length):
                    result.invalid += 1
                    if result.firstInvalid == nil { result.firstInvalid = origin + Int64(at) }
                    i = at + length
                }
            }
            if carried == 0 { origin += Int64(available) }
            if isLast { break }
        }
        return result
    }

    private static func memmoveBytes(_ dst: UnsafeMutablePointer<UInt8>, _ src: UnsafeMutablePointer<UInt8>, _ n: Int) {
        for k in 0..<n { dst[k] = src[k] }
    }

    static func chooseCodePage(_ input: RawInput, chunkSize: Int, firstInvalid: Int64) throws -> EncodingDecision {
        try input.rewind()
        var scorer = CodePageScorer()
        let buf = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        defer { buf.deallocate() }
        while true {
            let n = try input.read(into: buf, count: chunkSize)
            if n == 0 { break }
            scorer.feed(UnsafeBufferPointer(start: buf, count: n))
        }
        scorer.finish()
        let scores = scorer.scores()
        // Windows-1252 is by far the most common of the three, so it wins ties; the others must
        // beat it by a margin.
        func prior(_ e: TextEncoding) -> Int { e == .windows1252 ? 0 : 1 }
        let ranked = scores.sorted { ($0.doubt + prior($0.encoding), prior($0.encoding)) < ($1.doubt + prior($1.encoding), prior($1.encoding)) }
        let winner = ranked[0]
        let margin = max(1, scorer.highBytes / 20)
        let rival = ranked.dropFirst().first { !scorer.readAlike($0.encoding, winner.encoding) && $0.plausible }

        if winner.plausible, rival == nil || (rival!.doubt + prior(rival!.encoding)) - (winner.doubt + prior(winner.encoding)) >= margin {
            var why = "not UTF-8; reads best as \(winner.encoding.displayName)"
            if let language = winner.language, winner.letters > 0 { why += " (\(language)-like letters)" }
            return EncodingDecision(encoding: winner.encoding, hadBOM: false, wasDetected: true, reason: why, bomLength: 0)
        }

        let exampleOffset = winner.example ?? firstInvalid
        let place = try locate(input, offset: exampleOffset, singleByte: true)
        let readings = CodePage.all.map { "as \($0.encoding.displayName) \"\($0.decode(place.word))\"" }.joined(separator: ", ")
        let message: String
        if winner.plausible, let rival {
            message = "The file is not UTF-8, and it reads about equally well as \(winner.encoding.displayName) and as \(rival.encoding.displayName): \(readings)."
        } else {
            message = "The file is not UTF-8, and no single-byte code page reads it plausibly: \(readings)."
        }
        throw CSVError(CSVProblem(
            kind: .undecidableEncoding, line: place.line, column: place.column, message: message,
            hint: "Pass the encoding explicitly with --encoding \(TextEncoding.userNames), or convert the file to UTF-8 first (for example from Windows-1250 or ISO-8859-2, which Central European exports use)."))
    }

    struct Place {
        var line: Int
        var column: Int
        /// The bytes at the place, shown in hex.
        var bytes: String
        /// The word (letters and non-ASCII bytes) around the place, raw.
        var word: [UInt8]
    }

    /// Line, column and surroundings of an absolute byte offset, found by reading up to it again.
    /// Only used to word an error, so re-reading is fine.
    static func locate(_ input: RawInput, offset: Int64, singleByte: Bool) throws -> Place {
        try input.rewind()
        var line = 1
        var lineBytes: [UInt8] = []
        var previous: UInt8 = 0
        var position: Int64 = 0
        var indexInLine = -1
        let size = 1 << 16
        let buf = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        defer { buf.deallocate() }
        reading: while true {
            let n = try input.read(into: buf, count: size)
            if n == 0 { break }
            for k in 0..<n {
                let b = buf[k]
                if position == offset { indexInLine = lineBytes.count }
                let isBreak = b == 10 || b == 13
                if isBreak && indexInLine >= 0 { break reading }
                if isBreak {
                    if !(b == 10 && previous == 13) { line += 1 }
                    lineBytes.removeAll(keepingCapacity: true)
                } else if !(b == 10 && previous == 13) {
                    lineBytes.append(b)
                }
                previous = b
                position += 1
                if indexInLine >= 0 && lineBytes.count > indexInLine + 80 { break reading }
            }
        }
        if indexInLine < 0 { indexInLine = lineBytes.count }
        let before = lineBytes.prefix(indexInLine)
        let column = 1 + (singleByte ? before.count : before.filter { $0 & 0xC0 != 0x80 }.count)
        func wordByte(_ b: UInt8) -> Bool {
            b >= 0x80 || (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
        }
        var lo = indexInLine
        while lo > 0 && wordByte(lineBytes[lo - 1]) && indexInLine - lo < 40 { lo -= 1 }
        var hi = indexInLine
        while hi < lineBytes.count && wordByte(lineBytes[hi]) && hi - indexInLine < 40 { hi += 1 }
        let shown = lineBytes[indexInLine..<min(lineBytes.count, indexInLine + 4)].prefix { $0 >= 0x80 }
        let bytes = (shown.isEmpty ? lineBytes[indexInLine..<min(lineBytes.count, indexInLine + 1)] : shown)
            .map { hex($0) }.joined(separator: " ")
        return Place(line: line, column: column, bytes: "byte \(bytes)", word: Array(lineBytes[lo..<hi]))
    }
}
