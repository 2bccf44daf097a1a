import FreeText

/// Codes answers against a codebook in batches, keeping per theme only its count and the best
/// quotes so far. Picking the best quotes of each batch and then the best of those gives exactly
/// the quotes `QuotePicker` would pick from all answers at once (a quote that loses within its
/// batch loses overall), in memory bounded by the batch.
struct ThemeTally: Sendable {
    private let codebook: Codebook
    private let quotesPerTheme: Int
    private static let batchSize = 2048
    private var batch: [String] = []
    private var batchStart = 0
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

    mutating func add(_ answer: String) {
        batch.append(answer)
        if batch.count >= Self.batchSize { codeBatch() }
    }

    private mutating func codeBatch() {
        guard !batch.isEmpty else { return }
        let result = codebook.code(batch, quotesPerTheme: quotesPerTheme)
        for (theme, n) in result.answersPerTheme.enumerated() { counts[theme] += n }
        uncoded += result.themesPerAnswer.filter(\.isEmpty).count
        for (theme, picked) in result.quotes.enumerated() where !picked.isEmpty {
            let candidates = picked.map { index in
                let text = batch[index]
                let hits = codebook.hits(in: text).first { $0.theme == theme }?.hits ?? 1
                return QuotePicker.Candidate(index: batchStart + index, text: text, hits: hits)
            }
            let pool = quotes[theme] + candidates
            let best = Set(picker.pick(pool, count: quotesPerTheme))
            quotes[theme] = pool.filter { best.contains($0.index) }
        }
        batchStart += batch.count
        batch.removeAll(keepingCapacity: true)
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
