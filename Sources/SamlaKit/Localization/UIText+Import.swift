/// Samla's words for `samla import`, `inspect` and `draft`.
extension UIText {
    public func imported(_ file: String, new: Int, existing: Int) -> String {
        pick("\(file): \(new) nya svar, \(existing) fanns redan", "\(file): \(new) new, \(existing) already there")
    }
    public func wouldImport(_ file: String, new: Int, existing: Int) -> String {
        pick("\(file): \(new) nya svar skulle sparas, \(existing) finns redan (torrkörning: inget skrevs)",
             "\(file): \(new) new would be stored, \(existing) already there (dry run: nothing was written)")
    }
    public func refused(_ file: String, problems: Int) -> String {
        pick("\(file): inget importerades, \(problems) problem", "\(file): nothing imported, \(problems) problem\(problems == 1 ? "" : "s")")
    }
    public func unfinished(_ count: Int) -> String {
        pick("  \(count) ofullständiga svar sparades som utkast och räknas inte",
             "  \(count) unfinished response\(count == 1 ? "" : "s") kept as draft\(count == 1 ? "" : "s"), not counted")
    }
    public func skipped(_ count: Int, to path: String) -> String {
        pick("  \(count) rader med problem hoppades över och skrevs till \(path)",
             "  \(count) row\(count == 1 ? "" : "s") with problems skipped and written to \(path)")
    }
    public func notAsked(_ ids: [String]) -> String {
        pick("  saknas i filen (räknas som inte ställda): \(ids.joined(separator: ", "))",
             "  not in this file (counted as not asked): \(ids.joined(separator: ", "))")
    }
    public func hiddenAnswersLeftOut(_ count: Int) -> String {
        pick("  \(count) svar på frågor som show_if döljer lämnades utanför",
             "  \(count) answer\(count == 1 ? "" : "s") to questions hidden by show_if left out")
    }
    public func moreProblems(_ hidden: Int, total: Int) -> String {
        pick("… och \(hidden) problem till (\(total) i allt)", "… and \(hidden) more problem\(hidden == 1 ? "" : "s") (\(total) in all)")
    }
    public func readAs(layout: String, encoding: String, delimiter: String) -> String {
        pick("  läst som \(layout), \(encoding), avgränsare \(delimiter)", "  read as \(layout), \(encoding), delimiter \(delimiter)")
    }
    public func readAs(layout: String, sheet: String) -> String {
        pick("  läst som \(layout), blad \(sheet)", "  read as \(layout), sheet \(sheet)")
    }
    public var mappingHeading: String { pick("  kolumn → fråga", "  column → question") }
    public var wouldStoreHeading: String { pick("  så här skulle de första svaren sparas:", "  the first responses would be stored as:") }
    public func draftWritten(_ path: String, questions: Int) -> String {
        pick("Skrev ett utkast med \(questions) frågor till \(path). Läs kommentarerna, rätta, och kör sedan samla validate \(path).",
             "Wrote a draft with \(questions) questions to \(path). Read the comments, edit, then run samla validate \(path).")
    }
}
