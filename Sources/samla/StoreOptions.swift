import ArgumentParser
import SamlaKit

/// `--store PATH`, shared by every command that touches responses.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The response store (SQLite).", discussion: "Default: $SAMLA_STORE, else ./samla.sqlite.", valueName: "path"))
    var store: String?

    var path: String { store ?? ResponseStore.defaultPath() }

    func open() throws -> ResponseStore {
        try ResponseStore(path: path)
    }
}
