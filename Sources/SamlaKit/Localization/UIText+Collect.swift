/// The words of `samla collect` beyond the line prompts: key prompts, kiosk mode, the host's PIN.
extension UIText {
    // MARK: For the participant

    public var helpKeyHint: String { pick("? = hjälp", "? = help") }
    public var singleKeysHint: String {
        pick("↑/↓ väljer · Enter bekräftar · Backsteg går tillbaka · ? = hjälp",
             "↑/↓ choose · Enter confirms · Backspace goes back · ? = help")
    }
    public var multipleKeysHint: String {
        pick("↑/↓ flyttar · Mellanslag markerar · Enter bekräftar · Backsteg går tillbaka · ? = hjälp",
             "↑/↓ move · Space marks · Enter confirms · Backspace goes back · ? = help")
    }
    public var textKeysHint: String {
        pick("skriv och tryck Enter · Backsteg på tom rad går tillbaka",
             "type and press Enter · Backspace on an empty line goes back")
    }
    public var keysHelpForKeyPrompts: String {
        pick("Flytta med ↑/↓ (eller j/k), markera med mellanslag, bekräfta med Enter. Du kan också skriva numret eller namnet på ett alternativ, t.ex. 2 eller 1,3, och trycka Enter. Backsteg (på tom rad) går tillbaka en fråga med svaren kvar; Enter utan svar hoppar över en frivillig fråga.",
             "Move with ↑/↓ (or j/k), mark with Space, confirm with Enter. You can also type an option's number or name, e.g. 2 or 1,3, and press Enter. Backspace (on an empty line) goes back one question, keeping the answers; Enter with no answer skips an optional question.")
    }
    public var pressEnterToFinish: String { pick("Tryck Enter.", "Press Enter.") }
    /// Before a language is chosen, in both.
    public static var languageKeysHint: String { "↑/↓ · Enter" }

    // MARK: For the host

    public var hostPINPrompt: String { pick("Värdens PIN-kod (avslutar insamlingen)", "Host PIN (ends the collection)") }
    public var wrongPIN: String { pick("Fel PIN-kod. Insamlingen fortsätter.", "Wrong PIN. The collection goes on.") }
    public func unfinishedDiscarded(_ count: Int) -> String {
        pick(count == 1 ? "1 ofullständigt svar kastat." : "\(count) ofullständiga svar kastade.",
             "\(count) unfinished response\(count == 1 ? "" : "s") discarded.")
    }
    public var choosePIN: String { pick("Välj en PIN-kod för att avsluta insamlingen", "Choose a PIN to end the collection") }
    public var repeatPIN: String { pick("Samma PIN-kod igen", "The same PIN again") }
    public var pinsDiffer: String { pick("PIN-koderna var olika; försök igen.", "The PINs differ; try again.") }
    public var pinTooShort: String { pick("Minst 4 tecken.", "At least 4 characters.") }
    public var kioskHowToEnd: String {
        pick("Kioskläge: Ctrl-C, Ctrl-Z och Ctrl-D avslutar inte. Värden avslutar med Ctrl-X och PIN-koden.",
             "Kiosk mode: Ctrl-C, Ctrl-Z and Ctrl-D do not leave. The host ends with Ctrl-X and the PIN.")
    }
    public var kioskNeedsTerminal: String {
        pick("--kiosk behöver en terminal på standard in.", "--kiosk needs a terminal on standard input.")
    }
}
