import Foundation

/// Text as people compare it by eye: case, spacing and punctuation ignored, so
/// "Which city are you based in?" in a header matches "which city are you based in" in a survey.
/// Punctuation between two digits is kept as one `_`, so that codes stay apart: `Q19_1` is not `Q191`.
enum TextKey {
    static func make(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        // Set when punctuation follows a digit: written as `_` if a digit comes next.
        var gapAfterDigit = false
        var lastWasDigit = false
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    out.append(Unicode.Scalar(byte + 32)); lastWasDigit = false; gapAfterDigit = false
                case UInt8(ascii: "a")...UInt8(ascii: "z"):
                    out.append(Unicode.Scalar(byte)); lastWasDigit = false; gapAfterDigit = false
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if gapAfterDigit { out.append("_") }
                    out.append(Unicode.Scalar(byte)); lastWasDigit = true; gapAfterDigit = false
                default:
                    if lastWasDigit { gapAfterDigit = true }
                    lastWasDigit = false
                }
            }
            return String(out)
        }
        // Decomposed and precomposed "å" must give the same key.
        for scalar in String(text).precomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            if scalar.properties.numericType != nil && scalar.isASCII {
                if gapAfterDigit { out.append("_") }
                out.append(scalar); lastWasDigit = true; gapAfterDigit = false
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                out.append(scalar); lastWasDigit = false; gapAfterDigit = false
            } else {
                if lastWasDigit { gapAfterDigit = true }
                lastWasDigit = false
            }
        }
        return String(out)
    }
}
