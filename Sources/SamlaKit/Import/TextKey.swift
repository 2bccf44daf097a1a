import Foundation

/// Text as people compare it by eye: case, spacing and punctuation ignored, so
/// "Which city are you based in?" in a header matches "which city are you based in" in a survey.
enum TextKey {
    static func make(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): out.append(Unicode.Scalar(byte + 32))
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): out.append(Unicode.Scalar(byte))
                default: continue
                }
            }
            return String(out)
        }
        // Decomposed and precomposed "å" must give the same key.
        for scalar in String(text).precomposedStringWithCanonicalMapping.lowercased().unicodeScalars
        where scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
            out.append(scalar)
        }
        return String(out)
    }
}
