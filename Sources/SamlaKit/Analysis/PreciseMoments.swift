extension Statistics {
    /// Mean and sample standard deviation of values held in memory, as exact as doubles allow: the
    /// sum is compensated (Neumaier), so the mean of 1, 2, 3, 4 and 100 is 22, not the
    /// 22.000000000000004 a running update gives, and the deviation is taken in a second pass.
    public struct Moments: Sendable, Hashable {
        public var count: Int
        public var mean: Double?
        /// Divisor n − 1; nil below two values.
        public var standardDeviation: Double?
    }

    public static func moments(_ values: [Double]) -> Moments {
        guard !values.isEmpty else { return Moments(count: 0) }
        let mean = compensatedSum(values) / Double(values.count)
        guard values.count >= 2 else { return Moments(count: 1, mean: mean) }
        let squares = compensatedSum(values.lazy.map { ($0 - mean) * ($0 - mean) })
        return Moments(count: values.count, mean: mean, standardDeviation: (squares / Double(values.count - 1)).squareRoot())
    }

    /// Moments of integer values given as (value, count) pairs (a histogram).
    public static func moments(counts: [(value: Int, count: Int)]) -> Moments {
        let n = counts.reduce(0) { $0 + $1.count }
        guard n > 0 else { return Moments(count: 0) }
        let mean = compensatedSum(counts.map { Double($0.value) * Double($0.count) }) / Double(n)
        guard n >= 2 else { return Moments(count: n, mean: mean) }
        let squares = compensatedSum(counts.map { Double($0.count) * (Double($0.value) - mean) * (Double($0.value) - mean) })
        return Moments(count: n, mean: mean, standardDeviation: (squares / Double(n - 1)).squareRoot())
    }

    /// Neumaier's compensated sum.
    static func compensatedSum<S: Sequence>(_ values: S) -> Double where S.Element == Double {
        var sum = 0.0
        var compensation = 0.0
        for value in values {
            let next = sum + value
            if abs(sum) >= abs(value) {
                compensation += (sum - next) + value
            } else {
                compensation += (value - next) + sum
            }
            sum = next
        }
        return sum + compensation
    }
}
