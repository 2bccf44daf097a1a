import Foundation
import SamlaKit
import SamlaTestSupport
import XCTest

/// The command line's manners, through the built binary: mistakes name what is known, a mistyped
/// command gets a suggestion, every command's help has examples, `validate` takes folders, the
/// summary fits the terminal's width, and completions print.
final class CommandLinePolishTests: XCTestCase {
    private var directory: URL!
    private var storePath: String { directory.appendingPathComponent("s.sqlite").path }
    private let surveyPath = EndToEndPaths.repo("surveys/tnc-workshop.yaml")

    override func setUpWithError() throws {
        directory = EndToEndPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func importExample() throws {
        let imported = try SamlaProcess.run(["import", surveyPath, EndToEndPaths.repo("surveys/examples/tnc-workshop-responses.csv"),
                                             "--store", storePath, "--session", "Sundsvall 2025-03-12"])
        XCTAssertEqual(imported.status, 0, imported.stderr)
    }

    func testUnknownSessionQuestionAndChoiceAreErrorsListingTheKnownOnes() throws {
        try importExample()
        let session = try SamlaProcess.run(["summary", surveyPath, "--store", storePath, "--session", "Sundsvall 2025-03-21"])
        XCTAssertEqual(session.status, 2)
        XCTAssertTrue(session.stderr.contains("no session 'Sundsvall 2025-03-21'"), session.stderr)
        XCTAssertTrue(session.stderr.contains("did you mean 'Sundsvall 2025-03-12'?"), session.stderr)
        XCTAssertTrue(session.stderr.contains("known sessions: 'Sundsvall 2025-03-12'"), session.stderr)
        XCTAssertEqual(session.stdout, "", "no empty figures printed")
        let exported = try SamlaProcess.run(["export", surveyPath, "--store", storePath, "--session", "Sundsvall 2025-03-21",
                                             "--xlsx", directory.appendingPathComponent("x.xlsx").path])
        XCTAssertEqual(exported.status, 2)
        XCTAssertTrue(exported.stderr.contains("known sessions: 'Sundsvall 2025-03-12'"), exported.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("x.xlsx").path), "no empty workbook")

        let survey = try SurveyLoader.require(path: surveyPath)
        let question = try SamlaProcess.run(["summary", surveyPath, "--store", storePath, "--by", "rol"])
        XCTAssertEqual(question.status, 2)
        XCTAssertTrue(question.stderr.contains("did you mean 'role'?"), question.stderr)
        XCTAssertTrue(question.stderr.contains("the survey's questions are: " + survey.questions.map(\.id).joined(separator: ", ")),
                      question.stderr)

        let whereQuestion = try SamlaProcess.run(["summary", surveyPath, "--store", storePath, "--where", "nothing=x"])
        XCTAssertEqual(whereQuestion.status, 2)
        XCTAssertTrue(whereQuestion.stderr.contains("the survey's questions are: role"), whereQuestion.stderr)

        let choice = try SamlaProcess.run(["summary", surveyPath, "--store", storePath, "--where", "role=regoin"])
        XCTAssertEqual(choice.status, 2)
        XCTAssertTrue(choice.stderr.contains("did you mean 'region'?"), choice.stderr)
        let roleChoices = survey.question("role")?.choices.map(\.id).joined(separator: ", ") ?? "?"
        XCTAssertTrue(choice.stderr.contains("its choices are: " + roleChoices), choice.stderr)
    }

    func testAMistypedCommandGetsASuggestion() throws {
        let typo = try SamlaProcess.run(["sumary", surveyPath])
        XCTAssertEqual(typo.status, 2)
        XCTAssertTrue(typo.stderr.contains("'sumary' is not a samla command. Did you mean 'summary'?"), typo.stderr)
        XCTAssertTrue(typo.stderr.contains("sessions"), "the commands are listed: \(typo.stderr)")
        let far = try SamlaProcess.run(["frobnicate"])
        XCTAssertEqual(far.status, 2)
        XCTAssertFalse(far.stderr.contains("Did you mean"), far.stderr)
    }

