/// Where the prompts go and the answers come from: a terminal, a pipe, or a test's script.
public protocol PromptIO: AnyObject {
    /// The next typed line without its line end, or nil at the end of input.
    func readLine() -> String?
    func write(_ text: String)
    /// True for a person at a terminal: the screen may be cleared and a pause may wait for Enter.
    var isInteractive: Bool { get }
    var supportsColour: Bool { get }
    func clearScreen()
}

/// Scripted input and captured output, for tests of the prompt engine.
public final class ScriptedPromptIO: PromptIO {
    private var lines: [String]
    public private(set) var output = ""
    public let isInteractive = false
    public let supportsColour = false

    public init(lines: [String]) {
        self.lines = lines
    }

    public func readLine() -> String? {
        lines.isEmpty ? nil : lines.removeFirst()
    }

    public func write(_ text: String) {
        output += text
    }

    public func clearScreen() {}
}
