import Foundation

/// `trimmingCharacters(in: .whitespacesAndNewlines)` without Foundation's bridging where there is
/// nothing to trim: a text that starts and ends with a visible ASCII character (nearly every answer)
/// comes back as it is; anything else goes to Foundation. The call list trims every detail of every
/// consenting response, and Foundation's trim was a tenth of a large export.
enum WhitespaceTrim {
    static func trimmed(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last,
              first > 0x20, first < 0x7F, last > 0x20, last < 0x7F else {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return text
    }
}
