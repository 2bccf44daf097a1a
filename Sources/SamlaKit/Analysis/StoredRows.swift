/// A batch of stored answers rows, copied out of SQLite back to back so a worker thread can count
/// them while the reading thread steps on. `firstRow` is the first row's place in stored order.
struct StoredRows: Sendable {
    let firstRow: Int
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    /// Each row's definition version (see `DefinitionVersions`).
    private var versions: [Int] = []
    /// Each row's place in stored order, where rows were appended with theirs (a selection read
    /// in parts), else `firstRow` on.
    private var places: [Int] = []

    /// Room for `rows` rows of `bytes` bytes in all, so that filling a batch copies each row once.
    init(firstRow: Int, rows: Int, bytes: Int) {
        self.firstRow = firstRow
        ends.reserveCapacity(rows)
        versions.reserveCapacity(rows)
        self.bytes.reserveCapacity(bytes)
    }

    var byteCount: Int { bytes.count }

    var count: Int { ends.count }

    mutating func append(_ row: UnsafeBufferPointer<UInt8>, version: Int = 0) {
        bytes.append(contentsOf: row)
        ends.append(bytes.count)
        versions.append(version)
    }

    /// The same with the row's place in stored order given (every row of a batch, or none).
    mutating func append(_ row: UnsafeBufferPointer<UInt8>, version: Int, place: Int) {
        append(row, version: version)
        places.append(place)
    }

    /// Calls `body` with each row's bytes, its place in stored order and its definition version.
    func forEach(_ body: (UnsafeBufferPointer<UInt8>, Int, Int) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { all in
            var start = 0
            for (index, end) in ends.enumerated() {
                let place = places.isEmpty ? firstRow + index : places[index]
                try body(UnsafeBufferPointer(rebasing: all[start ..< end]), place, versions[index])
                start = end
            }
        }
    }
}
