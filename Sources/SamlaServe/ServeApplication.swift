import Foundation
import Hummingbird
import Logging
import SamlaKit
import WebServing

/// The server of `samla serve`: routes onto `ServeHandlers`, behind the error pages, the security
/// headers and the per-client rate limit; the group-commit writer and the live feed beside it.
public struct ServeServer: Sendable {
    public let handlers: ServeHandlers
    public let writer: GroupCommit
    let feed: LiveFeed

    public init(configuration: ServeConfiguration) {
        let state = WorkshopState()
        let feed = LiveFeed(survey: configuration.survey, store: configuration.store, state: state,
                            refreshInterval: configuration.refreshInterval)
        let writer = GroupCommit(store: configuration.store, survey: configuration.survey, window: configuration.commitWindow,
                                 onCommit: { new in if new > 0 { Task { await feed.changed() } } })
        self.feed = feed
        self.writer = writer
        handlers = ServeHandlers(configuration: configuration, state: state, writer: writer, feed: feed)
    }

    /// The router with every route and middleware.
    public func router() -> Router<ClientRequestContext> {
        let router = Router(context: ClientRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorPageMiddleware())
        if let limit = handlers.configuration.rateLimit {
            router.add(middleware: RateLimitMiddleware(RateLimiter(perSecond: limit.perSecond, burst: limit.burst)))
        }
        let handlers = self.handlers

        router.get("/") { request, _ in handlers.participantPage(language: request.uri.queryParameters["lang"].map(String.init)) }
        router.post("/") { request, _ in
            var request = request
            let body = try await BodyLimit.collect(&request)
            return try await handlers.submitForm(.init(fields: FormFields(parsing: String(buffer: body))))
        }
        router.get("/thanks") { request, _ in handlers.thanksPage(language: request.uri.queryParameters["lang"].map(String.init)) }

        router.post("/api/responses") { request, _ in
            var request = request
            return try await handlers.submitJSON(try await BodyLimit.collect(&request))
        }
        router.get("/api/results") { request, _ in
            guard handlers.isHost(request.uri.queryParameters["key"].map(String.init)) else {
                throw HTTPError(.forbidden, message: "The host key is missing or wrong (?key=…).")
            }
            return try await handlers.results()
        }

        router.get("/live") { _, _ in try await handlers.projectorPage() }
        router.get("/events") { _, _ in await handlers.events() }
        router.get("/qr.svg") { _, _ in handlers.qrCode() }

        router.get("/host") { request, _ in try await handlers.hostPage(key: request.uri.queryParameters["key"].map(String.init)) }
        router.post("/host/:action") { request, context in
            var request = request
            let body = try await BodyLimit.collect(&request)
            let name = context.parameters.get("action") ?? ""
            return try await handlers.hostAction(.init(name: name, fields: FormFields(parsing: String(buffer: body))))
        }

        for asset in ServeAssets.all {
            router.get("/assets/\(asset.name)") { _, _ in
                Response(status: .ok, headers: [.contentType: asset.contentType, .cacheControl: "max-age=300"],
                         body: .init(byteBuffer: ByteBuffer(string: asset.text)))
            }
        }
        return router
    }

    /// The application on `host`:`port`; `onRunning` gets the port it listens on.
    public func application(host: String, port: Int, logger: Logger? = nil,
                            onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        var quiet = Logger(label: "samla-serve")
        quiet.logLevel = .warning
        return Application(router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "Samla"),
                           onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
                           logger: logger ?? quiet)
    }

    /// Commits what was accepted and stops the writer; call after the application has stopped.
    public func finish() async {
        await feed.close()
        let writer = self.writer
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                writer.finish()
                continuation.resume()
            }
        }
    }
}
