import CLibXML2

/// The workbook's shared strings, which cells name by index: held for the whole read, so kept as
/// one contiguous UTF-8 buffer and an offset per string (a few bytes of overhead per string, not
/// an object each).
public struct SharedStrings: Sendable {
    private var bytes: [UInt8] = []
    /// `offsets[i]..<offsets[i + 1]` is string i.
    private var offsets: [Int] = [0]

    public init() {}

    public var count: Int { offsets.count - 1 }

    /// The bytes the table holds, for measuring it.
    public var byteCount: Int { bytes.count + offsets.count * MemoryLayout<Int>.size }

    mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: text)
    }

    mutating func endString() {
        offsets.append(bytes.count)
    }

    public subscript(index: Int) -> String? {
        guard index >= 0, index < count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[offsets[index]..<offsets[index + 1]]), as: UTF8.self)
        }
    }
}

/// Reads `sharedStrings.xml`: each `<si>` is a plain `<t>` or rich-text runs `<r><t>`, whose
/// texts join; phonetic guides (`<rPh>`) are not part of the text.
final class SharedStringsHandler: SAXContentHandler {
    var table = SharedStrings()
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0

    func start(_ name: UnsafePointer<xmlChar>, _ attributes: SAXAttributes) {
        if XMLName.equals(name, "si") {
            inItem = true
        } else if XMLName.equals(name, "rPh") {
            phoneticDepth += 1
        } else if inItem, phoneticDepth == 0, XMLName.equals(name, "t") {
            inText = true
        }
    }

    func end(_ name: UnsafePointer<xmlChar>) {
        if XMLName.equals(name, "t") {
            inText = false
        } else if XMLName.equals(name, "rPh") {
            phoneticDepth = max(0, phoneticDepth - 1)
        } else if XMLName.equals(name, "si") {
            table.endString()
            inItem = false
        }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if inText { table.append(bytes) }
    }
}
