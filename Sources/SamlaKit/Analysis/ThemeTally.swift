import FreeText

/// Codes answers against a codebook in batches, keeping per theme only its count and the best
/// quotes so far. Picking the best quotes of each batch and then the best of those gives exactly
/// the quotes `QuotePicker` would pick from all answers at once (a quote that loses within its
/// batch loses overall), in memory bounded by the batch. The same holds for tallies of different
/// rows, so they can be merged.
///
/// A quote's rank among equals is its row in stored order, which is why answers come with rows:
/// rows counted on several cores still rank as one pass over the store would.
struct ThemeTally: Sendable {
    private let codebook: Codebook
    private let quotesPerTheme: Int
    private static let batchSize = 2048
    private var batch: [String] = []
    private var batchRows: [Int] = []
    private var counts: [Int]
    private var uncoded = 0
    private var quotes: [[QuotePicker.Candidate]]
    private let picker = QuotePicker()

    init(codebook: Codebook, quotesPerTheme: Int) {
        self.codebook = codebook
        self.quotesPerTheme = quotesPerTheme
        counts = Array(repeating: 0, count: codebook.themes.count)
        quotes = Array(repeating: [], count: codebook.themes.count)
    }

    mutating func add(_ answer: String, row: Int) {
        batch.append(answer)
        batchRows.append(row)
        if batch.count >= Self.batchSize { codeBatch() }
    }

    private mutating func codeBatch() {
        guard !batch.isEmpty else { return }
        // The picker ranks equals by their place in the batch, which must be their stored order.
        if zip(batchRows, batchRows.dropFirst()).contains(where: { $0 > $1 }) {
            let order = batchRows.indices.sorted { batchRows[$0] < batchRows[$1] }
            batch = order.map { batch[$0] }
            batchRows = order.map { batchRows[$0] }
        }
        let result = codebook.code(batch, quotesPerTheme: quotesPerTheme)
        for (theme, n) in result.answersPerTheme.enumerated() { counts[theme] += n }
        uncoded += result.themesPerAnswer.filter(\.isEmpty).count
        for (theme, picked) in result.quotes.enumerated() where !picked.isEmpty {
            let candidates = picked.map { index in
                let text = batch[index]
                let hits = codebook.hits(in: text).first { $0.theme == theme }?.hits ?? 1
                return QuotePicker.Candidate(index: batchRows[index], text: text, hits: hits)
            }
            keepBest(candidates, theme: theme)
        }
        batch.removeAll(keepingCapacity: true)
        batchRows.removeAll(keepingCapacity: true)
    }

    private mutating func keepBest(_ candidates: [QuotePicker.Candidate], theme: Int) {
        let pool = quotes[theme] + candidates
        let best = Set(picker.pick(pool, count: quotesPerTheme))
        quotes[theme] = pool.filter { best.contains($0.index) }
    }

    /// Adds the counts and quotes of other rows.
    mutating func merge(_ other: ThemeTally) {
        var other = other
        other.codeBatch()
        codeBatch()
        for theme in counts.indices {
            counts[theme] += other.counts[theme]
            keepBest(other.quotes[theme], theme: theme)
        }
        uncoded += other.uncoded
    }

    mutating func finish(answered: Int) -> ([ThemeSummary], uncoded: Int) {
        codeBatch()
        let summaries = codebook.themes.enumerated().map { theme, definition in
            let order = picker.pick(quotes[theme], count: quotesPerTheme)
            let byIndex = Dictionary(uniqueKeysWithValues: quotes[theme].map { ($0.index, $0.text) })
            return ThemeSummary(name: definition.name, count: counts[theme],
                                share: answered > 0 ? Double(counts[theme]) / Double(answered) : 0,
                                quotes: order.compactMap { byIndex[$0] })
        }
        return (summaries, uncoded)
    }
}
