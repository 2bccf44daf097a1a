/// `relevant` and `constraint` expressions as Samla states them: `show_if` (tests on earlier
/// questions combined with all / any / not), number bounds and how many choices may be picked.
/// What Samla cannot state comes back as a reason, for the listing of what was not converted.
enum XLSFormCondition {
    /// What a reference in an expression may point at: the questions converted so far, by XLSForm name.
    typealias Earlier = [String: Question]

    /// `${q} = 'x'`, `selected(${q}, 'x')`, `${q} >= 3` (and the same with the sides swapped, or in
    /// parentheses), `${q} != 'x'`, combined with `and`, `or` and `not(...)` as XPath binds them
    /// (not before and before or; parentheses group), as a `show_if`.
    static func showIf(_ text: String, earlier: Earlier) -> Result<ShowIf, Unconverted> {
        guard let expression = XLSFormExpression.parse(text) else {
            return .failure(Unconverted("'\(text)' is not an expression Samla reads"))
        }
        return showIf(expression, text: text, earlier: earlier)
    }

    private static func showIf(_ expression: XLSFormExpression, text: String, earlier: Earlier) -> Result<ShowIf, Unconverted> {
        func parts(_ terms: [XLSFormExpression]) -> Result<[ShowIf], Unconverted> {
            var converted: [ShowIf] = []
            for term in terms {
                switch showIf(term, text: text, earlier: earlier) {
                case .success(let part): converted.append(part)
                case .failure(let reason): return .failure(reason)
                }
            }
            return .success(converted)
        }
        switch expression {
        case .and(let terms): return parts(terms).map(ShowIf.all)
        case .or(let terms): return parts(terms).map(ShowIf.any)
        case .call("not", let arguments):
            guard arguments.count == 1 else { return .failure(Unconverted("'\(text)': not() takes one argument")) }
            return showIf(arguments[0], text: text, earlier: earlier).map(ShowIf.not)
        case .compare(let left, .notEqual, let right):
            // `${q} != 'x'` holds for a blank answer too, as not(${q} = 'x') does.
            guard case .success(let test) = singleTest(.compare(left, .equal, right), text: text, earlier: earlier),
                  case .equals = test.test else { break }
            return .success(.not(.test(test)))
        default:
            break
        }
        return singleTest(expression, text: text, earlier: earlier).map(ShowIf.test)
    }

    private static func singleTest(_ expression: XLSFormExpression, text: String, earlier: Earlier) -> Result<Condition, Unconverted> {
        switch expression {
        case .call("selected", let arguments):
            guard arguments.count == 2, case .reference(let name) = arguments[0], case .string(let choice) = arguments[1] else { break }
            return test(name, earlier: earlier, text: text) { question in
                switch question.type {
                case .multipleChoice: return choiceTest(question, choice, .includes(choice))
                case .singleChoice: return choiceTest(question, choice, .equals(choice))
                default: return .failure(Unconverted("'\(text)': selected() on '\(name)', which is not a choice question"))
                }
            }
        case .compare(let left, let written, let right):
            let (name, comparison, value): (String, XLSFormExpression.Comparison, XLSFormExpression)
            switch (left, right) {
            case (.reference(let reference), _): (name, comparison, value) = (reference, written, right)
            case (_, .reference(let reference)): (name, comparison, value) = (reference, written.flipped, left)
            default: return .failure(Unconverted("'\(text)' compares no question"))
            }
            return test(name, earlier: earlier, text: text) { question in
                switch (question.type, comparison, value) {
                case (.singleChoice, .equal, .string(let choice)):
                    return choiceTest(question, choice, .equals(choice))
                case (.scale, _, _), (.number, _, _):
                    guard let bound = number(value) else { break }
                    if let scale = question.scale, !(Double(scale.min)...Double(scale.max)).contains(bound) {
                        return .failure(Unconverted("'\(text)': \(UIText.plain(bound)) is outside the scale \(scale.min)–\(scale.max) of '\(name)'"))
                    }
                    let whole = question.type == .scale || question.bounds.integer
                    switch comparison {
                    case .greaterOrEqual: return .success(.atLeast(bound))
                    case .lessOrEqual: return .success(.atMost(bound))
                    case .greater where whole && bound == bound.rounded(): return .success(.atLeast(bound + 1))
                    case .less where whole && bound == bound.rounded(): return .success(.atMost(bound - 1))
                    default: break
                    }
                default: break
                }
                return .failure(Unconverted("'\(text)' is not a test Samla's show_if has (equals a choice, includes a choice, at least or at most a number)"))
            }
        default:
            break
        }
        return .failure(Unconverted("'\(text)' is not a test Samla's show_if has (equals a choice, includes a choice, at least or at most a number)"))
    }

    /// `. >= 0 and . <= 10` (either order, `>`/`<` on whole numbers) as bounds; `${name}`, the
    /// question's own name, reads as `.`.
    static func bounds(_ text: String, integer: Bool, name: String = "") -> Result<(min: Double?, max: Double?), Unconverted> {
        var minimum: Double?
        var maximum: Double?
        guard let expression = XLSFormExpression.parse(text)?.readingReference(to: name) else {
            return .failure(Unconverted("constraint '\(text)' is not an expression Samla reads"))
        }
        for term in expression.conjuncts {
            guard case .compare(let left, let comparison, let right) = term else {
                return .failure(Unconverted("constraint '\(text)' is not a range of the answer"))
            }
            let (op, value): (XLSFormExpression.Comparison, XLSFormExpression)
            switch (left, right) {
            case (.current, _): (op, value) = (comparison, right)
            case (_, .current): (op, value) = (comparison.flipped, left)
            default: return .failure(Unconverted("constraint '\(text)' is not a range of the answer"))
            }
            guard let bound = number(value) else { return .failure(Unconverted("constraint '\(text)' is not a range of the answer")) }
            let whole = integer && bound == bound.rounded()
            switch op {
            case .greaterOrEqual: minimum = max(minimum ?? bound, bound)
            case .greater where whole: minimum = max(minimum ?? bound + 1, bound + 1)
            case .lessOrEqual: maximum = min(maximum ?? bound, bound)
            case .less where whole: maximum = min(maximum ?? bound - 1, bound - 1)
            default:
                return .failure(Unconverted("constraint '\(text)' is not an inclusive range (Samla's min and max include their ends)"))
            }
        }
        return .success((minimum, maximum))
    }

