import Hummingbird
import ServiceLifecycle

/// One Server-Sent Event.
public struct ServerSentEvent: Sendable, Hashable {
    public var name: String?
    public var data: String

    public init(name: String? = nil, data: String) {
        self.name = name
        self.data = data
    }

    /// The event on the wire: each line of the data its own `data:` field, so no text in it can
    /// end the event early or start another; carriage returns and a name's line breaks are dropped.
    public var wireText: String {
        var text = ""
        if let name {
            text += "event: " + name.filter { $0 != "\n" && $0 != "\r" } + "\n"
        }
        for line in data.replacingOccurrences(of: "\r", with: "").split(separator: "\n", omittingEmptySubsequences: false) {
            text += "data: " + line + "\n"
        }
        return text + "\n"
    }
}

public enum ServerSentEvents {
    /// A `text/event-stream` response that writes each event of `events` as it comes, until the
    /// stream ends or the server begins to shut down (then `stop` must end the stream, so the
    /// open request does not hold the shutdown up).
    public static func response(_ events: AsyncStream<ServerSentEvent>, retryMilliseconds: Int = 1000,
                                stop: @escaping @Sendable () -> Void) -> Response {
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: \(retryMilliseconds)\n\n"))
            try await withGracefulShutdownHandler {
                for await event in events {
                    try await writer.write(ByteBuffer(string: event.wireText))
                }
            } onGracefulShutdown: {
                stop()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"], body: body)
    }
}
