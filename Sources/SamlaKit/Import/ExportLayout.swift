/// The tool that wrote an export, recognised by its header: it decides which columns are the
/// tool's own, how multiple-choice answers are written and where a response's id is. What each
/// tool writes is described once, in `descriptions`; the rest of the importer reads the description.
public enum ExportLayout: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    case googleForms = "google-forms"
    case microsoftForms = "microsoft-forms"
    case limeSurvey = "limesurvey"
    case kobo
    case surveyMonkey = "surveymonkey"
    case qualtrics
    case typeform
    case generic

    /// Parses `--format` as a user types it ("google", "ms-forms", "kobotoolbox", "odk", ...).
    public init?(userName: String) {
        let key = TextKey.make(userName)
        guard let found = Self.descriptions.first(where: { $0.userNames.contains(key) || TextKey.make($0.layout.rawValue) == key }) else {
            return nil
        }
        self = found.layout
    }

    public static var userNames: String { "auto|" + allCases.map(\.rawValue).joined(separator: "|") }

    public var description: String { rawValue }

    public var displayName: String { details.displayName }

    /// Recognises a layout by the tool columns its first header row holds; generic when none fits.
    public static func recognise(header: [String]) -> ExportLayout {
        let keys = header.map { TextKey.make($0) }
        let present = Set(keys)
        for entry in descriptions where entry.signatures.contains(where: { $0.matches(keys, present: present) }) {
            return entry.layout
        }
        return .generic
    }

    var details: LayoutDescription {
        Self.byLayout[self] ?? Self.descriptions[Self.descriptions.count - 1]
    }

    private static let byLayout: [ExportLayout: LayoutDescription] =
        Dictionary(descriptions.map { ($0.layout, $0) }, uniquingKeysWith: { first, _ in first })

    /// Every layout, in the order their signatures are tried (the more specific first). Sources:
    /// `design/export-layouts.md`.
    static let descriptions: [LayoutDescription] = [
        LayoutDescription(
            layout: .limeSurvey, displayName: "LimeSurvey", userNames: ["limesurvey", "lime", "ls"],
            signatures: [
                Signature(prefix: [["id"], ["submitdate"], ["lastpage"]]),
                // Full question texts as headers localise the meta columns too.
                Signature(prefix: [["Response ID"], ["Date submitted"], ["Last page"]]),
                Signature(prefix: [["Antwort ID"], ["Datum Abgeschickt"], ["Letzte Seite"]]),
                Signature(prefix: [["ID de respuesta"], ["Fecha de envío"], ["Última página"]]),
            ],
            toolColumns: [
                ToolColumn(.responseID, "id", "Response ID", "Antwort ID", "ID de respuesta", "ID de réponse", "Svars-ID"),
                ToolColumn(.submitted, "submitdate", "Date submitted", "Datum Abgeschickt", "Fecha de envío", "Date de soumission"),
                ToolColumn(.other, "lastpage", "Last page", "Letzte Seite", "Última página", "Dernière page"),
                ToolColumn(.language, "startlanguage", "Start language", "Start-Sprache", "Idioma inicial", "Langue de départ"),
                ToolColumn(.other, "seed", "Seed", "Zufallsstartwert", "Semilla"),
                ToolColumn(.started, "startdate", "Date started", "Datum gestartet", "Fecha de inicio"),
                ToolColumn(.other, "datestamp", "Date last action", "Datum der letzten Aktivität", "Fecha de la última acción"),
                ToolColumn(.other, "ipaddr", "IP address", "IP-Adresse", "Dirección IP"),
                ToolColumn(.other, "refurl", "Referrer URL", "Referrer-URL", "URL de referencia"),
                ToolColumn(.other, "token", "Token", "Zugangsschlüssel", "Clave de acceso"),
            ],
            otherMarkers: ["-oth-"], choicesAreCodes: true, escapesLineBreaks: true, emptySubmissionIsDraft: true),
        LayoutDescription(
            layout: .kobo, displayName: "KoboToolbox", userNames: ["kobo", "kobotoolbox", "odk", "odkcentral", "xlsform"],
            signatures: [
                Signature(contains: ["_uuid", "_submission_time"]),
                Signature(prefix: [["SubmissionDate"]], contains: ["meta-instanceID"]),
                Signature(prefix: [["SubmissionDate"]], contains: ["KEY"]),
            ],
            toolColumns: [
                ToolColumn(.started, "start"), ToolColumn(.submitted, "end", "SubmissionDate"),
                ToolColumn(.responseID, "_uuid", "KEY"),
                ToolColumn(.other, "_id", "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by",
                           "__version__", "_tags", "_index", "today", "deviceid", "username", "phonenumber", "meta/instanceID",
                           "meta-instanceID", "formhub/uuid", "meta/rootUuid", "SubmitterID", "SubmitterName", "AttachmentsPresent",
                           "AttachmentsExpected", "ReviewState", "Edits", "FormVersion", "PARENT_KEY", "meta-audit", "DeviceID"),
            ],
            toolColumnPlacement: .anywhere, separators: [" "], separatorIsFixed: true, pathSeparator: "/",
            otherMarkers: ["other"], choicesAreCodes: true, choiceCellsAreIDsOnly: true),
        LayoutDescription(
            layout: .qualtrics, displayName: "Qualtrics", userNames: ["qualtrics", "qualtricsxm"],
            signatures: [Signature(prefix: [["StartDate", "Start Date"], ["EndDate", "End Date"], ["Status", "Response Type"]])],
            furtherHeaderRows: [.questionTexts, .importIDs],
            toolColumns: [
                ToolColumn(.started, "StartDate"), ToolColumn(.submitted, "EndDate"), ToolColumn(.responseID, "ResponseId"),
                ToolColumn(.language, "UserLanguage"),
                ToolColumn(.email, "RecipientEmail"), ToolColumn(.name, "RecipientFirstName"),
                ToolColumn(.other, "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished", "RecordedDate",
                           "RecipientLastName", "ExternalReference", "ExternalDataReference", "LocationLatitude",
                           "LocationLongitude", "DistributionChannel", "Q_RecaptchaScore", "Q_RelevantIDDuplicate"),
            ],
            separators: [","], separatorIsFixed: true, otherTextSuffixes: [.optionNumberThen("_TEXT"), .literal("_TEXT")]),
        LayoutDescription(
            layout: .surveyMonkey, displayName: "SurveyMonkey", userNames: ["surveymonkey", "monkey", "sm"],
            signatures: [Signature(prefix: [["Respondent ID"], ["Collector ID"]])],
            furtherHeaderRows: [.optionLabels],
            toolColumns: [
                ToolColumn(.responseID, "Respondent ID"), ToolColumn(.started, "Start Date"), ToolColumn(.submitted, "End Date"),
                ToolColumn(.email, "Email Address"), ToolColumn(.name, "First Name"),
                ToolColumn(.other, "Collector ID", "IP Address", "Last Name", "Custom Data 1", "Custom Data 2", "Custom Data 3",
                           "Custom Data"),
            ],
            optionCellsHoldLabels: true),
        LayoutDescription(
            layout: .typeform, displayName: "Typeform", userNames: ["typeform", "tf"],
            signatures: [Signature(prefix: [["#"]], contains: ["Submit Date (UTC)"]),
                         Signature(prefix: [["#"]], contains: ["Network ID"])],
            toolColumns: [
                ToolColumn(.responseID, "#"), ToolColumn(.started, "Start Date (UTC)"), ToolColumn(.submitted, "Submit Date (UTC)"),
                ToolColumn(.other, "Network ID", "Stage", "Response Type", "Tags", "Ending"),
            ],
            toolColumnPlacement: .leadingAndTail(from: Set(["Start Date (UTC)", "Submit Date (UTC)", "Network ID"].map { TextKey.make($0) })),
            optionCellsHoldLabels: true, optionColumnsHeadedByLabel: true),
        LayoutDescription(
            layout: .microsoftForms, displayName: "Microsoft Forms", userNames: ["microsoftforms", "microsoft", "msforms", "forms", "ms"],
            signatures: [Signature(prefix: [["ID"], ToolNames.microsoftStarted, ToolNames.microsoftCompleted])],
            toolColumns: [
                ToolColumn(.responseID, "ID"),
                ToolColumn(.started, ToolNames.microsoftStarted), ToolColumn(.submitted, ToolNames.microsoftCompleted),
                ToolColumn(.email, "Email", "E-post", "E-postadress", "E-Mail", "Correo electrónico"),
                ToolColumn(.name, "Name", "Namn", "Nombre"),
                ToolColumn(.other, "Last modified time", "Senast ändrad", "Senaste ändringstid", "Total points", "Quiz feedback", "Totalpoäng"),
            ],
            toolColumnPrefixes: ["points - ", "feedback - ", "poäng - "],
            separators: [";"], separatorIsFixed: true),
        LayoutDescription(
            layout: .googleForms, displayName: "Google Forms", userNames: ["googleforms", "google", "gforms"],
            signatures: [Signature(prefix: [ToolNames.googleTimestamp])],
            toolColumns: [
                ToolColumn(.submitted, ToolNames.googleTimestamp),
                ToolColumn(.email, "Email Address", "E-postadress", "E-post", "Dirección de correo electrónico", "Adresse e-mail",
                           "E-Mail-Adresse", "Email"),
                ToolColumn(.other, "Score", "Poäng", "Puntuación"),
            ],
            separators: [", "], separatorIsFixed: true),
        LayoutDescription(layout: .generic, displayName: "generic CSV", userNames: ["generic", "csv", "other"]),
    ]
}

/// Tool column names that also make a signature.
enum ToolNames {
    static let googleTimestamp = ["Timestamp", "Tidstämpel", "Marca temporal", "Horodateur", "Zeitstempel", "Tidsstempel",
                                  "Aikaleima", "Tijdstempel", "Informazione cronologica"]
    static let microsoftStarted = ["Start time", "Starttid", "Startzeit", "Heure de début", "Hora de inicio", "Alkamisaika"]
    static let microsoftCompleted = ["Completion time", "Sluttid", "Sluttidpunkt", "Slutförandetid", "Fertigstellungszeit",
                                     "Heure de fin", "Hora de finalización", "Valmistumisaika"]
}

extension ToolColumn {
    init(_ field: ToolField, _ names: [String]) {
        self.field = field
        keys = names.map { TextKey.make($0) }
    }
}
