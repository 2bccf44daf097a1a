/// Where the prompts go and the answers come from: a terminal, a pipe, or a test's script.
///
/// Line-based implementations give `readLine`, `write` and `clearScreen`; the defaults of `ask`
/// and `readSecret` draw a `QuestionPrompt` as lines of text and read one line. A screen-based
/// implementation (raw mode in a terminal) answers `ask` itself, with menus and a line editor.
public protocol PromptIO: AnyObject {
    /// The next typed line without its line end, or nil at the end of input.
    func readLine() -> String?
    func write(_ text: String)
    /// True for a person at a terminal: the screen may be cleared and a pause may wait for Enter.
    var isInteractive: Bool { get }
    var supportsColour: Bool { get }
    /// Clears the screen and the scrollback, so the next participant sees nothing of the last.
    func clearScreen()
    /// Asks one prompt; `again` when the same prompt is asked again after a problem or the help
    /// (a line prompt then shows only `prompt.message`).
    func ask(_ prompt: QuestionPrompt, again: Bool) -> PromptReply
    /// A secret (the host's PIN), not shown as typed; nil at the end of input.
    func readSecret(_ label: String) -> String?
    /// Keys rather than lines: the help explains arrows and Space rather than numbers and '<'.
    var usesKeys: Bool { get }
}

/// What came back from a prompt.
public enum PromptReply: Sendable, Equatable {
    /// A typed line, or a menu's choice as the option values joined with commas ("2", "1,3").
    case line(String)
    /// Back to the previous question (Backspace on an empty line or in a menu).
    case back
    /// The host's key (Ctrl-X): ask the PIN.
    case hostKey
    /// No key for the idle time: the participant has walked away.
    case idle
    case endOfInput
}

/// A note of the survey shown above a question (or the thank-you): its text, already free of
/// control characters, one paragraph an entry.
public struct PromptNote: Sendable, Equatable {
    public var paragraphs: [String]
    public var hint: String?
    /// The heading of the section the note is in.
    public var heading: String?
    /// The note is the first shown of its section: a line prompt prints the heading here.
    public var headingStarts: Bool

    public init(paragraphs: [String], hint: String? = nil, heading: String? = nil, headingStarts: Bool = false) {
        self.paragraphs = paragraphs
        self.hint = hint
        self.heading = heading
        self.headingStarts = headingStarts
    }
}

/// One screen of questioning, as values: the drawing is the `PromptIO`'s.
public struct QuestionPrompt: Sendable, Equatable {
    public var title: String
    /// "question 2 of 9", or nil (the language menu).
    public var progress: String?
    /// The survey's notes that stand before the question and are shown, in order; they ask nothing.
    public var notes: [PromptNote] = []
    /// The question, with " *" when it needs an answer.
    public var question: String
    /// The survey's hint for the question, shown under it.
    public var questionHint: String?
    /// The heading of the survey section the question is in; a screen shows it above the question.
    public var sectionHeading: String?
    /// The question is the first shown of its section: a line prompt prints the heading here only.
    public var sectionStarts: Bool = false
    /// The options' labels, in order; empty for a text or number question.
    public var options: [String]
    /// What choosing each option answers, as it would be typed: its number, or a scale's point.
    public var values: [String]
    public var multiple: Bool
    /// Options marked when the prompt opens (an earlier answer when coming back).
    public var chosen: [Int]
    /// Text already in the line when it opens (an earlier answer when coming back).
    public var text: String
    /// A line prompt shows the options on one line (a scale) rather than one per line.
    public var optionsOnOneLine: Bool
    /// The hint for a line prompt, e.g. "(answer with a number; ? = help)".
    public var lineHint: String?
    /// The hint for a key prompt, e.g. "↑/↓ move · Enter confirms".
    public var keyHint: String?
    /// A problem with the last answer, or the help.
    public var message: String?
    /// A line for the host, e.g. "1 unfinished response discarded".
    public var notice: String?
    /// Hide what is typed (the PIN).
    public var secret: Bool
    /// Nothing to answer: the screen waits for Enter (the thank-you).
    public var pause: Bool

    public init(title: String, progress: String? = nil, question: String, options: [String] = [], values: [String] = [],
                multiple: Bool = false, chosen: [Int] = [], text: String = "", optionsOnOneLine: Bool = false,
                lineHint: String? = nil, keyHint: String? = nil, message: String? = nil, notice: String? = nil,
                secret: Bool = false, pause: Bool = false) {
        self.title = title
        self.progress = progress
        self.question = question
        self.options = options
        self.values = values
        self.multiple = multiple
        self.chosen = chosen
        self.text = text
        self.optionsOnOneLine = optionsOnOneLine
        self.lineHint = lineHint
        self.keyHint = keyHint
        self.message = message
        self.notice = notice
        self.secret = secret
        self.pause = pause
    }
}

extension PromptIO {
    public var usesKeys: Bool { false }

    /// A prompt as lines of text: the progress, the question, the options, the hint, then "> ".
    public func ask(_ prompt: QuestionPrompt, again: Bool) -> PromptReply {
        if !again {
            if let progress = prompt.progress {
                write("\n" + style("[\(progress)]", bold: false) + "\n")
            }
            if let notice = prompt.notice { write(notice + "\n") }
            for note in prompt.notes {
                if let heading = note.heading, note.headingStarts { write("\n" + style("== \(heading) ==", bold: true) + "\n") }
                for paragraph in note.paragraphs { write(paragraph + "\n") }
                if let hint = note.hint { write(hint + "\n") }
                write("\n")
            }
            if let section = prompt.sectionHeading, prompt.sectionStarts { write("\n" + style("== \(section) ==", bold: true) + "\n") }
            write(style(prompt.question, bold: prompt.progress != nil) + "\n")
            if let hint = prompt.questionHint { write(hint + "\n") }
            if prompt.optionsOnOneLine {
                if !prompt.options.isEmpty { write("  " + prompt.options.joined(separator: " · ") + "\n") }
            } else {
                for (number, option) in prompt.options.enumerated() { write("  \(number + 1)) \(option)\n") }
            }
            if let hint = prompt.lineHint { write(style("(\(hint))", bold: false) + "\n") }
        }
        if let message = prompt.message { write(message + "\n") }
        write("> ")
        guard let raw = readLine() else { return .endOfInput }
        // Ctrl-X typed at a line prompt is the host's key.
        if raw.unicodeScalars.contains("\u{18}") { return .hostKey }
        return .line(raw.hasSuffix("\r") ? String(raw.dropLast()) : raw)
    }

    public func readSecret(_ label: String) -> String? {
        write(label + ": ")
        return readLine()
    }

    private func style(_ text: String, bold: Bool) -> String {
        guard supportsColour else { return text }
        return bold ? "\u{1B}[1m\(text)\u{1B}[0m" : "\u{1B}[2m\(text)\u{1B}[0m"
    }
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
