import XCTest
@testable import SamlaKit

/// Expected values were computed with scipy 1.17.1 / numpy / Python's statistics module; the call
/// that produced each one is written next to it. Tolerance: 1e-9 relative (1e-15 absolute near 0).
final class StatisticsTests: XCTestCase {
    private func assertClose(_ actual: Double?, _ expected: Double, relative: Double = 1e-9,
                             file: StaticString = #filePath, line: UInt = #line) {
        guard let actual else {
            XCTFail("got nil, expected \(expected)", file: file, line: line)
            return
        }
        let tolerance = max(abs(expected) * relative, 1e-15)
        XCTAssertLessThanOrEqual(abs(actual - expected), tolerance,
                                 "\(actual) differs from \(expected)", file: file, line: line)
    }

    // MARK: Wilson

    func testWilsonIntervalsMatchScipy() {
        // scipy.stats.binomtest(k, n).proportion_ci(confidence_level=cl, method='wilson')
        let cases: [(k: Int, n: Int, cl: Double, low: Double, high: Double)] = [
            (1, 10, 0.95, 0.017876213095072896, 0.4041500267952385),
            (5, 10, 0.95, 0.236593090512564, 0.7634069094874361),
            (37, 120, 0.95, 0.23272736988916295, 0.3958299772380067),
            (3, 1000, 0.95, 0.0010207838811386186, 0.008783014053503173),
            (999, 1000, 0.95, 0.9943574414020421, 0.9998234536293739),
            (50, 100, 0.90, 0.41884779611252954, 0.5811522038874705),
            (50, 100, 0.99, 0.37527962504483986, 0.6247203749551602),
            (17, 40, 0.80, 0.3297393909273828, 0.5261766060764491),
            (123456, 1_000_000, 0.95, 0.12281269653142284, 0.12410219641400437),
        ]
        for c in cases {
            let ci = Statistics.wilsonInterval(successes: c.k, trials: c.n, confidence: c.cl)
            assertClose(ci?.lower, c.low)
            assertClose(ci?.upper, c.high)
            assertClose(ci?.estimate, Double(c.k) / Double(c.n))
        }
    }

    func testWilsonEdgeCases() throws {
        // binomtest(0, 10).proportion_ci(method='wilson') -> (0.0, 0.27753279986288926)
        let none = try XCTUnwrap(Statistics.wilsonInterval(successes: 0, trials: 10))
        XCTAssertEqual(none.lower, 0)
        assertClose(none.upper, 0.27753279986288926)
        // binomtest(10, 10).proportion_ci(method='wilson') -> (0.7224672001371109, 1.0)
        let all = try XCTUnwrap(Statistics.wilsonInterval(successes: 10, trials: 10))
        assertClose(all.lower, 0.7224672001371109)
        XCTAssertEqual(all.upper, 1)
        // binomtest(1, 1) -> (0.20654931437723745, 1.0); binomtest(0, 1) -> (0.0, 0.7934506856227626)
        assertClose(Statistics.wilsonInterval(successes: 1, trials: 1)?.lower, 0.20654931437723745)
        assertClose(Statistics.wilsonInterval(successes: 0, trials: 1)?.upper, 0.7934506856227626)
        // No trials: no proportion. Impossible counts are refused too.
        XCTAssertNil(Statistics.wilsonInterval(successes: 0, trials: 0))
        XCTAssertNil(Statistics.wilsonInterval(successes: 3, trials: 2))
        XCTAssertNil(Statistics.wilsonInterval(successes: -1, trials: 2))
        XCTAssertNil(Statistics.wilsonInterval(successes: 1, trials: 2, confidence: 1))
    }

