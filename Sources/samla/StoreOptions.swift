import ArgumentParser
import Foundation
import SamlaKit

/// `--store PATH`, shared by every command that touches responses.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The response store (SQLite).", discussion: "Default: $SAMLA_STORE, else ./samla.sqlite.", valueName: "path"))
    var store: String?

    var path: String { store ?? ResponseStore.defaultPath() }

    func open() throws -> ResponseStore {
        try ResponseStore(path: path)
    }

    /// The store, which must exist already: for commands that only read it.
    func openExisting() throws -> ResponseStore {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.notFound(path: path) }
        return try ResponseStore(path: path)
    }
}
