import Foundation
import SamlaKit
import WebServing
import WebText

/// The live results: recomputed through the analysis (`Analyzer`, as `samla summary` reads the
/// store) at most every `refreshInterval` after a change, and sent to every projector as one
/// Server-Sent Event per change.
public actor LiveFeed {
    let survey: Survey
    let store: ResponseStore
    let state: WorkshopState
    let refreshInterval: TimeInterval
    private var subscribers: [UUID: AsyncStream<ServerSentEvent>.Continuation] = [:]
    private var latest: (event: ServerSentEvent, board: String, count: Int)?
    private var dirty = true
    private var refreshing = false
    private var lastRefresh = Date.distantPast
    private var lastDuration: TimeInterval = 0
    private var closed = false

    init(survey: Survey, store: ResponseStore, state: WorkshopState, refreshInterval: TimeInterval) {
        self.survey = survey
        self.store = store
        self.state = state
        self.refreshInterval = refreshInterval
    }

    /// A stream of results events: the current one at once, then one per change; and how to end it.
    func subscribe() async -> (AsyncStream<ServerSentEvent>, @Sendable () -> Void) {
        let (stream, continuation) = AsyncStream<ServerSentEvent>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let stop: @Sendable () -> Void = { continuation.finish() }
        if closed {
            continuation.finish()
            return (stream, stop)
        }
        let id = UUID()
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        if let latest, !dirty {
            continuation.yield(latest.event)
        } else {
            changed()
        }
        return (stream, stop)
    }

    private func unsubscribe(_ id: UUID) {
        subscribers[id] = nil
    }

    var subscriberCount: Int { subscribers.count }

    /// Something the projector shows has changed (a stored answer, a host action).
    func changed() {
        dirty = true
        // Nobody watching: the next page load or subscriber computes it.
        guard !refreshing, !closed, !subscribers.isEmpty else { return }
        refreshing = true
        // A big store takes longer to summarise: then refresh less often, so the analysis never
        // takes more than half of a core from the answers coming in.
        let interval = max(refreshInterval, 2 * lastDuration)
        let wait = max(0, interval - Date().timeIntervalSince(lastRefresh))
        Task {
            if wait > 0 { try? await Task.sleep(for: .seconds(wait)) }
            await self.refresh()
        }
    }

    /// The board as it is now (computed when out of date), for a page load.
    func board() async throws -> String {
        if let latest, !dirty { return latest.board }
        let (board, _) = try await compute()
        return board
    }

    private func refresh() async {
        dirty = false
        lastRefresh = Date()
        do {
            let (board, event) = try await compute()
            for continuation in subscribers.values { continuation.yield(event) }
            _ = board
        } catch {
            dirty = true
        }
        refreshing = false
        if dirty { changed() }
    }

    private func compute() async throws -> (String, ServerSentEvent) {
        let started = Date()
        defer { lastDuration = Date().timeIntervalSince(started) }
        let snapshot = state.snapshot
        let survey = self.survey, store = self.store
        // The store read and the analysis are blocking work: off the cooperative threads.
        let summary = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Summary, any Error>) in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try Analyzer(survey: survey).summarize(store: store).withoutRespondentText })
            }
        }
        let board = ProjectorBoard(survey: survey, summary: summary, state: snapshot).html()
        let data = "{\"version\":\(snapshot.version),\"count\":\(summary.responses),\"open\":\(snapshot.isOpen),"
            + "\"board\":\(JSONString.quoted(board)),\"summary\":\(SummaryJSON.render(summary, pretty: false))}"
        let event = ServerSentEvent(name: "results", data: data)
        latest = (event, board, summary.responses)
        return (board, event)
    }

    /// Ends every stream (the server is stopping, so no projector holds a request open).
    func close() {
        closed = true
        for continuation in subscribers.values { continuation.finish() }
        subscribers = [:]
    }
}
