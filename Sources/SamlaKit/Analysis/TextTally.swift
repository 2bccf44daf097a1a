import Dispatch
import FreeText

/// What one text question's answers say, gathered answer by answer: the language of each, terms and
/// bigrams, and (with a codebook) themes. Memory grows with the vocabulary, not the answers.
struct TextTally: Sendable {
    private var terms: TermCounter
    /// Answers guessed Swedish, English, or neither.
    private var swedish = 0
    private var english = 0
    private var unsure = 0
    private var themes: ThemeTally?

    /// `fallbackLanguage` stems answers whose language cannot be told.
    init(fallbackLanguage: Language, codebook: Codebook?, quotesPerTheme: Int) {
        terms = TermCounter(fallbackLanguage: fallbackLanguage)
        themes = codebook.map { ThemeTally(codebook: $0, quotesPerTheme: quotesPerTheme) }
    }

    /// Adds one non-empty answer.
    mutating func add(_ answer: String) {
        switch terms.add(answer) {
        case .sv: swedish += 1
        case .en: english += 1
        case nil: unsure += 1
        }
        themes?.add(answer)
    }

    func figures(answered: Int, topTerms: Int) -> TextFigures {
        var languages: [String: Int] = [:]
        if swedish > 0 { languages[Language.sv.rawValue] = swedish }
        if english > 0 { languages[Language.en.rawValue] = english }
        if unsure > 0 { languages["unknown"] = unsure }
        var coding = themes
        let coded = coding?.finish(answered: answered)
        return TextFigures(
            languages: languages,
            terms: terms.topTerms(topTerms).map { TermCount(term: $0.display, count: $0.answers) },
            bigrams: terms.topBigrams(topTerms).map { TermCount(term: $0.display, count: $0.answers) },
            themes: coded?.0, uncoded: coded?.uncoded)
    }
}

/// Runs one `TextTally` on its own serial queue, fed in batches, so the text analysis of a large
/// store runs beside the counting (and beside the other text questions) instead of after it. The
/// answers reach the tally in their stored order, so the figures are those of a sequential run;
/// at most a few batches wait at a time, so memory stays bounded however fast rows are read.
final class TextWorker: @unchecked Sendable {
    private static let batchSize = 512
    private static let batchesInFlight = 4

    /// Touched only on `queue`.
    private var tally: TextTally
    private let queue = DispatchQueue(label: "samla.text-analysis")
    private let room = DispatchSemaphore(value: TextWorker.batchesInFlight)
    /// Touched only by the thread adding answers.
    private var batch: [String] = []

    init(_ tally: TextTally) {
        self.tally = tally
        batch.reserveCapacity(Self.batchSize)
    }

    func add(_ answer: String) {
        batch.append(answer)
        if batch.count >= Self.batchSize { send() }
    }

    private func send() {
        guard !batch.isEmpty else { return }
        let answers = batch
        batch = []
        batch.reserveCapacity(Self.batchSize)
        room.wait()
        queue.async {
            for answer in answers { self.tally.add(answer) }
            self.room.signal()
        }
    }

    /// Waits for every answer added so far to be analysed.
    func figures(answered: Int, topTerms: Int) -> TextFigures {
        send()
        return queue.sync { tally.figures(answered: answered, topTerms: topTerms) }
    }
}
