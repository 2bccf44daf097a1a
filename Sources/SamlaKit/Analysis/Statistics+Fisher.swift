import Foundation

extension Statistics {
    /// Fisher's exact test of independence for the 2×2 table [[a, b], [c, d]], two-sided.
    ///
    /// With the margins fixed, the top-left count follows the hypergeometric distribution
    /// P(x) = C(a+b, x)·C(c+d, a+c−x) / C(n, a+c); the p-value sums P(x) over every table at most
    /// as probable as the observed one (with a relative tolerance of 1e-7 for rounding, as scipy's
    /// `fisher_exact` does). Probabilities are computed from log-factorials, so large counts neither
    /// overflow nor lose the small terms. Returns nil for negative counts or an empty table.
    public static func fisherExact(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> ExactTest? {
        guard a >= 0, b >= 0, c >= 0, d >= 0 else { return nil }
        let n = a + b + c + d
        guard n > 0 else { return nil }
        let row1 = a + b, row2 = c + d, column1 = a + c
        let low = max(0, column1 - row2)
        let high = min(row1, column1)
        let denominator = logChoose(n, column1)
        func logP(_ x: Int) -> Double {
            logChoose(row1, x) + logChoose(row2, column1 - x) - denominator
        }
        let observed = logP(a)
        // Tables as probable as the observed one, up to rounding, count as "at most as probable".
        let threshold = observed + log1p(1e-7)
        var p = 0.0
        for x in low ... high {
            let value = logP(x)
            if value <= threshold { p += exp(value) }
        }
        // 0/0 has no ratio and x/0 an infinite one: neither is a number to report.
        let oddsRatio = b > 0 && c > 0 ? Double(a) * Double(d) / (Double(b) * Double(c)) : nil
        return ExactTest(pValue: min(1, p), oddsRatio: oddsRatio)
    }

    /// ln C(n, k) from log-factorials.
    static func logChoose(_ n: Int, _ k: Int) -> Double {
        guard k >= 0, k <= n else { return -.infinity }
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k)
    }

    /// ln n!, as ln Γ(n + 1).
    static func logFactorial(_ n: Int) -> Double {
        n < 2 ? 0 : lgamma(Double(n) + 1)
    }

    /// Holm's step-down adjustment of p-values for testing several hypotheses at once: the i-th
    /// smallest of m is multiplied by m − i + 1, and each adjusted value is at least the one before
    /// (so the order is kept), at most 1. Returned in the order given.
    public static func holmAdjusted(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var adjusted = Array(repeating: 1.0, count: m)
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(m - rank) * pValues[index]))
            adjusted[index] = running
        }
        return adjusted
    }
}
