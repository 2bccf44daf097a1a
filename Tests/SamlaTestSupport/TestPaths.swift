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

    /// A new empty folder under the system's temporary directory.
    public static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("samla-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The end-to-end tests' name for the same paths.
public typealias EndToEndPaths = TestPaths