    func testNormalQuantileMatchesScipy() {
        // scipy.stats.norm.ppf(p)
        let cases: [(Double, Double)] = [
            (1e-10, -6.361340902404056), (0.001, -3.090232306167813), (0.025, -1.9599639845400545),
            (0.3, -0.5244005127080409), (0.8, 0.8416212335729143), (0.9, 1.2815515655446004),
            (0.95, 1.6448536269514722), (0.975, 1.959963984540054), (0.995, 2.5758293035489004),
            (1 - 1e-10, 6.361340889697422),
        ]
        for (p, z) in cases { assertClose(Statistics.normalQuantile(p), z) }
        XCTAssertEqual(abs(Statistics.normalQuantile(0.5)), 0, accuracy: 1e-15)
        assertClose(Statistics.z95, Statistics.normalQuantile(0.975), relative: 1e-15)
    }

    // MARK: Chi-square

    func testChiSquareMatchesScipy() throws {
        // scipy.stats.chi2_contingency(np.array(table), correction=False) -> statistic, dof, pvalue
        let cases: [(table: [[Int]], x2: Double, df: Int, p: Double)] = [
            ([[10, 20], [30, 40]], 0.7936507936507936, 1, 0.37299848361348686),
            ([[12, 5, 8], [7, 15, 3], [4, 6, 20]], 25.112870859855434, 4, 4.7747967572409444e-05),
            ([[200, 10], [10, 200]], 343.8095238095238, 1, 9.44577235126201e-77),
            ([[5, 9, 13, 2, 7], [11, 4, 6, 8, 3], [2, 14, 5, 9, 10], [7, 3, 8, 12, 6]],
             31.39031761786601, 12, 0.0017171691019500198),
            ([[1, 2, 1, 3, 2, 1, 2, 1, 3, 1, 2, 1, 1, 2, 3, 1, 2, 1, 1, 2],
              [2, 1, 2, 1, 1, 3, 1, 2, 1, 2, 1, 2, 3, 1, 1, 2, 1, 2, 3, 1]],
             10.666666666666668, 19, 0.934542480254784),
        ]
        for c in cases {
            let r = try XCTUnwrap(Statistics.chiSquareTest(c.table))
            assertClose(r.statistic, c.x2)
            XCTAssertEqual(r.degreesOfFreedom, c.df)
            assertClose(r.pValue, c.p)
        }
    }

    func testChiSquareExpectedCountsAndLowCellFlags() throws {
        // chi2_contingency([[12,5,8],[7,15,3],[4,6,20]]).expected_freq
        let r = try XCTUnwrap(Statistics.chiSquareTest([[12, 5, 8], [7, 15, 3], [4, 6, 20]]))
        let expected = [[7.1875, 8.125, 9.6875], [7.1875, 8.125, 9.6875], [8.625, 9.75, 11.625]]
        for i in 0..<3 { for j in 0..<3 { assertClose(r.expected[i][j], expected[i][j]) } }
        XCTAssertFalse(r.hasLowExpectedCells)
        XCTAssertEqual(r.total, 80)

        // chi2_contingency([[3,7],[6,2]], correction=False): 3.6, dof 1, p 0.05777957112359715,
        // expected [[5,5],[4,4]]: the two cells expecting 4 are flagged, the ones expecting
        // exactly 5 are not.
        let small = try XCTUnwrap(Statistics.chiSquareTest([[3, 7], [6, 2]]))
        assertClose(small.pValue, 0.05777957112359715)
        XCTAssertEqual(small.lowExpected, [[false, false], [true, true]])
        XCTAssertEqual(small.lowExpectedCellCount, 2)
        XCTAssertTrue(small.hasLowExpectedCells)
    }

