import CSVReader
import Foundation

/// `--skip-bad-rows FILE`: the rows left out, each with its file, line and problems before its
/// own cells, so they can be mended and imported again.
final class RejectsFile {
    private let writer: CSVFileWriter
    private var wroteHeader = false

    init(path: String) throws {
        writer = try CSVFileWriter(url: URL(fileURLWithPath: path), format: CSVWriter(lineEnding: .lf, includeBOM: true))
    }

    func write(file: String, header: [String], line: Int, problems: [Diagnostic], fields: [String]) throws {
        if !wroteHeader {
            // The first rejected file's header names the cells; a later file with other columns
            // still lines up its file, line and problem.
            try writer.write(["file", "line", "problem"] + header)
            wroteHeader = true
        }
        let reasons = problems.map { "\($0.location.line):\($0.location.column): \($0.message)" }.joined(separator: "; ")
        try writer.write([file, String(line), reasons] + fields)
    }

    func close() throws {
        if !wroteHeader {
            try writer.write(["file", "line", "problem"])
            wroteHeader = true
        }
        try writer.close()
    }
}
