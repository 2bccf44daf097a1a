/// Makes arbitrary text (respondents' answers included) storable in a cell and shown back exactly.
///
/// Three hazards are removed:
/// - Characters XML 1.0 forbids (NUL and the other C0 controls except tab and line feed,
///   U+FFFE, U+FFFF). libxlsxwriter would emit them as `_xHHHH_` escapes, which is legal but shows
///   junk for NUL and friends; a bare CR is turned into LF (and CRLF into LF) because Excel's
///   line break inside a cell is LF.
/// - `_xHHHH_` sequences already in the text. Excel and other readers decode them as escaped
///   characters, so `_x0041_` would be shown as `A`. Escaping the leading underscore as `_x005F_`
///   makes readers show the text literally.
/// - Text longer than Excel's 32,767-character cell limit, which libxlsxwriter refuses. It is cut
///   at a character boundary and ends with ``truncationMarker`` so a reader can see it was cut.
///   The limit is counted in UTF-16 code units of the escaped text: that is what Excel counts,
///   and never less than the code points libxlsxwriter counts.
public enum CellText {
    /// Excel's maximum number of characters in one cell.
    public static let maxLength = 32_767
    /// Appended to text that had to be shortened.
    public static let truncationMarker = "… [truncated]"

    /// The text as it should be handed to libxlsxwriter for a string cell.
    public static func safe(_ text: String) -> String {
        safe(text, limit: maxLength)
    }

    /// As ``safe(_:)`` with a smaller limit (table headers allow 255 characters).
    static func safe(_ text: String, limit: Int) -> String {
        let escaped = escapeUnderscoreSequences(removingIllegalCharacters(text))
        return truncated(escaped, limit: limit)
    }

    /// Drops XML-illegal characters and normalises line endings to LF, nothing more. For text
    /// outside cells (chart titles, sheet names) where `_xHHHH_` is not decoded.
    static func removingIllegalCharacters(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0x0D {
                scalars.append("\n")
                previousWasCR = true
                continue
            }
            defer { previousWasCR = false }
            if value == 0x0A && previousWasCR { continue }
            if value < 0x20 && value != 0x09 && value != 0x0A { continue }
            if value == 0xFFFE || value == 0xFFFF { continue }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// Writes `_x005F_` in front of every `_xHHHH_` that starts in the text, overlapping ones
    /// included: after `_x0041` a reader rescans from the next underscore, so `_x0041_x0042_`
    /// needs both underscores escaped to come back unchanged. An escape that turns out to be
    /// unnecessary is harmless because `_x005F_` always decodes to `_`. Upper-case `X` is escaped
    /// too for the same reason: some readers may accept it.
    static func escapeUnderscoreSequences(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count >= 7, bytes.contains(UInt8(ascii: "_")) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 14)
        let escape = Array("_x005F".utf8)
        for index in bytes.indices {
            if startsEscapeSequence(bytes, at: index) {
                output.append(contentsOf: escape)
            }
            output.append(bytes[index])
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func startsEscapeSequence<C: RandomAccessCollection>(_ bytes: C, at index: C.Index) -> Bool
    where C.Element == UInt8, C.Index == Int {
        guard index + 6 < bytes.endIndex,
              bytes[index] == UInt8(ascii: "_"),
              bytes[index + 1] == UInt8(ascii: "x") || bytes[index + 1] == UInt8(ascii: "X"),
              bytes[index + 6] == UInt8(ascii: "_")
        else { return false }
        for offset in 2...5 where !isHexDigit(bytes[index + offset]) { return false }
        return true
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }

    static func truncated(_ text: String, limit: Int) -> String {
        guard text.utf16.count > limit else { return text }
        let budget = max(0, limit - truncationMarker.utf16.count)
        var used = 0
        var end = text.startIndex
        // Cutting on Character boundaries keeps surrogate pairs and combining marks whole.
        for index in text.indices {
            let width = text[index].utf16.count
            if used + width > budget { break }
            used += width
            end = text.index(after: index)
        }
        return String(text[..<end]) + truncationMarker
    }

    /// Calls `body` with `text` made safe as a C string. Most cells need no cleaning: they are handed
    /// the string's own bytes, and a cleaned copy is built only when the scan finds something.
    static func withSafeCString<T>(_ text: String, _ body: (UnsafePointer<CChar>) throws -> T) rethrows -> T {
        let count = text.utf8.count
        let isSafe = text.withCString { pointer in
            isAlreadySafe(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: count))
        }
        return try (isSafe ? text : safe(text)).withCString(body)
    }

    /// Calls `body` with the UTF-8 bytes of `text` made safe (not NUL-terminated): the string's own
    /// bytes when it needs no cleaning, as in ``withSafeCString(_:_:)``, without measuring them again.
    static func withSafeUTF8<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        var text = text
        if !text.withUTF8(isAlreadySafe) { text = safe(text) }
        return try text.withUTF8(body)
    }

    /// True when `safe` would change nothing. Looks only at UTF-8 bytes so the common case
    /// (clean, short text) costs one pass and no allocation.
    static func isAlreadySafe(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // UTF-16 length never exceeds UTF-8 length, so short byte counts need no further check.
        if bytes.count > maxLength { return false }
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x20 {
                if byte != 0x09 && byte != 0x0A { return false }
            } else if byte == UInt8(ascii: "_") {
                if startsEscapeSequence(bytes, at: index) { return false }
            } else if byte == 0xEF, index + 2 < count, bytes[index + 1] == 0xBF,
                      bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF {
                return false
            }
            index += 1
        }
        return true
    }
}
