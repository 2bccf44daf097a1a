/// A survey with notes: one first (with a hint and markup that must stay text), one that starts a
/// section and shows only when a compound `show_if` holds, and one after the last question, for
/// the collect, terminal, serve, browser, import and report tests.
public enum NoteSurvey {
    public static let text = """
        format: 1
        id: notes
        title: Notes
        languages: [en]
        questions:
          - id: welcome
            type: note
            text: "Welcome <b>all</b> & thanks\\nIt takes two minutes."
            hint: Nothing is kept until you finish
          - id: role
            type: single_choice
            text: Role
            choices: [{id: a, label: Alpha}, {id: b, label: Beta}]
          - id: size
            type: number
            text: Size
          - id: region-note
            type: note
            section: Regional part
            text: Questions for regions only
            hint: Skip what does not apply
            show_if:
              all:
                - {question: role, equals: b}
                - not: {question: size, at_least: 50}
          - id: plans
            type: text
            text: Plans
          - id: goodbye
            type: note
            text: See you at the next workshop
        """

    /// Whether the regional note shows for a role and a size, as the survey says.
    public static func regionNoteShows(role: String?, size: Double?) -> Bool {
        role == "b" && !(size.map { $0 >= 50 } ?? false)
    }
}