    /// `count-selected(.) >= 1 and count-selected(.) <= 3` as the least and most choices to pick;
    /// `${name}`, the question's own name, reads as `.`.
    static func selectionCounts(_ text: String, name: String = "") -> Result<(min: Int?, max: Int?), Unconverted> {
        guard let expression = XLSFormExpression.parse(text)?.readingReference(to: name) else {
            return .failure(Unconverted("constraint '\(text)' is not an expression Samla reads"))
        }
        var minimum: Int?
        var maximum: Int?
        for term in expression.conjuncts {
            guard case .compare(let left, let comparison, let right) = term else {
                return .failure(Unconverted("constraint '\(text)' is not a count of choices"))
            }
            let counted = XLSFormExpression.call("count-selected", [.current])
            let (op, value): (XLSFormExpression.Comparison, XLSFormExpression)
            if left == counted { (op, value) = (comparison, right) } else if right == counted { (op, value) = (comparison.flipped, left) } else {
                return .failure(Unconverted("constraint '\(text)' is not a count of choices"))
            }
            guard let bound = number(value), bound == bound.rounded(), bound >= 0 else {
                return .failure(Unconverted("constraint '\(text)' is not a count of choices"))
            }
            let count = Int(bound)
            switch op {
            case .greaterOrEqual: minimum = count
            case .greater: minimum = count + 1
            case .lessOrEqual: maximum = count
            case .less: maximum = count - 1
            case .equal: (minimum, maximum) = (count, count)
            case .notEqual: return .failure(Unconverted("constraint '\(text)' is not a range of counts"))
            }
        }
        return .success((minimum, maximum))
    }

    // MARK: Writing

    /// A `show_if` as XLSForm writes it: `and` / `or` between parts, `not(...)` around one, and
    /// parentheses around every combination inside another, so that it reads back as the same tree.
    static func relevant(_ showIf: ShowIf, names: (String) -> String) -> String {
        func operand(_ part: ShowIf) -> String {
            switch part {
            case .all, .any: return "(\(relevant(part, names: names)))"
            case .test, .not: return relevant(part, names: names)
            }
        }
        switch showIf {
        case .test(let condition): return relevant(condition, names: names)
        case .all(let parts): return parts.map(operand).joined(separator: " and ")
        case .any(let parts): return parts.map(operand).joined(separator: " or ")
        case .not(let part): return "not(\(relevant(part, names: names)))"
        }
    }

    /// One test as XLSForm writes it.
    static func relevant(_ condition: Condition, names: (String) -> String) -> String {
        let reference = "${\(names(condition.question))}"
        switch condition.test {
        case .equals(let choice): return "\(reference) = '\(choice)'"
        case .includes(let choice): return "selected(\(reference), '\(choice)')"
        case .atLeast(let bound): return "\(reference) >= \(UIText.plain(bound))"
        case .atMost(let bound): return "\(reference) <= \(UIText.plain(bound))"
        }
    }

    static func constraint(for question: Question) -> String? {
        var terms: [String] = []
        switch question.type {
        case .number:
            if let minimum = question.bounds.min { terms.append(". >= \(UIText.plain(minimum))") }
            if let maximum = question.bounds.max { terms.append(". <= \(UIText.plain(maximum))") }
        case .multipleChoice:
            if let minimum = question.minSelected { terms.append("count-selected(.) >= \(minimum)") }
            if let maximum = question.maxSelected { terms.append("count-selected(.) <= \(maximum)") }
        default:
            break
        }
        return terms.isEmpty ? nil : terms.joined(separator: " and ")
    }

    // MARK: Helpers

    struct Unconverted: Error, Equatable {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    private static func test(_ name: String, earlier: Earlier, text: String,
                             _ make: (Question) -> Result<Condition.Test, Unconverted>) -> Result<Condition, Unconverted> {
        guard let question = earlier[name] else {
            return .failure(Unconverted("'\(text)' names '\(name)', which is not an earlier question Samla converted"))
        }
        return make(question).map { Condition(question: question.id, test: $0) }
    }

    private static func choiceTest(_ question: Question, _ choice: String, _ test: Condition.Test) -> Result<Condition.Test, Unconverted> {
        if question.choice(choice) != nil || (choice == Question.otherID && question.allowsOther) { return .success(test) }
        return .failure(Unconverted("'\(question.id)' has no choice '\(choice)'"))
    }

    /// A finite number no larger than a person types (so that whole-number arithmetic cannot overflow).
    private static func number(_ expression: XLSFormExpression) -> Double? {
        let value: Double?
        switch expression {
        case .number(let number): value = number
        case .string(let text): value = Double(text)
        default: value = nil
        }
        guard let value, value.isFinite, abs(value) < 1e15 else { return nil }
        return value
    }
}
