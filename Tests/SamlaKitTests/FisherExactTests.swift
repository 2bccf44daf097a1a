import Foundation
import XCTest
@testable import SamlaKit

/// Fisher's exact test, Holm's adjustment and histogram bins against independent references:
/// scipy's `fisher_exact` on a few hundred tables drawn at random here, and Holm and
/// Freedman–Diaconis written out again in Python.
final class FisherExactTests: XCTestCase {
    func testFisherExactMatchesScipyOnRandomTables() throws {
        var generator = SystemRandomNumberGenerator()
        var tables: [[Int]] = [[0, 0, 0, 1], [5, 0, 0, 5], [1, 9, 11, 3], [200, 150, 180, 170], [0, 12, 7, 0], [3, 1, 1, 3]]
        for _ in 0 ..< 300 {
            let scale = [4, 12, 40, 300].randomElement(using: &generator)!
            tables.append((0 ..< 4).map { _ in Int.random(in: 0 ... scale, using: &generator) })
        }
        tables = tables.filter { $0.reduce(0, +) > 0 }
        let script = """
            import json, math, sys
            from scipy.stats import fisher_exact
            out = []
            for a, b, c, d in json.load(sys.stdin):
                r = fisher_exact([[a, b], [c, d]])
                odds = float(r.statistic)
                out.append([float(r.pvalue), odds if math.isfinite(odds) and b > 0 and c > 0 else None])
            print(json.dumps(out))
            """
        let input = String(decoding: try JSONEncoder().encode(tables), as: UTF8.self)
        let reference = try JSONDecoder().decode([[Double?]].self, from: Data(try Python.run(["-c", script], input: input).utf8))
        XCTAssertEqual(reference.count, tables.count)
        for (table, expected) in zip(tables, reference) {
            let result = try XCTUnwrap(Statistics.fisherExact(table[0], table[1], table[2], table[3]))
            let p = try XCTUnwrap(expected[0])
            XCTAssertEqual(result.pValue, p, accuracy: 1e-9 * max(1, p), "\(table)")
            if let odds = expected[1] {
                XCTAssertEqual(result.oddsRatio ?? -1, odds, accuracy: 1e-9 * max(1, odds), "\(table)")
            } else {
                XCTAssertNil(result.oddsRatio, "\(table)")
            }
        }
        XCTAssertNil(Statistics.fisherExact(0, 0, 0, 0))
        XCTAssertNil(Statistics.fisherExact(-1, 2, 3, 4))
    }

    func testHolmKeepsOrderAndMatchesTheTextbookSteps() {
        // Holm by hand: sorted 0.01, 0.02, 0.04, 0.30 times 4, 3, 2, 1 → 0.04, 0.06, 0.08, 0.30.
        assertClose(Statistics.holmAdjusted([0.04, 0.01, 0.30, 0.02]), [0.08, 0.04, 0.30, 0.06])
        // A later step never falls below an earlier one, and nothing passes 1.
        assertClose(Statistics.holmAdjusted([0.5, 0.01, 0.6]), [1.0, 0.03, 1.0])
        XCTAssertEqual(Statistics.holmAdjusted([]), [])
    }

    func testHistogramBinsByRule() throws {
        // Few whole numbers: one bin each, none hiding two values.
        let whole = Statistics.histogram(sorted: [1, 1, 2, 4, 4, 4])
        XCTAssertEqual(whole.map(\.lower), [1, 2, 3, 4])
        XCTAssertEqual(whole.map(\.count), [2, 1, 0, 3])
        // Spread-out values: Freedman–Diaconis with a rounded width; every value in exactly one bin.
        let values = (0 ..< 200).map { Double(($0 * 7919) % 1000) / 3 }.sorted()
        let bins = Statistics.histogram(sorted: values)
        XCTAssertEqual(bins.reduce(0) { $0 + $1.count }, values.count)
        let width = bins[0].upper - bins[0].lower
        XCTAssertTrue([1.0, 2, 5].contains { abs(width / pow(10, log10(width).rounded(.down)) - $0) < 1e-9 }, "\(width)")
        let iqr = try XCTUnwrap(Statistics.quantile(sorted: values, 0.75)) - XCTUnwrap(Statistics.quantile(sorted: values, 0.25))
        let fd = 2 * iqr / cbrt(Double(values.count))
        XCTAssertGreaterThanOrEqual(width, fd * 0.999, "the rounded width is at least the rule's")
        XCTAssertLessThan(width, fd * 2.5)
        XCTAssertLessThanOrEqual(try XCTUnwrap(bins.first).lower, values[0])
        XCTAssertGreaterThan(try XCTUnwrap(bins.last).upper, try XCTUnwrap(values.last))
        XCTAssertEqual(Statistics.histogram(sorted: []), [])
        XCTAssertEqual(Statistics.histogram(sorted: [2.5, 2.5]).map(\.count), [2])
    }

    /// Answers no Int holds (a respondent's 1e20, numbers near Double's end) are binned, not a crash.
    func testHistogramsOfHugeNumbersCountEveryValue() {
        let cases: [[Double]] = [
            [1e20, 1e20],
            [1e20, 1e20 + 16_384],
            [1, 2, 2, 3, 3, 3, 4, 1e20],
            [-1e300, 0, 1e300],
            [-.greatestFiniteMagnitude, 0, 1, .greatestFiniteMagnitude],
            [9_007_199_254_740_992, 9_007_199_254_740_994],
        ]
        for values in cases {
            let bins = Statistics.histogram(sorted: values)
            XCTAssertEqual(bins.reduce(0) { $0 + $1.count }, values.count, "\(values)")
            XCTAssertLessThanOrEqual(bins.count, 42, "\(values)")
            XCTAssertLessThanOrEqual(bins.first?.lower ?? .nan, values[0], "\(values)")
        }
    }

    private func assertClose(_ a: [Double], _ b: [Double], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1e-12, file: file, line: line) }
    }
}
