import Foundation
import SamlaKit
import XCTest

/// `samla collect` as hosts run it: through a pipe, killed, in parallel, and in a real terminal.
final class CollectEndToEndTests: XCTestCase {
    private var directory: URL!
    private var storePath: String { directory.appendingPathComponent("workshop.sqlite").path }
    private let surveyPath = EndToEndPaths.repo("surveys/tnc-workshop.yaml")

    override func setUpWithError() throws {
        directory = EndToEndPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func stored(includeDrafts: Bool = false) throws -> [Response] {
        try ResponseStore(path: storePath).responses(.init(surveyID: "tnc-workshop", includeDrafts: includeDrafts))
    }

    /// One full participant in English answering the bundled survey with fixed answers.
    private func participant(email: String) -> String {
        ["1", "1", "1", "1", "4", "1", "Similar work in Skellefteå", "", "", email].joined(separator: "\n") + "\n"
    }

    func testThreeParticipantsThroughAPipeStoreExactlyWhatWasMeant() throws {
        let lines = [
            // Participant 1: a blank required answer first, then Region; Other city with its text.
            "", "2", "6", "Kiruna", "1 3", "", "2", "", "", "", "",
            // Participant 2: an out-of-range scale and a non-number before a 4; the entry-point question shows.
            "1", "", "", "1,2,4", "9", "fyra", "4", "2", "Viable Cities", "", "Anna", "anna@example.se",
            // Participant 3: Other organisation with its text, three focus areas, skips the rest.
            "7", "Folkhögskola", "3", "2 1 6", "", "", "", "", "", "",
        ]
        let result = try SamlaProcess.run(["collect", surveyPath, "--store", storePath, "--lang", "en", "--session", "Umeå 2025-03-12"],
                                          input: lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("Saved 3 responses"), result.stderr)
        let responses = try stored()
        XCTAssertEqual(responses.count, 3)
        XCTAssertEqual(responses[0].answers, ["role": .choice("region"), "city": .other("Kiruna"),
                                              "focus": .choices(["scale-up", "housing"], other: nil),
                                              "collaboration": .number(2)])
        XCTAssertEqual(responses[1].answers, ["role": .choice("municipality"),
                                              "involvement": .choices(["contact", "information", "conversations"], other: nil),
                                              "collaboration": .number(4), "entry-point": .choice("maybe"),
                                              "similar": .text("Viable Cities"), "name": .text("Anna"), "email": .text("anna@example.se")])
        XCTAssertEqual(responses[2].answers, ["role": .other("Folkhögskola"), "city": .choice("ornskoldsvik"),
                                              "focus": .choices(["scale-up", "skills", "attractiveness"], other: nil)])
        XCTAssertTrue(responses.allSatisfy { $0.session == "Umeå 2025-03-12" && $0.language == "en" && $0.source == .collected })
        XCTAssertTrue(result.stdout.contains("This question needs an answer."))
        XCTAssertTrue(result.stdout.contains("'9' is not on the scale"))
        XCTAssertTrue(result.stdout.contains("'fyra' is not on the scale"))
    }

    func testKillNineInTheSecondParticipantKeepsTheFirstAndCountsNotTheHalf() throws {
        let collect = try SamlaProcess.start(["collect", surveyPath, "--store", storePath, "--lang", "en"])
        collect.send(participant(email: "first@example.org"))
        collect.send("2\n3\n")
        let store = try ResponseStore(path: storePath)
        try eventually("the second participant's draft") {
            try store.count(.init(surveyID: "tnc-workshop", includeDrafts: true)) == 2
                && store.draftCount(surveyID: "tnc-workshop") == 1
        }
        collect.kill(SIGKILL)
        let result = collect.wait()
        XCTAssertEqual(result.status, SIGKILL)
        let complete = try stored()
        XCTAssertEqual(complete.count, 1)
        XCTAssertEqual(complete.first?.answers["email"], .text("first@example.org"))
        let drafts = try stored(includeDrafts: true).filter { $0.status == .draft }
        XCTAssertEqual(drafts.count, 1)
        XCTAssertEqual(drafts.first?.answers["role"], .choice("region"))
    }

    func testCtrlCSaysHowManyWereSavedAndKeepsThem() throws {
        let collect = try SamlaProcess.start(["collect", surveyPath, "--store", storePath, "--lang", "sv"])
        collect.send(participant(email: "a@example.org") + participant(email: "b@example.org") + "1\n")
        let store = try ResponseStore(path: storePath)
        try eventually("two responses and a draft") {
            try store.count(.init(surveyID: "tnc-workshop")) == 2 && store.draftCount(surveyID: "tnc-workshop") == 1
        }
        collect.kill(SIGINT)
        let result = collect.wait()
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("Sparade 2 svar"), result.stderr)
        XCTAssertEqual(try stored().count, 2)
    }

