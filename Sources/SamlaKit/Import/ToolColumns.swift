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

/// The tool columns of each layout, by `TextKey` of their header, localised where known.
enum ToolColumns {
    static let googleTimestamp: Set<String> = ["timestamp", "tidstämpel", "marcatemporal", "horodateur", "zeitstempel",
                                               "tidsstempel", "aikaleima", "tijdstempel", "informazionecronologica"]
    static let microsoftStarted: Set<String> = ["starttime", "starttid", "startzeit", "heuredebut", "horadeinicio", "alkamisaika"]
    static let microsoftCompleted: Set<String> = ["completiontime", "sluttid", "sluttidpunkt", "slutförandetid", "fertigstellungszeit",
                                                  "heuredefin", "horadefinalizacion", "valmistumisaika"]

    private static let google: [String: ToolField] = {
        var fields: [String: ToolField] = [:]
        for key in googleTimestamp { fields[key] = .submitted }
        for key in ["emailaddress", "epostadress", "epost", "direcciondecorreoelectronico", "adressee-mail", "emailadresse", "email"] {
            fields[key] = .email
        }
        for key in ["score", "poäng", "puntuacion"] { fields[key] = .other }
        return fields
    }()

    private static let microsoft: [String: ToolField] = {
        var fields: [String: ToolField] = ["id": .responseID, "email": .email, "epost": .email, "emailadress": .email,
                                           "name": .name, "namn": .name, "lastmodifiedtime": .other,
                                           "senaständrad": .other, "senasteändringstid": .other,
                                           "totalpoints": .other, "quizfeedback": .other, "totalpoäng": .other]
        for key in microsoftStarted { fields[key] = .started }
        for key in microsoftCompleted { fields[key] = .submitted }
        return fields
    }()

    private static let limeSurvey: [String: ToolField] = [
        "id": .responseID, "submitdate": .submitted, "lastpage": .other, "startlanguage": .language, "seed": .other,
        "startdate": .started, "datestamp": .other, "ipaddr": .other, "refurl": .other, "token": .other,
    ]

    private static let kobo: [String: ToolField] = [
        "start": .started, "end": .submitted, "id": .other, "uuid": .responseID, "submissiontime": .other,
        "validationstatus": .other, "notes": .other, "status": .other, "submittedby": .other, "version": .other,
        "tags": .other, "index": .other, "today": .other, "deviceid": .other, "username": .other,
        "phonenumber": .other, "metainstanceid": .other, "formhubuuid": .other, "metarootuuid": .other,
        "submissiondate": .submitted, "key": .responseID, "submitterid": .other, "submittername": .other,
        "attachmentspresent": .other, "attachmentsexpected": .other, "reviewstate": .other, "edits": .other,
        "formversion": .other, "parentkey": .other, "metaaudit": .other,
    ]

    /// The tool field a header names in `layout`, if it is one of the tool's own columns.
    static func field(_ header: String, layout: ExportLayout) -> ToolField? {
        let key = TextKey.make(header)
        switch layout {
        case .googleForms: return google[key]
        case .microsoftForms:
            if let field = microsoft[key] { return field }
            // Quizzes add a points and a feedback column per question.
            let lowered = header.lowercased()
            if lowered.hasPrefix("points - ") || lowered.hasPrefix("feedback - ") || lowered.hasPrefix("poäng - ") { return .other }
            return nil
        case .limeSurvey: return limeSurvey[key]
        case .kobo: return kobo[key]
        case .generic: return nil
        }
    }
}
