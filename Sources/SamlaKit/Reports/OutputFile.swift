import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file being written by an export: bytes appended as they come, and another file's content
/// appended by the kernel (`sendfile` on Linux, so the bytes never pass through this process),
/// with every failure an `ExportError` naming the file the user asked for.
final class OutputFile {
    private let descriptor: Int32
    private let shownPath: String
    private var isOpen = true

    /// Creates (or empties) `path`; `shownPath` is what messages name (the destination, not its temporary).
    init(creating path: String, for shownPath: String) throws {
        self.shownPath = shownPath
        descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ExportError.cannotWrite(path: shownPath, reason: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit { finish() }

    /// Closes the file (once; also when the object goes).
    func finish() {
        guard isOpen else { return }
        isOpen = false
        _ = close(descriptor)
    }

    func append(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + done, buffer.count - done)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure()
                }
                done += written
            }
        }
    }

    /// Appends everything `other` holds (from its start), leaving `other` as it is.
    func append(contentsOf other: OutputFile) throws {
        let size = lseek(other.descriptor, 0, SEEK_END)
        guard size >= 0 else { throw failure() }
        var offset: off_t = 0
        #if os(Linux)
        // The kernel copies page to page; where it cannot (EINVAL, ENOSYS), the loop below does.
        while offset < size {
            let copied = sendfile(descriptor, other.descriptor, &offset, Int(size - offset))
            if copied > 0 { continue }
            if copied < 0, errno == EINTR { continue }
            if copied < 0, errno != EINVAL, errno != ENOSYS { throw failure() }
            break
        }
        #endif
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while offset < size {
            let read = chunk.withUnsafeMutableBytes { pread(other.descriptor, $0.baseAddress!, $0.count, offset) }
            if read < 0, errno == EINTR { continue }
            guard read > 0 else { throw failure() }
            try append(Array(chunk[0..<read]))
            offset += off_t(read)
        }
    }

    private func failure() -> ExportError {
        ExportError.cannotWrite(path: shownPath, reason: String(cString: strerror(errno)))
    }
}
