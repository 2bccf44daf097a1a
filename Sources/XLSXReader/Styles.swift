import CLibXML2

/// From `styles.xml`, what each cell style (`s="3"` indexes `cellXfs`) does to a number: shows it
/// as a date or time, or not.
struct DateStyles: Sendable {
    /// One entry per cell style: the date kind its number format shows, nil for plain numbers.
    var kinds: [DateFormats.Kind?] = []

    func kind(ofStyle index: Int) -> DateFormats.Kind? {
        index >= 0 && index < kinds.count ? kinds[index] : nil
    }
}

final class StylesHandler: SAXContentHandler {
    private var customFormats: [Int: String] = [:]
    private var formatOfStyle: [Int] = []
    private var inCellStyles = false

    var styles: DateStyles {
        DateStyles(kinds: formatOfStyle.map { id in
            if let code = customFormats[id] { return DateFormats.custom(code) }
            return DateFormats.builtIn(id)
        })
    }

    func start(_ name: UnsafePointer<xmlChar>, _ attributes: SAXAttributes) {
        if XMLName.equals(name, "numFmt") {
            if let id = attributes.integer("numFmtId"), let code = attributes.string("formatCode") { customFormats[id] = code }
        } else if XMLName.equals(name, "cellXfs") {
            inCellStyles = true
        } else if inCellStyles, XMLName.equals(name, "xf") {
            formatOfStyle.append(attributes.integer("numFmtId") ?? 0)
        }
    }

    func end(_ name: UnsafePointer<xmlChar>) {
        if XMLName.equals(name, "cellXfs") { inCellStyles = false }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
}
