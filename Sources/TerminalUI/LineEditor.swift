/// One line of text being typed, with a cursor: characters insert at the cursor, ←/→, Home/End
/// (and Ctrl-A/Ctrl-E), Backspace and Delete edit it, Ctrl-U clears it. Knows nothing of screens.
public struct LineEditor: Sendable, Equatable {
    public private(set) var characters: [Character]
    /// Between 0 and `characters.count`: where the next character goes.
    public private(set) var cursor: Int
    /// Longest text it takes, in characters; typing beyond it is ignored.
    public var limit: Int

    public init(_ text: String = "", limit: Int = 10_000) {
        characters = Array(text.prefix(limit))
        cursor = characters.count
        self.limit = limit
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    /// Applies an editing key; false when the key is not an edit (Enter, ↑/↓, Tab, other controls).
    @discardableResult
    public mutating func apply(_ key: Key) -> Bool {
        switch key {
        case .character(let character): insert([character])
        case .paste(let text):
            // One line: a pasted line break becomes a space.
            insert(Array(text.map { $0 == "\n" ? " " : $0 }))
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = characters.count
        case .backspace:
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete:
            guard cursor < characters.count else { return true }
            characters.remove(at: cursor)
        case .control("u"):
            characters.removeAll()
            cursor = 0
        default:
            return false
        }
        return true
    }

    private mutating func insert(_ new: [Character]) {
        let room = max(0, limit - characters.count)
        let taken = new.prefix(room)
        characters.insert(contentsOf: taken, at: cursor)
        cursor += taken.count
    }

    /// The part to show in `width` columns, scrolled so the cursor stays in view, and the cursor's
    /// column in it. Each character counts as one column.
    public func window(width: Int) -> (text: String, cursorColumn: Int) {
        let width = max(2, width)
        guard characters.count >= width else { return (text, cursor) }
        let start = max(0, min(cursor - width + 1, characters.count - width + 1))
        let end = min(characters.count, start + width - 1)
        return (String(characters[start..<end]), cursor - start)
    }
}
