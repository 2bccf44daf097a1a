import Crypto

/// What makes a row the same row when a file is imported again: the tool's response id where it
/// has one, else a SHA-256 of the row's cells. Two identical rows in one file (two people giving
/// the same answers to a form without timestamps) are two responses: the second gets `#2`, so
/// re-importing the file still finds both. A content hash is led by the row's own submission
/// time as written (wall clock, so it does not depend on the importing machine's zone):
/// identities of an export then arrive in nearly sorted order, so the store's index on them stays
/// in cache instead of taking inserts all over (at a million rows that was most of the import's time).
struct RowIdentity {
    let layout: ExportLayout
    /// The first 8 bytes of each content hash seen in this file; 8 bytes a row is the price of
    /// telling a repeated row from a re-imported one in exports without response ids.
    private var seen = Set<UInt64>()
    private var repeats: [UInt64: Int] = [:]
    private var bytes: [UInt8] = []

    init(layout: ExportLayout) {
        self.layout = layout
    }

    mutating func identity(responseID: String?, fields: [String], wallClock: Int? = nil) -> String {
        var text: [UInt8] = []
        append(responseID: responseID, fields: fields, wallClock: wallClock, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// The same identity's text appended to `out` (an import writes it straight into the row).
    mutating func append(responseID: String?, fields: [String], wallClock: Int? = nil, to out: inout [UInt8]) {
        if let responseID {
            Self.append(layout: layout, responseID: responseID, to: &out)
            return
        }
        bytes.removeAll(keepingCapacity: true)
        Self.appendHashedText(of: fields, to: &bytes)
        let digest = bytes.withUnsafeBytes { Self.digest(of: $0) }
        digest.withUnsafeBytes { append(digest: $0, wallClock: wallClock, to: &out) }
    }

    /// A tool's response id as an identity: `LAYOUT:ID`.
    static func append(layout: ExportLayout, responseID: String, to out: inout [UInt8]) {
        out.append(contentsOf: layout.rawValue.utf8)
        out.append(UInt8(ascii: ":"))
        out.append(contentsOf: responseID.utf8)
    }

    // MARK: A content identity in three steps
    //
    // An import splits the work: the text hashed is gathered where the row is read, the SHA-256
    // is taken on whichever thread has time (`EncodedRows.completeIdentities`), and the
    // occurrence (`#2` for a repeated row) is counted in file order on the inserting thread.
    // Each step is the one `append(responseID:fields:wallClock:to:)` takes, so the text is the
    // same whichever thread hashed.

    /// The text a content identity hashes: every cell followed by a unit separator (0x1F), so
    /// ["ab", "c"] and ["a", "bc"] hash apart.
    static func appendHashedText(of fields: [String], to out: inout [UInt8]) {
        for field in fields {
            // Native text is copied as it lies (the generic append walks it in pieces).
            if field.utf8.withContiguousStorageIfAvailable({ out.append(contentsOf: $0) }) == nil {
                out.append(contentsOf: field.utf8)
            }
            out.append(0x1F)
        }
    }

    /// The SHA-256 of a row's hashed text.
    static func digest(of text: UnsafeRawBufferPointer) -> SHA256.Digest {
        var hasher = SHA256()
        hasher.update(bufferPointer: text)
        return hasher.finalize()
    }

    /// The identity of the row whose hashed text has `digest` (its 32 bytes), counting repeats
    /// in this file: rows must come here in file order.
    mutating func append(digest: UnsafeRawBufferPointer, wallClock: Int?, to out: inout [UInt8]) {
        let prefix = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        var occurrence = 1
        if !seen.insert(prefix).inserted {
            occurrence = repeats[prefix, default: 1] + 1
            repeats[prefix] = occurrence
        }
        Self.append(digest: digest, wallClock: wallClock, occurrence: occurrence, to: &out)
    }

    /// `[SSSSSSSSSSS/]sha256:HEX[#N]`, the seconds zero-padded to 11 digits, written in one go:
    /// the pieces joined as Strings cost more than the hash.
    private static func append(digest: UnsafeRawBufferPointer, wallClock: Int?, occurrence: Int, to text: inout [UInt8]) {
        let seconds = wallClock.flatMap { $0 >= 0 ? $0 : nil }
        var digits = 1
        if let seconds { while digits < 19, seconds >= power(digits) { digits += 1 } }
        let suffix = occurrence > 1 ? "#\(occurrence)" : ""
        let clockLength = seconds == nil ? 0 : max(11, digits) + 1
        let length = clockLength + 7 + 64 + suffix.utf8.count
        let start = text.count
        text.append(contentsOf: repeatElement(0, count: length))
        text.withUnsafeMutableBufferPointer { whole in
            let out = UnsafeMutableBufferPointer(rebasing: whole[start..<start + length])
            var at = 0
            if let seconds {
                // Zero-padded to 11 digits, written from the right.
                var rest = seconds
                at = clockLength - 1
                for index in stride(from: at - 1, through: 0, by: -1) {
                    out[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                out[at] = UInt8(ascii: "/"); at += 1
            }
            for byte in "sha256:".utf8 { out[at] = byte; at += 1 }
            let hex: StaticString = "0123456789abcdef"
            hex.withUTF8Buffer { hex in
                for byte in digest {
                    out[at] = hex[Int(byte >> 4)]
                    out[at + 1] = hex[Int(byte & 0x0F)]
                    at += 2
                }
            }
            for byte in suffix.utf8 { out[at] = byte; at += 1 }
        }
    }

    private static func power(_ exponent: Int) -> Int {
        var value = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
