import Foundation

/// The statistics behind survey summaries: confidence intervals for shares, the chi-square test
/// for cross-tabs, and descriptive statistics for scales and numbers. Foundation only; every
/// numeric routine is written out here so its behaviour is fixed and testable against scipy.
public enum Statistics {
    /// z for a two-sided 95% interval, Φ⁻¹(0.975), to double precision.
    public static let z95 = 1.959963984540054

    // MARK: - Wilson score interval

    /// A confidence interval for a proportion.
    public struct ProportionInterval: Sendable, Hashable {
        public var estimate: Double
        public var lower: Double
        public var upper: Double
    }

    /// The Wilson score interval for `successes` out of `trials`. Unlike the textbook
    /// p ± z·√(p(1−p)/n) it stays inside [0, 1] and is sensible for 0 of n and n of n, which
    /// small workshop surveys produce all the time. At 0 successes the lower bound is exactly 0
    /// and at n of n the upper bound is exactly 1 (as scipy's `proportion_ci(method='wilson')`).
    /// Returns nil for zero trials, where no proportion exists.
    public static func wilsonInterval(successes: Int, trials: Int, confidence: Double = 0.95) -> ProportionInterval? {
        guard trials > 0, successes >= 0, successes <= trials, confidence > 0, confidence < 1 else { return nil }
        let z = confidence == 0.95 ? z95 : normalQuantile(0.5 + confidence / 2)
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let denominator = 2 * (n + z2)
        let center = (2 * n * p + z2) / denominator
        let delta = z / denominator * (4 * n * p * (1 - p) + z2).squareRoot()
        let lower = successes == 0 ? 0 : max(0, center - delta)
        let upper = successes == trials ? 1 : min(1, center + delta)
        return ProportionInterval(estimate: p, lower: lower, upper: upper)
    }

    // MARK: - Normal distribution