    func testAWriterKilledAtRandomMomentsLeavesOnlyWholeResponses() throws {
        let everyone = (0..<400).map { participant(email: "p\($0)@example.org") }.joined()
        var generator = SystemRandomNumberGenerator()
        var previous = 0
        for round in 0..<6 {
            let collect = try SamlaProcess.start(["collect", surveyPath, "--store", storePath, "--lang", "en"])
            collect.send(everyone)
            Thread.sleep(forTimeInterval: Double.random(in: 0.15...0.6, using: &generator))
            collect.kill(SIGKILL)
            _ = collect.wait()
            let store = try ResponseStore(path: storePath)
            let complete = try store.responses(.init(surveyID: "tnc-workshop"))
            XCTAssertGreaterThanOrEqual(complete.count, previous, "round \(round): a committed response vanished")
            previous = complete.count
            for response in complete {
                XCTAssertEqual(response.answers.count, 8, "round \(round): a partial response counted: \(response.answers)")
                XCTAssertEqual(response.answers["collaboration"], .number(4))
            }
        }
        XCTAssertGreaterThan(previous, 0, "no response was ever committed; the kills came too early to test anything")
        let check = try SamlaProcess.run(["validate", surveyPath])
        XCTAssertEqual(check.status, 0)
        let integrity = Process()
        integrity.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        integrity.arguments = [storePath, "PRAGMA integrity_check"]
        let pipe = Pipe()
        integrity.standardOutput = pipe
        try integrity.run()
        integrity.waitUntilExit()
        XCTAssertEqual(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self), "ok\n")
    }

    func testTwoCollectorsWritingOneStoreKeepEveryResponse() throws {
        let first = (0..<30).map { participant(email: "a\($0)@example.org") }.joined()
        let second = (0..<30).map { participant(email: "b\($0)@example.org") }.joined()
        let a = try SamlaProcess.start(["collect", surveyPath, "--store", storePath, "--lang", "en", "--session", "A"])
        let b = try SamlaProcess.start(["collect", surveyPath, "--store", storePath, "--lang", "en", "--session", "B"])
        a.send(first)
        b.send(second)
        a.closeInput()
        b.closeInput()
        let resultA = a.wait(), resultB = b.wait()
        XCTAssertEqual(resultA.status, 0, resultA.stderr)
        XCTAssertEqual(resultB.status, 0, resultB.stderr)
        let responses = try stored()
        XCTAssertEqual(responses.count, 60)
        let emails = Set(responses.compactMap { response -> String? in
            if case .text(let email) = response.answers["email"] { return email }
            return nil
        })
        XCTAssertEqual(emails.count, 60)
        XCTAssertEqual(responses.filter { $0.session == "A" }.count, 30)
    }

    func testCollectorsStartingTogetherOnANewStoreAllOpenIt() throws {
        // Four laptops pointed at one new store on a shared folder, started at the same moment:
        // turning WAL on is a lock SQLite does not wait for, so each opening must try again itself.
        for round in 0..<8 {
            let store = directory.appendingPathComponent("new-\(round).sqlite").path
            let go = directory.appendingPathComponent("go-\(round)").path
            let collectors = try (0..<4).map { _ in
                try SamlaProcess.start(["collect", surveyPath, "--store", store, "--lang", "en"], startSignal: go)
            }
            Thread.sleep(forTimeInterval: 0.05)
            _ = FileManager.default.createFile(atPath: go, contents: nil)
            for (index, collector) in collectors.enumerated() {
                collector.send(participant(email: "r\(round)-\(index)@example.org"))
                collector.closeInput()
            }
            for collector in collectors {
                let result = collector.wait()
                XCTAssertEqual(result.status, 0, "round \(round): \(result.stderr)")
            }
            let saved = try ResponseStore(path: store).responses(.init(surveyID: "tnc-workshop"))
            XCTAssertEqual(saved.count, 4, "round \(round)")
        }
    }

    func testParticipantsLimitStopsAfterN() throws {
        let input = (0..<5).map { participant(email: "p\($0)@example.org") }.joined()
        let result = try SamlaProcess.run(["collect", surveyPath, "--store", storePath, "--lang", "en", "--participants", "2"], input: input)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try stored().count, 2)
    }

    func testKioskModeThroughAPipeIsAUsageMistake() throws {
        let result = try SamlaProcess.run(["collect", surveyPath, "--store", storePath, "--kiosk", "--ui-lang", "en"], input: "1\n")
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--kiosk needs a terminal"), result.stderr)
    }

    func testEscapeSequencesTypedAtALinePromptNeverReachAnAnswer() throws {
        let arrows = "\u{1B}[A\u{1B}[D\u{1B}OP\u{1B}[15~\u{1B}[200~"
        var lines = ["1", "1", "1", "1", "4", "1", "Skellefte\(arrows)å\u{07}\u{7F}", "a\tb\u{1B}]0;x\u{07}c", "", ""]
        lines[0] = "\u{1B}[B1"
        let result = try SamlaProcess.run(["collect", surveyPath, "--store", storePath, "--lang", "en"],
                                          input: lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(result.status, 0, result.stderr)
        let answers = try XCTUnwrap(try stored().first?.answers)
        XCTAssertEqual(answers["role"], .choice("municipality"))
        XCTAssertEqual(answers["similar"], .text("Skellefteå"))
        XCTAssertEqual(answers["ongoing"], .text("a bc"))
    }

    func testAnUnknownLanguageIsAUsageMistake() throws {
        let result = try SamlaProcess.run(["collect", surveyPath, "--store", storePath, "--lang", "fi"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("sv, en"), result.stderr)
    }
}
