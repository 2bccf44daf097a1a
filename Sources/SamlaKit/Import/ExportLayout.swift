/// The tool that wrote an export, recognised by its header: it decides which columns are the
/// tool's own, how multiple-choice answers are written and where a response's id is.
public enum ExportLayout: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    case googleForms = "google-forms"
    case microsoftForms = "microsoft-forms"
    case limeSurvey = "limesurvey"
    case kobo
    case generic

    /// Parses `--format` as a user types it ("google", "ms-forms", "kobotoolbox", "odk", ...).
    public init?(userName: String) {
        switch TextKey.make(userName) {
        case "googleforms", "google", "gforms": self = .googleForms
        case "microsoftforms", "microsoft", "msforms", "forms", "ms": self = .microsoftForms
        case "limesurvey", "lime", "ls": self = .limeSurvey
        case "kobo", "kobotoolbox", "odk", "odkcentral", "xlsform": self = .kobo
        case "generic", "csv", "other": self = .generic
        default: return nil
        }
    }

    public static let userNames = "auto|google-forms|microsoft-forms|limesurvey|kobo|generic"

    public var description: String { rawValue }

    public var displayName: String {
        switch self {
        case .googleForms: return "Google Forms"
        case .microsoftForms: return "Microsoft Forms"
        case .limeSurvey: return "LimeSurvey"
        case .kobo: return "KoboToolbox"
        case .generic: return "generic CSV"
        }
    }

    /// Recognises a layout by the tool columns its header starts (or, for Kobo, ends) with.
    public static func recognise(header: [String]) -> ExportLayout {
        let keys = header.map(TextKey.make)
        let present = Set(keys)
        if keys.count >= 4, Array(keys.prefix(4)) == ["id", "submitdate", "lastpage", "startlanguage"] {
            return .limeSurvey
        }
        if present.contains("uuid") && present.contains("submissiontime") { return .kobo }
        if keys.first == "submissiondate", present.contains("metainstanceid") || present.contains("key") { return .kobo }
        if keys.first == "id", keys.count >= 3,
           ToolColumns.microsoftStarted.contains(keys[1]), ToolColumns.microsoftCompleted.contains(keys[2]) {
            return .microsoftForms
        }
        if let first = keys.first, ToolColumns.googleTimestamp.contains(first) { return .googleForms }
        return .generic
    }

    /// How the tool joins several chosen labels in one cell.
    var multipleChoiceSeparators: [String] {
        switch self {
        case .googleForms: return [", "]
        case .microsoftForms: return [";"]
        case .kobo: return [" "]
        case .limeSurvey, .generic: return [";", ", ", "|"]
        }
    }

    /// Single-choice cells of code-based tools that mean "other" (its text, if any, is in its own column).
    var otherMarkers: Set<String> {
        switch self {
        case .limeSurvey: return ["-oth-"]
        case .kobo: return ["other"]
        default: return []
        }
    }

    /// LimeSurvey writes line breaks inside answers as the two characters `\n`.
    var escapesLineBreaks: Bool { self == .limeSurvey }
}
