/// Turns the bytes a terminal sends into keys: UTF-8 characters, C0 control bytes, CSI
/// (`ESC [ … final`) and SS3 (`ESC O x`) sequences, and bracketed paste (`ESC [200~ … ESC [201~`).
///
/// Bytes may arrive split anywhere across reads; what is incomplete waits for the next `feed`.
/// Anything it does not know (function keys, mouse reports, stray control bytes, malformed UTF-8)
/// is dropped, so no control byte or escape sequence ever reaches the text a prompt builds.
public struct KeyDecoder: Sendable {
    private enum State: Sendable {
        case ground
        case escape
        /// Inside `ESC [`: parameter and intermediate bytes so far.
        case csi([UInt8])
        case ss3
        /// Inside an OSC, DCS, SOS, PM or APC string, dropped up to its terminator.
        case controlString(sawEscape: Bool)
        /// A UTF-8 character: the bytes so far and how many it needs.
        case utf8([UInt8], needed: Int)
    }

    private var state: State = .ground
    /// Inside a bracketed paste: its raw bytes so far, nil outside one.
    private var paste: [UInt8]?

    public init() {}

    /// True while bytes wait for the rest of a sequence (a lone ESC might be the Escape key).
    public var isPending: Bool {
        if case .ground = state { return paste != nil }
        return true
    }

    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> [Key] where Bytes.Element == UInt8 {
        var keys: [Key] = []
        for byte in bytes { step(byte, into: &keys) }
        return keys
    }

    /// Called when no byte followed for a while: a waiting ESC was the Escape key; any other
    /// unfinished sequence is dropped.
    public mutating func flush() -> [Key] {
        defer { state = .ground }
        if case .escape = state, paste == nil { return [.escape] }
        return []
    }

    private mutating func step(_ byte: UInt8, into keys: inout [Key]) {
        if paste != nil {
            pasteStep(byte, into: &keys)
            return
        }
        switch state {
        case .ground:
            ground(byte, into: &keys)
        case .escape:
            switch byte {
            case UInt8(ascii: "["): state = .csi([])
            case UInt8(ascii: "O"): state = .ss3
            case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "X"), UInt8(ascii: "^"), UInt8(ascii: "_"):
                state = .controlString(sawEscape: false)
            case 0x1B:
                keys.append(.escape)
                state = .escape
            default:
                // Alt plus a key, or an escape sequence of two bytes: nothing a prompt uses.
                state = .ground
            }
        case .csi(let sofar):
            if (0x20...0x3F).contains(byte) {
                state = sofar.count < 32 ? .csi(sofar + [byte]) : .ground
            } else if (0x40...0x7E).contains(byte) {
                state = .ground
                if let key = Self.csiKey(parameters: sofar, final: byte) { keys.append(key) }
                else if sofar == Array("200".utf8), byte == UInt8(ascii: "~") { paste = [] }
            } else {
                // Not a CSI byte: the sequence is broken; drop it and read this byte afresh.
                state = .ground
                ground(byte, into: &keys)
            }
        case .ss3:
            state = .ground
            if let key = Self.finalKey(byte) { keys.append(key) }
        case .controlString(let sawEscape):
            if byte == 0x07 || (sawEscape && byte == UInt8(ascii: "\\")) { state = .ground }
            else { state = .controlString(sawEscape: byte == 0x1B) }
        case .utf8(let sofar, let needed):
            guard byte & 0xC0 == 0x80 else {
                state = .ground
                ground(byte, into: &keys)
                return
            }
            let bytes = sofar + [byte]
            if bytes.count < needed {
                state = .utf8(bytes, needed: needed)
            } else {
                state = .ground
                if let character = Self.printable(bytes) { keys.append(.character(character)) }
            }
        }
    }

    private mutating func ground(_ byte: UInt8, into keys: inout [Key]) {
        switch byte {
        case 0x1B: state = .escape
        case 0x0D, 0x0A: keys.append(.enter)
        case 0x09: keys.append(.tab)
        case 0x7F, 0x08: keys.append(.backspace)
        case 0x01...0x1A: keys.append(.control(Character(Unicode.Scalar(byte + 0x60))))
        case 0x1C: keys.append(.control("\\"))
        case 0x00, 0x1D...0x1F: break
        case 0x20...0x7E: keys.append(.character(Character(Unicode.Scalar(byte))))
        case 0xC2...0xDF: state = .utf8([byte], needed: 2)
        case 0xE0...0xEF: state = .utf8([byte], needed: 3)
        case 0xF0...0xF4: state = .utf8([byte], needed: 4)
        default: break // a stray continuation byte or an invalid lead byte
        }
    }

    private mutating func pasteStep(_ byte: UInt8, into keys: inout [Key]) {
        guard var bytes = paste else { return }
        bytes.append(byte)
        let end = Array("\u{1B}[201~".utf8)
        if bytes.count >= end.count, Array(bytes.suffix(end.count)) == end {
            paste = nil
            let text = ControlStripping.clean(String(decoding: bytes.dropLast(end.count), as: UTF8.self), keepNewlines: true)
            if !text.isEmpty { keys.append(.paste(text)) }
        } else if bytes.count > 1 << 20 {
            // A paste of over a megabyte is no answer anyone types: keep what fits and stop there.
            paste = nil
            let text = ControlStripping.clean(String(decoding: bytes, as: UTF8.self), keepNewlines: true)
            if !text.isEmpty { keys.append(.paste(text)) }
        } else {
            paste = bytes
        }
    }

    /// A decoded character unless it is a control character (C1 controls come as two UTF-8 bytes).
    private static func printable(_ bytes: [UInt8]) -> Character? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let scalar = text.unicodeScalars.first, text.unicodeScalars.count == 1,
              scalar != "\u{FFFD}", !ControlStripping.isControl(scalar) else { return nil }
        return Character(scalar)
    }

    private static func csiKey(parameters: [UInt8], final: UInt8) -> Key? {
        if final == UInt8(ascii: "~") {
            // `ESC [ n ~`, perhaps with modifiers after a semicolon.
            let number = parameters.prefix { $0 != UInt8(ascii: ";") }
            switch String(decoding: number, as: UTF8.self) {
            case "1", "7": return .home
            case "4", "8": return .end
            case "3": return .delete
            default: return nil // insert, page keys, F5 and up, paste start (handled by the caller)
            }
        }
        // Arrows come as `ESC [ A` or, with modifiers, `ESC [ 1 ; 5 A`; private sequences
        // (`ESC [ ? …`, `ESC [ < …` mouse reports) are no keys.
        if let first = parameters.first, !(0x30...0x39).contains(first), first != UInt8(ascii: ";") { return nil }
        return finalKey(final)
    }

    private static func finalKey(_ byte: UInt8) -> Key? {
        switch byte {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "M"): return .enter // keypad Enter in application mode
        default: return nil // F1–F4 (P, Q, R, S) and the rest
        }
    }
}
