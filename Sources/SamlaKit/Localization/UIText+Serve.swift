/// The words of `samla serve`'s pages: the participant's form, the projector and the host page.
extension UIText {
    public var send: String { pick("Skicka", "Send") }
    public var updateQuestions: String { pick("Uppdatera frågorna", "Update the questions") }
    public var updateQuestionsHint: String {
        pick("Vissa frågor visas bara efter vissa svar: tryck Uppdatera för att se dem innan du skickar.",
             "Some questions only appear after certain answers: press Update to see them before you send.")
    }
    public var newQuestionsAppeared: String {
        pick("Dina svar öppnade fler frågor nedan. Besvara dem om du vill och skicka igen.",
             "Your answers opened more questions below. Answer them if you like and send again.")
    }
    public var privacyNote: String {
        pick("Dina svar sparas bara på värdens dator, inte i något moln. Svar som är personliga (till exempel namn och e-post) visas aldrig på storskärmen och används bara för att kontakta dig om du bett om det.",
             "Your answers are kept only on the host's computer, in no cloud. Personal answers (such as your name and e-mail) are never shown on the big screen and are used only to contact you if you asked for it.")
    }
    public var languageSwitch: String { pick("Språk", "Language") }
    public var otherNeedsText: String { pick("Skriv vad du menar med Annat.", "Say what you mean by Other.") }
    public var fixTheErrors: String {
        pick("Några svar behöver rättas; se meddelandena vid frågorna.", "Some answers need correcting; see the messages at the questions.")
    }
    public var surveyClosed: String { pick("Enkäten är stängd just nu.", "The survey is closed at the moment.") }
    public var unknownQuestion: String { pick("Ingen sådan fråga i enkäten.", "No such question in the survey.") }
    public var noteTakesNoAnswer: String { pick("Det är en text i enkäten, ingen fråga: den tar inget svar.", "That is a note in the survey, not a question: it takes no answer.") }
    public var notAValidAnswer: String { pick("Svaret har fel form för frågan.", "The answer has the wrong shape for the question.") }
    public func answerCount(_ count: Int) -> String {
        pick(count == 1 ? "svar" : "svar", count == 1 ? "answer" : "answers")
    }
    public var scanToAnswer: String { pick("Skanna för att svara", "Scan to answer") }
    public var waitingForAnswers: String { pick("Väntar på svar …", "Waiting for answers …") }
    public var hostTitle: String { pick("Värd", "Host") }
    public var openSurvey: String { pick("Öppna enkäten", "Open the survey") }
    public var closeSurvey: String { pick("Stäng enkäten", "Close the survey") }
    public var surveyIsOpen: String { pick("Enkäten är öppen.", "The survey is open.") }
    public var showOnProjector: String { pick("Visa på storskärmen", "Show on the projector") }
    public var allQuestions: String { pick("Alla frågor", "All questions") }
    public var nextQuestion: String { pick("Nästa fråga", "Next question") }
    public var freeTextAnswers: String { pick("Fritextsvar", "Free-text answers") }
    public var approve: String { pick("Visa", "Approve") }
    public var hide: String { pick("Dölj", "Hide") }
    public var approved: String { pick("visas", "shown") }
    public var noFreeText: String { pick("Inga fritextsvar än.", "No free-text answers yet.") }
    public var hostKeyRequired: String {
        pick("Värdnyckeln saknas eller är fel.", "The host key is missing or wrong.")
    }
}
