/// The escape sequences Samla's prompts send to a terminal (ECMA-48 and the xterm extensions
/// every current terminal emulator and tmux understand).
public enum ScreenControl {
    /// Cursor home, erase the screen (ED 2) and the scrollback (ED 3).
    public static let clearAll = "\u{1B}[H\u{1B}[2J\u{1B}[3J"
    /// Cursor home and erase the screen, keeping the scrollback: a redraw.
    public static let clearScreen = "\u{1B}[H\u{1B}[2J"
    public static let enterAlternateScreen = "\u{1B}[?1049h"
    public static let leaveAlternateScreen = "\u{1B}[?1049l"
    public static let enableBracketedPaste = "\u{1B}[?2004h"
    public static let disableBracketedPaste = "\u{1B}[?2004l"
    public static let hideCursor = "\u{1B}[?25l"
    public static let showCursor = "\u{1B}[?25h"
    public static let resetStyle = "\u{1B}[0m"

    public static func cursorLeft(_ columns: Int) -> String {
        columns > 0 ? "\u{1B}[\(columns)D" : ""
    }
}
