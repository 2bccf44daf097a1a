import Foundation
@testable import SamlaKit
import SamlaTestSupport

/// A survey with a full contact section and fourteen responses from two workshops, written for the
/// call list and the anonymised export: one person answers in both workshops with the address and
/// phone number typed two ways, one leaves an address without asking for contact, and the free
/// text is planted with e-mail addresses, phone numbers, personal identity numbers, a link and
/// names given in the name field, beside ordinary numbers and dates that must survive.
struct ContactFixture {
    static let surveyText = ContactSurvey.text

    static let umea = "Umeå 2025-03-12"
    static let lulea = "Luleå 2025-04-02"
    /// Where the planted export was imported from: no anonymised file may name the folder.
    static let sourcePath = "/home/organiser/Hemligt projekt/umea-export.csv"

    /// Everything personal planted in the responses: none may survive anonymising.
    static let planted = [
        "Anna@Example.se", "anna@example.se", "070-123 45 67", "+46 70 123 45 67", "Anna Lindberg", "Lindberg",
        "bo.ek@example.se", "Bo Ek", "karin.holm@kommun.se", "Karin Holm", "Holm", "+46 70 555 12 34", "0046 70 777 88 99",
        "073-111 22 33", "08-123 456 78", "+44 20 7946 0958", "850709-1234", "19850709-1234", "200101011239",
        "https://example.se/anna.lindberg", "Strateg", "Umeå kommun", "Cecilia Berg", "0709998877",
    ]
    /// Ordinary numbers and dates in the same free text, which must survive.
    static let ordinary = ["12 personer", "2025", "2025-03-12", "4500 kr", "kl. 13.30"]

    let directory: URL
    let survey: Survey
    let surveyPath: String
    let store: ResponseStore
    let responses: [Response]

    init() throws {
        directory = TestPaths.temporaryDirectory()
        surveyPath = directory.appendingPathComponent("contact-test.yaml").path
        try Data(Self.surveyText.utf8).write(to: URL(fileURLWithPath: surveyPath))
        survey = try SurveyLoader.require(path: surveyPath)
        store = try ResponseStore(path: directory.appendingPathComponent("store.sqlite").path)
        let start = Date(timeIntervalSince1970: 1_741_780_800) // 2025-03-12 12:00 UTC
        func at(_ days: Int, _ minutes: Int) -> Date { start.addingTimeInterval(Double(days) * 86_400 + Double(minutes) * 60) }
        typealias Row = (session: String, when: Date, answers: Answers)
        func involvement(_ ids: String...) -> AnswerValue { .choices(ids, other: nil) }
        let rows: [Row] = [
            (Self.umea, at(0, 0), ["kommun": .choice("umea"), "betyg": .number(4), "involvering": involvement("kontakt", "info"),
                                   "namn": .text("Anna Lindberg"), "epost": .text("Anna@Example.se"), "telefon": .text("070-123 45 67"),
                                   "organisation": .text("Umeå kommun"), "roll": .text("Strateg"),
                                   "tankar": .text("Vi var 12 personer 2025; nästa möte 2025-03-12 kl. 13.30 kostar 4500 kr.")]),
            (Self.umea, at(0, 5), ["kommun": .choice("umea"), "betyg": .number(5), "involvering": involvement("info"),
                                   "namn": .text("Bo Ek"), "epost": .text("bo.ek@example.se"),
                                   "tankar": .text("Prata med Anna Lindberg, hon har bra idéer.")]),
            (Self.umea, at(0, 10), ["kommun": .choice("umea"), "betyg": .number(3), "involvering": involvement("kontakt"),
                                    "namn": .text("Karin Holm"), "epost": .text("karin.holm@kommun.se"),
                                    "tankar": .text("Ring Karin på +46 70 555 12 34 eller 0046 70 777 88 99.")]),
            (Self.umea, at(0, 15), ["kommun": .choice("umea"), "betyg": .number(4), "involvering": involvement("aktivitet"),
                                    "tankar": .text("Mitt personnummer är 850709-1234 (eller 19850709-1234), barnets 200101011239.")]),
            (Self.umea, at(0, 20), ["kommun": .choice("umea"), "betyg": .number(4), "involvering": involvement("info"),
                                    "tankar": .text("Växeln 08-123 456 78, kontoret i London +44 20 7946 0958, mobil 073-111 22 33.")]),
            (Self.umea, at(0, 25), ["kommun": .choice("umea"), "betyg": .number(2), "involvering": involvement("info"),
                                    "tankar": .text("Se https://example.se/anna.lindberg för mer.")]),
            (Self.umea, at(0, 30), ["kommun": .choice("umea"), "betyg": .number(5), "involvering": involvement("info", "aktivitet")]),
            (Self.umea, at(0, 35), ["kommun": .choice("ostersund"), "betyg": .number(3), "involvering": involvement("info"),
                                    "tankar": .text("Holm och Lindberg borde träffas.")]),
            (Self.umea, at(0, 40), ["kommun": .choice("umea"), "betyg": .number(4), "involvering": involvement("info")]),
            // The second workshop: Anna again, her address and number typed another way.
            (Self.lulea, at(21, 0), ["kommun": .choice("lulea"), "betyg": .number(5), "involvering": involvement("kontakt", "aktivitet"),
                                     "namn": .text("Anna Lindberg"), "epost": .text(" anna@example.se"),
                                     "telefon": .text("+46 70 123 45 67")]),
            (Self.lulea, at(21, 5), ["kommun": .choice("lulea"), "betyg": .number(4), "involvering": involvement("kontakt"),
                                     "namn": .text("Cecilia Berg"), "telefon": .text("0709998877")]),
            (Self.lulea, at(21, 10), ["kommun": .choice("lulea"), "betyg": .number(3), "involvering": involvement("info")]),
            (Self.lulea, at(21, 15), ["kommun": .choice("lulea"), "betyg": .number(4), "involvering": involvement("info"),
                                      "tankar": .text("Cecilia Berg ringer på 0709998877.")]),
            (Self.lulea, at(21, 20), ["kommun": .choice("umea"), "betyg": .number(4), "involvering": involvement("info")]),
        ]
        var made: [Response] = []
        for (index, row) in rows.enumerated() {
            made.append(Response(surveyID: survey.id, definitionHash: survey.definitionHash, session: row.session,
                                 source: .imported(file: Self.sourcePath, row: 100 + index), identity: "row-\(index)",
                                 language: "sv", startedAt: row.when, submittedAt: row.when.addingTimeInterval(223),
                                 answers: row.answers))
        }
        responses = made
        let definition = survey
        try store.write { writer in
            try writer.register(definition)
            for response in made { try writer.insert(response) }
            try writer.record(SourceFile(path: Self.sourcePath, sha256: String(repeating: "ab", count: 32), layout: "google-forms",
                                         encoding: "utf-8", importedAt: start, rowsNew: made.count, rowsExisting: 0),
                              surveyID: definition.id)
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    /// Exports through the same entry point as `samla export`.
    @discardableResult
    func export(_ targets: SurveyExport.Targets, anonymize: Bool = false, language: String = "sv", by: String? = nil,
                minimumCount: Int = 5) throws -> SurveyExport.Report {
        var options = ExportOptions(anonymize: anonymize, created: Date(timeIntervalSince1970: 1_750_000_000),
                                    commandLine: "samla export \(surveyPath) --store \(store.path)")
        options.minimumCount = minimumCount
        let analysis = AnalysisOptions(language: language, filters: SummaryFilters(groupBy: by))
        return try SurveyExport.run(survey: survey, store: store, analysis: analysis, targets: targets, options: options)
    }
}
