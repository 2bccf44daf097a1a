extension RecordParser {
    /// Buffer index where field `field` (0-based) of the last record returned starts, found by
    /// scanning that record's bytes again. Only problems need it, so the hot path keeps no
    /// per-field positions.
    func startOfFieldInLastRecord(_ field: Int) -> Int {
        let b = buffer.base
        var i = lastRecordStart
        var seen = 0
        var quoted = false
        while i < lastRecordEnd && seen < field {
            let c = b[i]
            if c == quote {
                quoted.toggle()
            } else if c == delimiter && !quoted {
                seen += 1
            }
            i += 1
        }
        return i
    }
}
