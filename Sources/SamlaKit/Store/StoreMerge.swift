import Foundation

/// What one source store brought to a merge.
public struct MergeSourceReport: Sendable, Hashable {
    public var source: String
    public var surveyID: String
    /// Responses copied into the target, with their ids, sessions and definition versions.
    public var added = 0
    /// Responses the target held already: the same id, or the same row of the same export
    /// imported on another laptop (the same identity), or one erased there.
    public var skipped = 0
    /// Unfinished participants on the source: never merged, as they are never counted.
    public var drafts = 0
    /// Responses the target held that the source's erasure log names: removed from the target.
    public var erased = 0
    public var definitionsAdded = 0
    public var sourceFilesAdded = 0
    public var erasuresAdded = 0

    public init(source: String, surveyID: String) {
        self.source = source
        self.surveyID = surveyID
    }
}

/// Why a merge refuses to start.
public enum MergeError: Error, CustomStringConvertible, LocalizedError {
    case differentSurveys([(store: String, surveys: [String])])
    case noSuchSurvey(store: String, surveyID: String, present: [String])
    case sameStore(String)

    public var description: String {
        switch self {
        case .differentSurveys(let stores):
            let lines = stores.map { "  \($0.store): \($0.surveys.isEmpty ? "(empty)" : $0.surveys.joined(separator: ", "))" }
            return "error: these stores hold different surveys, so nothing was merged:\n" + lines.joined(separator: "\n")
                + "\n(merge stores of one survey, or name the one to merge with --survey ID)"
        case .noSuchSurvey(let store, let surveyID, let present):
            return "\(store): error: no responses to '\(surveyID)' here (it holds \(present.isEmpty ? "nothing" : present.joined(separator: ", "))); nothing was merged"
        case .sameStore(let path):
            return "\(path): error: a store cannot be merged into itself; nothing was merged"
        }
    }

    public var errorDescription: String? { description }
}

/// `samla merge`: brings the responses of several stores (the hosts' laptops) into one, keeping
/// each response's id, session, source row and definition version, the files it was imported from
/// with the questions they did not ask, and the erasures made on the laptops.
///
/// A response is one row keyed by its id and, when imported, by (survey, identity): the target's
/// unique keys decide what is already there, so merging the same store twice, or two laptops that
/// imported one export, adds nothing the second time. Each source goes in one transaction.
public enum StoreMerge {
    /// The survey every store holds; refuses stores of different surveys before anything is written.
    public static func survey(of sources: [ResponseStore], into target: ResponseStore, named wanted: String?) throws -> String {
        for source in sources where source.path == target.path {
            throw MergeError.sameStore(source.path)
        }
        var held: [(store: String, surveys: [String])] = []
        for store in sources + [target] { held.append((store.path, try store.surveyIDs())) }
        if let wanted {
            for (store, surveys) in held.dropLast() where !surveys.contains(wanted) {
                throw MergeError.noSuchSurvey(store: store, surveyID: wanted, present: surveys)
            }
            return wanted
        }
        let all = Set(held.flatMap(\.surveys))
        let sourcesEmpty = held.dropLast().allSatisfy(\.surveys.isEmpty)
        guard all.count == 1, let only = all.first, !sourcesEmpty else {
            if all.isEmpty, let first = held.first { throw MergeError.noSuchSurvey(store: first.store, surveyID: "any survey", present: []) }
            throw MergeError.differentSurveys(held)
        }
        return only
    }

    /// Merges each source into `target` in turn, one transaction each; `progress` follows the
    /// responses read from each source.
    public static func merge(_ sources: [ResponseStore], into target: ResponseStore, surveyID: String,
                             progress: MergeProgress? = nil) throws -> [MergeSourceReport] {
        try sources.map { try merge($0, into: target, surveyID: surveyID, progress: progress) }
    }

    /// One source in one transaction. It is a bulk write: two merges (or a merge and an import)
    /// into one target take turns, as imports do, so the second finds in the target what the
    /// first added (the responses by their unique keys, and also the source files and erasure
    /// log lines, which have none) and adds nothing twice.
    static func merge(_ source: ResponseStore, into target: ResponseStore, surveyID: String,
                      progress: MergeProgress? = nil) throws -> MergeSourceReport {
        var report = MergeSourceReport(source: source.path, surveyID: surveyID)
        let definitions = try source.storedDefinitions(surveyID: surveyID)
        let files = try source.sourceFiles(surveyID: surveyID)
        let erasures = try source.erasures(surveyID: surveyID)
        let selection = ResponseStore.Selection(surveyID: surveyID, includeDrafts: true)
        progress?.begin(source: source.path, total: try source.count(selection))
        var read = 0
        try target.writeInTurn { writer in
            for definition in definitions where try writer.register(definition) { report.definitionsAdded += 1 }
            for file in files where try writer.recordIfNew(file, surveyID: surveyID) { report.sourceFilesAdded += 1 }
            // Erasures first: a response erased on the laptop after an earlier merge goes from the
            // target too, and the erased identities make the inserts below skip their rows.
            for erasure in erasures {
                let outcome = try writer.recordIfNew(erasure)
                if outcome.new { report.erasuresAdded += 1 }
                report.erased += outcome.removed
            }
            var batch: [EncodedResponse] = []
            func flush() throws {
                let added = try writer.insert(batch)
                report.added += added
                report.skipped += batch.count - added
                batch.removeAll(keepingCapacity: true)
            }
            try source.forEachStoredResponse(selection) { row in
                read += 1
                if read % 1000 == 0 { progress?.advance(to: read) }
                guard row.status == Response.Status.complete.rawValue else {
                    report.drafts += 1
                    return
                }
                batch.append(row)
                if batch.count == StoreWriter.batchSize { try flush() }
            }
            try flush()
            progress?.advance(to: read)
        }
        return report
    }
}
