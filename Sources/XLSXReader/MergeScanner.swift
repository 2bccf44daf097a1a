/// Finds a worksheet's merged ranges without parsing it. `<mergeCells>` comes after all the rows,
/// yet the header rows at the top need it; so the part is inflated once more and only scanned
/// for `<mergeCell ref="…">` tags. Markup cannot hide in text (a literal `<` there is always
/// escaped), so a byte scan finds exactly the tags.
struct MergeScanner {
    private enum State {
        case text
        /// Reading a tag's name after `<`.
        case name
        /// Inside a `mergeCell` tag, collecting it up to `>`.
        case mergeTag
        /// Inside some other tag: skip to `>`.
        case otherTag
    }

    private(set) var ranges: [CellRange] = []
    private var state = State.text
    private var name: [UInt8] = []
    private var tag: [UInt8] = []

    private static let mergeCell = Array("mergeCell".utf8)

    mutating func scan(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            switch state {
            case .text:
                if byte == UInt8(ascii: "<") {
                    state = .name
                    name.removeAll(keepingCapacity: true)
                }
            case .name:
                if byte == UInt8(ascii: ":") {
                    name.removeAll(keepingCapacity: true)
                } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") {
                    if name == Self.mergeCell, byte != UInt8(ascii: ">") {
                        state = .mergeTag
                        tag.removeAll(keepingCapacity: true)
                    } else {
                        state = byte == UInt8(ascii: ">") ? .text : .otherTag
                    }
                } else if name.count < Self.mergeCell.count {
                    name.append(byte)
                } else {
                    state = .otherTag
                }
            case .mergeTag:
                if byte == UInt8(ascii: ">") {
                    if let range = Self.reference(in: tag) { ranges.append(range) }
                    state = .text
                } else if tag.count < 256 {
                    tag.append(byte)
                }
            case .otherTag:
                if byte == UInt8(ascii: ">") { state = .text }
            }
        }
    }

    /// The value of `ref` in the tag's attributes.
    private static func reference(in tag: [UInt8]) -> CellRange? {
        let text = String(decoding: tag, as: UTF8.self)
        guard let key = text.range(of: "ref") else { return nil }
        let rest = text[key.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        return CellRange(String(value))
    }
}
