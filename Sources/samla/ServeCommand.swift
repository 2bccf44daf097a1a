import ArgumentParser
import Foundation
import QRCode
import SamlaKit
import SamlaServe

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the survey on the room's network: participants answer on their phones, results live on the projector.",
        discussion: """
            Prints the participant URL with this computer's network address and its QR code, the projector URL \
            (/live) and the host URL (/host?key=…; keep the key to yourself: it opens and closes the survey and \
            approves free texts for the projector), then `ready URL` once it accepts connections. Answers go to \
            the store as `samla collect` saves them, so summary and export read them while it runs. \
            Ctrl-C stops it after every accepted answer is stored.

            EXAMPLES
              samla serve surveys/tnc-workshop.yaml --session "Umeå 2025-03-12"
              samla serve surveys/tnc-workshop.yaml --port 8000 --store workshop.sqlite
              samla serve surveys/tnc-workshop.yaml --bind 127.0.0.1      # this computer only
            """
    )

    @Argument(help: "The survey definition.")
    var survey: String

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8080

    @Option(help: ArgumentHelp("The address to listen on.", discussion: "Default: every address of this computer (0.0.0.0).", valueName: "addr"))
    var bind = "0.0.0.0"

    @Option(help: "The session (workshop) the answers are stored under.")
    var session: String?

    @Option(help: ArgumentHelp("The host key (default: a new random one; also $SAMLA_HOST_KEY).", valueName: "key"))
    var hostKey: String?

    @Flag(help: "No per-device request limit (for load tests on one machine).")
    var noRateLimit = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535, not \(port).") }
        if let hostKey, hostKey.count < 8 { throw ValidationError("--host-key needs at least 8 characters.") }
    }

    func run() throws {
        let definition = try SurveyLoader.require(path: survey)
        let store = try storeOptions.open()
        let key = hostKey ?? ProcessInfo.processInfo.environment["SAMLA_HOST_KEY"].flatMap { $0.count >= 8 ? $0 : nil }
            ?? ServeConfiguration.newHostKey()
        let address = NetworkAddress.participantHost(bind: bind)
        // The URL is complete once the port is known (with --port 0 only after binding).
        let outcome = ServeOutcome()
        let semaphore = DispatchSemaphore(value: 0)
        let port = self.port, bind = self.bind, session = self.session, noRateLimit = self.noRateLimit
        Task {
            do {
                try await Self.serve(definition: definition, store: store, key: key, host: address, bind: bind, port: port,
                                     session: session, rateLimited: !noRateLimit)
            } catch {
                outcome.set(error)
            }
            semaphore.signal()
        }
        semaphore.wait()
        if let error = outcome.error { throw error }
    }

    static func serve(definition: Survey, store: ResponseStore, key: String, host: String, bind: String, port: Int,
                      session: String?, rateLimited: Bool) async throws {
        // A port chosen by the system is known only once bound; a fixed one is printed up front.
        var configuration = ServeConfiguration(survey: definition, store: store, session: session, hostKey: key,
                                               participantURL: "http://\(host):\(port)/",
                                               rateLimit: rateLimited ? (20, 60) : nil)
        if port == 0 {
            // Bind first to learn the port, then serve on it: one more socket, and the URL is right.
            configuration.participantURL = "http://\(host):\(try NetworkAddress.freePort(bind: bind))/"
        }
        let url = configuration.participantURL
        let chosenPort = Int(url.split(separator: ":").last!.dropLast()) ?? port
        let server = ServeServer(configuration: configuration)
        let out = Terminal.standardOutput
        out.write("\(definition.title.text(definition.defaultLanguage)) · store \(store.path)"
                  + (session.map { " · session \($0)" } ?? "") + "\n\n")
        out.write("Participants: \(url)\n")
        if let code = try? QRCode(url) {
            out.write(code.halfBlocks(colours: out.supportsColour))
        }
        out.write("Projector:    \(url)live\n")
        out.write("Host:         \(url)host?key=\(key)   (keep the key to yourself)\n")
        if bind == "127.0.0.1" || bind == "::1" || bind == "localhost" {
            out.write("(Listening on this computer only: --bind 0.0.0.0 lets phones in.)\n")
        }
        let app = server.application(host: bind, port: chosenPort) { _ in
            Terminal.standardOutput.write("ready \(url)\n")
        }
        try await app.runService()
        await server.finish()
        out.write("Stopped; every accepted answer is in \(store.path).\n")
    }
}

/// The error a serving task ended with, handed to the main thread.
final class ServeOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?
    var error: Error? { lock.withLock { stored } }
    func set(_ error: Error) { lock.withLock { stored = error } }
}

/// This computer's address as phones on the same network reach it.
enum NetworkAddress {
    /// The bind address when it is a specific one, else the first IPv4 address of an interface
    /// that is up and not the loopback (the Wi-Fi or the hotspot), else 127.0.0.1.
    static func participantHost(bind: String) -> String {
        if bind != "0.0.0.0" && bind != "::" { return bind.contains(":") ? "[\(bind)]" : bind }
        var first: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&first) == 0, let list = first else { return "127.0.0.1" }
        defer { freeifaddrs(list) }
        var candidates: [(name: String, address: String)] = []
        var cursor: UnsafeMutablePointer<ifaddrs>? = list
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            let flags = Int32(entry.pointee.ifa_flags)
            guard let address = entry.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET),
                  flags & Int32(IFF_UP) != 0, flags & Int32(IFF_LOOPBACK) == 0 else { continue }
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            guard getnameinfo(address, socklen_t(MemoryLayout<sockaddr_in>.size), &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 else { continue }
            candidates.append((String(cString: entry.pointee.ifa_name), String(cString: host)))
        }
        // Container and VM bridges come last: a phone cannot reach them.
        let ordered = candidates.sorted { lhs, rhs in
            let bridge = { (name: String) in name.hasPrefix("docker") || name.hasPrefix("br-") || name.hasPrefix("veth") || name.hasPrefix("virbr") }
            return !bridge(lhs.name) && bridge(rhs.name)
        }
        return ordered.first?.address ?? "127.0.0.1"
    }

    /// A port the system considers free on `bind`.
    static func freePort(bind: String) throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw ValidationError("cannot open a socket to find a free port") }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr(bind == "0.0.0.0" || bind.contains(":") ? "0.0.0.0" : bind)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind_socket(socketFD, $0, length) == 0 && getsockname(socketFD, $0, &length) == 0 }
        }
        guard bound else { throw ValidationError("cannot find a free port on \(bind)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func bind_socket(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
        Glibc.bind(fd, address, length)
    }
}
