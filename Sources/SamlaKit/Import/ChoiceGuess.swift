/// Guesses the choices behind a column's distinct values. Cells are cut at the tool's separator;
/// a label that itself contains the separator shows up as two pieces that always come together,
/// one right after the other, and is glued back. What is left is a choice list if the pieces are
/// few and recur; a multiple choice if cells hold several of them.
///
/// Spellings that differ only in case or spacing (`Yes`, `yes`, ` yes `, `YES`) are one
/// choice, labelled as most answers spell it: an import matches them alike anyway. Choices come
/// most chosen first, except where they are a scale: the points of a known answer scale
/// (`ScaleWordings`) or numbers come in their own order.
struct ChoiceGuess {
    var labels: [(label: String, count: Int)]
    var isMultiple: Bool
    var answered: Int
    /// The known scale the labels come from, in its order (`labels` follows it).
    var scale: ScaleWordings.Match?
    /// Spellings merged into another's choice.
    var mergedSpellings = 0

    /// nil when the values do not look like a list of choices.
    static func guess(_ distinct: [String: Int], separator: String, trailingSeparator: Bool, idsOnly: Bool) -> ChoiceGuess? {
        var cells: [(pieces: [String], count: Int)] = distinct.sorted { $0.key < $1.key }.map { cell, count in
            var text = Substring(cell)
            if trailingSeparator, text.hasSuffix(separator) { text = text.dropLast(separator.count) }
            let pieces = text.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return (pieces, count)
        }
        if idsOnly, cells.contains(where: { $0.pieces.contains { !Identifiers.isChoiceID($0) || $0 != $0.lowercased() } }) {
            return nil
        }
        // Spellings of one answer that differ only in case or spaces become the
        // commonest of them, before anything else is decided.
        var spellings: [String: [String: Int]] = [:]
        for cell in cells {
            for piece in cell.pieces { spellings[Self.key(piece), default: [:]][piece, default: 0] += cell.count }
        }
        let canonical = spellings.mapValues { forms in
            forms.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? ""
        }
        let merged = spellings.values.reduce(0) { $0 + $1.count - 1 }
        if merged > 0 {
            cells = cells.map { cell in (cell.pieces.map { canonical[Self.key($0)] ?? $0 }, cell.count) }
        }
        for _ in 0..<32 {
            guard let (first, second) = gluedPair(cells) else { break }
            cells = cells.map { cell in
                var merged: [String] = []
                var index = 0
                while index < cell.pieces.count {
                    if index + 1 < cell.pieces.count, cell.pieces[index] == first, cell.pieces[index + 1] == second {
                        merged.append(first + separator + second)
                        index += 2
                    } else {
                        merged.append(cell.pieces[index])
                        index += 1
                    }
                }
                return (merged, cell.count)
            }
        }
        var counts: [String: Int] = [:]
        var order: [String] = []
        var answered = 0
        var multiple = false
        for cell in cells where !cell.pieces.isEmpty {
            answered += cell.count
            if cell.pieces.count > 1 { multiple = true }
            for piece in cell.pieces {
                if counts[piece] == nil { order.append(piece) }
                counts[piece, default: 0] += cell.count
            }
        }
        let mentions = counts.values.reduce(0, +)
        var labels = order.map { (label: $0, count: counts[$0] ?? 0) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label }
        let scaleMatch = multiple || trailingSeparator ? nil : ScaleWordings.match(labels.map(\.label))
        // A choice list is short and its entries recur; free text is neither. Answers from a
        // known scale are choices however few.
        guard !counts.isEmpty, counts.count <= 40, mentions >= 2 * counts.count || scaleMatch != nil else { return nil }
        var scale: ScaleWordings.Match?
        if !multiple && !trailingSeparator {
            if let match = scaleMatch {
                scale = match
                let byKey = Dictionary(labels.map { (TextKey.make($0.label), $0.count) }, uniquingKeysWith: +)
                labels = (match.labels + match.extras).map { ($0, byKey[TextKey.make($0)] ?? 0) }
            } else if labels.allSatisfy({ NumberText.parse($0.label) != nil }) {
                labels.sort { (NumberText.parse($0.label) ?? 0) < (NumberText.parse($1.label) ?? 0) }
            }
        }
        return ChoiceGuess(labels: labels, isMultiple: multiple || trailingSeparator, answered: answered, scale: scale, mergedSpellings: merged)
    }

    /// What makes two spellings one answer: case and runs of spaces; punctuation still tells
    /// answers apart (`A` and `A+`, `C` and `C++`).
    private static func key(_ piece: String) -> String {
        piece.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Two pieces that only ever occur as a pair, the first right before the second.
    private static func gluedPair(_ cells: [(pieces: [String], count: Int)]) -> (String, String)? {
        var occurrences: [String: Int] = [:]
        var follows: [String: [String: Int]] = [:]
        for cell in cells {
            for (index, piece) in cell.pieces.enumerated() {
                occurrences[piece, default: 0] += cell.count
                if index + 1 < cell.pieces.count { follows[piece, default: [:]][cell.pieces[index + 1], default: 0] += cell.count }
            }
        }
        var best: (String, String, Int)?
        for (first, nexts) in follows {
            for (second, together) in nexts where together >= 2 && first != second
                && together == occurrences[first] && together == occurrences[second] {
                if best == nil || together > best!.2 || (together == best!.2 && (first, second) < (best!.0, best!.1)) {
                    best = (first, second, together)
                }
            }
        }
        return best.map { ($0.0, $0.1) }
    }
}
