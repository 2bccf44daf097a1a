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
        if let responseID { return "\(layout.rawValue):\(responseID)" }
        bytes.removeAll(keepingCapacity: true)
        for field in fields {
            bytes.append(contentsOf: field.utf8)
            // A unit separator, so ["ab", "c"] and ["a", "bc"] hash apart.
            bytes.append(0x1F)
        }
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        let digest = Array(hasher.finalize())
        let hex = Hashing.hex(digest)
        let prefix = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        var identity = "sha256:" + hex
        if let wallClock, wallClock >= 0 {
            let seconds = String(wallClock)
            identity = String(repeating: "0", count: max(0, 11 - seconds.count)) + seconds + "/" + identity
        }
        guard !seen.insert(prefix).inserted else { return identity }
        let occurrence = repeats[prefix, default: 1] + 1
        repeats[prefix] = occurrence
        return "\(identity)#\(occurrence)"
    }
}
