/// The words Samla itself says (prompts, headings, messages), in Swedish and English.
///
/// Survey texts come from the definition; these are the program's own. A language without a
/// table here falls back to English.
public struct UIText: Sendable {
    public let language: String

    public init(language: String) {
        self.language = language == "sv" ? "sv" : "en"
    }

    private func pick(_ sv: String, _ en: String) -> String {
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

    // MARK: New survey (samla new)

    /// Before the survey's languages are chosen there is no UI language yet: both, Swedish first.
    public static func either(_ language: String?, _ words: (UIText) -> String) -> String {
        if let language { return words(UIText(language: language)) }
        return words(UIText(language: "sv")) + " / " + words(UIText(language: "en"))
    }

    public var newHeading: String { pick("Ny enkät", "New survey") }
    public var newIntro: String {
        pick("Svara på varje fråga och tryck Enter; [hakparentes] visar vad Enter ger.",
             "Answer each prompt and press Enter; [brackets] show what Enter gives.")
    }
    public var newLanguages: String { pick("Språk, det första är standard", "Languages, the first is the default") }
    public func newNotALanguageCode(_ input: String) -> String {
        pick("'\(input)' är ingen språkkod: använd två eller tre bokstäver, t.ex. sv, en, fi.",
             "'\(input)' is not a language code: use two or three letters, e.g. sv, en, fi.")
    }
    public func newLanguageTwice(_ code: String) -> String {
        pick("'\(code)' står två gånger.", "'\(code)' is listed twice.")
    }
    public var newTitle: String { pick("Titel", "Title") }
    public var newDescription: String { pick("Beskrivning", "Description") }
    public var newEnterForNone: String { pick("Enter för ingen", "Enter for none") }
    public var newNeedsText: String { pick("Här behövs en text.", "This needs a text.") }
    public var newSurveyID: String { pick("Enkätens id", "Survey id") }
    public var newQuestionID: String { pick("Frågans id", "Question id") }
    public var newChoiceID: String { "id" }
    public func newNotAnID(_ input: String, example: String) -> String {
        pick("'\(input)' är inget giltigt id: använd små bokstäver, siffror och '-', t.ex. '\(example)'.",
             "'\(input)' is not a valid id: use lowercase letters, digits and '-', e.g. '\(example)'.")
    }
    public func newNotAChoiceID(_ input: String, example: String) -> String {
        pick("'\(input)' är inget giltigt id: använd bokstäver, siffror, '-' och '_', t.ex. '\(example)'.",
             "'\(input)' is not a valid id: use letters, digits, '-' and '_', e.g. '\(example)'.")
    }
    public func newQuestionIDTaken(_ id: String) -> String {
        pick("'\(id)' används redan av en annan fråga.", "'\(id)' is already used by another question.")
    }
    public func newChoiceIDTaken(_ id: String) -> String {
        pick("'\(id)' används redan i den här frågan.", "'\(id)' is already used in this question.")
    }
    public func newQuestionHeading(_ number: Int) -> String { pick("Fråga \(number)", "Question \(number)") }
    public func newTypeName(_ type: QuestionType) -> String {
        switch type {
        case .singleChoice: return pick("ett val", "single choice")
        case .multipleChoice: return pick("flera val", "multiple choice")
        case .scale: return pick("skala", "scale")
        case .number: return pick("tal", "number")
        case .text: return pick("fritext", "text")
        }
    }
    public func newType(canFinish: Bool) -> String {
        let count = QuestionType.allCases.count
        return canFinish ? pick("Typ (1–\(count)), Enter när du är klar", "Type (1–\(count)), Enter when done")
            : pick("Typ (1–\(count))", "Type (1–\(count))")
    }
    public func newNotAType(_ input: String) -> String {
        let count = QuestionType.allCases.count
        return pick("'\(input)' är ingen frågetyp: svara med en siffra från 1 till \(count).",
                    "'\(input)' is not a question type: answer with a number from 1 to \(count).")
    }
    public var newNeedsAQuestion: String {
        pick("Enkäten behöver minst en fråga.", "The survey needs at least one question.")
    }
    public var newQuestionText: String { pick("Frågetext", "Question text") }
    public var newChoicesIntro: String {
        pick("Svarsalternativ, ett i taget; Enter efter det sista.", "Choices, one at a time; Enter after the last.")
    }
    public func newChoice(_ number: Int) -> String { pick("Alternativ \(number)", "Choice \(number)") }
    public var newTooFewChoices: String {
        pick("En fråga med alternativ behöver minst två.", "A choice question needs at least two choices.")
    }
    public var newRequired: String { pick("Obligatorisk?", "Required?") }
    public var newAllowOther: String {
        pick("Tillåt svaret Annat med fritext?", "Allow an Other answer with free text?")
    }
    public func newMaxSelected(_ available: Int) -> String {
        pick("Högst hur många får väljas (1–\(available)), Enter för ingen gräns",
             "At most how many may be chosen (1–\(available)), Enter for no limit")
    }
    public var newScaleMin: String { pick("Lägsta värde på skalan", "Lowest point of the scale") }
    public var newScaleMax: String { pick("Högsta värde på skalan", "Highest point of the scale") }
    public func newNotAWholeNumber(_ input: String) -> String {
        pick("'\(input)' är inget heltal.", "'\(input)' is not a whole number.")
    }
    public func newWholeNumberBetween(_ input: String, min: Int, max: Int) -> String {
        pick("'\(input)': svara med ett heltal från \(min) till \(max).",
             "'\(input)': answer with a whole number from \(min) to \(max).")
    }
    public func newLabelPoint(min: Int, max: Int) -> String {
        pick("Ge ett värde en etikett (\(min)–\(max)), Enter när du är klar",
             "Label a point (\(min)–\(max)), Enter when done")
    }
    public func newLabelFor(_ point: Int) -> String { pick("Etikett för \(point)", "Label for \(point)") }
    public var newIntegerOnly: String { pick("Bara heltal?", "Whole numbers only?") }
    public var newNumberMin: String { pick("Minsta tillåtna, Enter för inget", "Smallest allowed, Enter for none") }
    public var newNumberMax: String { pick("Största tillåtna, Enter för inget", "Largest allowed, Enter for none") }
    public func newNotANumber(_ input: String) -> String { pick("'\(input)' är inget tal.", "'\(input)' is not a number.") }
    public func newNotBelow(_ minimum: Double) -> String {
        pick("Det får inte vara mindre än \(Self.plain(minimum)).", "It must not be below \(Self.plain(minimum)).")
    }
    public var newPersonal: String {
        pick("Personuppgift, till exempel namn eller e-post?", "Personal data, such as a name or e-mail?")
    }
    public var newShowIf: String {
        pick("Ställ frågan bara efter ett visst tidigare svar?", "Ask it only after a certain earlier answer?")
    }
    public func newWhichQuestion(_ count: Int) -> String {
        pick("Vilken tidigare fråga (1–\(count))", "Which earlier question (1–\(count))")
    }
    public func newShownWhenEquals(_ count: Int) -> String {
        pick("Visas när svaret är (1–\(count))", "Shown when the answer is (1–\(count))")
    }
    public func newShownWhenIncludes(_ count: Int) -> String {
        pick("Visas när svaren innehåller (1–\(count))", "Shown when the answers include (1–\(count))")
    }
    public var newAtLeast: String { pick("minst", "at least") }
    public var newAtMost: String { pick("högst", "at most") }
    public var newShownWhenBound: String { pick("Visas när svaret är (1–2)", "Shown when the answer is (1–2)") }
    public var newBound: String { pick("Värde", "Value") }
    public func newNotOnTheList(_ input: String, count: Int) -> String {
        pick("'\(input)' finns inte i listan: svara med en siffra från 1 till \(count).",
             "'\(input)' is not on the list: answer with a number from 1 to \(count).")
    }
    public func newYesNoHint(defaultYes: Bool) -> String {
        defaultYes ? pick("(J/n)", "(Y/n)") : pick("(j/N)", "(y/N)")
    }
    public func newNotYesOrNo(_ input: String) -> String {
        pick("'\(input)': svara j (ja) eller n (nej).", "'\(input)': answer y (yes) or n (no).")
    }
    public func newAdded(_ number: Int, id: String, type: QuestionType) -> String {
        pick("Fråga \(number) '\(id)' (\(newTypeName(type))) är tillagd.", "Added question \(number) '\(id)' (\(newTypeName(type))).")
    }
    public func newPreview(_ path: String) -> String {
        pick("Det här skrivs till \(path):", "This is what will be written to \(path):")
    }
    public func newConfirm(_ path: String) -> String {
        pick("Skriva \(path)? Enter skriver; a lägger till en fråga, d N tar bort fråga N, q avslutar utan att skriva",
             "Write \(path)? Enter writes it; a adds a question, d N deletes question N, q quits without writing")
    }
    public func newNotACommand(_ input: String) -> String {
        pick("'\(input)': tryck Enter för att skriva, eller skriv a, d N eller q.",
             "'\(input)': press Enter to write, or type a, d N or q.")
    }
    public var newCannotDeleteLast: String {
        pick("Enkäten behöver minst en fråga; lägg till en annan först.",
             "The survey needs at least one question; add another first.")
    }
    public func newCannotDeleteUsed(_ id: String, by dependent: String) -> String {
        pick("Frågan '\(id)' styr om '\(dependent)' visas; ta bort '\(dependent)' först.",
             "Question '\(id)' decides whether '\(dependent)' is shown; delete '\(dependent)' first.")
    }
    public func newDeleted(_ number: Int, id: String) -> String {
        pick("Fråga \(number) '\(id)' är borttagen.", "Deleted question \(number) '\(id)'.")
    }
    public func newExists(_ path: String) -> String {
        pick("\(path) finns redan. Skriva över den?", "\(path) already exists. Overwrite it?")
    }
    public var newOtherFile: String {
        pick("Vilken fil i stället, Enter avslutar utan att skriva", "Which file instead, Enter quits without writing")
    }
    public func newCannotWrite(_ path: String, reason: String) -> String {
        pick("Kan inte skriva \(path): \(reason)", "Cannot write \(path): \(reason)")
    }
    public func newFileComment(_ path: String) -> String {
        pick("Skriven med samla new. Kontrollera den med: samla validate \(path)",
             "Written with samla new. Check it with: samla validate \(path)")
    }
    public func newWritten(_ path: String) -> String {
        pick("Skrev \(path). Kontrollera den med: samla validate \(path)",
             "Wrote \(path). Check it with: samla validate \(path)")
    }
    public var newNothingWritten: String { pick("Ingenting skrevs.", "Nothing was written.") }
    public var newInputEnded: String {
        pick("Indata tog slut innan enkäten var klar; ingenting skrevs.",
             "Input ended before the survey was finished; nothing was written.")
    }
    public var newInterrupted: String { pick("Avbrutet; ingenting skrevs.", "Interrupted; nothing was written.") }
    public var newInvalid: String {
        pick("Den byggda enkäten går inte igenom kontrollen; ingenting skrevs:",
             "The built survey does not validate; nothing was written:")
    }
    public var newReadsBackDifferently: String {
        pick("Den skrivna texten läses inte tillbaka som den byggda enkäten (ett fel i samla); ingenting skrevs.",
             "The written text does not read back as the built survey (a bug in samla); nothing was written.")
    }

    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

// MARK: Summary (the terminal view of `samla summary`)

extension UIText {
    public func responses(_ count: Int) -> String {
        pick("\(number(count)) svar", "\(number(count)) response\(count == 1 ? "" : "s")")
    }
    public var noResponses: String { pick("Inga svar att sammanfatta.", "No responses to summarise.") }
    public var selection: String { pick("Urval", "Selection") }
    public func sessions(_ names: [String]) -> String {
        pick("tillfälle: ", "session: ") + names.joined(separator: pick(" eller ", " or "))
    }
    public var whereWord: String { pick("där", "where") }
    public var andWord: String { pick("och", "and") }
    public func typeName(_ type: QuestionType) -> String {
        switch type {
        case .singleChoice: return pick("ett val", "single choice")
        case .multipleChoice: return pick("flera val", "multiple choice")
        case .scale: return pick("skala", "scale")
        case .number: return pick("tal", "number")
        case .text: return pick("fritext", "free text")
        }
    }
    public func shownAndAnswered(shown: Int, answered: Int) -> String {
        pick("visad för \(number(shown)) · besvarad av \(number(answered))",
             "shown to \(number(shown)) · answered by \(number(answered))")
    }
    public func notShown(_ count: Int) -> String {
        pick("dold för \(number(count)) (show_if)", "not shown to \(number(count)) (show_if)")
    }
    public var ofRespondents: String {
        pick("andel av dem som svarade; kan summera till mer än 100 %", "share of respondents; may sum past 100%")
    }
    public func meanChoices(_ text: String) -> String {
        pick("i snitt \(text) val per svarande", "\(text) choices per respondent on average")
    }
    public var confidenceInterval: String { pick("95 % KI", "95% CI") }
    public var mean: String { pick("medel", "mean") }
    public var median: String { pick("median", "median") }
    public var standardDeviation: String { pick("sd", "sd") }
    public var minimum: String { pick("min", "min") }
    public var maximum: String { pick("max", "max") }
    public var quartiles: String { pick("kvartiler", "quartiles") }
    public var topTwoBox: String { pick("två högsta", "top two") }
    public var languagesWord: String { pick("språk", "languages") }
    public var unsureLanguage: String { pick("osäkert", "unsure") }
    public var topTerms: String { pick("Vanligaste ord", "Top terms") }
    public var bigrams: String { pick("Vanligaste ordpar", "Top word pairs") }
    public var themes: String { pick("Teman", "Themes") }
    public func uncoded(_ count: Int) -> String {
        pick("\(number(count)) svar utan tema", "\(number(count)) answer\(count == 1 ? "" : "s") matched no theme")
    }
    public var personalNotAnalysed: String {
        pick("personuppgifter: räknas men analyseras och citeras aldrig", "personal data: counted, never analysed or quoted")
    }
    public var removedChoices: String { pick("Val som inte längre finns i enkäten", "Choices no longer in the survey") }
    public var removedQuestions: String {
        pick("Svar på frågor som inte längre finns i enkäten", "Answers to questions no longer in the survey")
    }
    public func answers(_ count: Int) -> String {
        pick("\(number(count)) svar", "\(number(count)) answer\(count == 1 ? "" : "s")")
    }
    public func crosstab(by text: String) -> String { pick("Korstabell efter \(text)", "Cross-tab by \(text)") }
    public var columnPercents: String {
        pick("kolumnprocent: andel av dem i gruppen som svarade", "column percents: share of those in the group who answered")
    }
    public var responsesRow: String { pick("svar", "responses") }
    public func chiSquare(statistic: String, df: Int, p: String) -> String {
        pick("χ² = \(statistic), fg = \(df), p = \(p)", "χ² = \(statistic), df = \(df), p = \(p)")
    }
    public var smallCellsNote: String {
        pick("* förväntat antal under 5: testet är osäkert där", "* expected count under 5: the test is unreliable there")
    }
    public var noTest: String { pick("inget test (för få grupper eller val med svar)", "no test (too few groups or choices with answers)") }

    /// A whole number with the language's thousands separator: "12 345" or "12,345".
    public func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += pick("\u{00A0}", ",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// A decimal with at most `decimals` places, trailing zeros dropped, in the language's notation.
    public func decimal(_ value: Double, decimals: Int = 2) -> String {
        fixed(value, decimals: decimals, trimZeros: true)
    }

    /// A share (0–1) as a percent with one decimal: "41,2 %" or "41.2%".
    public func percent(_ share: Double) -> String {
        fixed(share * 100, decimals: 1, trimZeros: false) + pick("\u{00A0}%", "%")
    }

    private func fixed(_ value: Double, decimals: Int, trimZeros: Bool) -> String {
        guard value.isFinite else { return "–" }
        guard abs(value) < 1e12 else { return Self.plain(value) }
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((abs(value) * Double(scale)).rounded())
        var fraction = String(scaled % scale)
        fraction = String(repeating: "0", count: max(0, decimals - fraction.count)) + fraction
        if trimZeros { while fraction.hasSuffix("0") { fraction.removeLast() } }
        let sign = value < 0 && scaled > 0 ? "-" : ""
        let whole = sign + number(scaled / scale)
        return decimals == 0 || fraction.isEmpty ? whole : whole + pick(",", ".") + fraction
    }
}

// MARK: Import, inspect, draft (samla import, inspect, draft)

extension UIText {
    public func imported(_ file: String, new: Int, existing: Int) -> String {
        pick("\(file): \(new) nya svar, \(existing) fanns redan", "\(file): \(new) new, \(existing) already there")
    }
    public func wouldImport(_ file: String, new: Int, existing: Int) -> String {
        pick("\(file): \(new) nya svar skulle sparas, \(existing) finns redan (torrkörning: inget skrevs)",
             "\(file): \(new) new would be stored, \(existing) already there (dry run: nothing was written)")
    }
    public func refused(_ file: String, problems: Int) -> String {
        pick("\(file): inget importerades, \(problems) problem", "\(file): nothing imported, \(problems) problem\(problems == 1 ? "" : "s")")
    }
    public func unfinished(_ count: Int) -> String {
        pick("  \(count) ofullständiga svar sparades som utkast och räknas inte",
             "  \(count) unfinished response\(count == 1 ? "" : "s") kept as draft\(count == 1 ? "" : "s"), not counted")
    }
    public func skipped(_ count: Int, to path: String) -> String {
        pick("  \(count) rader med problem hoppades över och skrevs till \(path)",
             "  \(count) row\(count == 1 ? "" : "s") with problems skipped and written to \(path)")
    }
    public func notAsked(_ ids: [String]) -> String {
        pick("  saknas i filen (räknas som inte ställda): \(ids.joined(separator: ", "))",
             "  not in this file (counted as not asked): \(ids.joined(separator: ", "))")
    }
    public func hiddenAnswersLeftOut(_ count: Int) -> String {
        pick("  \(count) svar på frågor som show_if döljer lämnades utanför",
             "  \(count) answer\(count == 1 ? "" : "s") to questions hidden by show_if left out")
    }
    public func moreProblems(_ hidden: Int, total: Int) -> String {
        pick("… och \(hidden) problem till (\(total) i allt)", "… and \(hidden) more problem\(hidden == 1 ? "" : "s") (\(total) in all)")
    }
    public func readAs(layout: String, encoding: String, delimiter: String) -> String {
        pick("  läst som \(layout), \(encoding), avgränsare \(delimiter)", "  read as \(layout), \(encoding), delimiter \(delimiter)")
    }
    public var mappingHeading: String { pick("  kolumn → fråga", "  column → question") }
    public var wouldStoreHeading: String { pick("  så här skulle de första svaren sparas:", "  the first responses would be stored as:") }
    public func draftWritten(_ path: String, questions: Int) -> String {
        pick("Skrev ett utkast med \(questions) frågor till \(path). Läs kommentarerna, rätta, och kör sedan samla validate \(path).",
             "Wrote a draft with \(questions) questions to \(path). Read the comments, edit, then run samla validate \(path).")
    }
}

// MARK: Export (sheet names and headings of workbooks and CSV files)

extension UIText {
    /// The export's words, kept apart so they cannot clash with other sections' names.
    public var export: ExportText { ExportText(language: language) }
}

public struct ExportText: Sendable {
    public let language: String

    private func pick(_ sv: String, _ en: String) -> String {
        language == "sv" ? sv : en
    }

    public var sheetOverview: String { pick("Översikt", "Overview") }
    public var sheetCrosstab: String { pick("Korstabeller", "Cross-tabs") }
    public var sheetFreeText: String { pick("Fritext", "Free text") }
    public var sheetThemes: String { pick("Teman", "Themes") }
    public var sheetTerms: String { pick("Termer", "Terms") }
    public var sheetFollowUp: String { pick("Uppföljning", "Follow-up") }
    public var sheetResponses: String { pick("Svar", "Responses") }
    public var sheetAbout: String { pick("Om", "About") }

    public var surveyID: String { pick("Enkät-id", "Survey id") }
    public var responsesHeading: String { pick("Svar", "Responses") }
    public var madeAt: String { pick("Skapad", "Made") }
    public var languageHeading: String { pick("Språk", "Language") }
    public var filtersHeading: String { pick("Urval", "Filters") }
    public var allResponses: String { pick("alla svar", "all responses") }
    public var sessionsHeading: String { pick("Tillfällen", "Sessions") }
    public var session: String { pick("Tillfälle", "Session") }
    public var noSession: String { pick("(inget tillfälle)", "(no session)") }
    public var source: String { pick("Källa", "Source") }
    public var collected: String { pick("insamlat", "collected") }
    public var imported: String { pick("importerat", "imported") }
    public var first: String { pick("Första", "First") }
    public var last: String { pick("Senaste", "Last") }
    public var sourceFiles: String { pick("Källfiler", "Source files") }
    public var file: String { pick("Fil", "File") }
    public var layout: String { pick("Format", "Layout") }
    public var encoding: String { pick("Teckenkodning", "Encoding") }
    public var importedAt: String { pick("Importerad", "Imported") }
    public var newRows: String { pick("Nya rader", "New rows") }
    public var knownRows: String { pick("Redan kända rader", "Rows already known") }
    public var questionsHeading: String { pick("Frågor", "Questions") }
    public var question: String { pick("Fråga", "Question") }
    public var type: String { pick("Typ", "Type") }
    public var answered: String { pick("Besvarad", "Answered") }
    public var shown: String { pick("Visad", "Shown") }
    public var answeredShare: String { pick("Andel besvarade", "Share answered") }
    public var sheet: String { pick("Blad", "Sheet") }
    public var notesHeading: String { pick("Att veta", "Notes") }
    public var removedQuestionsHeading: String {
        pick("Svar på frågor som inte längre finns i enkäten", "Answers to questions the survey no longer has")
    }
    public var examples: String { pick("Exempel", "Examples") }

    public func typeName(_ type: QuestionType) -> String {
        switch type {
        case .singleChoice: return pick("ett val", "single choice")
        case .multipleChoice: return pick("flera val", "multiple choice")
        case .scale: return pick("skala", "scale")
        case .number: return pick("tal", "number")
        case .text: return pick("fritext", "free text")
        }
    }

    public var label: String { pick("Alternativ", "Label") }
    public var count: String { pick("Antal", "Count") }
    public var percent: String { pick("Andel", "Percent") }
    public var mean: String { pick("Medelvärde", "Mean") }
    public var median: String { pick("Median", "Median") }
    public var topTwoBox: String { pick("Andel i de två översta stegen", "Top two box") }
    public var standardDeviation: String { pick("Standardavvikelse", "Standard deviation") }
    public var minimum: String { pick("Minsta", "Minimum") }
    public var maximum: String { pick("Största", "Maximum") }
    public var lowerQuartile: String { pick("Nedre kvartil", "Lower quartile") }
    public var upperQuartile: String { pick("Övre kvartil", "Upper quartile") }
    public var meanChoices: String { pick("Antal val i snitt", "Mean number of choices") }
    public func answeredOfShown(_ answered: Int, _ shown: Int) -> String {
        pick("\(answered) av \(shown) som fick frågan svarade", "\(answered) of the \(shown) shown the question answered")
    }
    public var sharesOfRespondents: String {
        pick("Andelar av dem som svarade; flera val per person, så summan kan bli över 100 %.",
             "Shares of those answering; several choices per person, so they may add up past 100%.")
    }
    public var sharesOfAnswers: String { pick("Andelar av dem som svarade.", "Shares of those answering.") }
    public var otherAnswersHeading: String { pick("Svar under Annat", "Answers under Other") }
    public var removedChoicesHeading: String {
        pick("Val som inte längre finns i enkäten", "Choices the survey no longer has")
    }
    public var termsHeading: String { pick("Vanligaste orden", "Most used words") }
    public var themesHeading: String { pick("Teman", "Themes") }
    public var answersUsing: String { pick("Svar med ordet", "Answers using it") }
    public var seeFreeText: String { pick("Alla svar finns på bladet Fritext.", "Every answer is on the Free text sheet.") }

    public var groupedBy: String { pick("Uppdelat efter", "Grouped by") }
    public var total: String { pick("Totalt", "Total") }
    public var columnPercentNote: String {
        pick("Kolumnprocent: andelen inom varje grupp.", "Column percents: the share within each group.")
    }
    public var smallCellNote: String {
        pick("Markerade celler har ett förväntat antal under 5: chi²-testet är osäkert där.",
             "Highlighted cells have an expected count under 5: the chi-square test is unreliable there.")
    }
    public var suppressedNote: String {
        pick("Anonymiserad: antal under 5 visas som <5.", "Anonymised: counts under 5 are shown as <5.")
    }
    public func chiSquare(statistic: String, df: Int, p: String) -> String {
        pick("Chi² = \(statistic), frihetsgrader \(df), p = \(p)", "Chi-square = \(statistic), df = \(df), p = \(p)")
    }

    public var answer: String { pick("Svar", "Answer") }
    public var unknownLanguage: String { pick("okänt", "unknown") }
    public var theme: String { pick("Tema", "Theme") }
    public var quotes: String { pick("Citat", "Quotes") }
    public var uncoded: String { pick("Utan tema", "No theme") }
    public var noCodebook: String {
        pick("Ingen kodbok angavs: ange --codebook FIL för teman.", "No codebook was given: pass --codebook FILE for themes.")
    }
    public var term: String { pick("Ord", "Term") }
    public var bigram: String { pick("Ordpar", "Word pair") }
    public var answersLanguages: String { pick("Svarens språk", "Languages of the answers") }


    public var responseID: String { pick("Svars-id", "Response id") }
    /// The response's row number on the Responses sheet, by which the other lists refer to it.
    public var responseNumber: String { pick("Svar nr", "Response #") }
    public var pseudonym: String { pick("Pseudonym", "Pseudonym") }
    public var sourceRow: String { pick("Rad i källfilen", "Row in source file") }
    public var started: String { pick("Påbörjad (UTC)", "Started (UTC)") }
    public var submitted: String { pick("Inskickad (UTC)", "Submitted (UTC)") }
    public var otherText: String { pick("annat", "other") }
    public func responsesSplit(_ sheets: [String]) -> String {
        pick("Svaren får inte plats på ett blad (högst 1 048 575 rader) och är uppdelade på: \(sheets.joined(separator: ", ")).",
             "The responses do not fit on one sheet (at most 1,048,575 rows) and are split over: \(sheets.joined(separator: ", ")).")
    }
    public func responsesWithAutofilter(_ limit: Int) -> String {
        pick("Fler än \(limit) svar: bladet Svar har filterknappar men ingen Excel-tabell, så att minnet räcker.",
             "More than \(limit) responses: the Responses sheet has filter buttons but no Excel table, to keep memory flat.")
    }
    public var anonymisedNote: String {
        pick("Anonymiserad: personuppgiftsfrågor är borttagna och svar har pseudonymer i stället för id.",
             "Anonymised: personal questions are left out and responses carry pseudonyms instead of ids.")
    }

    public var samlaVersion: String { pick("Samla-version", "Samla version") }
    public var definitionHash: String { pick("Enkätdefinitionens SHA-256", "Survey definition SHA-256") }
    public var store: String { pick("Svarsdatabas", "Response store") }
    public var codebook: String { pick("Kodbok", "Codebook") }
    public var anonymised: String { pick("Anonymiserad", "Anonymised") }
    public var yes: String { pick("ja", "yes") }
    public var no: String { pick("nej", "no") }
    public var command: String { pick("Kommando", "Command") }
    public var reproduceNote: String {
        pick("Samma svarsdatabas, enkät och kommando med SOURCE_DATE_EPOCH satt ger en identisk fil.",
             "The same store, survey and command with SOURCE_DATE_EPOCH set give an identical file.")
    }
}
