import Foundation

/// Writes a file under a temporary name beside its target and renames it into place only when
/// it is complete, so a crash or an error never leaves a half-written file under the final name
/// (rename within one directory is atomic on POSIX file systems).
public struct AtomicFile: Sendable {
    public let destination: String
    /// Where the content is written first: a hidden name in the same directory.
    public let temporaryPath: String

    public init(destination: String) {
        self.destination = destination
        let url = URL(fileURLWithPath: destination)
        let directory = url.deletingLastPathComponent()
        let name = ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString.prefix(8)).tmp"
        temporaryPath = directory.appendingPathComponent(name).path
    }

    /// Runs `body` with the temporary path, then moves the result into place; on any error the
    /// temporary file is removed and the destination is left as it was.
    public static func write<T>(to destination: String, _ body: (String) throws -> T) throws -> T {
        let file = AtomicFile(destination: destination)
        let directory = URL(fileURLWithPath: destination).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ExportError.cannotWrite(path: destination, reason: error.localizedDescription)
        }
        do {
            let result = try body(file.temporaryPath)
            try file.commit()
            return result
        } catch {
            file.discard()
            throw error
        }
    }

    func commit() throws {
        guard rename(temporaryPath, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            throw ExportError.cannotWrite(path: destination, reason: reason)
        }
    }

    func discard() {
        unlink(temporaryPath)
    }
}
