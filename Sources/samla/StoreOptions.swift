import ArgumentParser
import Foundation
import SamlaKit

/// `--store PATH|URL`, shared by every command that touches responses: a SQLite file, or a
/// PostgreSQL database named by a `postgres://` URL.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The response store: a SQLite file, or postgres://USER@HOST:5432/DATABASE.", discussion: "Default: $SAMLA_STORE, else ./samla.sqlite.", valueName: "path|url"))
    var store: String?

    /// The location as given (a PostgreSQL URL may hold a password: messages show `path`).
    var location: String { store ?? ResponseStore.defaultPath() }

    /// The location as messages show it, without a password.
    var path: String { ResponseStore.shownLocation(location) }

    func open() throws -> ResponseStore {
        try Self.open(location)
    }

    /// The store, which must exist already: for commands that only read it.
    func openExisting() throws -> ResponseStore {
        try Self.openExisting(location)
    }

    static func open(_ path: String) throws -> ResponseStore {
        try ResponseStore(path: path)
    }

    static func openExisting(_ path: String) throws -> ResponseStore {
        try ResponseStore(path: path, create: false)
    }
}
