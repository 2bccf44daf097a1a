import QRCode
import XCTest

final class QRCodeTests: XCTestCase {
    func testAURLBecomesAVersionSizedGridWithFinderPatterns() throws {
        let code = try QRCode("http://192.168.1.23:8080/")
        // Versions are 21, 25, 29, … modules wide; 25 bytes at level M need version 2.
        XCTAssertEqual((code.size - 17) % 4, 0)
        XCTAssertEqual(code.size, 25)
        // The three finder patterns: a dark 7×7 ring with a dark 3×3 centre, in three corners.
        for (top, left) in [(0, 0), (0, code.size - 7), (code.size - 7, 0)] {
            for offset in 0..<7 {
                XCTAssertTrue(code.isDark(row: top, column: left + offset))
                XCTAssertTrue(code.isDark(row: top + 6, column: left + offset))
                XCTAssertTrue(code.isDark(row: top + offset, column: left))
            }
            XCTAssertFalse(code.isDark(row: top + 1, column: left + 1))
            XCTAssertTrue(code.isDark(row: top + 3, column: left + 3))
        }
        XCTAssertFalse(code.isDark(row: code.size - 1, column: code.size - 1) && code.isDark(row: code.size - 7, column: code.size - 7)
                       && code.isDark(row: code.size - 4, column: code.size - 4) && !code.isDark(row: code.size - 2, column: code.size - 2),
                       "no fourth finder pattern")
    }

    func testHalfBlocksDrawTwoModuleRowsPerLine() throws {
        let code = try QRCode("https://example.org/")
        let lines = code.halfBlocks(margin: 2).split(separator: "\n")
        XCTAssertEqual(lines.count, (code.size + 4 + 1) / 2)
        XCTAssertTrue(lines.allSatisfy { $0.count == code.size + 4 })
        // The quiet zone is light: the first line is all full blocks.
        XCTAssertEqual(Set(lines[0]), ["█"])
        // Row 2 of the text holds module rows 2 and 3 of the grid's first finder: dark above and below.
        let second = Array(lines[1])
        XCTAssertEqual(second[2], " ", "finder corner: dark over dark is blank")
        XCTAssertTrue(code.halfBlocks(colours: true).hasPrefix("\u{1B}[97;40m"))
    }

    func testTheSVGHasOneSquarePerDarkModule() throws {
        let code = try QRCode("http://10.0.0.2:8080/")
        let svg = code.svg(margin: 4, title: "<join>")
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(code.size + 8) \(code.size + 8)\""))
        XCTAssertTrue(svg.contains("<title>&lt;join&gt;</title>"))
        // The path's runs cover exactly the dark modules.
        let path = svg.components(separatedBy: "<path d=\"")[1].components(separatedBy: "\"")[0]
        var covered = 0
        for run in path.split(separator: "z") {
            let width = run.split(separator: "h")[1].split(separator: "v")[0]
            covered += Int(width)!
        }
        XCTAssertEqual(covered, code.modules.filter { $0 }.count)
    }

    func testTooLongATextIsAnError() {
        XCTAssertThrowsError(try QRCode(String(repeating: "x", count: 4000)))
    }
}
