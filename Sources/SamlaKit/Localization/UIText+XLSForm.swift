/// What `samla draft` and `samla export-form` say about XLSForms, and the privacy note a form
/// written for Kobo carries before its first personal question.
extension UIText {
    /// The note shown before the personal questions (`personal: true`, the contact details).
    public func privacyNote(questions: [String]) -> String {
        let listed = questions.joined(separator: "; ")
        return pick("Personuppgifter: dina svar på \(listed) går bara till arrangören, citeras aldrig i resultaten och tas bort ur anonymiserade sammanställningar.",
                    "Personal data: your answers to \(listed) go only to the organiser, are never quoted in the results, and are left out of anonymised exports.")
    }

    public func formConverted(_ path: String, questions: Int, notes: Int = 0, unconverted: Int) -> String {
        let rest = unconverted == 0 ? pick("Allt i formuläret fördes över.", "Everything in the form was converted.")
            : pick("\(unconverted) saker fördes inte över eller ändrades; de står ovan och överst i filen.",
                   "\(unconverted) things were not converted or were changed; they are listed above and at the top of the file.")
        return pick("Skrev \(questions) frågor\(notesPart(notes)) från XLSForm-formuläret till \(path). ",
                    "Wrote \(questions) questions\(notesPart(notes)) from the XLSForm to \(path). ") + rest
    }

    public func formWritten(_ path: String, questions: Int, notes: Int = 0) -> String {
        pick("Skrev XLSForm-formuläret \(path) med \(questions) frågor\(notesPart(notes)) (survey, choices, settings). Ladda upp det i KoboToolbox eller ODK Central.",
             "Wrote the XLSForm \(path) with \(questions) questions\(notesPart(notes)) (survey, choices, settings). Upload it to KoboToolbox or ODK Central.")
    }

    /// " and 2 notes", or nothing without notes.
    public func notesPart(_ notes: Int) -> String {
        guard notes > 0 else { return "" }
        return pick(" och \(notes) \(notes == 1 ? "text" : "texter")", " and \(notes) note\(notes == 1 ? "" : "s")")
    }
}
