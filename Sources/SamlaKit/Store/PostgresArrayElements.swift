import PostgresNIO

/// The elements of a one-dimensional array as PostgreSQL sends it in binary (`array_send`): where
/// each element's bytes lie in the buffer, read in place, so a million texts sent in a few thousand
/// arrays cost no `String` or `[String]` each. The format: dimensions, a has-nulls flag, the
/// element type, each dimension's length and lower bound, then every element as a 4-byte length
/// (-1: NULL) and that many bytes, all big-endian.
struct PostgresArrayElements {
    /// Per element, where its bytes start in the buffer (its reader index counted as 0), and how
    /// many there are (-1: NULL).
    private(set) var starts: [Int] = []
    private(set) var lengths: [Int] = []

    var count: Int { lengths.count }

    /// Reads the elements of `buffer`, dropping those read before (their storage kept).
    mutating func read(_ buffer: ByteBuffer) throws {
        starts.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        let base = buffer.readerIndex
        func integer(at offset: Int) throws -> Int {
            guard let value = buffer.getInteger(at: base + offset, as: Int32.self) else { throw Self.malformed }
            return Int(value)
        }
        let dimensions = try integer(at: 0)
        guard dimensions == 0 || dimensions == 1 else { throw Self.malformed }
        guard dimensions == 1 else { return }
        let count = try integer(at: 12)
        guard count >= 0 else { throw Self.malformed }
        var offset = 20
        starts.reserveCapacity(count)
        lengths.reserveCapacity(count)
        for _ in 0 ..< count {
            let length = try integer(at: offset)
            offset += 4
            guard length >= -1, offset + max(0, length) <= buffer.readableBytes else { throw Self.malformed }
            starts.append(offset)
            lengths.append(length)
            offset += max(0, length)
        }
    }

    /// Element `index` of an `int8[]`; nil where NULL.
    func integer(_ index: Int, in buffer: ByteBuffer) throws -> Int? {
        guard lengths[index] >= 0 else { return nil }
        guard lengths[index] == 8, let value = buffer.getInteger(at: buffer.readerIndex + starts[index], as: Int64.self) else {
            throw Self.malformed
        }
        return Int(value)
    }

    private static let malformed = StoredDataError(message: "the server sent an array Samla cannot read")
}
