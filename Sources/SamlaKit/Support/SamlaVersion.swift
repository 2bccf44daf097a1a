/// Samla's version, written into workbooks so a figure can be traced to the code that made it.
public enum SamlaVersion {
    public static let current = "0.1.0"
}
