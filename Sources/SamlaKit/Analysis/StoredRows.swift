/// A batch of stored answers rows, copied out of SQLite back to back so a worker thread can count
/// them while the reading thread steps on. `firstRow` is the first row's place in stored order.
struct StoredRows: Sendable {
    let firstRow: Int
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    /// Room for `rows` rows of `bytes` bytes in all, so that filling a batch copies each row once.
    init(firstRow: Int, rows: Int, bytes: Int) {
        self.firstRow = firstRow
        ends.reserveCapacity(rows)
        self.bytes.reserveCapacity(bytes)
    }

    var byteCount: Int { bytes.count }

    var count: Int { ends.count }

    mutating func append(_ row: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: row)
        ends.append(bytes.count)
    }

    /// Calls `body` with each row's bytes and its place in stored order.
    func forEach(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { all in
            var start = 0
            for (index, end) in ends.enumerated() {
                try body(UnsafeBufferPointer(rebasing: all[start ..< end]), firstRow + index)
                start = end
            }
        }
    }
}
