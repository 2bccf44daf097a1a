/// Which of the survey's questions each response was asked, so that a question added later (or one
/// an imported file had no column for) counts as shown only to the respondents who saw it.
///
/// Every response records the hash of the definition it was answered on, and the store keeps each
/// version's text by hash (the `definition` table). A version is read again from that text; one that
/// no longer reads (or the survey's own version) had every question, as analysis always assumed.
/// An imported row also lacks the questions its file had no column for (`source_file.not_asked`).
struct DefinitionVersions: Sendable {
    /// Per version: per question position of the current survey, whether that version lacked it.
    /// Version 0 lacks nothing.
    private(set) var lacking: [[Bool]?] = [nil]
    private var indexByHash: [String: Int] = [:]
    /// Per imported file path: the questions it lacked, and the versions made with it by hash.
    private var fileLacks: [String: Set<String>] = [:]
    private var indexByHashAndFile: [String: Int] = [:]
    private var hashLacks: [String: Set<String>] = [:]
    private var currentIDs: [String] = []

    init() {}

    /// The versions in `definitions` (hash and source text) and the files of `notAskedByFile`,
    /// measured against `survey`'s questions.
    init(survey: Survey, definitions: [(hash: String, source: String)], notAskedByFile: [String: Set<String>] = [:]) {
        currentIDs = survey.questions.map(\.id)
        for definition in definitions where definition.hash != survey.definitionHash {
            let read = SurveyLoader.parse(text: definition.source, file: "definition \(definition.hash.prefix(12))")
            guard let old = read.survey else { continue }
            let had = Set(old.questions.map(\.id))
            let missing = Set(currentIDs.filter { !had.contains($0) })
            guard !missing.isEmpty else { continue }
            hashLacks[definition.hash] = missing
            indexByHash[definition.hash] = lacking.count
            lacking.append(mask(missing))
        }
        fileLacks = notAskedByFile.filter { !$0.value.isDisjoint(with: currentIDs) }
        // Every stored version with every file: both are few.
        for (file, missingInFile) in fileLacks {
            for hash in [survey.definitionHash] + definitions.map(\.hash) where indexByHashAndFile[key(hash, file)] == nil {
                indexByHashAndFile[key(hash, file)] = lacking.count
                lacking.append(mask(missingInFile.union(hashLacks[hash] ?? [])))
            }
        }
    }

    private func mask(_ missing: Set<String>) -> [Bool] {
        currentIDs.map { missing.contains($0) }
    }

    private func key(_ hash: String, _ file: String) -> String { hash + "\u{1F}" + file }

    /// The version a response answered on; 0 (every question) for the current or an unknown version.
    func index(ofHash hash: String, file: String? = nil) -> Int {
        if let file, !fileLacks.isEmpty, let index = indexByHashAndFile[key(hash, file)] { return index }
        return indexByHash[hash] ?? 0
    }

    /// Whether the imported file of each row matters.
    var readsFiles: Bool { !fileLacks.isEmpty }

    var isEmpty: Bool { indexByHash.isEmpty && fileLacks.isEmpty }
}
