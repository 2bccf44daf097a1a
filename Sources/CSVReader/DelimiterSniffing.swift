/// Chooses the delimiter by parsing a sample once per candidate: the right delimiter is the one
/// that splits the records into the same number (two or more) of fields. Parsing (rather than
/// counting characters) keeps delimiters inside quoted fields from voting.
enum DelimiterSniffer {
    struct Trial {
        var delimiter: UInt8
        var records: [(fields: [String], line: Int)]
        var problems: Int
        var lineEndings: LineEndingCounts
        var modalWidth: Int
        var consistency: Double
    }

    static let maxRecords = 200

    /// Parses `sample` with one delimiter, leniently; a record cut off by the end of the sample is dropped.
    static func trial(_ sample: [UInt8], complete: Bool, delimiter: UInt8, quote: UInt8) -> Trial {
        let buffer = ByteBuffer(capacity: sample.count + 16)
        buffer.prepareForAppend(sample.count)
        sample.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { (buffer.base + buffer.end).update(from: base, count: src.count) }
        }
        buffer.end = sample.count
        let parser = RecordParser(buffer: buffer, dialect: CSVDialect(delimiter: delimiter, quote: quote), strict: false)
        parser.atEOF = complete
        var problemLines = Set<Int>()
        parser.problemSink = { problemLines.insert($0.line) }
        var records: [(fields: [String], line: Int)] = []
        var flawed = 0
        while records.count < maxRecords, let step = try? parser.next() {
            guard case .record(let fields, let line) = step else { break }
            let before = problemLines.count
            records.append((fields, line))
            if problemLines.count > before { flawed += 1 }
        }
        var histogram: [Int: Int] = [:]
        for r in records { histogram[r.fields.count, default: 0] += 1 }
        let modal = histogram.max { ($0.value, $0.key) < ($1.value, $1.key) }
        let width = modal?.key ?? 0
        let agreeing = max(0, (modal?.value ?? 0) - flawed)
        let consistency = records.isEmpty ? 0 : Double(agreeing) / Double(records.count)
        return Trial(delimiter: delimiter, records: records, problems: flawed, lineEndings: parser.lineEndings,
                     modalWidth: width, consistency: consistency)
    }

    /// The winning trial and a sentence saying why; nil delimiter means one column.
    static func choose(_ sample: [UInt8], complete: Bool, quote: UInt8) -> (Trial, String) {
        let trials = CSVDialect.candidateDelimiters.filter { $0 != quote }.map {
            trial(sample, complete: complete, delimiter: $0, quote: quote)
        }
        let usable = trials.filter { $0.modalWidth >= 2 }
        guard var best = usable.first else {
            return (trials[0], "no candidate splits the records into two or more fields; read as one column")
        }
        for t in usable.dropFirst() where (t.consistency, t.modalWidth) > (best.consistency, best.modalWidth) {
            best = t
        }
        let percent = Int((best.consistency * 100).rounded())
        let reason = "\(percent)% of \(best.records.count) sampled records have \(best.modalWidth) fields when split at \"\(CSVDialect.name(of: best.delimiter))\""
        return (best, reason)
    }
}
