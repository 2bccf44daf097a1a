import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to the server under test on loopback: for what a well-behaved HTTP
/// client never sends (garbage, half a request, a disconnect mid-body) and for reading an
/// event stream as it arrives.
final class RawConnection {
    let fd: Int32
    private var buffer = [UInt8]()

    init(port: Int, timeout: TimeInterval = 5) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func send(_ text: String) {
        send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads until `marker` has arrived (or the timeout or the end); returns everything read so far.
    @discardableResult
    func read(until marker: String, deadline: Date = Date().addingTimeInterval(5)) -> String {
        let wanted = Array(marker.utf8)
        var chunk = [UInt8](repeating: 0, count: 16384)
        while Date() < deadline {
            if buffer.count >= wanted.count, String(decoding: buffer, as: UTF8.self).contains(marker) { break }
            let count = recv(fd, &chunk, chunk.count, 0)
            if count <= 0 { break }
            buffer += chunk[0..<count]
        }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Everything received so far, and forgets it.
    func take() -> String {
        defer { buffer = [] }
        return String(decoding: buffer, as: UTF8.self)
    }
}
