import CSVReader
import Foundation

/// The rows of a CSV export, through `CSVReader`.
final class CSVRows: ExportRows {
    let reader: CSVReader
    let path: String

    init(path: String, encoding: TextEncoding?, delimiter: UInt8?) throws(ExportProblem) {
        self.path = path
        let options = CSVOptions(encoding: encoding, delimiter: delimiter, strict: false, header: .detect)
        do {
            reader = try CSVReader(url: URL(fileURLWithPath: path), options: options)
        } catch let error as CSVError {
            throw ExportProblem(file: path, problem: error.problem)
        } catch {
            throw ExportProblem(diagnostic: .error("\(error)", at: SourceLocation(file: path)))
        }
    }

    var format: ExportFormat { .csv(encoding: reader.encoding, reason: reader.sniff.encodingReason, delimiter: reader.dialect.delimiter) }
    var detectedHeader: [String]? { reader.header }
    var problems: [CSVProblem] { reader.problems }
    var problemCount: Int { reader.problemCount }
    var progress: CSVProgress? { reader.progress }

    func next() throws -> ExportRecord? {
        try reader.next().map { ExportRecord(fields: $0.fields, line: $0.line) }
    }

    func location(ofField index: Int) -> SourceLocation {
        let (line, column) = reader.locationOfField(index)
        return SourceLocation(file: path, line: line, column: column)
    }
}
