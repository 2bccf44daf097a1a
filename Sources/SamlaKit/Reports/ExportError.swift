import Foundation

public enum ExportError: Error, CustomStringConvertible, LocalizedError {
    case cannotWrite(path: String, reason: String)
    case workbook(path: String, reason: String)
    /// The store gained or lost responses between the figures and the response listing.
    case storeChanged(expected: Int, found: Int)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason):
            return "\(path): error: cannot write the export: \(reason) (check that the folder exists and is writable)"
        case .workbook(let path, let reason):
            return "\(path): error: the workbook could not be written: \(reason); nothing was left under this name"
        case .storeChanged(let expected, let found):
            return "error: the store changed during the export (\(expected) responses counted, \(found) listed); nothing was written, export again"
        }
    }

    public var errorDescription: String? { description }
}
