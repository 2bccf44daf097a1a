/// Breaks text into lines of at most `width` characters at spaces (a longer word is cut), the
/// lines after the first indented by `indent`. Each character counts as one column.
public enum TextWrap {
    public static func lines(_ text: String, width: Int, indent: Int = 0) -> [String] {
        let width = max(indent + 8, width)
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        let padding = String(repeating: " ", count: indent)
        func limit() -> Int { lines.isEmpty ? width : width - indent }
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            var word = Substring(word)
            while !word.isEmpty {
                let room = limit() - currentWidth - (currentWidth > 0 ? 1 : 0)
                if word.count <= room {
                    current += (currentWidth > 0 ? " " : "") + word
                    currentWidth += (currentWidth > 0 ? 1 : 0) + word.count
                    word = ""
                } else if currentWidth > 0 {
                    lines.append(current)
                    current = ""
                    currentWidth = 0
                } else {
                    let cut = word.prefix(limit())
                    lines.append(String(cut))
                    word = word.dropFirst(cut.count)
                }
            }
        }
        if currentWidth > 0 || lines.isEmpty { lines.append(current) }
        return lines.enumerated().map { $0.offset == 0 ? $0.element : padding + $0.element }
    }
}
