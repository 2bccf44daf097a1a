/// A survey whose follow-up has a `show_if` with any / all / not, a hint and a section of its own
/// (so the heading shows only with it), for the collect, import, export-form and serve tests.
public enum CompoundConditionSurvey {
    public static let text = """
        format: 1
        id: logic
        title: Logic
        languages: [en]
        questions:
          - id: role
            type: single_choice
            text: Role
            choices: [{id: a, label: Alpha}, {id: b, label: Beta}, {id: c, label: Gamma}]
          - id: topics
            type: multiple_choice
            text: Topics
            choices: [{id: x, label: Ex}, {id: "y", label: Why}, {id: z, label: Zed}]
          - id: size
            type: number
            text: Size
          - id: follow
            section: Follow-up part
            type: text
            text: Follow-up
            hint: Only asked when it applies <b>now</b>
            show_if:
              any:
                - {question: role, equals: b}
                - all:
                    - {question: topics, includes: "y"}
                    - not: {question: size, at_least: 50}
          - id: last
            section: The end
            type: text
            text: Last
        """
}
