/// Guesses the choices behind a column's distinct values. Cells are cut at the tool's separator;
/// a label that itself contains the separator shows up as two pieces that always come together,
/// one right after the other, and is glued back. What is left is a choice list if the pieces are
/// few and recur; a multiple choice if cells hold several of them.
struct ChoiceGuess {
    var labels: [(label: String, count: Int)]
    var isMultiple: Bool
    var answered: Int

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
        // A choice list is short and its entries recur; free text is neither.
        guard !counts.isEmpty, counts.count <= 40, mentions >= 2 * counts.count else { return nil }
        let labels = order.map { ($0, counts[$0]!) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return ChoiceGuess(labels: labels, isMultiple: multiple || trailingSeparator, answered: answered)
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
