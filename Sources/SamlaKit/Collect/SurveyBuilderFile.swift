import Foundation

/// How far `samla new` has come, shared with the signal handler: the UI language for its message,
/// and the one write, which an interrupt either waits for or prevents, never cuts in half.
public final class SurveyBuilderProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var uiLanguage: String?
    private var writtenPath: String?
    private var stopped = false
    private var savedDraft: String?

    public init() {}

    /// Nil while the survey's languages are not yet chosen.
    public var language: String? { lock.withLock { uiLanguage } }

    func setLanguage(_ language: String) { lock.withLock { uiLanguage = language } }

    /// For the signal handler: no write starts after this; one in progress is finished first.
    /// Returns the written file's path if the survey was written before the interrupt.
    public func interrupt() -> String? {
        lock.withLock {
            stopped = true
            return writtenPath
        }
    }

    /// Writes `text` to a temporary file beside `path`, flushes it to disk and renames it over
    /// `path`, so a reader (or a crash) sees the old file or the whole new one, never a part.
    /// Returns false, writing nothing, once interrupted.
    func writeAtomically(_ text: String, to path: String) throws(SurveyWriteError) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if stopped { return false }
        try writeFile(text, to: path)
        writtenPath = path
        return true
    }

    /// The draft beside the surveys, written the same way after each question, so an interrupt
    /// loses nothing; `draftPath` is where it is, for the interrupt's message.
    func writeDraft(_ text: String, to path: String) {
        lock.lock()
        defer { lock.unlock() }
        if stopped { return }
        // A draft that cannot be written costs only the draft: the survey goes on.
        if (try? writeFile(text, to: path)) != nil { savedDraft = path }
    }

    func forgetDraft() {
        lock.withLock { savedDraft = nil }
    }

    /// The draft last saved, if any.
    public var draftPath: String? { lock.withLock { savedDraft } }

    private func writeFile(_ text: String, to path: String) throws(SurveyWriteError) {
        let target = URL(fileURLWithPath: path)
        let directory = target.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).tmp").path
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw SurveyWriteError(path: path, reason: error.localizedDescription)
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw SurveyWriteError(path: path, errno: errno) }
        var failure: Int32 = 0
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw SurveyWriteError(path: path, errno: failure)
        }
    }
}

/// The survey file could not be written; nothing was left behind.
public struct SurveyWriteError: Error, CustomStringConvertible, LocalizedError {
    public var path: String
    public var reason: String

    init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    init(path: String, errno code: Int32) {
        self.init(path: path, reason: String(cString: strerror(code)))
    }

    public var description: String { "cannot write \(path): \(reason)" }
    public var errorDescription: String? { description }
}
