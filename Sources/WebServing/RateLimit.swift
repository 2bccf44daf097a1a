import Foundation
import Hummingbird
import Synchronization

/// A token bucket per client address: `burst` requests at once, refilled at `perSecond`. A
/// client past it gets 429 with Retry-After, and nothing it sent is handled.
public final class RateLimiter: Sendable {
    public let perSecond: Double
    public let burst: Double
    private struct Bucket { var tokens: Double; var updated: Double }
    private let buckets = Mutex<[String: Bucket]>([:])
    private let clock: @Sendable () -> Double

    public init(perSecond: Double, burst: Double, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSinceReferenceDate }) {
        self.perSecond = perSecond
        self.burst = burst
        self.clock = clock
    }

    /// Takes one token for `client`; false when it has none left.
    public func allow(_ client: String) -> Bool {
        let now = clock()
        return buckets.withLock { buckets in
            // A room's worth of clients is small; forget the full buckets now and then.
            if buckets.count > 10_000 {
                buckets = buckets.filter { now - $0.value.updated < burst / perSecond }
            }
            var bucket = buckets[client] ?? Bucket(tokens: burst, updated: now)
            bucket.tokens = min(burst, bucket.tokens + (now - bucket.updated) * perSecond)
            bucket.updated = now
            guard bucket.tokens >= 1 else {
                buckets[client] = bucket
                return false
            }
            bucket.tokens -= 1
            buckets[client] = bucket
            return true
        }
    }
}

public struct RateLimitMiddleware: RouterMiddleware {
    public typealias Context = ClientRequestContext
    let limiter: RateLimiter

    public init(_ limiter: RateLimiter) {
        self.limiter = limiter
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard limiter.allow(context.clientKey) else {
            throw HTTPError(.tooManyRequests, headers: [.retryAfter: "1"], message: "Too many requests from this device; wait a moment and try again.")
        }
        return try await next(request, context)
    }
}
