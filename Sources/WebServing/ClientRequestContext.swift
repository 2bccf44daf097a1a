import Hummingbird
import NIOCore

/// A request context that knows the client's address (for the rate limit) and caps what a
/// handler may read of a request body.
public struct ClientRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer of the connection; nil when there is none (the router test framework).
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// A key for the client: its IP address without the port, or one shared key when unknown.
    public var clientKey: String {
        remoteAddress?.ipAddress ?? "unknown"
    }

    public var maxUploadSize: Int { BodyLimit.defaultBytes }
}

/// How much of a request body is read at most.
public enum BodyLimit {
    /// A survey's answers are a few kilobytes; 64 KiB leaves room for long free texts.
    public static let defaultBytes = 64 * 1024

    /// Reads the whole body, or answers 413 when it is larger than `limit`.
    public static func collect(_ request: inout Request, limit: Int = defaultBytes) async throws -> ByteBuffer {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw HTTPError(.contentTooLarge, message: "The request is larger than \(limit / 1024) KiB.")
        }
        return try await request.collectBody(upTo: limit)
    }
}
