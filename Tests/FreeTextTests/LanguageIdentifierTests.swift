import FreeText
import XCTest

/// The language of an export's texts, among eight: survey-like sentences of each, written for
/// these tests.
final class LanguageIdentifierTests: XCTestCase {
    private let identifier = LanguageIdentifier()

    private let sentences: [String: [String]] = [
        "sv": ["Vad skulle ni vilja fokusera på under nästa år?", "Hur vill du bli involverad i arbetet?",
               "Vi behöver mer stöd till de små företagen och det är viktigt att alla kommuner är med."],
        "en": ["What would you like to focus on next year?", "How would you like to be involved in the work?",
               "We need more support for the small businesses and it is important that all towns are part of it."],
        "de": ["Worauf möchten Sie sich im nächsten Jahr konzentrieren?", "Wie wollen Sie an der Arbeit beteiligt werden?",
               "Wir brauchen mehr Unterstützung für die kleinen Unternehmen, und es ist wichtig, dass alle Gemeinden dabei sind."],
        "es": ["¿En qué le gustaría centrarse el próximo año?", "¿Cómo quiere participar en el trabajo?",
               "Necesitamos más apoyo para las pequeñas empresas y es importante que todos los municipios estén con nosotros."],
        "fr": ["Sur quoi aimeriez-vous vous concentrer l'année prochaine ?", "Comment voulez-vous participer au travail ?",
               "Nous avons besoin de plus de soutien pour les petites entreprises et il est important que toutes les communes soient avec nous."],
        "nb": ["Hva vil dere fokusere på neste år?", "Hvordan vil du bli involvert i arbeidet?",
               "Vi trenger mer støtte til de små bedriftene, og det er viktig at alle kommunene er med. Jeg har ikke noe mer å si."],
        "da": ["Hvad vil I gerne fokusere på næste år?", "Hvordan vil du være med i arbejdet?",
               "Vi har brug for mere støtte til de små virksomheder, og det er vigtigt at alle kommuner er med. Jeg har ikke noget at tilføje."],
        "fi": ["Mihin haluaisitte keskittyä ensi vuonna?", "Miten haluat olla mukana työssä?",
               "Tarvitsemme enemmän tukea pienille yrityksille, ja on tärkeää että kaikki kunnat ovat mukana."],
    ]

    func testEachLanguageIsToldFromItsSentences() {
        for (language, texts) in sentences.sorted(by: { $0.key < $1.key }) {
            let guess = identifier.guess(texts.joined(separator: " "))
            XCTAssertEqual(guess.language, language, "\(language): \(guess.scores)")
        }
    }

    func testSwedishGermanAndSpanishSurveyHeaders() {
        XCTAssertEqual(identifier.guess("Zeitstempel. Wie zufrieden sind Sie mit dem Workshop? Was sollten wir besser machen? Ihre E-Mail-Adresse").language, "de")
        XCTAssertEqual(identifier.guess("Marca temporal. ¿Qué tan satisfecho está con el taller? ¿Qué deberíamos mejorar? Su correo electrónico").language, "es")
        XCTAssertEqual(identifier.guess("Tidstämpel. Hur nöjd är du med workshopen? Vad borde vi göra bättre? Din e-postadress").language, "sv")
    }

    func testTooLittleTextIsNoGuess() {
        XCTAssertNil(identifier.guess("Innovation").language)
        XCTAssertNil(identifier.guess("").language)
        XCTAssertNil(identifier.guess("12 34").language)
    }
}
