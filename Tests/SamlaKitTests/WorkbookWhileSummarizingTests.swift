import Foundation
import XCTest
@testable import SamlaKit

/// A streamed workbook's lists are written while its summary is worked out on the other core
/// (`WorkbookExport.SummarySource.pending`): the file must be the one written from a summary
/// ready first, whichever side finishes first, and a failure on either side leaves no file.
final class WorkbookWhileSummarizingTests: XCTestCase {
    private var fixture: ExportFixture!

    override func setUpWithError() throws {
        fixture = try ExportFixture()
    }

    override func tearDownWithError() throws {
        fixture.remove()
    }

    /// Streamed from three responses on, as the bench's workbooks are from 10,001.
    private func options(_ analysis: AnalysisOptions) -> ExportOptions {
        ExportOptions(codebook: analysis.codebook, created: Date(timeIntervalSince1970: 1_750_000_000), responsesTableLimit: 2)
    }

    private func bytes(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    func testTheFileIsTheOneWrittenFromASummaryReadyFirst() throws {
        let survey = fixture.survey, store = fixture.store
        let analyses: [(String, AnalysisOptions)] = [
            ("all", AnalysisOptions(codebook: fixture.codebook)),
            ("umea", AnalysisOptions(filters: SummaryFilters(sessions: ["Umeå 2025-03-12"]))),
            ("by-role", AnalysisOptions(language: "sv", filters: SummaryFilters(groupBy: "role"), codebook: fixture.codebook)),
        ]
        for (name, analysis) in analyses {
            let options = options(analysis)
            let stored = try store.count(ResponseStore.Selection(surveyID: survey.id, sessions: analysis.filters.sessions))
            XCTAssertTrue(WorkbookExport.writesWhileSummarizing(survey: survey, analysis: analysis, responses: stored, options: options),
                          "\(name): the export takes the overlapping path")
            let overlapped = fixture.path("\(name)-overlapped.xlsx")
            _ = try SurveyExport.run(survey: survey, store: store, analysis: analysis, targets: SurveyExport.Targets(xlsx: overlapped),
                                     options: options)
            let summary = try Analyzer(survey: survey, options: analysis).summarize(store: store)
            let first = fixture.path("\(name)-first.xlsx")
            _ = try SurveyExport.write(survey: survey, store: store, summary: summary, targets: SurveyExport.Targets(xlsx: first),
                                       options: options)
            XCTAssertEqual(try bytes(overlapped), try bytes(first), name)

            // The summary finishing long after the lists, or before they start: the same file again.
            let layout = try Analyzer(survey: survey, options: analysis).summarize([Response]())
            for delay in [0.0, 0.4] {
                let late = fixture.path("\(name)-late-\(delay).xlsx")
                _ = try WorkbookExport.write(
                    to: late, survey: survey,
                    source: .pending(layout: layout, responses: stored, summary: {
                        Thread.sleep(forTimeInterval: delay)
                        return summary
                    }),
                    store: store, options: options, anonymizer: try Anonymizer.forStore(store, enabled: false))
                XCTAssertEqual(try bytes(late), try bytes(first), "\(name), summary after \(delay) s")
            }
        }
        let book = try WorkbookReadBack.read(fixture.path("by-role-overlapped.xlsx"))
        XCTAssertEqual(book.sheets.first, "Översikt")
        XCTAssertTrue(book.sheets.contains("Korstabeller"))
        XCTAssertEqual(book.sheets.last, "Om")
        XCTAssertEqual(book.rowCount("Svar"), 9, "the header and the eight complete responses, not the draft")
    }

    private func failingExport(_ name: String, responses: Int, summary: @escaping () throws -> Summary) throws -> Error? {
        let path = fixture.path(name)
        let layout = try Analyzer(survey: fixture.survey).summarize([Response]())
        var caught: Error?
        XCTAssertThrowsError(try WorkbookExport.write(
            to: path, survey: fixture.survey, source: .pending(layout: layout, responses: responses, summary: summary),
            store: fixture.store, options: options(AnalysisOptions()), anonymizer: try Anonymizer.forStore(fixture.store, enabled: false))) {
            caught = $0
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path)
        XCTAssertFalse(left.contains { $0.contains(name) }, "\(left)")
        return caught
    }

    func testAFailingSummaryLeavesNoFile() throws {
        let error = try failingExport("failed.xlsx", responses: 8) {
            Thread.sleep(forTimeInterval: 0.2)
            throw ExportError.cannotWrite(path: "the summary", reason: "it failed")
        }
        guard case ExportError.cannotWrite(path: "the summary", _)? = error else { return XCTFail("\(String(describing: error))") }
    }

    func testAStoreThatChangedMidwayLeavesNoFile() throws {
        let summary = try Analyzer(survey: fixture.survey).summarize(store: fixture.store)
        XCTAssertEqual(summary.responses, 8)
        // The summary counted a response that came in after the count the lists were planned from.
        var grown = summary
        grown.responses = 9
        let counted = try failingExport("grown.xlsx", responses: 8) { grown }
        guard case ExportError.storeChanged(expected: 9, found: 8)? = counted else { return XCTFail("\(String(describing: counted))") }
        // More responses listed than counted: the export stops at the first one too many.
        let listed = try failingExport("listed.xlsx", responses: 7) { summary }
        guard case ExportError.storeChanged(expected: 7, found: 8)? = listed else { return XCTFail("\(String(describing: listed))") }
    }
}
