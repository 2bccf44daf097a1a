import Foundation
import SamlaKit
import XCTest

/// Exports written by the shared generator (`bench/gen.py`), with the totals it says a correct
/// import must reproduce.
struct GeneratedExport {
    var path: String
    var truth: [String: Any]

    static let survey = TestPaths.shared("bench/bench-survey.yaml")

    static func make(layout: String, language: String = "en", encoding: String? = nil, delimiter: String? = nil,
                     rows: Int = 300, seed: Int = 1, in directory: URL) throws -> GeneratedExport {
        var name = "\(layout)-\(language)-\(encoding ?? "default")-\(seed)"
        if delimiter != nil { name += "-semicolon" }
        let csv = directory.appendingPathComponent(name + ".csv").path
        let truthPath = directory.appendingPathComponent(name + ".json").path
        var arguments = [TestPaths.shared("bench/gen.py"), survey, "--rows", String(rows), "--seed", String(seed),
                         "--layout", layout, "--lang", language, "--out", csv, "--truth", truthPath]
        if let encoding { arguments += ["--encoding", encoding] }
        if let delimiter { arguments += ["--delimiter", delimiter] }
        try runPython(arguments)
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: truthPath))) as? [String: Any]
        return GeneratedExport(path: csv, truth: try XCTUnwrap(truth))
    }

    static func runPython(_ arguments: [String]) throws {
        try Python.run(arguments)
    }

    func question(_ id: String) -> [String: Any] {
        (truth["questions"] as! [String: Any])[id] as! [String: Any]
    }

    /// truth.by[question][choice]: the group's responses and, per choice question, its choice counts.
    func group(_ question: String, _ choice: String) -> [String: Any] {
        ((truth["by"] as! [String: Any])[question] as! [String: Any])[choice] as! [String: Any]
    }
}

/// What the store holds for one survey, counted here from the stored responses, independently
/// of the importer's own bookkeeping.
struct StoredCounts {
    var responses = 0
    var answered: [String: Int] = [:]
    var choices: [String: [String: Int]] = [:]
    var other: [String: Int] = [:]
    var points: [String: [String: Int]] = [:]
    var values: [String: [Double]] = [:]

    init(store: ResponseStore, surveyID: String) throws {
        try store.forEachResponse(.init(surveyID: surveyID)) { response in
            responses += 1
            for (question, answer) in response.answers where answer.isAnswered {
                answered[question, default: 0] += 1
                switch answer {
                case .choice(let id): choices[question, default: [:]][id, default: 0] += 1
                case .other: other[question, default: 0] += 1
                case .choices(let ids, let otherText):
                    for id in ids { choices[question, default: [:]][id, default: 0] += 1 }
                    if otherText != nil { other[question, default: 0] += 1 }
                case .number(let value):
                    points[question, default: [:]][String(Int(value)), default: 0] += 1
                    values[question, default: []].append(value)
                case .text: break
                }
            }
        }
    }

    /// Every total of gen.py's truth compared with what was stored; the messages name what differs.
    func mismatches(against truth: [String: Any]) -> [String] {
        var found: [String] = []
        if responses != truth["responses"] as? Int { found.append("responses: \(responses) stored, truth \(truth["responses"] ?? "-")") }
        let questions = truth["questions"] as? [String: [String: Any]] ?? [:]
        for (id, expected) in questions.sorted(by: { $0.key < $1.key }) {
            if (answered[id] ?? 0) != expected["answered"] as? Int {
                found.append("\(id) answered: \(answered[id] ?? 0), truth \(expected["answered"] ?? "-")")
            }
            if let counts = expected["choices"] as? [String: Int] {
                let stored = counts.keys.reduce(into: [String: Int]()) { $0[$1] = choices[id]?[$1] ?? 0 }
                if stored != counts { found.append("\(id) choices: \(stored), truth \(counts)") }
                let extra = Set(choices[id].map { Array($0.keys) } ?? []).subtracting(counts.keys)
                if !extra.isEmpty { found.append("\(id): unknown choices \(extra)") }
                if (other[id] ?? 0) != expected["other"] as? Int { found.append("\(id) other: \(other[id] ?? 0), truth \(expected["other"] ?? "-")") }
            }
            if let distribution = expected["distribution"] as? [String: Int] {
                let stored = distribution.keys.reduce(into: [String: Int]()) { $0[$1] = points[id]?[$1] ?? 0 }
                if stored != distribution { found.append("\(id) distribution: \(stored), truth \(distribution)") }
            }
            let numbers = values[id] ?? []
            for (key, statistic) in [("mean", mean(numbers)), ("median", median(numbers)), ("min", numbers.min()), ("max", numbers.max())] {
                guard let wanted = expected[key] as? Double ?? (expected[key] as? Int).map(Double.init) else { continue }
                if statistic == nil || abs(statistic! - wanted) > 1e-9 { found.append("\(id) \(key): \(statistic.map { "\($0)" } ?? "none"), truth \(wanted)") }
            }
        }
        return found
    }

    private func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    private func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

extension XCTestCase {
    func loadSurvey(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> Survey {
        let result = SurveyLoader.load(path: path)
        return try XCTUnwrap(result.survey, "\(path): \(result.diagnostics)", file: file, line: line)
    }

    func writeSurvey(_ yaml: String, in directory: URL, name: String = "survey.yaml") throws -> Survey {
        let path = directory.appendingPathComponent(name).path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return try loadSurvey(path)
    }
}
