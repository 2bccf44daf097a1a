/// The call list's and the anonymised export's words.
extension ExportText {
    private func say(_ sv: String, _ en: String) -> String { language == "sv" ? sv : en }

    public var callEmail: String { say("E-post", "E-mail") }
    public var callPhone: String { say("Telefon", "Phone") }
    public var callWorkshops: String { say("Workshoppar", "Workshops") }
    public var callWants: String { say("Vill bli involverad i", "Wants to be involved in") }
    public var callLastAnswer: String { say("Senaste svar", "Last answer") }
    public var callResponses: String { say("Svar nr", "Responses #") }
    public var callGuessNote: String {
        say("Enkäten har ingen contact-sektion: listan gissar vilka frågor som gäller kontakt och tar med alla som lämnat kontaktuppgifter.",
            "The survey has no contact section: the list guesses which questions are about contact and lists everyone who left contact details.")
    }
    public var date: String { say("Datum", "Date") }

    /// What an anonymised export left out, for the About sheet.
    public func anonymisedRemoved(threshold: Int) -> String {
        say("Borttaget: personliga frågor och kontaktuppgifter, e-post, telefonnummer, personnummer, länkar och namn i fritext "
            + "(ersatta med [e-post], [telefon], [personnummer], [länk], [namn]), svars-id (pseudonymer i stället), radnummer i källfiler, "
            + "klockslag (bara datum) och sökvägar. Antal under \(threshold) visas som <\(threshold); några större antal visas också som <\(threshold), så att summor inte avslöjar de små.",
            "Removed: personal questions and contact details, e-mail addresses, phone numbers, personal identity numbers, links and names in free text "
            + "(replaced by [e-mail], [phone], [id-number], [link], [name]), response ids (pseudonyms instead), source row numbers, "
            + "times of day (dates only) and paths. Counts under \(threshold) are shown as <\(threshold); some larger counts are shown as <\(threshold) too, so that totals do not give the small ones away.")
    }
    public var removedHeading: String { say("Anonymisering", "Anonymisation") }
}

extension UIText {
    /// `samla new`'s one question about the call list, at the end.
    func newContactProposal(question: String, choice: String, details: [String]) -> String {
        language == "sv"
            ? "Ska uppföljningslistan ta med dem som svarar \"\(choice)\" på \"\(question)\", med \(details.joined(separator: ", "))?"
            : "Should the call list take those who answer \"\(choice)\" to \"\(question)\", with \(details.joined(separator: ", "))?"
    }
}