    func testEveryCommandsHelpHasExamples() throws {
        let help = try SamlaProcess.run(["--help"])
        XCTAssertEqual(help.status, 0)
        // The SUBCOMMANDS section: one indented name per line.
        let section = help.stdout.components(separatedBy: "SUBCOMMANDS:").last ?? ""
        let names = section.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first,
                  name.allSatisfy({ $0.isLowercase || $0 == "-" }) else { return nil }
            return String(name)
        }.filter { $0 != "help" }
        XCTAssertTrue(Set(names).isSuperset(of: ["validate", "new", "collect", "import", "inspect", "draft", "summary", "export",
                                                 "sessions", "delete"]), "found \(names) in\n\(help.stdout)")
        for name in names {
            let page = try SamlaProcess.run([name, "--help"])
            XCTAssertEqual(page.status, 0, name)
            XCTAssertTrue(page.stdout.contains("EXAMPLES"), "samla \(name) --help has no EXAMPLES:\n\(page.stdout)")
            XCTAssertTrue(page.stdout.contains("samla \(name) "), "the examples run samla \(name)")
        }
    }

    func testCompletionScriptsPrint() throws {
        for shell in ["bash", "zsh", "fish"] {
            let script = try SamlaProcess.run(["--generate-completion-script", shell])
            XCTAssertEqual(script.status, 0, shell)
            XCTAssertTrue(script.stdout.contains("samla"), shell)
            XCTAssertTrue(script.stdout.contains("summary") && script.stdout.contains("sessions"), "\(shell) completes the commands")
        }
        XCTAssertTrue(try SamlaProcess.run(["--generate-completion-script", "bash"]).stdout.contains("complete "))
    }

    func testValidateAFolderChecksEverySurveyInIt() throws {
        let folder = directory.appendingPathComponent("surveys")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let good = try String(contentsOfFile: surveyPath, encoding: .utf8)
        try good.write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try good.replacingOccurrences(of: "type: scale", with: "type: scael")
            .write(to: folder.appendingPathComponent("b.yml"), atomically: true, encoding: .utf8)
        try "{\"format\": 1}".write(to: folder.appendingPathComponent("c.json"), atomically: true, encoding: .utf8)
        try "not a survey".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try "draft".write(to: folder.appendingPathComponent(".a.draft.yaml"), atomically: true, encoding: .utf8)

        let result = try SamlaProcess.run(["validate", folder.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("a.yaml: ok: 'tnc-workshop'"), result.stdout)
        XCTAssertTrue(result.stderr.contains("b.yml:"), result.stderr)
        XCTAssertTrue(result.stderr.contains("did you mean 'scale'?"), result.stderr)
        XCTAssertTrue(result.stderr.contains("c.json: "), result.stderr)
        XCTAssertFalse(result.stderr.contains("notes.txt") || result.stdout.contains("notes.txt"))
        XCTAssertFalse(result.stderr.contains("draft"), "hidden drafts of samla new are not surveys yet")
        XCTAssertFalse(result.stderr.contains("NSCocoaErrorDomain"), result.stderr)

        let bundled = try SamlaProcess.run(["validate", EndToEndPaths.repo("surveys")])
        XCTAssertEqual(bundled.status, 0, bundled.stderr)

        let empty = directory.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let none = try SamlaProcess.run(["validate", empty.path])
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.stderr.contains("no survey files"), none.stderr)
    }

    func testMissingAndUnreadableFilesSayWhatIsWrong() throws {
        let missing = try SamlaProcess.run(["validate", directory.appendingPathComponent("nope.yaml").path])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("nope.yaml: error: no such survey file"), missing.stderr)
        XCTAssertFalse(missing.stderr.contains("NSCocoaErrorDomain"), missing.stderr)

        let locked = directory.appendingPathComponent("locked.yaml")
        try "format: 1\n".write(to: locked, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: locked.path) }
        // root reads any file whatever its mode: then the file reads and is merely invalid.
        let unreadable = try SamlaProcess.run(["summary", locked.path])
        XCTAssertEqual(unreadable.status, 1)
        XCTAssertTrue(getuid() == 0 || unreadable.stderr.contains("cannot be read (permission denied)"), unreadable.stderr)
        XCTAssertFalse(unreadable.stderr.contains("NSCocoaErrorDomain"), unreadable.stderr)
    }

    func testTheSummaryFitsTheTerminalsWidth() throws {
        try importExample()
        for (columns, width) in [("60", 60), ("42", 42), (nil, 80)] {
            let summary = try SamlaProcess.run(["summary", surveyPath, "--store", storePath, "--lang", "en"],
                                               environment: columns.map { ["COLUMNS": $0] } ?? ["COLUMNS": ""])
            XCTAssertEqual(summary.status, 0, summary.stderr)
            let lines = summary.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            XCTAssertGreaterThan(lines.count, 40)
            let long = lines.filter { $0.count > width }
            XCTAssertEqual(long, [], "COLUMNS=\(columns ?? "unset"): lines longer than \(width)")
            // Still all there: every question's heading.
            for number in 1 ... 9 { XCTAssertTrue(summary.stdout.contains("\n\(number). "), "question \(number) at \(width)") }
        }
    }

    /// A sample of the loader's fuzz cases through the real binary: a trap would end it with a
    /// signal (status 4, 5, 6 or 11), so only 0 and 1 may come back.
    func testMalformedSurveysThroughTheBinaryExitWithZeroOrOne() throws {
        let seeds = [surveyPath, EndToEndPaths.shared("bench/bench-survey.yaml"), EndToEndPaths.repo("Tests/Fixtures/three-mistakes.yaml")]
            .compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
        let mutator = SurveyMutator(seeds: seeds)
        let folder = directory.appendingPathComponent("fuzz")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var batches: [[String]] = [[]]
        for number in 0 ..< 260 {
            let (kind, bytes) = mutator.mutant(number)
            let path = folder.appendingPathComponent("case-\(number)-\(kind.rawValue).yaml").path
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: bytes))
            if batches[batches.count - 1].count == 26 { batches.append([]) }
            batches[batches.count - 1].append(path)
        }
        var invalid = 0
        for batch in batches {
            let result = try SamlaProcess.run(["validate", "--quiet"] + batch)
            XCTAssertTrue(result.status == 0 || result.status == 1, "exit \(result.status) for \(batch)\n\(result.stderr.suffix(2000))")
            invalid += result.stderr.components(separatedBy: " error").count - 1 > 0 ? 1 : 0
            // Each invalid file's summary line comes last for it: every file was read to the end.
            for path in batch where !result.stderr.contains("\(path): ") {
                XCTAssertTrue(SurveyLoader.load(path: path).isValid, "\(path) neither reported nor valid")
            }
        }
        XCTAssertGreaterThan(invalid, 0)
        print("survey fuzz through samla validate: 260 cases in \(batches.count) runs, exit 0 or 1 in each")
    }
}
