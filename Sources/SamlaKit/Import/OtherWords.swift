/// The words tools write for an "other" option and its "please specify" text, in the languages
/// seen in exports, as `TextKey`s: a column headed so beside a question holds that question's
/// other text, and a choice cell holding one means "the text is in the other column".
enum OtherWords {
    static let other: Set<String> = Set([
        "other", "others", "other please specify", "other specify", "annat", "annan", "övrigt", "andet", "annet", "muu",
        "sonstiges", "sonstige", "andere", "anderes", "otro", "otra", "otros", "autre", "autres", "altro", "outro",
    ].map { TextKey.make($0) })

    /// Follow-up text columns: `Other (specify)`, `Please specify`, LimeSurvey's `[comment]`.
    static let specify: Set<String> = Set([
        "other (specify)", "other (please specify)", "please specify", "specify", "if other, please specify",
        "other, please specify", "comment", "comments", "kommentar", "comentario", "commentaire", "annat, ange",
        "ange", "bitte angeben", "sonstiges (bitte angeben)", "especifique", "otro (especifique)", "précisez",
        // pyxform's label for or_other's text question, and the one samla export-form writes.
        "specify other", "annat, ange vad",
    ].map { TextKey.make($0) })

    static func isOther(_ text: String) -> Bool { other.contains(TextKey.make(text)) }
    static func isOtherOrSpecify(_ text: String) -> Bool {
        let key = TextKey.make(text)
        return other.contains(key) || specify.contains(key)
    }
}
