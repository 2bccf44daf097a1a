import Foundation
import CLibXML2

/// The attributes of one start tag as libxml2 hands them over: five pointers per attribute
/// (local name, prefix, URI, value start, value end), values not terminated and not yet decoded
/// (libxml2 keeps `&amp;` as `&#38;` when it does not replace entities; see `XMLText`).
struct SAXAttributes {
    let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    /// The raw value of the attribute whose local name is `name` (any prefix).
    func raw(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        for index in 0..<count {
            let slot = base + index * 5
            guard let local = slot[0], XMLName.equals(local, name), let start = slot[3], let end = slot[4] else { continue }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// The decoded value of an attribute, as text.
    func string(_ name: StaticString) -> String? {
        raw(name).map(XMLText.decodeReferences)
    }

    /// A whole-number attribute (`r="12"`, `s="3"`); nil when absent or not a number.
    func integer(_ name: StaticString) -> Int? {
        guard let bytes = raw(name), !bytes.isEmpty, bytes.count < 19 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}

/// What a part's content is to its reader: start and end tags by local name, and text.
protocol SAXContentHandler: AnyObject {
    func start(_ name: UnsafePointer<xmlChar>, _ attributes: SAXAttributes)
    func end(_ name: UnsafePointer<xmlChar>)
    func text(_ bytes: UnsafeBufferPointer<UInt8>)
}

/// libxml2's push parser: fed chunk by chunk as the zip inflates them, it calls the handler as
/// tags close, so no part is ever held whole. Entities are not replaced and no DTD or network
/// resource is loaded: a workbook cannot make the reader fetch anything.
final class SAXPushParser {
    private final class Context {
        let handler: SAXContentHandler
        var firstError: (message: String, line: Int, column: Int)?
        init(handler: SAXContentHandler) { self.handler = handler }
    }

    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    private let part: String
    private let context: Context
    private let unmanaged: Unmanaged<Context>
    private var parser: xmlParserCtxtPtr?
    private var handlerTable = xmlSAXHandler()

    init(part: String, handler: SAXContentHandler) {
        _ = Self.initialised
        self.part = part
        context = Context(handler: handler)
        unmanaged = Unmanaged.passRetained(context)
        handlerTable.initialized = XML_SAX2_MAGIC
        handlerTable.startElementNs = { ctx, localname, _, _, _, _, count, _, attributes in
            guard let ctx, let localname else { return }
            let context = Unmanaged<Context>.fromOpaque(ctx).takeUnretainedValue()
            context.handler.start(localname, SAXAttributes(base: attributes, count: Int(count)))
        }
        handlerTable.endElementNs = { ctx, localname, _, _ in
            guard let ctx, let localname else { return }
            Unmanaged<Context>.fromOpaque(ctx).takeUnretainedValue().handler.end(localname)
        }
        let characters: charactersSAXFunc = { ctx, bytes, length in
            guard let ctx, let bytes, length > 0 else { return }
            Unmanaged<Context>.fromOpaque(ctx).takeUnretainedValue().handler.text(UnsafeBufferPointer(start: bytes, count: Int(length)))
        }
        handlerTable.characters = characters
        handlerTable.cdataBlock = characters
        // Structured errors: kept for the message instead of printed on stderr.
        handlerTable.serror = { ctx, error in
            guard let ctx, let error else { return }
            let context = Unmanaged<Context>.fromOpaque(ctx).takeUnretainedValue()
            guard context.firstError == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            let message = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
            context.firstError = (message.trimmingCharacters(in: .whitespacesAndNewlines), Int(error.pointee.line), Int(error.pointee.int2))
        }
    }

    deinit {
        if let parser { xmlFreeParserCtxt(parser) }
        unmanaged.release()
    }

    /// Feeds the next chunk of the part; throws at the first error with its line and column.
    func feed(_ bytes: UnsafeRawBufferPointer) throws(XLSXError) {
        var offset = 0
        // xmlParseChunk takes an Int32 length: feed huge chunks in slices.
        repeat {
            let length = min(bytes.count - offset, 1 << 20)
            let start = bytes.baseAddress.map { $0.advanced(by: offset).assumingMemoryBound(to: CChar.self) }
            try parse(start, Int32(length), terminate: false)
            offset += length
        } while offset < bytes.count
    }

    /// Tells the parser the part has ended; throws if it ended inside a tag.
    func finish() throws(XLSXError) {
        try parse(nil, 0, terminate: true)
    }

    private func parse(_ bytes: UnsafePointer<CChar>?, _ length: Int32, terminate: Bool) throws(XLSXError) {
        if parser == nil {
            parser = withUnsafeMutablePointer(to: &handlerTable) { table in
                xmlCreatePushParserCtxt(table, unmanaged.toOpaque(), nil, 0, nil)
            }
            guard let parser else { throw XLSXError.malformedPart(part: part, line: 0, column: 0, reason: "the XML parser could not start") }
            xmlCtxtUseOptions(parser, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue))
        }
        let status = xmlParseChunk(parser, bytes, length, terminate ? 1 : 0)
        if status != 0 || context.firstError != nil {
            let error = context.firstError ?? ("malformed XML (libxml2 error \(status))", 0, 0)
            throw XLSXError.malformedPart(part: part, line: error.line, column: error.column, reason: error.message)
        }
    }
}

/// Tag names compared as bytes, without making Strings in the inner loop.
enum XMLName {
    static func equals(_ name: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let expected = literal.utf8Start
        for index in 0..<count {
            if name[index] != expected[index] { return false }
        }
        return name[count] == 0
    }
}
