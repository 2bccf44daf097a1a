/// A 24-bit RGB colour as Excel stores it.
public struct Color: Hashable, Sendable, CustomStringConvertible {
    /// 0xRRGGBB.
    public let rgb: UInt32

    public init(rgb: UInt32) {
        self.rgb = rgb & 0xFF_FFFF
    }

    /// Parses "#RRGGBB" or "RRGGBB"; nil for anything else.
    public init?(hex: String) {
        var digits = Substring(hex)
        if digits.hasPrefix("#") { digits = digits.dropFirst() }
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        self.init(rgb: value)
    }

    public var description: String {
        let hex = String(rgb, radix: 16, uppercase: true)
        return "#" + String(repeating: "0", count: 6 - hex.count) + hex
    }

    public static let black = Color(rgb: 0x000000)
    public static let white = Color(rgb: 0xFFFFFF)

    /// libxlsxwriter reads 0 as "no colour", so black is passed with a high bit it masks away.
    var lxwValue: UInt32 { rgb == 0 ? 0x0100_0000 : rgb }
}
