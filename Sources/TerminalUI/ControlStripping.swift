/// Removes what a terminal would act on from text: escape sequences (CSI, SS3, OSC and the other
/// control strings, two-byte escapes) and control characters (C0, DEL, C1).
///
/// Used on every line read in line mode and on pasted text, so that bytes of an arrow key typed at
/// a line prompt, or a colour code in pasted text, never become part of an answer.
public enum ControlStripping {
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            // Directional formatting could reorder what the host later reads; no answer needs it.
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// `text` without escape sequences and control characters. With `keepNewlines`, line breaks
    /// (CR LF, CR, LF) become "\n"; otherwise they and tabs become spaces.
    public static func clean(_ text: String, keepNewlines: Bool = false) -> String {
        var result = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\u{1B}":
                skipEscape(&scalars)
            case "\u{9B}":
                skipCSI(&scalars)
            case "\r":
                if scalars.first == "\n" { scalars.removeFirst() }
                result.append(keepNewlines ? "\n" : " ")
            case "\n":
                result.append(keepNewlines ? "\n" : " ")
            case "\t":
                result.append(" ")
            default:
                if !isControl(scalar) { result.append(scalar) }
            }
        }
        return String(result)
    }

    private static func skipEscape(_ scalars: inout ArraySlice<Unicode.Scalar>) {
        guard let next = scalars.popFirst() else { return }
        switch next {
        case "[": skipCSI(&scalars)
        case "O": _ = scalars.popFirst()
        case "]", "P", "X", "^", "_":
            // A control string ends with BEL or ESC \.
            while let scalar = scalars.popFirst() {
                if scalar == "\u{07}" { return }
                if scalar == "\u{1B}" { _ = scalars.popFirst(); return }
            }
        default: return
        }
    }

    private static func skipCSI(_ scalars: inout ArraySlice<Unicode.Scalar>) {
        while let scalar = scalars.first, (0x20...0x3F).contains(scalar.value) { scalars.removeFirst() }
        if let final = scalars.first, (0x40...0x7E).contains(final.value) { scalars.removeFirst() }
    }
}
