import Foundation

/// Paths the tests read: the repository, its bundled surveys, and the shared corpora beside it.
public enum TestPaths {
    public static let repository: URL = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("cannot find the repository above \(#filePath)")
    }()

    public static func repo(_ relative: String) -> String {
        repository.appendingPathComponent(relative).path
    }

    /// `../shared` beside the checkout, as the work tree and CI lay it out.
    public static func shared(_ relative: String) -> String {
        repository.deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent(relative).path
    }

    /// The built `samla` binary: `$SAMLA_BINARY`, else the one in the test bundle's build folder.
    public static let samlaBinary: String = {
        if let path = ProcessInfo.processInfo.environment["SAMLA_BINARY"] { return path }
        // The test bundle sits in the same build folder as the executable.
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("samla").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        return repo(".build/debug/samla")
    }()

    /// A new empty folder under the system's temporary directory.
    public static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("samla-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The end-to-end tests' name for the same paths.
public typealias EndToEndPaths = TestPaths
