/// Raw input plus transcoder: hands out the input as UTF-8, one chunk at a time, with the byte
/// order mark (if any) removed. Memory held is one raw chunk plus whatever the consumer keeps.
final class DecodedStream {
    private let input: RawInput
    private var transcoder: Transcoder
    private let chunkSize: Int
    private let raw: UnsafeMutablePointer<UInt8>
    private var bomToSkip: Int
    private(set) var atEnd = false
    let progress: CSVProgress

    init(input: RawInput, encoding: TextEncoding, bomLength: Int, chunkSize: Int) throws {
        self.input = input
        transcoder = Transcoder(encoding: encoding)
        self.chunkSize = max(chunkSize, 4)
        raw = .allocate(capacity: self.chunkSize)
        bomToSkip = bomLength
        progress = CSVProgress(totalBytes: input.totalBytes)
        try input.rewind()
    }

    deinit { raw.deallocate() }

    /// Reads one chunk and appends its UTF-8 to `buffer`. Sets `atEnd` once the input is exhausted
    /// (the final call flushes any incomplete sequence as a fault).
    func fill(_ buffer: ByteBuffer) throws {
        if atEnd { return }
        var n = try input.read(into: raw, count: chunkSize)
        // read(2) may return less than asked; the BOM must be skipped whole even then.
        while bomToSkip > n, n > 0 {
            let more = try input.read(into: raw + n, count: chunkSize - n)
            if more == 0 { break }
            n += more
        }
        var from = 0
        if bomToSkip > 0 {
            from = min(bomToSkip, n)
            bomToSkip = 0
        }
        progress.set(bytesRead: input.position)
        if n == 0 {
            transcoder.transcode(UnsafeBufferPointer(start: raw, count: 0), isLast: true, into: buffer)
            atEnd = true
            progress.finish()
            return
        }
        transcoder.transcode(UnsafeBufferPointer(start: raw + from, count: n - from), isLast: false, into: buffer)
    }

    func takeFaults() -> [EncodingFault] { transcoder.takeFaults() }
    /// Valid multi-byte UTF-8 sequences read so far.
    var multibyteSeen: Int { transcoder.multibyteSeen }
    var hasFaults: Bool { !transcoder.faults.isEmpty }
}
