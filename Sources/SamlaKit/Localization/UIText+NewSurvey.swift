extension UIText {
    // Samla's words for `samla new`.

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
    public var newKeepsCombinedShowIf: String {
        pick("  Villkoret (show_if med all/any/not) behålls som det står i filen.",
             "  Its condition (show_if with all/any/not) is kept as the file states it.")
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
        pick("Skriva \(path)? Enter skriver; a lägger till en fråga, e N ändrar fråga N, m N M flyttar fråga N till plats M, d N tar bort fråga N, q avslutar utan att skriva",
             "Write \(path)? Enter writes it; a adds a question, e N edits question N, m N M moves question N to place M, d N deletes question N, q quits without writing")
    }
    public func newNotACommand(_ input: String) -> String {
        pick("'\(input)': tryck Enter för att skriva, eller skriv a, e N, m N M, d N eller q.",
             "'\(input)': press Enter to write, or type a, e N, m N M, d N or q.")
    }
    // Drafts, editing and moving (samla new).
    public var newDraftComment: String {
        pick("Utkast från samla new; samla new erbjuder att fortsätta det.", "Draft of samla new; samla new offers to resume it.")
    }
    public func newResumeDraft(_ id: String, questions: Int, path: String) -> String {
        pick("Ett utkast av '\(id)' med \(questions) frågor finns (\(path)). Fortsätta med det?",
             "A draft of '\(id)' with \(questions) questions is saved (\(path)). Resume it?")
    }
    public func newResumed(_ questions: Int) -> String {
        pick("Fortsätter efter fråga \(questions).", "Going on after question \(questions).")
    }
    public func newDraftKept(_ path: String) -> String {
        pick("Utkastet finns kvar i \(path); samla new erbjuder att fortsätta det.",
             "The draft is kept in \(path); samla new offers to resume it.")
    }
    public var newBackHint: String {
        pick("< ändrar föregående fråga; vid förhandsvisningen: e N ändrar, m N M flyttar, d N tar bort",
             "< edits the previous question; at the preview: e N edits, m N M moves, d N deletes")
    }
    public func newEdited(_ number: Int, id: String) -> String {
        pick("Fråga \(number) '\(id)' är ändrad.", "Edited question \(number) '\(id)'.")
    }
    public func newMoved(_ number: Int, to place: Int) -> String {
        pick("Fråga \(number) är flyttad till plats \(place).", "Moved question \(number) to place \(place).")
    }
    public var newChangeRefused: String {
        pick("Ändringen gjordes inte, eftersom enkäten då inte går igenom kontrollen:",
             "The change was not made, since the survey would then not validate:")
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
}
