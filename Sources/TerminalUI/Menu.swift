/// A list to choose from with a cursor: ↑/↓ (and j/k) move, Space marks. With `multiple`, Space
/// toggles any number of items; otherwise one item is marked, and moving marks the item moved to.
/// Knows nothing of what the items are.
public struct Menu: Sendable, Equatable {
    public let count: Int
    public let multiple: Bool
    public private(set) var cursor: Int
    public private(set) var marked: Set<Int>

    public init(count: Int, multiple: Bool, marked: [Int] = []) {
        self.count = count
        self.multiple = multiple
        let valid = marked.filter { (0..<count).contains($0) }
        self.marked = Set(multiple ? valid : Array(valid.prefix(1)))
        cursor = valid.min() ?? 0
    }

    /// Applies a moving or marking key; false when the key is not one.
    @discardableResult
    public mutating func apply(_ key: Key) -> Bool {
        guard count > 0 else { return false }
        switch key {
        case .up, .character("k"): move(to: (cursor + count - 1) % count)
        case .down, .character("j"), .tab: move(to: (cursor + 1) % count)
        case .home: move(to: 0)
        case .end: move(to: count - 1)
        case .character(" "):
            if multiple {
                if marked.contains(cursor) { marked.remove(cursor) } else { marked.insert(cursor) }
            } else {
                marked = [cursor]
            }
        default:
            return false
        }
        return true
    }

    /// The marked items in list order.
    public var chosen: [Int] { marked.sorted() }

    private mutating func move(to position: Int) {
        cursor = position
        if !multiple { marked = [position] }
    }
}
