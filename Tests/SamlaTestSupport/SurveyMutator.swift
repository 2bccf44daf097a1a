import Foundation

/// Makes malformed survey files from valid ones, for the loader's fuzz tests: lines deleted,
/// repeated and swapped, scalars turned into extreme numbers or other kinds, random bytes, deep
/// nesting, alias bombs. Seeded, so a failing case can be made again from its number.
public struct SurveyMutator {
    /// SplitMix64: small, fast and the same on every platform.
    public struct Random: RandomNumberGenerator {
        private var state: UInt64
        public init(seed: UInt64) { state = seed }
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// The kinds of change, named so a failure says which one broke the loader.
    public enum Kind: String, CaseIterable, Sendable {
        case deleteLine, duplicateLine, swapLines, extremeScalar, wrongKind, scaleUpsideDown, reindent,
             randomBytes, truncate, deepFlow, deepBlock, aliasBomb, manyEdits
    }

    static let extremes = [
        "99999999999999999999", "-99999999999999999999", "9223372036854775807", "-9223372036854775808",
        "9223372036854775808", "1e400", "-1e400", ".nan", ".inf", "-.inf", "nan", "0x7FFFFFFFFFFFFFFF", "-0", "0",
        "1_000", "1.5", "''", "~", "null", "[]", "{}", "[1, 2]", "{min: 5, max: 1}", "yes", "\"\"", "'\\u0000'",
        "*undefined", "&a x", "!!binary AAAA", "!custom x", "? x", "- x", "|", ">", "%", "@", "`",
    ]

    public let seeds: [String]
    public init(seeds: [String]) { self.seeds = seeds }

    /// Case `number`: the same for the same number on every run.
    public func mutant(_ number: Int) -> (kind: Kind, bytes: Data) {
        var random = Random(seed: UInt64(number) &* 0x2545_F491_4F6C_DD1D &+ 1)
        let kind = Kind.allCases[number % Kind.allCases.count]
        let seed = seeds[Int.random(in: 0 ..< seeds.count, using: &random)]
        return (kind, apply(kind, to: seed, random: &random))
    }

    private func apply(_ kind: Kind, to text: String, random: inout Random) -> Data {
        var lines = text.components(separatedBy: "\n")
        func anyLine() -> Int { Int.random(in: 0 ..< lines.count, using: &random) }
        switch kind {
        case .deleteLine:
            for _ in 0 ..< Int.random(in: 1 ... 3, using: &random) where lines.count > 1 { lines.remove(at: anyLine()) }
        case .duplicateLine:
            let line = anyLine()
            lines.insert(lines[line], at: anyLine())
        case .swapLines:
            lines.swapAt(anyLine(), anyLine())
        case .extremeScalar, .wrongKind:
            // The value after a key's colon, or a list item's text.
            let candidates = lines.indices.filter { lines[$0].contains(": ") || lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix("- ") }
            if let line = candidates.randomElement(using: &random) {
                let value = kind == .extremeScalar ? Self.extremes.randomElement(using: &random)!
                    : ["single_choice", "scale", "number", "text", "multiple_choice", "[a, b]", "{x: 1}", "- y"].randomElement(using: &random)!
                if let colon = lines[line].range(of: ": ") {
                    lines[line] = String(lines[line][..<colon.upperBound]) + value
                } else {
                    lines[line] = lines[line].replacingOccurrences(of: "- ", with: "- \(value) ")
                }
            }
        case .scaleUpsideDown:
            let low = [5, 10, 99999999, -1].randomElement(using: &random)!
            lines.append("  - id: upside-down-\(low)")
            lines.append("    type: scale")
            lines.append("    text: {sv: Skala, en: Scale}")
            lines.append("    scale: {min: \(low), max: \(low - Int.random(in: 0 ... 4, using: &random)), labels: {1: {sv: Låg, en: Low}, \(low): {sv: Hög, en: High}}}")
        case .reindent:
            let line = anyLine()
            lines[line] = String(repeating: " ", count: Int.random(in: 0 ... 9, using: &random))
                + lines[line].trimmingCharacters(in: .whitespaces)
        case .randomBytes:
            var bytes = Array(text.utf8)
            for _ in 0 ..< Int.random(in: 1 ... 8, using: &random) {
                let at = Int.random(in: 0 ... bytes.count, using: &random)
                let byte = [0x00, 0x01, 0x09, 0x0D, 0x1B, 0x7F, 0x80, 0xC3, 0xE2, 0xF0, 0xFE, 0xFF, 0x22, 0x27, 0x3A, 0x5B, 0x7B, 0x2A, 0x26]
                    .randomElement(using: &random)!
                bytes.insert(UInt8(byte), at: at)
            }
            return Data(bytes)
        case .truncate:
            let bytes = Array(text.utf8)
            return Data(bytes.prefix(Int.random(in: 0 ... bytes.count, using: &random)))
        case .deepFlow:
            let depth = [200, 5_000, 100_000].randomElement(using: &random)!
            let open = Bool.random(using: &random) ? "[" : "{a: "
            let close = open == "[" ? "]" : "}"
            let nested = String(repeating: open, count: depth) + "x" + String(repeating: close, count: depth)
            lines.insert("description: \(nested)", at: min(lines.count, 3))
        case .deepBlock:
            let depth = [150, 3_000].randomElement(using: &random)!
            var block = ["description:"]
            for level in 1 ... depth { block.append(String(repeating: " ", count: level) + "- ") }
            lines.insert(contentsOf: block, at: min(lines.count, 3))
        case .aliasBomb:
            var bomb = ["bomb0: &b0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
            for level in 1 ... 9 {
                bomb.append("bomb\(level): &b\(level) [\(Array(repeating: "*b\(level - 1)", count: 9).joined(separator: ", "))]")
            }
            bomb.append("? *b9\n: boom")
            lines.insert(contentsOf: bomb, at: min(lines.count, 2))
        case .manyEdits:
            var data = Data(text.utf8)
            for _ in 0 ..< 4 {
                let next = Kind.allCases.filter { $0 != .manyEdits && $0 != .deepFlow && $0 != .deepBlock && $0 != .aliasBomb }
                    .randomElement(using: &random)!
                data = apply(next, to: String(decoding: data, as: UTF8.self), random: &random)
            }
            return data
        }
        return Data(lines.joined(separator: "\n").utf8)
    }
}
