/// What a tool's own column holds.
public enum ToolField: String, Sendable, Hashable {
    /// The tool's id of the response: what makes a re-imported row the same row.
    case responseID = "response-id"
    case started
    case submitted
    case language
    case email
    case name
    /// Kept as metadata, otherwise unused.
    case other
}

/// Finds the tool's own columns of a header from its layout's description.
enum ToolColumns {
    /// The tool field each header cell names, nil for the rest. Only the first column of a name
    /// counts, and where the tool writes its columns in a block, only inside it: a question headed
    /// "Name" after Microsoft's own "Name" is a question.
    static func fields(header: [String], layout: ExportLayout) -> [ToolField?] {
        let details = layout.details
        var byKey: [String: ToolField] = [:]
        for column in details.toolColumns {
            for key in column.keys where byKey[key] == nil { byKey[key] = column.field }
        }
        var used = Set<String>()
        var leading = true
        var inTail = false
        return header.map { name -> ToolField? in
            let key = TextKey.make(name)
            if case .leadingAndTail(let from) = details.toolColumnPlacement, from.contains(key) { inTail = true }
            if inTail {
                // Typeform's hidden fields follow its own columns: kept as metadata under their names.
                used.insert(key)
                return byKey[key] ?? .other
            }
            if let field = byKey[key], !used.contains(key) {
                var placed = leading
                if case .anywhere = details.toolColumnPlacement { placed = true }
                if placed {
                    used.insert(key)
                    return field
                }
            }
            let lowered = name.lowercased()
            if details.toolColumnPrefixes.contains(where: { lowered.hasPrefix($0) }) { return .other }
            leading = false
            return nil
        }
    }
}
