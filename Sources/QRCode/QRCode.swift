import CQREncode
import WebText

/// A QR code as its grid of modules, made by libqrencode, drawn as terminal text or SVG.
public struct QRCode: Sendable, Hashable {
    /// Modules per side, without the quiet zone.
    public let size: Int
    /// Row-major, `true` for a dark module.
    public let modules: [Bool]

    public enum Failure: Error, CustomStringConvertible {
        case tooLong(Int)
        public var description: String {
            switch self {
            case .tooLong(let bytes): return "\(bytes) bytes are too many for a QR code"
            }
        }
    }

    /// Encodes `text` as bytes (UTF-8) at error-correction level M, the version as small as fits.
    public init(_ text: String) throws(Failure) {
        let bytes = Array(text.utf8)
        guard let code = bytes.withUnsafeBufferPointer({ buffer in
            QRcode_encodeData(Int32(buffer.count), buffer.baseAddress, 0, QR_ECLEVEL_M)
        }) else { throw .tooLong(bytes.count) }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        // libqrencode's module byte: bit 0 is the colour (1 dark); the other bits say what the module is for.
        let data = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
        size = width
        modules = data.map { $0 & 1 == 1 }
    }

    /// Whether the module at `row`, `column` is dark; outside the grid (the quiet zone) is light.
    public func isDark(row: Int, column: Int) -> Bool {
        guard row >= 0, row < size, column >= 0, column < size else { return false }
        return modules[row * size + column]
    }

    /// Two module rows per text line in Unicode half blocks, with a quiet zone of `margin` modules.
    /// Light modules are drawn (block characters) and dark ones left blank, so the code reads on a
    /// terminal with a dark background; `colours` adds ANSI white-on-black so it reads on any.
    public func halfBlocks(margin: Int = 2, colours: Bool = false) -> String {
        var lines: [String] = []
        var row = -margin
        while row < size + margin {
            var line = colours ? "\u{1B}[97;40m" : ""
            for column in -margin..<(size + margin) {
                let top = !isDark(row: row, column: column)
                let bottom = row + 1 < size + margin ? !isDark(row: row + 1, column: column) : false
                switch (top, bottom) {
                case (true, true): line += "█"
                case (true, false): line += "▀"
                case (false, true): line += "▄"
                case (false, false): line += " "
                }
            }
            if colours { line += "\u{1B}[0m" }
            lines.append(line)
            row += 2
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An SVG image: one path of unit squares for the dark modules on a white square with a
    /// quiet zone of `margin` modules; it scales to any size without blurring.
    public func svg(margin: Int = 4, title: String? = nil) -> String {
        let side = size + 2 * margin
        var path = ""
        for row in 0..<size {
            var column = 0
            while column < size {
                guard isDark(row: row, column: column) else { column += 1; continue }
                var run = 1
                while isDark(row: row, column: column + run) { run += 1 }
                path += "M\(column + margin) \(row + margin)h\(run)v1h-\(run)z"
                column += run
            }
        }
        let label = title.map { "<title>\(HTMLText.escaped($0))</title>" } ?? ""
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges" role="img">\
            \(label)<rect width="\(side)" height="\(side)" fill="#fff"/><path d="\(path)" fill="#000"/></svg>
            """
    }
}
