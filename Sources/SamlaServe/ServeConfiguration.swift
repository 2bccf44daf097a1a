import Foundation
import SamlaKit
import WebServing

/// What `samla serve` serves and how.
public struct ServeConfiguration: Sendable {
    public var survey: Survey
    public var store: ResponseStore
    /// The session every served response is stored under (`--session`).
    public var session: String?
    /// The key every host action needs (printed at start).
    public var hostKey: String
    /// The address participants open, shown on the projector and in its QR code.
    public var participantURL: String
    /// Requests per second and burst per client address; nil for no limit (a load test).
    public var rateLimit: (perSecond: Double, burst: Double)?
    /// How long the writer waits for more answers after the first of a quiet spell.
    public var commitWindow: TimeInterval
    /// The shortest time between two recomputations of the live results.
    public var refreshInterval: TimeInterval

    public init(survey: Survey, store: ResponseStore, session: String? = nil, hostKey: String = ServeConfiguration.newHostKey(),
                participantURL: String = "http://127.0.0.1:8080/", rateLimit: (perSecond: Double, burst: Double)? = (20, 60),
                commitWindow: TimeInterval = 0.002, refreshInterval: TimeInterval = 0.15) {
        self.survey = survey
        self.store = store
        self.session = session
        self.hostKey = hostKey
        self.participantURL = participantURL
        self.rateLimit = rateLimit
        self.commitWindow = commitWindow
        self.refreshInterval = refreshInterval
    }

    /// 128 random bits as 32 hex digits.
    public static func newHostKey() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
