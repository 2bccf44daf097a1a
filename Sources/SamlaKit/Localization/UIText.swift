/// The words Samla itself says (prompts, headings, messages), in Swedish and English.
///
/// Survey texts come from the definition; these are the program's own. A language without a
/// table here falls back to English.
public struct UIText: Sendable {
    public let language: String

    public init(language: String) {
        self.language = Self.wordsLanguage(for: language)
    }

    /// The one rule for which of Samla's own languages speaks to a survey in `language`: Swedish
    /// for Swedish, English for every other language (German, Spanish, Finnish, …), never Swedish
    /// for a language Samla has no words in.
    public static func wordsLanguage(for language: String) -> String {
        language == "sv" ? "sv" : "en"
    }

    func pick(_ sv: String, _ en: String) -> String {
        language == "sv" ? sv : en
    }

    // MARK: Collect

    public func questionProgress(_ index: Int, of total: Int) -> String {
        pick("fråga \(index) av \(total)", "question \(index) of \(total)")
    }
    public var other: String { pick("Annat", "Other") }
    public var otherPrompt: String { pick("Annat, ange vad", "Other, please specify") }
    public var required: String { pick("obligatorisk", "required") }
    public var optionalHint: String { pick("Enter hoppar över", "Enter skips") }
    public var needsAnswer: String { pick("Den här frågan behöver ett svar.", "This question needs an answer.") }
    public var keysHelp: String {
        pick("Skriv ditt svar och tryck Enter. '<' går tillbaka en fråga, '?' visar den här hjälpen; Enter utan svar hoppar över en frivillig fråga.",
             "Type your answer and press Enter. '<' goes back one question, '?' shows this help; Enter with no answer skips an optional question.")
    }
    public var chooseOneHint: String { pick("svara med en siffra", "answer with a number") }
    public func chooseManyHint(min: Int?, max: Int?) -> String {
        var text = pick("en eller flera siffror, t.ex. 1,3", "one or more numbers, e.g. 1,3")
        if let max { text += pick(", högst \(max)", ", at most \(max)") }
        if let min, min > 1 { text += pick(", minst \(min)", ", at least \(min)") }
        return text
    }
    public func scaleHint(min: Int, max: Int) -> String {
        pick("en siffra från \(min) till \(max)", "a number from \(min) to \(max)")
    }
    public func numberHint(integer: Bool, min: Double?, max: Double?) -> String {
        var text = integer ? pick("ett heltal", "a whole number") : pick("ett tal", "a number")
        if let min, let max {
            text += pick(" från \(Self.plain(min)) till \(Self.plain(max))", " from \(Self.plain(min)) to \(Self.plain(max))")
        } else if let min {
            text += pick(", minst \(Self.plain(min))", ", at least \(Self.plain(min))")
        } else if let max {
            text += pick(", högst \(Self.plain(max))", ", at most \(Self.plain(max))")
        }
        return text
    }
    public var textHint: String { pick("fritext på en rad", "free text on one line") }
    public func currentAnswer(_ answer: String) -> String {
        pick("nuvarande svar: \(answer); Enter behåller det", "current answer: \(answer); Enter keeps it")
    }
    public var atFirstQuestion: String { pick("Det här är första frågan.", "This is the first question.") }
    public func notAChoice(_ input: String, count: Int) -> String {
        pick("'\(input)' är inget av alternativen: svara med en siffra från 1 till \(count).",
             "'\(input)' is not one of the choices: answer with a number from 1 to \(count).")
    }
    public func tooMany(_ max: Int) -> String {
        pick("Välj högst \(max).", "Choose at most \(max).")
    }
    public func tooFew(_ min: Int) -> String {
        pick("Välj minst \(min).", "Choose at least \(min).")
    }
    public func outOfRange(_ input: String, min: Int, max: Int) -> String {
        pick("'\(input)' ligger utanför skalan: svara med en hel siffra från \(min) till \(max).",
             "'\(input)' is not on the scale: answer with a whole number from \(min) to \(max).")
    }
    public func notANumber(_ input: String, hint: String) -> String {
        pick("'\(input)' är inte \(hint).", "'\(input)' is not \(hint).")
    }
    public var multilineNotAllowed: String { pick("Svaret ska stå på en rad.", "The answer must be on one line.") }
    public var chooseLanguage: String { "Välj språk / Choose a language" }
    public func participant(_ number: Int) -> String { pick("Deltagare \(number)", "Participant \(number)") }
    public var thanks: String { pick("Tack! Ditt svar är sparat.", "Thank you! Your answer is saved.") }
    public var pressEnterForNext: String {
        pick("Tryck Enter för nästa deltagare.", "Press Enter for the next participant.")
    }
    public func saved(_ count: Int, store: String) -> String {
        pick("Sparade \(count) svar i \(store).", "Saved \(count) response\(count == 1 ? "" : "s") to \(store).")
    }
    public var unfinishedKept: String {
        pick("Ett ofullständigt svar sparades som utkast och räknas inte.",
             "One unfinished response was kept as a draft and is not counted.")
    }

    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