    func testChiSquareDropsEmptyRowsAndColumns() throws {
        // scipy refuses zero expected counts, so the reference is the table without the empty row:
        // chi2_contingency([[5,3,2],[4,8,6]], correction=False) -> 2.2846240179573516, 2, 0.3190804514859262
        let r = try XCTUnwrap(Statistics.chiSquareTest([[5, 3, 2], [0, 0, 0], [4, 8, 6]]))
        assertClose(r.statistic, 2.2846240179573516)
        XCTAssertEqual(r.degreesOfFreedom, 2)
        assertClose(r.pValue, 0.3190804514859262)
        XCTAssertEqual(r.expected[1], [0, 0, 0])
        XCTAssertEqual(r.lowExpected[1], [false, false, false])
        assertClose(r.expected[2][1], 7.071428571428571)
        // Empty column: chi2_contingency([[3,7],[6,2]], correction=False) -> 3.6, 1, 0.05777957112359715
        let c = try XCTUnwrap(Statistics.chiSquareTest([[3, 0, 7], [6, 0, 2]]))
        assertClose(c.statistic, 3.6)
        XCTAssertEqual(c.degreesOfFreedom, 1)
        assertClose(c.pValue, 0.05777957112359715)
    }

    func testChiSquareUndefinedCases() throws {
        XCTAssertNil(Statistics.chiSquareTest([]))
        XCTAssertNil(Statistics.chiSquareTest([[0, 0], [0, 0]]))
        XCTAssertNil(Statistics.chiSquareTest([[4, 5], [0, 0]]), "one non-empty row: no test")
        XCTAssertNil(Statistics.chiSquareTest([[1, 2], [3]]), "ragged rows")
        XCTAssertNil(Statistics.chiSquareTest([[1, -2], [3, 4]]), "negative count")
        // chi2_contingency([[10,20],[20,40]], correction=False) -> statistic 0.0, p 1.0
        let independent = try XCTUnwrap(Statistics.chiSquareTest([[10, 20], [20, 40]]))
        XCTAssertEqual(independent.statistic, 0, accuracy: 1e-12)
        XCTAssertEqual(independent.pValue, 1, accuracy: 1e-12)
    }

    func testChiSquareSurvivalMatchesScipy() {
        // scipy.stats.chi2.sf(x, df): covers the series branch (x < a + 1) and the continued fraction.
        let cases: [(x: Double, df: Int, p: Double)] = [
            (3.841458820694124, 1, 0.04999999999999989), (0.001, 1, 0.9747728793699604),
            (150, 100, 0.0009039320423540184), (50, 7, 1.4444852779215397e-08),
            (1e-8, 3, 0.999999999999734), (400, 2, 1.383896526736753e-87), (12.5, 12, 0.4064040340360133),
            (1000, 50, 7.188706215514871e-177),
        ]
        for c in cases { assertClose(Statistics.chiSquareSurvival(c.x, degreesOfFreedom: c.df), c.p) }
        // chi2.sf(0.5, 30) -> 1.0
        XCTAssertEqual(Statistics.chiSquareSurvival(0.5, degreesOfFreedom: 30), 1, accuracy: 1e-15)
        XCTAssertEqual(Statistics.chiSquareSurvival(0, degreesOfFreedom: 4), 1)
        XCTAssertEqual(Statistics.regularizedGammaP(2.5, 0), 0)
        // P + Q = 1 on both sides of the switch between series and continued fraction.
        for (a, x) in [(3.0, 3.9), (3.0, 4.1), (0.5, 0.2), (40.0, 45.0)] {
            XCTAssertEqual(Statistics.regularizedGammaP(a, x) + Statistics.regularizedGammaQ(a, x), 1, accuracy: 1e-14)
        }
    }

    // MARK: Descriptive

    func testRunningSummaryMatchesPythonStatistics() throws {
        let values = [3.5, 1.0, 4.25, 2.0, 7.5, 3.0, 9.0, 2.5, 6.0, 5.5, 4.0]
        let s = Statistics.RunningSummary(values)
        XCTAssertEqual(s.count, 11)
        assertClose(s.mean, 4.386363636363637)               // statistics.mean(values)
        assertClose(s.standardDeviation, 2.4170323652250616)  // statistics.stdev(values)
        XCTAssertEqual(s.min, 1.0)
        XCTAssertEqual(s.max, 9.0)

        // Welford keeps precision where the sum of squares would not: a large offset.
        let shifted = Statistics.RunningSummary(values.map { $0 + 1e9 })
        assertClose(shifted.standardDeviation, 2.4170323652250616, relative: 1e-6)

        // Merging two halves equals one pass.
        var left = Statistics.RunningSummary(values[..<4])
        left.merge(Statistics.RunningSummary(values[4...]))
        assertClose(left.mean, 4.386363636363637)
        assertClose(left.standardDeviation, 2.4170323652250616)
        XCTAssertEqual(left.count, 11)
        XCTAssertEqual(left.min, 1.0)
    }

