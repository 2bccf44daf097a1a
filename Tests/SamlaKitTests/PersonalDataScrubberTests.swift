import XCTest
@testable import SamlaKit

/// The free-text scrubber's patterns on their own: what goes, and the ordinary numbers that stay.
final class PersonalDataScrubberTests: XCTestCase {
    private let swedish = PersonalDataScrubber(language: "sv", names: ["Anna Lindberg", "Karin Holm-Berg", " bo "])
    private let english = PersonalDataScrubber(language: "en")

    func testEmailAddresses() {
        XCTAssertEqual(swedish.scrub("Mejla anna.lindberg@example.se!"), "Mejla [e-post]!")
        XCTAssertEqual(swedish.scrub("Anna@Example.SE, o'brien+workshops@sub.kommun.se"), "[e-post], [e-post]")
        XCTAssertEqual(english.scrub("write to åsa@umeå.se"), "write to [e-mail]")
        XCTAssertEqual(swedish.scrub("@här allihop"), "@här allihop", "an @ without an address stays")
    }

    func testSwedishAndInternationalPhoneNumbers() {
        for number in ["070-123 45 67", "070 123 45 67", "0701234567", "073-111 22 33", "08-123 456 78", "08-12 34 56",
                       "+46 70 123 45 67", "+46701234567", "+46 (0)70 123 45 67", "0046 70 123 45 67", "+44 20 7946 0958",
                       "+1 415 555 0132", "0090-123-456-78", "(08) 123 456 78", "(070) 123 45 67", "070 - 123 45 67",
                       "070–123 45 67", "+46 70-123 45 67"] {
            XCTAssertEqual(swedish.scrub("Ring \(number) i dag"), "Ring [telefon] i dag", number)
        }
        XCTAssertEqual(english.scrub("call +46 70 123 45 67."), "call [phone].")
    }

    func testPersonalIdentityNumbers() {
        for number in ["850709-1234", "850709+1234", "198507091234", "19850709-1234", "200101011239", "850769-1234"] {
            XCTAssertEqual(swedish.scrub("Nr \(number) här"), "Nr [personnummer] här", number)
        }
        XCTAssertEqual(english.scrub("id 850709-1234"), "id [id-number]")
        XCTAssertEqual(swedish.scrub("851345-1234"), "851345-1234", "month 13 is no date, so no personnummer")
    }

    func testLinks() {
        XCTAssertEqual(swedish.scrub("Se https://example.se/anna.lindberg."), "Se [länk].")
        XCTAssertEqual(swedish.scrub("(www.kommun.se/personal/karin)"), "([länk])")
        XCTAssertEqual(english.scrub("http://x.example/a?b=c d"), "[link] d")
    }

    func testNamesGivenInTheNameFieldWhereWrittenWithACapital() {
        XCTAssertEqual(swedish.scrub("Prata med Anna Lindberg, hon vet."), "Prata med [namn], hon vet.")
        XCTAssertEqual(swedish.scrub("Holm och Lindberg borde träffas"), "[namn] och [namn] borde träffas")
        XCTAssertEqual(swedish.scrub("Karin Holm-Berg kommer"), "[namn]-[namn] kommer")
        XCTAssertEqual(swedish.scrub("Bo ringer"), "[namn] ringer")
        XCTAssertEqual(swedish.scrub("vi bo i Umeå"), "vi bo i Umeå", "a lower-case word is a word, not a name")
        XCTAssertEqual(english.scrub("Anna Lindberg"), "Anna Lindberg", "no names given, none replaced")
    }

    func testOrdinaryNumbersAndDatesSurvive() {
        for text in ["Vi var 12 personer 2025.", "Mötet 2025-03-12 kl. 13.30", "Det kostar 4500 kr, eller 4 500 kr",
                     "Öppet 08-12 och 13-17", "Datum 12/3/2025 och 2025/03/12", "version 1.2.3", "0 av 14 svarade",
                     "Budget 1 000 000 kronor", "ca 30-40 %", "år 1985-2025", "tel. saknas", "20250312",
                     "Postnummer 903 25 Umeå", "+5 grader", "−3 °C", "0,5 procent", "Fax 1234"] {
            XCTAssertEqual(swedish.scrub(text), text, text)
        }
    }
}
