#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads keys from a terminal in raw mode, waiting at most until a deadline, and notices when the
/// window changes size (SIGWINCH interrupts the wait).
public final class KeyReader {
    public enum Event: Sendable, Equatable {
        case key(Key)
        /// No key before the deadline.
        case timeout
        /// The window's size changed: redraw.
        case resized
        /// The terminal is gone (end of file or a read error).
        case end
    }

    private let descriptor: Int32
    private var decoder = KeyDecoder()
    private var queued: [Key] = []

    public init(descriptor: Int32) {
        self.descriptor = descriptor
        TerminalSize.watchResizes()
    }

    /// The next key, or `.timeout` once `deadline` passes (nil waits for ever).
    public func next(deadline: Date?) -> Event {
        while true {
            if !queued.isEmpty { return .key(queued.removeFirst()) }
            if TerminalSize.takeResize() { return .resized }
            // A lone ESC waits a moment for the rest of its sequence.
            var wait: Int32 = -1
            if let deadline { wait = Int32(max(0, min(Double(Int32.max), deadline.timeIntervalSinceNow * 1000))) }
            if decoder.isPending { wait = wait < 0 ? 50 : min(wait, 50) }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, wait)
            if ready < 0 {
                if errno == EINTR { continue }
                return .end
            }
            if ready == 0 {
                if decoder.isPending {
                    queued += decoder.flush()
                    continue
                }
                if let deadline, deadline <= Date() { return .timeout }
                continue
            }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            if count <= 0 { return .end }
            queued += decoder.feed(buffer.prefix(count))
        }
    }
}
