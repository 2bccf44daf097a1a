/// The question ids and choice ids of a survey as UTF-8 in one block of memory, for the stored-row
/// scanner: it compares every key and choice of every row against these, and reading them through
/// arrays of arrays would retain and release an array per comparison. Written once in `init` and
/// only read after, so sharing it between threads is safe.
final class StoredNames: @unchecked Sendable {
    /// A name's place in `bytes`.
    private struct Name {
        var start: Int
        var count: Int
    }

    private let bytes: UnsafeMutableBufferPointer<UInt8>
    /// Per question position, its id.
    private let questions: UnsafeMutableBufferPointer<Name>
    /// Question positions in the order `AnswerCoding` writes keys (sorted ids, each id once), and
    /// each position's place in that order.
    private let sorted: UnsafeMutableBufferPointer<Int>
    private let rank: UnsafeMutableBufferPointer<Int>
    /// Every question's choice ids back to back; question `q`'s start at `firstChoice[q]`.
    private let choices: UnsafeMutableBufferPointer<Name>
    private let firstChoice: UnsafeMutableBufferPointer<Int>
    /// No name holds a quote or a backslash, so a name can be matched against a row's bytes where
    /// they lie (a stored string spells such a name with escapes).
    private let matchInPlace: Bool

    init(questionIDs: [String], sortedPositions: [Int], rank: [Int], choiceIDs: [[String]]) {
        var arena: [UInt8] = []
        func add(_ name: String) -> Name {
            let start = arena.count
            arena.append(contentsOf: name.utf8)
            return Name(start: start, count: arena.count - start)
        }
        let questionNames = questionIDs.map(add)
        var choiceNames: [Name] = []
        var firsts: [Int] = []
        for ids in choiceIDs {
            firsts.append(choiceNames.count)
            choiceNames += ids.map(add)
        }
        firsts.append(choiceNames.count)
        matchInPlace = !arena.contains(UInt8(ascii: "\"")) && !arena.contains(UInt8(ascii: "\\"))
        bytes = Self.copy(arena)
        questions = Self.copy(questionNames)
        sorted = Self.copy(sortedPositions)
        self.rank = Self.copy(rank)
        choices = Self.copy(choiceNames)
        firstChoice = Self.copy(firsts)
    }

    deinit {
        bytes.deallocate()
        questions.deallocate()
        sorted.deallocate()
        rank.deallocate()
        choices.deallocate()
        firstChoice.deallocate()
    }

    /// The position of the question a stored key names; `guess` walks the sorted ids alongside
    /// the keys (rows hold their keys in that order), so a key is found by comparing it with the
    /// ids of the questions the row left unanswered and then its own.
    @inline(__always)
    func question(_ key: UnsafeBufferPointer<UInt8>, guess: inout Int) -> Int? {
        var k = guess
        while k < sorted.count {
            if equals(key, questions[sorted[k]]) {
                guess = k &+ 1
                return sorted[k]
            }
            k &+= 1
        }
        for q in 0 ..< questions.count where equals(key, questions[q]) {
            guess = rank[q] &+ 1
            return q
        }
        return nil
    }

    /// The position of a choice of question `q`, or nil for an id the definition lacks.
    @inline(__always)
    func choice(_ id: UnsafeBufferPointer<UInt8>, of q: Int) -> Int? {
        let first = firstChoice[q]
        for k in first ..< firstChoice[q &+ 1] where equals(id, choices[k]) {
            return k &- first
        }
        return nil
    }

    /// The question named by the string that starts at `position` in `row` (just past its opening
    /// quote), tried against the ids from `guess` on in sorted order; on a match `position` moves
    /// past the closing quote. Reads the key once instead of finding its end and comparing after.
    @inline(__always)
    func nextQuestion(in row: UnsafeBufferPointer<UInt8>, at position: inout Int, guess: inout Int) -> Int? {
        guard matchInPlace else { return nil }
        var k = guess
        while k < sorted.count {
            if let end = match(questions[sorted[k]], in: row, at: position) {
                position = end
                guess = k &+ 1
                return sorted[k]
            }
            k &+= 1
        }
        return nil
    }

    /// The choice of question `q` named by the string at `position` in `row` (just past its
    /// opening quote); on a match `position` moves past the closing quote.
    @inline(__always)
    func choice(in row: UnsafeBufferPointer<UInt8>, at position: inout Int, of q: Int) -> Int? {
        guard matchInPlace else { return nil }
        let first = firstChoice[q]
        for k in first ..< firstChoice[q &+ 1] {
            if let end = match(choices[k], in: row, at: position) {
                position = end
                return k &- first
            }
        }
        return nil
    }

    /// Where the string at `start` ends (past its closing quote) if it is exactly `name`.
    @inline(__always)
    private func match(_ name: Name, in row: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let end = start &+ name.count
        guard end < row.count, row[end] == UInt8(ascii: "\"") else { return nil }
        var k = 0
        while k < name.count {
            if row[start &+ k] != bytes[name.start &+ k] { return nil }
            k &+= 1
        }
        return end &+ 1
    }

    @inline(__always)
    private func equals(_ a: UnsafeBufferPointer<UInt8>, _ name: Name) -> Bool {
        guard a.count == name.count else { return false }
        var k = 0
        while k < name.count {
            if a[k] != bytes[name.start &+ k] { return false }
            k &+= 1
        }
        return true
    }

    private static func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, array.count))
        _ = buffer.initialize(from: array)
        return UnsafeMutableBufferPointer(rebasing: buffer[0 ..< array.count])
    }
}
