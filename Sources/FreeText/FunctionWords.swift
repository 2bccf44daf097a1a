/// The commonest function words of the languages a survey export may be written in, for telling
/// which one it is. Drawn from the facts of Snowball's stopword lists (snowballstem.org), cut to
/// the words frequent in short survey texts: pronouns, articles, conjunctions, prepositions,
/// auxiliaries, question words. Entries are lowercase.
public enum FunctionWords {
    /// ISO 639-1 codes in the order ties are broken.
    public static let languages = ["sv", "en", "de", "es", "fr", "nb", "da", "fi"]

    public static let lists: [String: Set<String>] = [
        "sv": words("""
            och att det som en på är av för med till den har de inte om ett han men var jag sig från vi så \
            kan man när år säga hon under också efter eller nu sin där vid mot ska skulle kommer ut få \
            hade vad hur många bara mycket inga ingen något några vilken vilka vill vara blir blev varit \
            dem denna detta dessa hos mellan utan mig dig oss er ert era vår våra mitt min mina din dina \
            ni du i ha mer vilja kunna bör varför vem vilket hennes hans deras själv alla andra annan annat samt sedan än ännu även ju
            """),
        "en": words("""
            the and of to a in is that it for you was with on as are be this have from or by at not but \
            what all were we when your can said there an which their if do will each about how up out \
            them then she many some so these would other into has more her two like him see time could \
            no make than been who its now my over did down only way find use may any our should very \
            why where does yes please
            """),
        "de": words("""
            der die das und ist nicht ich sie es zu den mit sich des auf für im dem ein eine einen einem \
            einer eines als auch an wie wir werden aus er hat dass nach bei um am sind noch oder nur vom \
            über so zum war haben kann schon wenn mehr sehr aber wird wurde können müssen sollte würde \
            bitte ihr ihre unser uns mich mir wer was wo warum welche welcher welches wie viele gibt \
            keine kein durch gegen ohne unter zwischen sein seine ja nein
            """),
        "es": words("""
            de la que el en y a los del se las por un para con no una su al lo como más pero sus le ya \
            o este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo \
            nos durante todos uno les ni contra otros ese eso ante ellos esto mí antes algunos qué unos \
            yo otro otras otra él tanto esa estos mucho nada muchos cuál cual poco ella estar estas \
            algo nosotros mi mis tú te tu tus es son está están fue ser ha han tiene tienen puede cómo \
            dónde usted ustedes
            """),
        "fr": words("""
            le la les de des du un une et est en que qui dans pour pas sur au aux avec ce ces cette il \
            elle ils elles nous vous je tu on ne se sa son ses leur leurs mais ou où par plus très être \
            avoir été fait sont comme tout aussi bien notre nos votre vos à quel quelle quels quelles \
            était sont ont peut faire entre sans chez lui moi toi c'est j'ai d'un d'une l'on qu'il \
            pourquoi comment combien oui non
            """),
        "nb": words("""
            og i jeg det at en et den til er som på de med han av ikke der så var meg seg men har om vi \
            min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva \
            skal selv her alle vil bli ble blitt kunne inn når være kom noen noe ville dere deres kun ja \
            etter ned skulle denne deg si sine sitt mot å hvorfor dette disse uten hvordan ingen din \
            ditt blir samme hvilken hvilke sånn mellom vår hver hvem både bare enn fordi før mange også \
            slik vært mye mer gjerne nei
            """),
        "da": words("""
            og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi \
            min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her \
            alle vil blev kunne ind når være dog noget ville jo deres efter ned skulle denne end dette \
            mit også under have dig anden hende mine alt meget sit sine vor mod disse hvis din nogle \
            hos blive mange ad bliver hendes været thi jer sådan hvordan hvorfor ingen mere gerne nej
            """),
        "fi": words("""
            ja on ei se että hän oli ole olla mutta kun niin tai jos myös kuin vain mitä tämä joka sen \
            ovat olen olisi meidän me te he minä sinä siitä tässä kanssa koska nyt jo vielä sekä ollut \
            voi mikä miten kaikki enemmän hyvin paljon kuinka miksi missä mihin mistä onko ovatko \
            olet olemme olette heidän hänen minun sinun teidän tämän nämä näitä niitä ne joita jotka \
            mikään kukaan mitään kyllä
            """),
    ]

    private static func words(_ text: String) -> Set<String> {
        Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
    }
}
