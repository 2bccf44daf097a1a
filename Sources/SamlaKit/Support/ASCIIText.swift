/// Text that is all ASCII, where every byte is a character and case is A–Z against a–z: the fast
/// path of the keys made per response (an e-mail address, a sort key) beside their Unicode path.
enum ASCIIText {
    static func isASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// `text` with A–Z lowercased, the same as `lowercased()` gives for ASCII; nil when `text`
    /// is not all ASCII.
    static func lowercased(_ text: String) -> String? {
        guard isASCII(text) else { return nil }
        return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
