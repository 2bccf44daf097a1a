/// The part of XLSForm's expression language (XPath 1.0 with `${name}` references) that forms
/// use in `relevant` and `constraint`: references, `.`, strings, numbers, comparisons, function
/// calls (`selected`, `count-selected`, `not`, ...), `and`/`or` and parentheses. Arithmetic and
/// anything else is a parse failure: such an expression is listed as not converted.
indirect enum XLSFormExpression: Hashable {
    case reference(String)
    case current
    case string(String)
    case number(Double)
    case call(String, [XLSFormExpression])
    case compare(XLSFormExpression, Comparison, XLSFormExpression)
    case and([XLSFormExpression])
    case or([XLSFormExpression])

    enum Comparison: String, Hashable {
        case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

        /// The same test with its sides swapped: `3 <= x` is `x >= 3`.
        var flipped: Comparison {
            switch self {
            case .equal, .notEqual: return self
            case .less: return .greater
            case .lessOrEqual: return .greaterOrEqual
            case .greater: return .less
            case .greaterOrEqual: return .lessOrEqual
            }
        }
    }

    /// nil when the text is not in the supported subset (or not an expression at all).
    static func parse(_ text: String) -> XLSFormExpression? {
        guard let tokens = Token.scan(text), !tokens.isEmpty else { return nil }
        var parser = Parser(tokens: tokens)
        guard let expression = parser.orExpression(), parser.atEnd else { return nil }
        return expression
    }

    /// The expression with `${name}` read as `.`: a constraint may name its own question instead
    /// of writing `.` (`${age} >= 18`), and pyxform accepts both.
    func readingReference(to name: String) -> XLSFormExpression {
        switch self {
        case .reference(let referenced) where referenced == name: return .current
        case .reference, .current, .string, .number: return self
        case .call(let function, let arguments): return .call(function, arguments.map { $0.readingReference(to: name) })
        case .compare(let left, let comparison, let right):
            return .compare(left.readingReference(to: name), comparison, right.readingReference(to: name))
        case .and(let terms): return .and(terms.map { $0.readingReference(to: name) })
        case .or(let terms): return .or(terms.map { $0.readingReference(to: name) })
        }
    }

    /// The terms of a top-level `and` (a single term otherwise).
    var conjuncts: [XLSFormExpression] {
        if case .and(let terms) = self { return terms }
        return [self]
    }

    enum Token: Hashable {
        case reference(String), current, string(String), number(Double), name(String)
        case open, close, comma, comparison(Comparison)

        static func scan(_ text: String) -> [Token]? {
            let characters = Array(text)
            var tokens: [Token] = []
            var index = 0
            func isNameCharacter(_ character: Character) -> Bool {
                character.isLetter || character.isNumber || character == "_" || character == "-" || character == ":"
            }
            while index < characters.count {
                let character = characters[index]
                switch character {
                case " ", "\t", "\n", "\r", "\u{A0}":
                    index += 1
                case "$":
                    guard index + 1 < characters.count, characters[index + 1] == "{",
                          let end = characters[(index + 2)...].firstIndex(of: "}") else { return nil }
                    let name = String(characters[(index + 2)..<end]).trimmingCharacters(in: .whitespaces)
                    guard !name.isEmpty else { return nil }
                    tokens.append(.reference(name))
                    index = end + 1
                case "'", "\"", "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}":
                    // Spreadsheet programs turn straight quotes into curly ones; ODK would refuse
                    // them, but what the author meant is plain.
                    let closing: Set<Character> = character == "'" || character == "\u{2018}" || character == "\u{2019}"
                        ? ["'", "\u{2018}", "\u{2019}"] : ["\"", "\u{201C}", "\u{201D}"]
                    guard let end = characters[(index + 1)...].firstIndex(where: { closing.contains($0) }) else { return nil }
                    tokens.append(.string(String(characters[(index + 1)..<end])))
                    index = end + 1
                case "(": tokens.append(.open); index += 1
                case ")": tokens.append(.close); index += 1
                case ",": tokens.append(.comma); index += 1
                case "=": tokens.append(.comparison(.equal)); index += 1
                case "!", "<", ">":
                    let hasEquals = index + 1 < characters.count && characters[index + 1] == "="
                    switch (character, hasEquals) {
                    case ("!", true): tokens.append(.comparison(.notEqual))
                    case ("<", true): tokens.append(.comparison(.lessOrEqual))
                    case ("<", false): tokens.append(.comparison(.less))
                    case (">", true): tokens.append(.comparison(.greaterOrEqual))
                    case (">", false): tokens.append(.comparison(.greater))
                    default: return nil
                    }
                    index += hasEquals ? 2 : 1
                case ".":
                    if index + 1 < characters.count, characters[index + 1].isNumber {
                        fallthrough
                    }
                    tokens.append(.current); index += 1
                case _ where character.isNumber || character == "-" || character == ".":
                    var end = index + 1
                    while end < characters.count, characters[end].isNumber || characters[end] == "." { end += 1 }
                    guard let value = Double(String(characters[index..<end])) else { return nil }
                    tokens.append(.number(value))
                    index = end
                case _ where character.isLetter || character == "_":
                    var end = index + 1
                    while end < characters.count, isNameCharacter(characters[end]) { end += 1 }
                    tokens.append(.name(String(characters[index..<end])))
                    index = end
                default:
                    return nil
                }
            }
            return tokens
        }
    }

    private struct Parser {
        let tokens: [Token]
        var position = 0

        var atEnd: Bool { position == tokens.count }

        private var next: Token? { position < tokens.count ? tokens[position] : nil }

        private mutating func take(_ token: Token) -> Bool {
            guard next == token else { return false }
            position += 1
            return true
        }

        mutating func orExpression() -> XLSFormExpression? {
            guard let first = andExpression() else { return nil }
            var terms = [first]
            while take(.name("or")) {
                guard let term = andExpression() else { return nil }
                terms.append(term)
            }
            return terms.count == 1 ? first : .or(terms)
        }

        mutating func andExpression() -> XLSFormExpression? {
            guard let first = comparison() else { return nil }
            var terms = [first]
            while take(.name("and")) {
                guard let term = comparison() else { return nil }
                terms.append(term)
            }
            return terms.count == 1 ? first : .and(terms)
        }

        mutating func comparison() -> XLSFormExpression? {
            guard let left = primary() else { return nil }
            guard case .comparison(let comparison)? = next else { return left }
            position += 1
            guard let right = primary() else { return nil }
            return .compare(left, comparison, right)
        }

        mutating func primary() -> XLSFormExpression? {
            guard let token = next else { return nil }
            position += 1
            switch token {
            case .reference(let name): return .reference(name)
            case .current: return .current
            case .string(let text): return .string(text)
            case .number(let value): return .number(value)
            case .open:
                guard let inner = orExpression(), take(.close) else { return nil }
                return inner
            case .name(let function):
                guard take(.open) else { return nil }
                var arguments: [XLSFormExpression] = []
                if take(.close) { return .call(function, arguments) }
                repeat {
                    guard let argument = orExpression() else { return nil }
                    arguments.append(argument)
                } while take(.comma)
                guard take(.close) else { return nil }
                return .call(function, arguments)
            case .close, .comma, .comparison:
                return nil
            }
        }
    }
}
