extension AnswerSlots {
    /// Lays out one stored answers object (reset first), value by value, without the dictionary
    /// `AnswerCoding.decode` builds: the keys are written sorted, so each is first compared with the
    /// next question id in sorted order and only looked up when that guess fails.
    mutating func fill(stored bytes: UnsafeBufferPointer<UInt8>, plan: AnalysisPlan) throws {
        reset()
        var reader = JSONReader(bytes)
        var guess = 0
        try reader.object { reader, key throws in
            let value = try AnswerCoding.decodeValue(&reader)
            if let q = plan.position(ofStoredKey: key, guess: &guess) {
                put(value, at: q, plan: plan)
            } else {
                removedAnswers.append((key, value))
            }
        }
    }
}

extension AnalysisPlan {
    /// The position of a stored key; `guess` walks the ids in sorted order alongside the keys.
    func position(ofStoredKey key: String, guess: inout Int) -> Int? {
        if guess < sortedIDs.count, sortedIDs[guess].id == key {
            defer { guess += 1 }
            return sortedIDs[guess].position
        }
        guard let q = positionByID[key] else { return nil }
        guess = sortedRank[q] + 1
        return q
    }
}
