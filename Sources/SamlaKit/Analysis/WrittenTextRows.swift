/// A batch of responses' written answers to the analysed text questions, as a database that keeps
/// them apart hands them over (`AnswerCountingDatabase.countKept`): for each response its place in
/// stored order, its definition version, and the UTF-8 of each analysed question's text back to
/// back (empty where it wrote none). A worker thread lays them straight into `AnswerSlots`, with
/// no answers object to write and read back per response.
struct WrittenTextRows: Sendable {
    /// Texts per response: the analysed questions, in the order the texts come.
    let questions: Int
    private var bytes: [UInt8] = []
    /// Where each text ends in `bytes`, `questions` per response.
    private var ends: [Int] = []
    private var versions: [Int] = []
    private var places: [Int] = []

    /// Room for `rows` responses of `bytes` bytes in all, so that filling a batch copies each text once.
    init(questions: Int, rows: Int, bytes: Int) {
        self.questions = questions
        self.bytes.reserveCapacity(bytes)
        ends.reserveCapacity(rows * questions)
        versions.reserveCapacity(rows)
        places.reserveCapacity(rows)
    }

    var byteCount: Int { bytes.count }

    var count: Int { places.count }

    /// Adds one response's texts: `texts` back to back, the i-th ending at `ends[i]` (counted
    /// from the start of `texts`; `questions` of them).
    mutating func append(_ texts: UnsafeBufferPointer<UInt8>, ends textEnds: UnsafeBufferPointer<Int>, version: Int, place: Int) {
        precondition(textEnds.count == questions, "one end per analysed question")
        let start = bytes.count
        bytes.append(contentsOf: texts)
        for end in textEnds { ends.append(start + end) }
        versions.append(version)
        places.append(place)
    }

    /// Calls `body` with each response's place in stored order, its definition version, and its
    /// texts: `text(i)` is the i-th analysed question's (empty where not written).
    func forEach(_ body: (_ place: Int, _ version: Int, _ text: (Int) -> UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { all in
            ends.withUnsafeBufferPointer { ends in
                var start = 0
                for index in places.indices {
                    let first = index * questions
                    body(places[index], versions[index]) { i in
                        let from = i == 0 ? start : ends[first + i - 1]
                        return UnsafeBufferPointer(rebasing: all[from ..< ends[first + i]])
                    }
                    if questions > 0 { start = ends[first + questions - 1] }
                }
            }
        }
    }
}
