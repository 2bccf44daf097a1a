/// The answer scales surveys are made of, in the wordings tools and people commonly use: agreement
/// (Likert), frequency, satisfaction, quality and importance, in English, Swedish, German,
/// Spanish, French, Norwegian, Danish and Finnish. Each list runs from the low end to the high end.
/// A column whose answers all come from one list is drafted in that list's order, not in the
/// order of how often each was chosen.
enum ScaleWordings {
    struct Scale {
        var family: String
        var language: String
        var points: [String]
    }

    static let all: [Scale] = [
        // Agreement.
        Scale(family: "agreement", language: "en", points: ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]),
        Scale(family: "agreement", language: "en", points: ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]),
        Scale(family: "agreement", language: "en", points: ["Strongly disagree", "Somewhat disagree", "Neither agree nor disagree", "Somewhat agree", "Strongly agree"]),
        Scale(family: "agreement", language: "en", points: ["Strongly disagree", "Disagree", "Somewhat disagree", "Neither agree nor disagree", "Somewhat agree", "Agree", "Strongly agree"]),
        Scale(family: "agreement", language: "en", points: ["Strongly disagree", "Disagree", "Agree", "Strongly agree"]),
        Scale(family: "agreement", language: "sv", points: ["Instämmer inte alls", "Instämmer i låg grad", "Instämmer delvis", "Instämmer i hög grad", "Instämmer helt"]),
        Scale(family: "agreement", language: "sv", points: ["Instämmer inte alls", "Instämmer inte", "Varken eller", "Instämmer", "Instämmer helt"]),
        Scale(family: "agreement", language: "sv", points: ["Instämmer inte alls", "Instämmer till viss del", "Instämmer till stor del", "Instämmer helt"]),
        Scale(family: "agreement", language: "sv", points: ["Tar helt avstånd", "Tar delvis avstånd", "Varken eller", "Instämmer delvis", "Instämmer helt"]),
        Scale(family: "agreement", language: "sv", points: ["Stämmer inte alls", "Stämmer ganska dåligt", "Stämmer delvis", "Stämmer ganska bra", "Stämmer helt"]),
        Scale(family: "agreement", language: "sv", points: ["Stämmer inte alls", "Stämmer ganska dåligt", "Stämmer ganska bra", "Stämmer helt"]),
        Scale(family: "agreement", language: "de", points: ["Stimme überhaupt nicht zu", "Stimme nicht zu", "Weder noch", "Stimme zu", "Stimme voll und ganz zu"]),
        Scale(family: "agreement", language: "de", points: ["Stimme gar nicht zu", "Stimme eher nicht zu", "Teils, teils", "Stimme eher zu", "Stimme voll zu"]),
        Scale(family: "agreement", language: "de", points: ["Trifft überhaupt nicht zu", "Trifft eher nicht zu", "Teils, teils", "Trifft eher zu", "Trifft voll und ganz zu"]),
        Scale(family: "agreement", language: "es", points: ["Totalmente en desacuerdo", "En desacuerdo", "Ni de acuerdo ni en desacuerdo", "De acuerdo", "Totalmente de acuerdo"]),
        Scale(family: "agreement", language: "es", points: ["Muy en desacuerdo", "En desacuerdo", "Neutral", "De acuerdo", "Muy de acuerdo"]),
        Scale(family: "agreement", language: "fr", points: ["Pas du tout d'accord", "Pas d'accord", "Ni d'accord ni pas d'accord", "D'accord", "Tout à fait d'accord"]),
        Scale(family: "agreement", language: "fr", points: ["Fortement en désaccord", "En désaccord", "Neutre", "D'accord", "Fortement d'accord"]),
        Scale(family: "agreement", language: "nb", points: ["Helt uenig", "Litt uenig", "Verken enig eller uenig", "Litt enig", "Helt enig"]),
        Scale(family: "agreement", language: "da", points: ["Helt uenig", "Delvis uenig", "Hverken enig eller uenig", "Delvis enig", "Helt enig"]),
        Scale(family: "agreement", language: "fi", points: ["Täysin eri mieltä", "Jokseenkin eri mieltä", "Ei samaa eikä eri mieltä", "Jokseenkin samaa mieltä", "Täysin samaa mieltä"]),
        // Frequency.
        Scale(family: "frequency", language: "en", points: ["Never", "Rarely", "Sometimes", "Often", "Always"]),
        Scale(family: "frequency", language: "en", points: ["Never", "Seldom", "Sometimes", "Often", "Always"]),
        Scale(family: "frequency", language: "en", points: ["Never", "Rarely", "Sometimes", "Very often", "Always"]),
        Scale(family: "frequency", language: "en", points: ["Never", "Almost never", "Sometimes", "Almost always", "Always"]),
        Scale(family: "frequency", language: "sv", points: ["Aldrig", "Sällan", "Ibland", "Ofta", "Alltid"]),
        Scale(family: "frequency", language: "sv", points: ["Aldrig", "Nästan aldrig", "Ibland", "Nästan alltid", "Alltid"]),
        Scale(family: "frequency", language: "de", points: ["Nie", "Selten", "Manchmal", "Oft", "Immer"]),
        Scale(family: "frequency", language: "de", points: ["Nie", "Selten", "Gelegentlich", "Häufig", "Immer"]),
        Scale(family: "frequency", language: "es", points: ["Nunca", "Rara vez", "A veces", "A menudo", "Siempre"]),
        Scale(family: "frequency", language: "es", points: ["Nunca", "Casi nunca", "A veces", "Casi siempre", "Siempre"]),
        Scale(family: "frequency", language: "fr", points: ["Jamais", "Rarement", "Parfois", "Souvent", "Toujours"]),
        Scale(family: "frequency", language: "nb", points: ["Aldri", "Sjelden", "Av og til", "Ofte", "Alltid"]),
        Scale(family: "frequency", language: "da", points: ["Aldrig", "Sjældent", "Nogle gange", "Ofte", "Altid"]),
        Scale(family: "frequency", language: "fi", points: ["Ei koskaan", "Harvoin", "Joskus", "Usein", "Aina"]),
        // Satisfaction.
        Scale(family: "satisfaction", language: "en", points: ["Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied", "Satisfied", "Very satisfied"]),
        Scale(family: "satisfaction", language: "en", points: ["Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"]),
        Scale(family: "satisfaction", language: "en", points: ["Very unsatisfied", "Unsatisfied", "Neutral", "Satisfied", "Very satisfied"]),
        Scale(family: "satisfaction", language: "sv", points: ["Mycket missnöjd", "Missnöjd", "Varken nöjd eller missnöjd", "Nöjd", "Mycket nöjd"]),
        Scale(family: "satisfaction", language: "sv", points: ["Mycket missnöjd", "Ganska missnöjd", "Varken nöjd eller missnöjd", "Ganska nöjd", "Mycket nöjd"]),
        Scale(family: "satisfaction", language: "de", points: ["Sehr unzufrieden", "Unzufrieden", "Neutral", "Zufrieden", "Sehr zufrieden"]),
        Scale(family: "satisfaction", language: "es", points: ["Muy insatisfecho", "Insatisfecho", "Neutral", "Satisfecho", "Muy satisfecho"]),
        Scale(family: "satisfaction", language: "fr", points: ["Très insatisfait", "Insatisfait", "Neutre", "Satisfait", "Très satisfait"]),
        // Quality.
        Scale(family: "quality", language: "en", points: ["Very poor", "Poor", "Fair", "Good", "Excellent"]),
        Scale(family: "quality", language: "en", points: ["Very bad", "Bad", "Neither good nor bad", "Good", "Very good"]),
        Scale(family: "quality", language: "sv", points: ["Mycket dåligt", "Dåligt", "Varken bra eller dåligt", "Bra", "Mycket bra"]),
        Scale(family: "quality", language: "sv", points: ["Mycket dålig", "Dålig", "Varken bra eller dålig", "Bra", "Mycket bra"]),
        Scale(family: "quality", language: "de", points: ["Sehr schlecht", "Schlecht", "Mittelmäßig", "Gut", "Sehr gut"]),
        Scale(family: "quality", language: "es", points: ["Muy malo", "Malo", "Regular", "Bueno", "Muy bueno"]),
        Scale(family: "quality", language: "fr", points: ["Très mauvais", "Mauvais", "Moyen", "Bon", "Très bon"]),
        // Importance.
        Scale(family: "importance", language: "en", points: ["Not at all important", "Slightly important", "Moderately important", "Very important", "Extremely important"]),
        Scale(family: "importance", language: "sv", points: ["Inte alls viktigt", "Lite viktigt", "Ganska viktigt", "Mycket viktigt", "Extremt viktigt"]),
    ]

    /// Answers that sit outside a scale: kept as choices after its points.
    static let offScale: Set<String> = Set([
        "Don't know", "Do not know", "N/A", "Not applicable", "Prefer not to say", "No opinion",
        "Vet inte", "Ingen åsikt", "Ej aktuellt", "Vill inte svara",
        "Weiß nicht", "Keine Angabe", "Keine Meinung", "No sé", "No sabe", "No aplica", "Ne sais pas", "Je ne sais pas", "Sans opinion",
        "Vet ikke", "Ved ikke", "En osaa sanoa", "Ei osaa sanoa",
    ].map(TextKey.make))

    struct Match {
        var scale: Scale
        /// Each point's label: as the file spells it where it occurs, else the list's wording.
        var labels: [String]
        /// Labels in the file outside the scale ("Don't know"), in the file's order.
        var extras: [String]
    }

    /// The scale all of `labels` come from (at least two of its points; off-scale answers aside),
    /// or nil. Where several lists fit, one with exactly those points wins, then a five-point one.
    static func match(_ labels: [String]) -> Match? {
        let keyed = labels.map { (TextKey.make($0), $0) }
        let inScale = keyed.filter { !offScale.contains($0.0) }
        guard inScale.count >= 2 else { return nil }
        let seen = Set(inScale.map(\.0))
        let fitting = all.filter { scale in seen.isSubset(of: Set(scale.points.map(TextKey.make))) }
        // A list with exactly the file's answers, else a five-point one (the commonest), else the first.
        let best = fitting.first { Set($0.points.map(TextKey.make)) == seen } ?? fitting.first { $0.points.count == 5 } ?? fitting.first
        guard let scale = best else { return nil }
        let spelled = Dictionary(inScale, uniquingKeysWith: { first, _ in first })
        return Match(scale: scale, labels: scale.points.map { spelled[TextKey.make($0)] ?? $0 },
                     extras: keyed.filter { offScale.contains($0.0) }.map(\.1))
    }
}
