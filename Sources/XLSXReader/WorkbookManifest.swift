import CLibXML2

/// One sheet as the workbook lists it.
public struct SheetInfo: Sendable, Hashable {
    public var name: String
    /// Hidden sheets are still readable by name, but never taken as the first.
    public var isHidden: Bool
    /// The zip entry of its part; nil when the relationship is missing.
    var part: String?
    /// Chart and dialog sheets have no cells.
    var isWorksheet: Bool
}

/// A part's relationships (`_rels/*.rels`): id → (type, target).
final class RelationshipsHandler: SAXContentHandler {
    struct Relationship {
        var type: String
        var target: String
        var isExternal: Bool
    }
    var relationships: [String: Relationship] = [:]

    func start(_ name: UnsafePointer<xmlChar>, _ attributes: SAXAttributes) {
        guard XMLName.equals(name, "Relationship"), let id = attributes.string("Id"), let target = attributes.string("Target") else { return }
        relationships[id] = Relationship(type: attributes.string("Type") ?? "", target: target,
                                         isExternal: attributes.string("TargetMode") == "External")
    }

    func end(_ name: UnsafePointer<xmlChar>) {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}

    /// The first relationship whose type ends in `/kind` (transitional and strict OOXML name
    /// their types under different roots, with the same last word).
    func first(ofKind kind: String) -> Relationship? {
        relationships.sorted { $0.key < $1.key }.first { $0.value.type.hasSuffix("/" + kind) && !$0.value.isExternal }?.value
    }
}

/// `workbook.xml`: the sheets in workbook order and the date system.
final class WorkbookHandler: SAXContentHandler {
    struct Sheet {
        var name: String
        var relationship: String
        var hidden: Bool
    }
    var sheets: [Sheet] = []
    var date1904 = false

    func start(_ name: UnsafePointer<xmlChar>, _ attributes: SAXAttributes) {
        if XMLName.equals(name, "sheet") {
            let state = attributes.string("state")
            sheets.append(Sheet(name: attributes.string("name") ?? "", relationship: attributes.string("id") ?? "",
                                hidden: state == "hidden" || state == "veryHidden"))
        } else if XMLName.equals(name, "workbookPr") {
            let value = attributes.string("date1904")
            date1904 = value == "1" || value == "true"
        }
    }

    func end(_ name: UnsafePointer<xmlChar>) {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
}

/// Zip entry names from relationship targets: relative to the source part's folder, or absolute
/// from the package root.
enum PartPath {
    static func resolve(_ target: String, from source: String) -> String {
        var components: [Substring] = []
        if !target.hasPrefix("/") {
            components = source.split(separator: "/").dropLast()
        }
        for component in target.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        return components.joined(separator: "/")
    }

    /// The `_rels` entry of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
    static func relationships(of part: String) -> String {
        var components = part.split(separator: "/").map(String.init)
        let file = components.popLast() ?? ""
        return (components + ["_rels", file + ".rels"]).joined(separator: "/")
    }
}
