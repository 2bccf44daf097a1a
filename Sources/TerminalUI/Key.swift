/// One key press (or one paste) as a prompt sees it, decoded from the bytes a terminal sends.
public enum Key: Sendable, Hashable {
    /// A printable character, already checked to be no control character.
    case character(Character)
    /// Text pasted in one go (bracketed paste), control bytes and escape sequences removed;
    /// line breaks are kept as "\n" for the prompt to decide about.
    case paste(String)
    case enter
    case tab
    case backspace
    case delete
    case up, down, left, right
    case home, end
    /// Ctrl with a letter: `control("x")` for Ctrl-X. Ctrl-C, Ctrl-D, Ctrl-Z and Ctrl-\ arrive here
    /// (as "c", "d", "z", "\\") when the terminal is in raw mode without signals.
    case control(Character)
    /// A lone Escape key.
    case escape
}
