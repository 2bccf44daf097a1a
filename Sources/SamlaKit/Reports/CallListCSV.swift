import CSVReader
import Foundation

/// `samla export --contacts FILE.csv`: the call list of the Follow-up sheet as a UTF-8 CSV file,
/// the same rows in the same order, text a spreadsheet would run as a formula neutralised as
/// `CSVExport` does. It holds personal data by design, so an anonymised export refuses it.
public enum CallListCSV {
    /// Writes the file; returns the number of people listed.
    @discardableResult
    public static func write(to path: String, survey: Survey, summary: Summary, store: ResponseStore,
                             options: ExportOptions) throws -> Int {
        let plan = CallListPlan(survey: survey, language: summary.language)
        let list = try CallList(plan: plan, survey: survey, responses: summary.responses)
        let selection = ExportSelection(surveyID: survey.id, filters: summary.filters)
        var number = 0
        try selection.forEachListed(in: store, survey: survey, anonymizer: .disabled) { response, answers in
            number += 1
            if let entry = plan.entry(of: response, answers: answers, number: number) { try list.add(entry) }
        }
        let format = CSVWriter(delimiter: UInt8(ascii: options.excelCSV ? ";" : ","), lineEnding: .crlf,
                               includeBOM: options.excelCSV)
        return try AtomicFile.write(to: path) { temporary in
            let writer = try CSVFileWriter(url: URL(fileURLWithPath: temporary), format: format)
            try writer.write(CallList.headings(plan: plan, language: summary.language).map(CSVExport.neutralized))
            var people = 0
            try list.forEachRow { cells in
                try writer.write(cells.map { CSVExport.field($0, timeZone: survey.timeZone) })
                people += 1
            }
            try writer.close()
            return people
        }
    }
}
