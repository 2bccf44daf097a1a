import CXLSXWriter

/// What a cell looks like. A plain value: build one, then register it with
/// ``Workbook/addFormat(_:)`` to get a ``Format`` usable in writes.
///
/// Styles are values rather than mutable format objects because libxlsxwriter fixes a format's
/// index the first time a cell uses it; editing a format afterwards silently affects some cells
/// and not others. An immutable style sidesteps that.
public struct CellStyle: Hashable, Sendable {
    public var bold: Bool
    public var italic: Bool
    public var fontColor: Color?
    public var fontSize: Double?
    public var backgroundColor: Color?
    public var border: BorderStyle?
    public var borderColor: Color?
    /// An Excel number format such as "0.0%", "#,##0" or "yyyy-mm-dd". At most 127 UTF-8 bytes.
    public var numberFormat: String?
    public var textWrap: Bool
    public var horizontalAlignment: HorizontalAlignment?
    public var verticalAlignment: VerticalAlignment?
    /// Indentation level, 0 to 15 (Excel's maximum).
    public var indent: Int

    public init(
        bold: Bool = false,
        italic: Bool = false,
        fontColor: Color? = nil,
        fontSize: Double? = nil,
        backgroundColor: Color? = nil,
        border: BorderStyle? = nil,
        borderColor: Color? = nil,
        numberFormat: String? = nil,
        textWrap: Bool = false,
        horizontalAlignment: HorizontalAlignment? = nil,
        verticalAlignment: VerticalAlignment? = nil,
        indent: Int = 0
    ) {
        self.bold = bold
        self.italic = italic
        self.fontColor = fontColor
        self.fontSize = fontSize
        self.backgroundColor = backgroundColor
        self.border = border
        self.borderColor = borderColor
        self.numberFormat = numberFormat
        self.textWrap = textWrap
        self.horizontalAlignment = horizontalAlignment
        self.verticalAlignment = verticalAlignment
        self.indent = indent
    }

    /// Longest number format libxlsxwriter stores without silently cutting it.
    static let maxNumberFormatBytes = Int(LXW_FORMAT_FIELD_LEN) - 1

    func validate() throws {
        if let numberFormat, numberFormat.utf8.count > Self.maxNumberFormatBytes || numberFormat.isEmpty {
            throw XLSXError.invalidArgument("number format must be 1 to \(Self.maxNumberFormatBytes) UTF-8 bytes")
        }
        if !(0...15).contains(indent) {
            throw XLSXError.invalidArgument("indent must be between 0 and 15, not \(indent)")
        }
        if let fontSize, !(fontSize >= 1 && fontSize <= 409) {
            throw XLSXError.invalidArgument("font size must be between 1 and 409 points")
        }
    }

    /// Copies the style into a fresh libxlsxwriter format.
    func apply(to format: UnsafeMutablePointer<lxw_format>) {
        if bold { format_set_bold(format) }
        if italic { format_set_italic(format) }
        if let fontColor { format_set_font_color(format, fontColor.lxwValue) }
        if let fontSize { format_set_font_size(format, fontSize) }
        if let backgroundColor {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, backgroundColor.lxwValue)
        }
        if let border { format_set_border(format, border.lxwValue) }
        if let borderColor { format_set_border_color(format, borderColor.lxwValue) }
        if let numberFormat { format_set_num_format(format, numberFormat) }
        if textWrap { format_set_text_wrap(format) }
        if let horizontalAlignment { format_set_align(format, horizontalAlignment.lxwValue) }
        if let verticalAlignment { format_set_align(format, verticalAlignment.lxwValue) }
        if indent > 0 { format_set_indent(format, UInt8(indent)) }
    }
}

public enum BorderStyle: Hashable, Sendable {
    case thin, medium, thick, dashed, dotted, double, hair

    var lxwValue: UInt8 {
        let value: lxw_format_borders
        switch self {
        case .thin: value = LXW_BORDER_THIN
        case .medium: value = LXW_BORDER_MEDIUM
        case .thick: value = LXW_BORDER_THICK
        case .dashed: value = LXW_BORDER_DASHED
        case .dotted: value = LXW_BORDER_DOTTED
        case .double: value = LXW_BORDER_DOUBLE
        case .hair: value = LXW_BORDER_HAIR
        }
        return UInt8(value.rawValue)
    }
}

public enum HorizontalAlignment: Hashable, Sendable {
    case left, center, right, fill, justify, centerAcross, distributed

    var lxwValue: UInt8 {
        let value: lxw_format_alignments
        switch self {
        case .left: value = LXW_ALIGN_LEFT
        case .center: value = LXW_ALIGN_CENTER
        case .right: value = LXW_ALIGN_RIGHT
        case .fill: value = LXW_ALIGN_FILL
        case .justify: value = LXW_ALIGN_JUSTIFY
        case .centerAcross: value = LXW_ALIGN_CENTER_ACROSS
        case .distributed: value = LXW_ALIGN_DISTRIBUTED
        }
        return UInt8(value.rawValue)
    }
}

public enum VerticalAlignment: Hashable, Sendable {
    case top, center, bottom, justify, distributed

    var lxwValue: UInt8 {
        let value: lxw_format_alignments
        switch self {
        case .top: value = LXW_ALIGN_VERTICAL_TOP
        case .center: value = LXW_ALIGN_VERTICAL_CENTER
        case .bottom: value = LXW_ALIGN_VERTICAL_BOTTOM
        case .justify: value = LXW_ALIGN_VERTICAL_JUSTIFY
        case .distributed: value = LXW_ALIGN_VERTICAL_DISTRIBUTED
        }
        return UInt8(value.rawValue)
    }
}

/// A registered ``CellStyle``, owned by the workbook that made it. Usable only with that
/// workbook and only until it is closed.
public final class Format {
    public let style: CellStyle
    let workbook: Workbook
    let handle: UnsafeMutablePointer<lxw_format>

    init(style: CellStyle, workbook: Workbook, handle: UnsafeMutablePointer<lxw_format>) {
        self.style = style
        self.workbook = workbook
        self.handle = handle
    }
}
