import Foundation

/// `samla export`: the workbook, CSV and JSON files of one survey's responses, from one summary.
public enum SurveyExport {
    /// Which files to write; with none named, the workbook goes to `output/<survey-id>.xlsx`.
    public struct Targets: Sendable, Hashable {
        public var xlsx: String?
        public var csv: String?
        public var json: String?
        /// The call list as CSV (personal data: never with `--anonymize`).
        public var contacts: String?

        public init(xlsx: String? = nil, csv: String? = nil, json: String? = nil, contacts: String? = nil) {
            self.xlsx = xlsx
            self.csv = csv
            self.json = json
            self.contacts = contacts
        }

        public var isEmpty: Bool { xlsx == nil && csv == nil && json == nil && contacts == nil }

        /// These targets, or the default workbook when none is named.
        public func orDefault(surveyID: String) -> Targets {
            isEmpty ? Targets(xlsx: "output/\(surveyID).xlsx") : self
        }
    }

    /// What was written, for the command to report.
    public struct Report: Sendable, Hashable {
        public var files: [String] = []
        public var workbook: WorkbookExport.Outcome?
        public var csvRows: Int?
        public var jsonResponses: Int?
        public var contactPeople: Int?
    }

    /// Summarises the selection once and writes every named file from that one summary. The
    /// codebook is the analysis's, so the Free text sheet codes answers as the Themes sheet counts them.
    public static func run(survey: Survey, store: ResponseStore, analysis: AnalysisOptions, targets: Targets,
                           options: ExportOptions) throws -> Report {
        options.progress?.begin(.summarizing)
        let analyzer = Analyzer(survey: survey, options: analysis)
        if let path = targets.json, targets == Targets(json: path),
           JSONExport.writesWhileSummarizing(anonymized: options.anonymize, analysis: analysis) {
            // The JSON file alone: its responses are copied out while the summary for its head is
            // worked out beside them, up to a size where both at once stay in flat memory. (Drafts
            // are counted too: that count needs only the survey index.)
            let stored = try store.count(ResponseStore.Selection(surveyID: survey.id, sessions: analysis.filters.sessions,
                                                                 includeDrafts: true))
            if stored <= JSONExport.mostResponsesWhileSummarizing {
                return try writeJSONWhileSummarizing(to: path, survey: survey, store: store, analyzer: analyzer,
                                                     responses: stored, options: options)
            }
        }
        var options = options
        options.codebook = analysis.codebook
        let named = targets.orDefault(surveyID: survey.id)
        if let path = named.xlsx {
            // A large workbook: its lists are written while the summary is worked out on the
            // other core, and the sheets that show the summary filled in after.
            let stored = try store.count(ResponseStore.Selection(surveyID: survey.id, sessions: analysis.filters.sessions))
            if WorkbookExport.writesWhileSummarizing(survey: survey, analysis: analysis, responses: stored, options: options) {
                return try writeWorkbookWhileSummarizing(to: path, survey: survey, store: store, analyzer: analyzer,
                                                         responses: stored, targets: named, options: options)
            }
        }
        let summary = try analyzer.summarize(store: store)
        return try write(survey: survey, store: store, summary: summary, targets: targets, options: options)
    }

    private static func writeWorkbookWhileSummarizing(to path: String, survey: Survey, store: ResponseStore, analyzer: Analyzer,
                                                      responses: Int, targets: Targets, options: ExportOptions) throws -> Report {
        let layout = try analyzer.summarize([Response]())
        let summary = BackgroundResult { try analyzer.summarize(store: store) }
        let workbook: WorkbookExport.Outcome
        do {
            let anonymizer = try Anonymizer.forStore(store, enabled: options.anonymize)
                .preparing(survey: survey, store: store, language: layout.language, minimumCount: options.minimumCount)
            workbook = try WorkbookExport.write(
                to: path, survey: survey, source: .pending(layout: layout, responses: responses, summary: summary.value),
                store: store, options: options, anonymizer: anonymizer)
        } catch {
            // Nothing is left running on a failed export.
            _ = try? summary.value()
            throw error
        }
        var others = targets
        others.xlsx = nil
        // The other files from the same summary (none named: `write` would make the default workbook).
        var report = others.isEmpty ? Report()
            : try write(survey: survey, store: store, summary: try summary.value(), targets: others, options: options)
        report.workbook = workbook
        report.files.insert(path, at: 0)
        return report
    }

    private static func writeJSONWhileSummarizing(to path: String, survey: Survey, store: ResponseStore, analyzer: Analyzer,
                                                  responses: Int, options: ExportOptions) throws -> Report {
        let summary = BackgroundResult { try analyzer.summarize(store: store) }
        let written: Int
        do {
            written = try JSONExport.writeWhileSummarizing(to: path, survey: survey, analysis: analyzer.options, store: store,
                                                           responses: responses, progress: options.progress,
                                                           summaryIsReady: { summary.isFinished }, summary: summary.value)
        } catch {
            _ = try? summary.value()
            throw error
        }
        return Report(files: [path], jsonResponses: written)
    }

    /// Writes every named file from `summary`; the JSON file's summary is `SummaryJSON`'s, the same
    /// document `samla summary --json` prints.
    static func write(survey: Survey, store: ResponseStore, summary: Summary, targets: Targets,
                      options: ExportOptions) throws -> Report {
        let targets = targets.orDefault(surveyID: survey.id)
        if let path = targets.contacts, options.anonymize {
            throw ExportError.cannotWrite(path: path, reason: "the call list is personal data and an anonymised export holds none")
        }
        let anonymizer = try Anonymizer.forStore(store, enabled: options.anonymize)
            .preparing(survey: survey, store: store, language: summary.language, minimumCount: options.minimumCount)
        var report = Report()
        if let path = targets.xlsx {
            report.workbook = try WorkbookExport.write(to: path, survey: survey, summary: summary, store: store,
                                                       options: options, anonymizer: anonymizer)
            report.files.append(path)
        }
        if let path = targets.csv {
            report.csvRows = try CSVExport.write(to: path, survey: survey, summary: summary, store: store,
                                                 options: options, anonymizer: anonymizer)
            report.files.append(path)
        }
        if let path = targets.json {
            let redacted = anonymizer.redact(summary)
            report.jsonResponses = try JSONExport.write(to: path, survey: survey, summary: redacted,
                                                        summaryJSON: SummaryJSON.render(redacted, pretty: false), store: store,
                                                        anonymizer: anonymizer, progress: options.progress)
            report.files.append(path)
        }
        if let path = targets.contacts {
            report.contactPeople = try CallListCSV.write(to: path, survey: survey, summary: summary, store: store, options: options)
            report.files.append(path)
        }
        return report
    }
}
