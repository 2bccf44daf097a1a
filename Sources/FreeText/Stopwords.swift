/// Function words that carry no topic: articles, pronouns, prepositions, conjunctions, auxiliary
/// and modal verbs, common adverbs of degree and time, and the wish formulas of survey answers
/// ("we would like more", "vi skulle vilja ha mer"), which otherwise top every term list. Verbs
/// like "need"/"behöver" and "support"/"stöd" are not here: they say what the answer is about.
///
/// Entries are lowercase and use the straight apostrophe, as the tokenizer produces them.
public enum Stopwords {
    public static let swedish: Set<String> = words("""
        a aldrig alla allas allt alltid allting alltså andra andras annan annars annat antingen att \
        av bakom bara bl bland blev bli blir blivit borde bort bredvid båda både bör de dej dels dem \
        den denna denne deras dess dessa det detta dig din dina dit ditt dock dom du dvs dylik \
        dylika där därav därefter därför därifrån därmed därom därpå därtill då efter eftersom egen \
        egentligen eget egna ej eller emellan emot en endast enligt ens er era erat ert etc ett ex \
        exempelvis fast fick fler flera framför från få får fått för förbi före förrän förut ganska \
        genom gjorde gjort gäller gå går gör göra ha hade haft han hans har hej hela hellre helt \
        henne hennes hit hon honom hos hur hurdan hurdant hurså här härifrån härmed härom härpå \
        härtill i ibland icke ifrån igen inför inga ingen ingenstans inget inne inom inte intill ja \
        jag ju kan kanske knappast kom komma kommer kring kunde kunna kunnat likaså liksom lite man \
        med medan mej mellan men mer mera mest mig min mina mindre minst mitt mot mycket måste nedan \
        nedanför nej ner ni nog nu nämligen när någon någonstans någonting något några nånting nåt \
        och också ofta oftast ok okay okej om oss osv ovan ovanför per plus på redan resp respektive \
        runt rätt sa sade samma samt sedan sej sen sig sin sina sitt själv själva ska skall skulle \
        som sällan så sådan sådana sådant t till tills tillsammans tog trots tycker typ under upp ut \
        utan utanför uti utom utöver vad var vara varav varför vari varit varje varken varom varpå \
        vars vart vartill varvid vem vems verkligen vi via vid vilja vilka vilkas vilken vilkens \
        vilket vill ville visst vore väl vår våra vårat vårt än ändå ännu är även åt önskar över \
        överallt
        """)

    public static let english: Set<String> = words("""
        a about above accordingly across after afterwards again against all almost alone along \
        already also although always am among amongst an and another any anybody anyhow anyone \
        anything anyway anyways anywhere are aren't around as at be became because become becomes \
        been before beforehand behind being below beside besides between both but by can can't \
        cannot certain certainly could couldn't did didn't do does doesn't doing don't done down \
        during each eg either else elsewhere enough etc even ever every everybody everyone \
        everything everywhere few for from further furthermore get gets getting go goes going gone \
        got had hadn't has hasn't have haven't having he he'd he'll he's hence her here here's hers \
        herself him himself his how how's however i i'd i'll i'm i've ie if in indeed into is \
        isn't it it's its itself just kind let's like lot lots made make makes many may maybe me \
        meanwhile might mine more moreover most mostly much must mustn't my myself neither never \
        nevertheless no nobody none nor not nothing now nowhere of off often oh ok okay on once one \
        ones only onto or other others otherwise ought our ours ourselves out over own per perhaps \
        please quite rather really said same say says shall shan't she she'd she'll she's should \
        shouldn't since so some somebody someone something sometime sometimes somewhat somewhere \
        sort still such than that that's the their theirs them themselves then thence there there's \
        thereafter thereby therefore therein these they they'd they'll they're they've thing things \
        this those though through throughout thru thus to together too toward towards under until \
        unto up upon us various very via vs want was wasn't way ways we we'd we'll we're we've well \
        were weren't what what's whatever when when's whence whenever where where's whereafter \
        whereas whereby wherein whereupon wherever whether which while who who's whoever whole whom \
        whose why why's will wish with within without won't would wouldn't yes yet you you'd you'll \
        you're you've your yours yourself yourselves
        """)

    /// Whether `word` (lowercase) is a stopword in `language`, or in either language when nil.
    public static func contains(_ word: String, language: Language? = nil) -> Bool {
        switch language {
        case .sv: return swedish.contains(word)
        case .en: return english.contains(word)
        case nil: return swedish.contains(word) || english.contains(word)
        }
    }

    private static func words(_ text: String) -> Set<String> {
        Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
    }
}