    /// Φ⁻¹(p), the standard normal quantile, for 0 < p < 1. Acklam's rational approximation
    /// (relative error about 1e-9) followed by one Halley step on Φ computed with erfc, which
    /// brings it to full double precision.
    public static func normalQuantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "normalQuantile needs 0 < p < 1")
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * Foundation.log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5
            let r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * Foundation.log1p(-p)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        // Halley refinement: e = Φ(x) − p, u = e·√(2π)·exp(x²/2).
        let e = 0.5 * Foundation.erfc(-x / 2.0.squareRoot()) - p
        let u = e * (2 * Double.pi).squareRoot() * Foundation.exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }

    // MARK: - Chi-square test of independence

    public struct ChiSquareResult: Sendable, Hashable {
        /// Pearson's X² = Σ (O − E)² / E over the cells of non-empty rows and columns.
        public var statistic: Double
        /// (r − 1)(c − 1), counting only rows and columns with a non-zero total.
        public var degreesOfFreedom: Int
        /// P(χ²(df) ≥ statistic) = Q(df/2, statistic/2).
        public var pValue: Double
        /// Expected counts R·C/N in the shape of the input; 0 in empty rows and columns.
        public var expected: [[Double]]
        /// Cells (in non-empty rows and columns) whose expected count is below 5, where the
        /// chi-square approximation gets unreliable.
        public var lowExpected: [[Bool]]
        public var total: Int

        public var lowExpectedCellCount: Int { lowExpected.reduce(0) { $0 + $1.filter { $0 }.count } }
        public var hasLowExpectedCells: Bool { lowExpectedCellCount > 0 }
    }

    /// Pearson's chi-square test of independence for an r×c table of counts, given as rows of
    /// equal length. Rows and columns whose total is
    /// zero are dropped: they carry no information, and keeping them would make expected counts
    /// zero. No continuity correction (matches scipy's `chi2_contingency(correction=False)`).
    /// Returns nil when the test is undefined: no counts, negative counts, ragged rows, or fewer
    /// than two non-empty rows or columns.
    public static func chiSquareTest(_ table: [[Int]]) -> ChiSquareResult? {
        guard let width = table.first?.count, width > 0, table.allSatisfy({ $0.count == width }),
              table.allSatisfy({ $0.allSatisfy { $0 >= 0 } }) else { return nil }
        let rowTotals = table.map { $0.reduce(0, +) }
        let columnTotals = (0..<width).map { j in table.reduce(0) { $0 + $1[j] } }
        let total = rowTotals.reduce(0, +)
        let rows = rowTotals.filter { $0 > 0 }.count
        let columns = columnTotals.filter { $0 > 0 }.count
        guard total > 0, rows >= 2, columns >= 2 else { return nil }

        let n = Double(total)
        var statistic = 0.0
        var expected = table.map { Array(repeating: 0.0, count: $0.count) }
        var low = table.map { Array(repeating: false, count: $0.count) }
        for i in table.indices where rowTotals[i] > 0 {
            for j in 0..<width where columnTotals[j] > 0 {
                let e = Double(rowTotals[i]) * Double(columnTotals[j]) / n
                expected[i][j] = e
                low[i][j] = e < 5
                let diff = Double(table[i][j]) - e
                statistic += diff * diff / e
            }
        }
        let df = (rows - 1) * (columns - 1)
        return ChiSquareResult(statistic: statistic, degreesOfFreedom: df,
                               pValue: chiSquareSurvival(statistic, degreesOfFreedom: df),
                               expected: expected, lowExpected: low, total: total)
    }

    /// P(χ²(df) ≥ x), the upper tail of the chi-square distribution.
    public static func chiSquareSurvival(_ x: Double, degreesOfFreedom df: Int) -> Double {
        precondition(df > 0, "degrees of freedom must be positive")
        return regularizedGammaQ(Double(df) / 2, x / 2)
    }

    // MARK: - Incomplete gamma function

    /// Q(a, x) = Γ(a, x) / Γ(a), the regularized upper incomplete gamma function, for a > 0.
    /// Below x = a + 1 the power series for P converges fast and Q = 1 − P; above it the
    /// continued fraction for Q converges fast and, unlike 1 − P, keeps tiny p-values accurate.
    public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        precondition(a > 0, "regularizedGammaQ needs a > 0")
        if x.isNaN { return .nan }
        if x <= 0 { return 1 }
        if x == .infinity { return 0 }
        if x < a + 1 {
            return max(0, 1 - gammaPSeries(a, x))
        }
        return gammaQContinuedFraction(a, x)
    }

    /// P(a, x) = γ(a, x) / Γ(a).
    public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        precondition(a > 0, "regularizedGammaP needs a > 0")
        if x.isNaN { return .nan }
        if x <= 0 { return 0 }
        if x == .infinity { return 1 }
        if x < a + 1 { return gammaPSeries(a, x) }
        return max(0, 1 - gammaQContinuedFraction(a, x))
    }

    private static let gammaEpsilon = 1e-16
    private static let gammaMaxIterations = 10_000

    /// x^a e^−x / Γ(a), computed in logs so large a and x do not overflow.
    private static func gammaPrefactor(_ a: Double, _ x: Double) -> Double {
        Foundation.exp(a * Foundation.log(x) - x - Foundation.lgamma(a))
    }

    /// P(a, x) = x^a e^−x / Γ(a+1) · Σ x^k / ((a+1)…(a+k)).
    private static func gammaPSeries(_ a: Double, _ x: Double) -> Double {
        var term = 1 / a
        var sum = term
        var denominator = a
        for _ in 0..<gammaMaxIterations {
            denominator += 1
            term *= x / denominator
            sum += term
            if abs(term) < abs(sum) * gammaEpsilon { break }
        }
        return sum * gammaPrefactor(a, x)
    }

    /// Q(a, x) by the continued fraction 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− …))),
    /// evaluated with the modified Lentz method.
    private static func gammaQContinuedFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1...gammaMaxIterations {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < gammaEpsilon { break }
        }
        return gammaPrefactor(a, x) * h
    }

    // MARK: - Descriptive statistics

    /// Count, mean, standard deviation, minimum and maximum in one pass and constant memory,
    /// by Welford's update (numerically stable, unlike summing squares).
    public struct RunningSummary: Sendable, Hashable {
        public private(set) var count = 0
        private var runningMean = 0.0
        /// Sum of squared deviations from the running mean.
        private var m2 = 0.0
        private var lowest = Double.infinity
        private var highest = -Double.infinity

        public init() {}

        public init<S: Sequence>(_ values: S) where S.Element == Double {
            for v in values { add(v) }
        }

        public mutating func add(_ x: Double) {
            count += 1
            let delta = x - runningMean
            runningMean += delta / Double(count)
            m2 += delta * (x - runningMean)
            lowest = Swift.min(lowest, x)
            highest = Swift.max(highest, x)
        }

        /// Adds the same value `times` times at once (for histograms).
        public mutating func add(_ x: Double, times: Int) {
            guard times > 0 else { return }
            var other = RunningSummary()
            other.count = times
            other.runningMean = x
            other.lowest = x
            other.highest = x
            merge(other)
        }

        /// Combines two summaries (Chan, Golub and LeVeque's pairwise update), so parts of the
        /// data can be summarized separately and joined.
        public mutating func merge(_ other: RunningSummary) {
            guard other.count > 0 else { return }
            guard count > 0 else {
                self = other
                return
            }
            let n = Double(count + other.count)
            let delta = other.runningMean - runningMean
            m2 += other.m2 + delta * delta * Double(count) * Double(other.count) / n
            runningMean += delta * Double(other.count) / n
            count += other.count
            lowest = Swift.min(lowest, other.lowest)
            highest = Swift.max(highest, other.highest)
        }

        /// Nil when there are no values.
        public var mean: Double? { count > 0 ? runningMean : nil }
        /// Sample variance (divisor n − 1); nil below two values.
        public var variance: Double? { count >= 2 ? m2 / Double(count - 1) : nil }
        /// Sample standard deviation (divisor n − 1); nil below two values.
        public var standardDeviation: Double? { variance.map { $0.squareRoot() } }
        public var min: Double? { count > 0 ? lowest : nil }
        public var max: Double? { count > 0 ? highest : nil }
    }

    /// First quartile, median and third quartile.
    public struct Quartiles: Sendable, Hashable {
        public var q1: Double
        public var median: Double
        public var q3: Double
    }

    /// The p-quantile of sorted values by linear interpolation between order statistics at
    /// h = (n − 1)·p: Hyndman and Fan's type 7, numpy's default "linear", R's default, and
    /// Python's `statistics.quantiles(method='inclusive')`. Nil for no values.
    public static func quantile(sorted values: [Double], _ p: Double) -> Double? {
        quantile(count: values.count, p) { values[$0] }
    }

    /// Quartiles (type 7, see `quantile(sorted:_:)`) of unsorted values.
    public static func quartiles(_ values: [Double]) -> Quartiles? {
        let sorted = values.sorted()
        guard let q1 = quantile(sorted: sorted, 0.25), let m = quantile(sorted: sorted, 0.5),
              let q3 = quantile(sorted: sorted, 0.75) else { return nil }
        return Quartiles(q1: q1, median: m, q3: q3)
    }

    /// Type 7 quantile given the count and a way to read the k-th smallest value (0-based).
    static func quantile(count n: Int, _ p: Double, orderStatistic: (Int) -> Double) -> Double? {
        guard n > 0, p >= 0, p <= 1 else { return nil }
        let h = Double(n - 1) * p
        let lo = Int(h.rounded(.down))
        let fraction = h - Double(lo)
        let x = orderStatistic(lo)
        if fraction == 0 || lo + 1 >= n { return x }
        return x + fraction * (orderStatistic(lo + 1) - x)
    }

    /// Counts of integer answers (a 1–5 scale, a 0–10 NPS question, an age). Memory grows with
    /// the number of distinct values, not answers, and median and quartiles come from the counts
    /// without keeping every value.
    public struct IntegerHistogram: Sendable, Hashable {
        public private(set) var counts: [Int: Int] = [:]
        public private(set) var count = 0

        public init() {}

        public init<S: Sequence>(_ values: S) where S.Element == Int {
            for v in values { add(v) }
        }

        public mutating func add(_ value: Int, times: Int = 1) {
            guard times > 0 else { return }
            counts[value, default: 0] += times
            count += times
        }

        /// Distinct values in ascending order with their counts.
        public var sortedCounts: [(value: Int, count: Int)] {
            counts.sorted { $0.key < $1.key }.map { (value: $0.key, count: $0.value) }
        }

        /// Count, mean, standard deviation, minimum and maximum of the values.
        public var summary: RunningSummary {
            var s = RunningSummary()
            for (value, n) in sortedCounts { s.add(Double(value), times: n) }
            return s
        }

        /// The type 7 quantile (as `Statistics.quantile(sorted:_:)` on the expanded values).
        public func quantile(_ p: Double) -> Double? {
            let sorted = sortedCounts
            var cumulative: [Int] = []
            cumulative.reserveCapacity(sorted.count)
            var running = 0
            for entry in sorted {
                running += entry.count
                cumulative.append(running)
            }
            return Statistics.quantile(count: count, p) { k in
                // The k-th smallest value is the first whose cumulative count exceeds k.
                var lo = 0
                var hi = cumulative.count - 1
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if cumulative[mid] > k { hi = mid } else { lo = mid + 1 }
                }
                return Double(sorted[lo].value)
            }
        }

        public var median: Double? { quantile(0.5) }

        public var quartiles: Quartiles? {
            guard let q1 = quantile(0.25), let m = quantile(0.5), let q3 = quantile(0.75) else { return nil }
            return Quartiles(q1: q1, median: m, q3: q3)
        }
    }
}