    func testRunningSummaryEdgeCases() {
        let empty = Statistics.RunningSummary()
        XCTAssertEqual(empty.count, 0)
        XCTAssertNil(empty.mean)
        XCTAssertNil(empty.min)
        XCTAssertNil(empty.standardDeviation)
        let one = Statistics.RunningSummary([42])
        XCTAssertEqual(one.mean, 42)
        XCTAssertNil(one.standardDeviation, "sample deviation needs two values")
        XCTAssertEqual(one.min, 42)
        XCTAssertEqual(one.max, 42)
    }

    func testQuartilesAreType7() throws {
        // statistics.quantiles(values, n=4, method='inclusive') == numpy.percentile(values, [25,50,75])
        //   == [2.75, 4.0, 5.75]
        let q = try XCTUnwrap(Statistics.quartiles([3.5, 1.0, 4.25, 2.0, 7.5, 3.0, 9.0, 2.5, 6.0, 5.5, 4.0]))
        assertClose(q.q1, 2.75)
        assertClose(q.median, 4.0)
        assertClose(q.q3, 5.75)
        // numpy.percentile([1, 2], [25, 50, 75]) -> [1.25, 1.5, 1.75]; one value -> itself.
        XCTAssertEqual(Statistics.quartiles([2, 1]), Statistics.Quartiles(q1: 1.25, median: 1.5, q3: 1.75))
        XCTAssertEqual(Statistics.quartiles([7]), Statistics.Quartiles(q1: 7, median: 7, q3: 7))
        XCTAssertNil(Statistics.quartiles([]))
        XCTAssertNil(Statistics.quantile(sorted: [1, 2], 1.5))
    }

    func testIntegerHistogramAgreesWithValueQuartiles() throws {
        let answers = [1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 5, 5, 1, 3, 4]
        let h = Statistics.IntegerHistogram(answers)
        XCTAssertEqual(h.count, 15)
        XCTAssertEqual(h.counts[5], 4)
        // statistics.quantiles(answers, n=4, method='inclusive') -> [2.5, 3.0, 4.5]
        XCTAssertEqual(h.quartiles, Statistics.Quartiles(q1: 2.5, median: 3, q3: 4.5))
        XCTAssertEqual(h.median, 3)
        // numpy.percentile(answers, [10, 90]) -> [1.4000000000000001, 5.0]
        assertClose(h.quantile(0.1), 1.4000000000000001)
        assertClose(h.quantile(0.9), 5.0)
        // statistics.mean / statistics.stdev of the same answers
        assertClose(h.summary.mean, 3.3333333333333335)
        assertClose(h.summary.standardDeviation, 1.3972762620115438)
        XCTAssertEqual(h.summary.min, 1)
        XCTAssertEqual(h.summary.max, 5)
        XCTAssertEqual(h.sortedCounts.map(\.value), [1, 2, 3, 4, 5])

        // Every quantile agrees with the value-array route.
        let sorted = answers.map(Double.init).sorted()
        for p in stride(from: 0.0, through: 1.0, by: 0.05) {
            XCTAssertEqual(h.quantile(p), Statistics.quantile(sorted: sorted, p))
        }
        XCTAssertNil(Statistics.IntegerHistogram().median)
        var weighted = Statistics.IntegerHistogram()
        weighted.add(7, times: 3)
        weighted.add(-2, times: 0)
        XCTAssertEqual(weighted.count, 3)
        XCTAssertEqual(weighted.median, 7)
    }
}
