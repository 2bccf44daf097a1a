/// Which of the survey's questions each stored definition version had, so that a question added
/// later counts as shown only to the respondents whose version asked it.
///
/// Every response records the hash of the definition it was answered on, and the store keeps each
/// version's text by hash (the `definition` table). A version is read again from that text; one that
/// no longer reads (or the survey's own version) had every question, as analysis always assumed.
struct DefinitionVersions: Sendable {
    /// Per version: per question position of the current survey, whether that version lacked it.
    /// Version 0 lacks nothing.
    private(set) var lacking: [[Bool]?] = [nil]
    private var indexByHash: [String: Int] = [:]

    init() {}

    /// The versions in `definitions` (hash and source text) measured against `survey`'s questions.
    init(survey: Survey, definitions: [(hash: String, source: String)]) {
        let current = survey.questions.map(\.id)
        for definition in definitions where definition.hash != survey.definitionHash {
            let read = SurveyLoader.parse(text: definition.source, file: "definition \(definition.hash.prefix(12))")
            guard let old = read.survey else { continue }
            let had = Set(old.questions.map(\.id))
            let mask = current.map { !had.contains($0) }
            guard mask.contains(true) else { continue }
            indexByHash[definition.hash] = lacking.count
            lacking.append(mask)
        }
    }

    /// The version a response answered on; 0 (every question) for the current or an unknown version.
    func index(ofHash hash: String) -> Int {
        indexByHash[hash] ?? 0
    }

    /// The same, for a hash given as the store's UTF-8 bytes.
    func index(ofHashBytes bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard indexByHash.count > 0 else { return 0 }
        return index(ofHash: String(decoding: bytes, as: UTF8.self))
    }

    var isEmpty: Bool { indexByHash.isEmpty }
}
