import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Undecoded bytes from a file or from memory, read in caller-sized pieces. Files go through
/// POSIX read(2) straight into the caller's buffer: no Data, no intermediate copy, and nothing
/// but the current chunk is ever held.
final class RawInput {
    private enum Storage {
        case file(Int32)
        case memory([UInt8])
    }

    private var storage: Storage
    let totalBytes: Int64?
    let name: String
    private(set) var position: Int64 = 0

    init(url: URL) throws {
        let path = url.path
        name = url.lastPathComponent
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            let reason = String(cString: strerror(errno))
            throw CSVError(CSVProblem(kind: .unreadable, line: 0, column: 0,
                                      message: "Cannot open \(path): \(reason).",
                                      hint: "Check the path and that the file is readable."))
        }
        var info = stat()
        if fstat(fd, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR {
                close(fd)
                throw CSVError(CSVProblem(kind: .unreadable, line: 0, column: 0,
                                          message: "\(path) is a directory, not a CSV file.",
                                          hint: "Give the path of a file."))
            }
            totalBytes = (info.st_mode & S_IFMT) == S_IFREG ? Int64(info.st_size) : nil
        } else {
            totalBytes = nil
        }
        storage = .file(fd)
    }

    init(bytes: [UInt8], name: String = "input") {
        storage = .memory(bytes)
        totalBytes = Int64(bytes.count)
        self.name = name
    }

    deinit {
        if case .file(let fd) = storage { close(fd) }
    }

    /// Reads up to `count` bytes; returns 0 only at the end of the input.
    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
        switch storage {
        case .memory(let bytes):
            let n = min(count, bytes.count - Int(position))
            if n <= 0 { return 0 }
            bytes.withUnsafeBufferPointer { src in
                buffer.update(from: src.baseAddress! + Int(position), count: n)
            }
            position += Int64(n)
            return n
        case .file(let fd):
            while true {
                let n = posixRead(fd, buffer, count)
                if n >= 0 {
                    position += Int64(n)
                    return n
                }
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                throw CSVError(CSVProblem(kind: .unreadable, line: 0, column: 0,
                                          message: "Reading \(name) failed: \(reason).",
                                          hint: "Check that the file is still there and readable."))
            }
        }
    }

    func rewind() throws {
        if position == 0 { return }
        position = 0
        if case .file(let fd) = storage, lseek(fd, 0, SEEK_SET) < 0 {
            throw CSVError(CSVProblem(kind: .unreadable, line: 0, column: 0,
                                      message: "\(name) cannot be read twice (it is a pipe or stream).",
                                      hint: "Save the input to a file first, or give the encoding and delimiter explicitly."))
        }
    }

    /// Reads everything from the start into memory, up to `limit` bytes. Only for small windows
    /// (error messages, samples), never for the whole of a large file.
    func prefix(_ limit: Int) throws -> [UInt8] {
        try rewind()
        var out = [UInt8](repeating: 0, count: limit)
        var filled = 0
        try out.withUnsafeMutableBufferPointer { p in
            while filled < limit {
                let n = try read(into: p.baseAddress! + filled, count: limit - filled)
                if n == 0 { break }
                filled += n
            }
        }
        out.removeLast(limit - filled)
        return out
    }
}

@inline(__always)
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(fd, buffer, count)
}
