/// The text encodings the reader can decode. Single-byte code pages are limited to the three that
/// survey and spreadsheet exports realistically arrive in; anything else must be converted first.
public enum TextEncoding: String, CaseIterable, Sendable, CustomStringConvertible {
    case utf8 = "utf-8"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    case windows1252 = "windows-1252"
    case macRoman = "macroman"
    case cp850 = "cp850"

    /// Parses a name as a user would type it on a command line (`--encoding ...`).
    /// "utf-16" without a byte order means little-endian, Windows' default, but a byte order mark
    /// in the file still decides the order. "latin1"/"iso-8859-1" are read as Windows-1252 because
    /// that is what files labelled Latin-1 almost always are (and it is a superset for text).
    public init?(userName: String) {
        let key = userName.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }
        switch key {
        case "utf8", "utf8bom", "utf8sig": self = .utf8
        case "utf16", "utf16le", "ucs2", "ucs2le", "unicode": self = .utf16LE
        case "utf16be", "ucs2be": self = .utf16BE
        case "windows1252", "cp1252", "win1252", "latin1", "iso88591", "l1", "ansi", "1252", "ms1252":
            self = .windows1252
        case "macroman", "mac", "macintosh", "xmacroman", "macosroman", "10000":
            self = .macRoman
        case "cp850", "ibm850", "850", "dos850", "msdos850", "oem850":
            self = .cp850
        default: return nil
        }
    }

    /// The names accepted by `init(userName:)`, for help texts and error hints.
    public static let userNames = "utf-8|utf-16|utf-16le|utf-16be|windows-1252|macroman|cp850"

    public var description: String { rawValue }

    /// Human-readable name for messages.
    public var displayName: String {
        switch self {
        case .utf8: return "UTF-8"
        case .utf16LE: return "UTF-16 little-endian"
        case .utf16BE: return "UTF-16 big-endian"
        case .windows1252: return "Windows-1252"
        case .macRoman: return "MacRoman"
        case .cp850: return "CP850"
        }
    }

    var isUTF16: Bool { self == .utf16LE || self == .utf16BE }

    var codePage: CodePage? {
        switch self {
        case .windows1252: return .windows1252
        case .macRoman: return .macRoman
        case .cp850: return .cp850
        default: return nil
        }
    }
}
