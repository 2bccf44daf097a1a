import Foundation
import XCTest
@testable import CSVReader

/// The shared corpora sit beside the clone: <checkout>/../shared/corpora.
enum Corpora {
    static let root: URL = {
        // Resolve symlinks: a scratch package may link to this folder from elsewhere.
        var dir = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        // Tests/CSVReaderTests/TestSupport.swift -> the package root is two levels up.
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path),
              dir.path != "/" {
            dir.deleteLastPathComponent()
        }
        return dir.deletingLastPathComponent().appendingPathComponent("shared/corpora")
    }()

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(relative)))
    }
}

/// Reads every record; header handling as asked (default: none, so tests see raw rows).
func readRows(_ url: URL, _ options: CSVOptions = CSVOptions(header: .none)) throws -> [[String]] {
    try CSVReader(url: url, options: options).readAll().map(\.fields)
}

func readRows(bytes: [UInt8], _ options: CSVOptions = CSVOptions(header: .none)) throws -> [[String]] {
    try CSVReader(bytes: bytes, options: options).readAll().map(\.fields)
}

/// Runs `body`, expecting a CSVError, and returns it.
func expectCSVError(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> CSVError? {
    do {
        try body()
        XCTFail("expected a CSVError", file: file, line: line)
        return nil
    } catch let error as CSVError {
        return error
    } catch {
        XCTFail("expected a CSVError, got \(error)", file: file, line: line)
        return nil
    }
}

/// Encodes text in one of the single-byte code pages with a small hand-made map, independent of
/// the reader's own tables (so a wrong table entry would show).
enum LegacyText {
    static let windows1252: [Character: UInt8] = [
        "å": 0xE5, "ä": 0xE4, "ö": 0xF6, "Å": 0xC5, "Ä": 0xC4, "Ö": 0xD6, "é": 0xE9, "É": 0xC9, "ü": 0xFC,
        "©": 0xA9, "€": 0x80, "’": 0x92, "ó": 0xF3, "í": 0xED, "ñ": 0xF1, "á": 0xE1, "´": 0xB4, "–": 0x96,
    ]
    static let macRoman: [Character: UInt8] = [
        "å": 0x8C, "ä": 0x8A, "ö": 0x9A, "Å": 0x81, "Ä": 0x80, "Ö": 0x85, "é": 0x8E, "É": 0x83, "ü": 0x9F,
        "©": 0xA9, "€": 0xDB, "’": 0xD5, "ó": 0x97, "í": 0x92, "ñ": 0x96, "á": 0x87,
    ]
    static let cp850: [Character: UInt8] = [
        "å": 0x86, "ä": 0x84, "ö": 0x94, "Å": 0x8F, "Ä": 0x8E, "Ö": 0x99, "é": 0x82, "É": 0x90, "ü": 0x81,
        "©": 0xB8,
    ]

    static func encode(_ s: String, _ map: [Character: UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for ch in s {
            if let b = map[ch] {
                out.append(b)
            } else {
                precondition(ch.isASCII, "no test mapping for \(ch)")
                out.append(contentsOf: ch.utf8)
            }
        }
        return out
    }
}

/// SplitMix64: tiny, fast, and the same sequence everywhere for a given seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("CSVReaderTests-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
}
