import Foundation

extension Statistics {
    /// Bins for a histogram of number answers, by a stated rule:
    ///
    /// - whole numbers spanning at most `integerBinLimit` values: one bin per whole number, so
    ///   "how many children" reads 0, 1, 2, … with no bin hiding two values;
    /// - otherwise the Freedman–Diaconis rule, width 2·IQR·n^(−1/3), which a few outliers cannot
    ///   stretch; where the IQR is 0, Sturges' ⌈log₂ n⌉ + 1 bins; never more than `maxBins`.
    ///
    /// Bins are [lower, upper) except the last, which includes the maximum. `sorted` must be sorted.
    public static func histogram(sorted values: [Double], integerBinLimit: Int = 25, maxBins: Int = 40) -> [HistogramBin] {
        let finite = values.filter(\.isFinite)
        guard let low = finite.first, let high = finite.last else { return [] }
        // Whole numbers past 2^53 are not counted one by one (nor can they all be Ints).
        let wholeLimit = 9_007_199_254_740_992.0
        if finite.allSatisfy({ $0 == $0.rounded() }), high - low < Double(integerBinLimit), -low < wholeLimit, high < wholeLimit {
            let first = Int(low)
            var counts = Array(repeating: 0, count: Int(high) - first + 1)
            for value in finite { counts[Int(value) - first] += 1 }
            return counts.enumerated().map { offset, count in
                HistogramBin(lower: Double(first + offset), upper: Double(first + offset + 1), count: count)
            }
        }
        // A span past Double's range (answers near ±1.8e308) has no bin width: one bin holds them all.
        guard high > low, (high - low).isFinite else { return [HistogramBin(lower: low, upper: high, count: finite.count)] }
        let n = Double(finite.count)
        let iqr = (quantile(sorted: finite, 0.75) ?? 0) - (quantile(sorted: finite, 0.25) ?? 0)
        var binCount: Int
        if iqr > 0 {
            let width = 2 * iqr / Foundation.cbrt(n)
            // A wide range over a narrow middle asks for more bins than an Int holds; maxBins caps it anyway.
            binCount = Int(Swift.min(Double(maxBins), ((high - low) / width).rounded(.up)))
        } else {
            binCount = Int(Foundation.log2(n).rounded(.up)) + 1
        }
        binCount = Swift.min(maxBins, Swift.max(1, binCount))
        let width = niceWidth((high - low) / Double(binCount))
        let start = (low / width).rounded(.down) * width
        binCount = Swift.max(1, Int(Swift.min(Double(maxBins + 1), ((high - start) / width).rounded(.down))) + 1)
        var counts = Array(repeating: 0, count: binCount)
        for value in finite {
            counts[Swift.min(binCount - 1, Swift.max(0, Int((value - start) / width)))] += 1
        }
        return counts.enumerated().map { index, count in
            HistogramBin(lower: start + Double(index) * width, upper: start + Double(index + 1) * width, count: count)
        }
    }

    /// The width rounded up to 1, 2 or 5 times a power of ten, so bin edges are numbers a reader
    /// would choose.
    static func niceWidth(_ width: Double) -> Double {
        guard width > 0, width.isFinite else { return 1 }
        let power = Foundation.pow(10, (Foundation.log10(width)).rounded(.down))
        for step in [1.0, 2, 5, 10] where step * power >= width {
            return step * power
        }
        return 10 * power
    }
}
