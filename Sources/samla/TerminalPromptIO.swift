import Foundation
import SamlaKit
import TerminalUI

/// Key prompts in a terminal in raw mode: each question a screen of its own, menus moved with
/// ↑/↓ (j/k) and marked with Space, text typed in a line editor, numbers and labels typed into a
/// menu's line as at a line prompt. Draws `QuestionPrompt`s; what they mean is `CollectSession`'s.
final class TerminalPromptIO: PromptIO {
    let isInteractive = true
    let usesKeys = true
    let supportsColour: Bool
    private let output = Terminal.standardOutput
    private let reader = KeyReader(descriptor: STDIN_FILENO)
    /// Kiosk mode: Ctrl-D never ends the session (Ctrl-C, Ctrl-Z, Ctrl-\ arrive as keys and are ignored).
    private let kiosk: Bool
    /// No key for this long at a question: the participant walked away.
    private let idle: TimeInterval?

    init(kiosk: Bool, idle: TimeInterval?) {
        self.kiosk = kiosk
        self.idle = idle
        supportsColour = Terminal.standardOutput.supportsColour
    }

    func write(_ text: String) {
        output.write(text)
    }

    func clearScreen() {
        output.write(ScreenControl.clearAll)
    }

    func readLine() -> String? {
        if case .line(let text) = ask(QuestionPrompt(title: "", question: ""), again: false) { return text }
        return nil
    }

    func readSecret(_ label: String) -> String? {
        switch ask(QuestionPrompt(title: "", question: label, secret: true), again: false) {
        case .line(let text): return text
        case .endOfInput: return nil
        default: return ""
        }
    }

    func ask(_ prompt: QuestionPrompt, again: Bool) -> PromptReply {
        var menu = prompt.options.isEmpty ? nil : Menu(count: prompt.options.count, multiple: prompt.multiple, marked: prompt.chosen)
        var line = LineEditor(menu == nil ? prompt.text : "")
        var deadline = idle.map { Date().addingTimeInterval($0) }
        draw(prompt, menu: menu, line: line)
        while true {
            let key: Key
            switch reader.next(deadline: deadline) {
            case .timeout: return .idle
            case .end: return .endOfInput
            case .resized:
                draw(prompt, menu: menu, line: line)
                continue
            case .key(let pressed): key = pressed
            }
            deadline = idle.map { Date().addingTimeInterval($0) }
            switch key {
            case .control("x"):
                return .hostKey
            case .control("d") where !kiosk && line.isEmpty:
                return .endOfInput
            case .enter:
                if let menu, line.isEmpty, !prompt.pause {
                    return .line(menu.chosen.compactMap { prompt.values.indices.contains($0) ? prompt.values[$0] : nil }.joined(separator: ","))
                }
                return .line(prompt.pause ? "" : line.text)
            case .backspace where line.isEmpty && !prompt.pause:
                return .back
            case .character("?") where menu != nil && line.isEmpty:
                return .line("?")
            default:
                if prompt.pause { continue }
                if var moved = menu, line.isEmpty, moved.apply(key) {
                    menu = moved
                } else if !line.apply(key) {
                    continue // Ctrl-C, Ctrl-Z, Ctrl-\, Escape, F-keys: nothing
                }
            }
            draw(prompt, menu: menu, line: line)
        }
    }

    // MARK: Drawing

    private func draw(_ prompt: QuestionPrompt, menu: Menu?, line: LineEditor) {
        let width = TerminalSize.of(STDOUT_FILENO).columns - 1
        var frame = ScreenControl.clearScreen
        func add(_ text: String, indent: Int = 0, style: String? = nil) {
            for wrapped in TextWrap.lines(text, width: width, indent: indent) {
                frame += (style.map { styled(wrapped, $0) } ?? wrapped) + "\n"
            }
        }
        if !prompt.title.isEmpty { add(prompt.title, style: "1") }
        if let notice = prompt.notice { add(notice, style: "33") }
        if !prompt.title.isEmpty || prompt.notice != nil { frame += "\n" }
        // Each heading once, where its part begins on this screen: over the first note of a part,
        // else over the question.
        var heading: String?
        for note in prompt.notes {
            if let section = note.heading, section != heading { add(section, style: "1;4") }
            heading = note.heading
            for paragraph in note.paragraphs { add(paragraph) }
            if let hint = note.hint { add(hint, style: "3") }
            frame += "\n"
        }
        if let section = prompt.sectionHeading, section != heading { add(section, style: "1;4") }
        if let progress = prompt.progress { add("[\(progress)]", style: "2") }
        if !prompt.question.isEmpty { add(prompt.question, style: "1") }
        if let hint = prompt.questionHint { add(hint, style: "3") }
        if let menu {
            frame += "\n"
            for (index, option) in prompt.options.enumerated() {
                let mark = menu.marked.contains(index) ? (menu.multiple ? "[x]" : "(•)") : (menu.multiple ? "[ ]" : "( )")
                let pointer = index == menu.cursor ? "›" : " "
                let lines = TextWrap.lines(option, width: width - 7)
                for (number, text) in lines.enumerated() {
                    let lead = number == 0 ? " \(pointer) \(mark) " : String(repeating: " ", count: 7)
                    let row = lead + text
                    frame += (index == menu.cursor && supportsColour ? styled(row, "7") : row) + "\n"
                }
            }
        }
        frame += "\n"
        if let message = prompt.message { add(message, style: "1") }
        if let hint = prompt.keyHint { add(hint, style: "2") }
        if prompt.pause {
            output.write(frame + ScreenControl.hideCursor)
            return
        }
        let view = line.window(width: max(8, width - 2))
        let shown = prompt.secret ? String(repeating: "•", count: view.text.count) : view.text
        frame += "> " + shown + ScreenControl.cursorLeft(view.text.count - view.cursorColumn)
        output.write(frame + ScreenControl.showCursor)
    }

    private func styled(_ text: String, _ code: String) -> String {
        supportsColour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
