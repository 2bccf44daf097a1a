/// The stylesheet and the two scripts, served by the binary itself: no font, script or style
/// comes from anywhere else, so the pages work in a room without internet.
enum ServeAssets {
    struct Asset: Sendable {
        var name: String
        var contentType: String
        var text: String
    }

    static let all = [
        Asset(name: "samla.css", contentType: "text/css; charset=utf-8", text: stylesheet),
        Asset(name: "form.js", contentType: "text/javascript; charset=utf-8", text: formScript),
        Asset(name: "live.js", contentType: "text/javascript; charset=utf-8", text: liveScript),
    ]

    static let stylesheet = """
        :root { color-scheme: light; --ink: #1b1b1f; --accent: #0b5cad; --error: #b00020; --line: #c9ccd3; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; line-height: 1.4; }
        main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.5rem; margin: 0.5rem 0 0.75rem; }
        .description, .privacy { color: #44464f; }
        .privacy { font-size: 0.95rem; border-left: 4px solid var(--line); padding-left: 0.75rem; }
        .languages { display: flex; gap: 0.5rem; flex-wrap: wrap; margin: 0.5rem 0; }
        .languages button { min-height: 44px; padding: 0 1rem; border: 1px solid var(--line); background: #fff; border-radius: 22px; font-size: 1rem; }
        .languages button[aria-current] { border-color: var(--accent); color: var(--accent); font-weight: 600; }
        fieldset.question { border: 1px solid var(--line); border-radius: 12px; margin: 1rem 0; padding: 0.75rem 1rem 1rem; }
        fieldset.question[hidden] { display: none; }
        fieldset.has-error { border-color: var(--error); border-width: 2px; }
        legend { font-weight: 600; font-size: 1.1rem; padding: 0 0.25rem; }
        .required { font-weight: normal; color: #5c5f6a; font-size: 0.9rem; }
        .hint { margin: 0.25rem 0 0.5rem; color: #5c5f6a; font-size: 0.95rem; }
        .question-hint { margin: 0.25rem 0 0.5rem; color: #44464f; }
        div.note { margin: 1rem 0; padding: 0.25rem 1rem; border-left: 4px solid var(--accent); }
        div.note[hidden] { display: none; }
        .note-text { margin: 0.5rem 0; }
        h2.section { font-size: 1.25rem; margin: 1.75rem 0 0.25rem; }
        h2.section[hidden] { display: none; }
        .error { color: var(--error); font-weight: 600; margin: 0.25rem 0 0.5rem; }
        .error-summary { border: 2px solid var(--error); border-radius: 8px; padding: 0.5rem 1rem; color: var(--error); }
        .notice { border: 2px solid var(--accent); border-radius: 8px; padding: 0.5rem 1rem; }
        label.option { display: flex; align-items: center; gap: 0.75rem; min-height: 48px; padding: 0.25rem 0.5rem; border-radius: 8px; cursor: pointer; }
        label.option:hover { background: #f1f3f8; }
        label.option input { width: 1.5rem; height: 1.5rem; flex: none; margin: 0; }
        .scale { display: flex; flex-wrap: wrap; gap: 0.25rem; }
        .scale label.option { flex: 1 1 4.5rem; }
        label.other-text { display: block; margin-top: 0.5rem; font-size: 0.95rem; }
        input[type=text], textarea { width: 100%; font: inherit; font-size: 1.05rem; padding: 0.6rem; border: 1px solid #8a8d96; border-radius: 8px; min-height: 48px; }
        :focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
        .actions { display: flex; flex-direction: column; gap: 0.75rem; margin: 1.5rem 0 3rem; }
        .actions button { min-height: 52px; font-size: 1.15rem; border-radius: 26px; border: 2px solid var(--accent); background: #fff; color: var(--accent); }
        .actions button.send { background: var(--accent); color: #fff; font-weight: 600; }
        .js .no-js-hint, .js button.update { display: none; }
        .thanks, .closed { font-size: 1.3rem; }
        body.projector { background: #fff; }
        body.projector header { display: flex; justify-content: space-between; align-items: flex-start; padding: 1.5rem 2rem 0; gap: 2rem; }
        body.projector h1 { font-size: 3rem; margin: 0; }
        body.projector main { max-width: none; padding: 0 2rem 2rem; display: grid; grid-template-columns: repeat(auto-fill, minmax(34rem, 1fr)); gap: 0 3rem; }
        body.projector main .count, body.projector main ul.texts { grid-column: 1 / -1; }
        .join { text-align: center; font-size: 1.2rem; }
        .join .qr svg { width: 12rem; height: 12rem; }
        .join .url { font-family: ui-monospace, monospace; font-size: 1rem; }
        .count { font-size: 2rem; margin: 0.5rem 0 1rem; }
        .count-number { font-size: 4rem; font-weight: 700; color: var(--accent); }
        figure.result { margin: 0 0 2rem; }
        figure.result figcaption { font-size: 2rem; font-weight: 600; margin-bottom: 0.5rem; }
        svg.bars { width: 100%; max-width: 70rem; height: auto; }
        svg.bars text { font-family: system-ui, sans-serif; font-size: 22px; fill: var(--ink); }
        svg.bars .bar { fill: var(--accent); }
        ul.texts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; }
        ul.texts li { font-size: 1.6rem; background: #f1f3f8; border-radius: 12px; padding: 0.75rem 1.25rem; }
        body.host form { display: inline-block; margin: 0.25rem 0.5rem 0.25rem 0; }
        body.host button, body.host select { min-height: 44px; font-size: 1rem; }
        ul.moderation li { margin: 0.5rem 0; }
        ul.moderation .question-id { display: block; color: #5c5f6a; font-size: 0.85rem; }
        """

    /// show_if at once: each question's `data-show-if` (the condition tree as JSON: a test, or
    /// all / any / not of conditions) tested against the answers on the page, in order, as
    /// `Survey.isShown` does on the server; the `shown` field says what the
    /// participant had in front of them.
    static let formScript = """
        (function () {
          "use strict";
          var form = document.querySelector("form");
          if (!form) return;
          document.documentElement.classList.add("js");
          var shownField = form.querySelector("input[name=shown]");
          // Questions and notes in page order: a note is shown and hidden like a question, but has no answer.
          var questions = Array.prototype.slice.call(form.querySelectorAll("fieldset.question, div.note"));
          function picked(id) {
            var inputs = form.querySelectorAll("[name='a:" + id.replace(/'/g, "") + "']");
            var values = [];
            Array.prototype.forEach.call(inputs, function (input) {
              if (input.type === "radio" || input.type === "checkbox") { if (input.checked) values.push(input.value); }
              else if (input.value.trim() !== "") values.push(input.value.trim());
            });
            return values;
          }
          // One test: an unanswered question, or one hidden above, never meets it.
          function test(condition, shown) {
            var source = condition.question;
            if (!shown[source]) return false;
            var values = picked(source);
            if ("equals" in condition) return values.length === 1 && values[0] === condition.equals;
            if ("includes" in condition) return values.indexOf(condition.includes) >= 0;
            var number = parseFloat((values[0] || "").replace(/\\s/g, "").replace(",", "."));
            if (isNaN(number)) return false;
            return "at_least" in condition ? number >= condition.at_least : number <= condition.at_most;
          }
          function holds(condition, shown) {
            if (condition.all) return condition.all.every(function (part) { return holds(part, shown); });
            if (condition.any) return condition.any.some(function (part) { return holds(part, shown); });
            if (condition.not) return !holds(condition.not, shown);
            return test(condition, shown);
          }
          function met(question, shown) {
            var written = question.getAttribute("data-show-if");
            if (!written) return true;
            try { return holds(JSON.parse(written), shown); } catch (error) { return true; }
          }
          function apply() {
            var shown = {}, ids = [];
            questions.forEach(function (question) {
              var note = question.getAttribute("data-note");
              var id = note || question.getAttribute("data-question");
              var visible = met(question, shown);
              question.hidden = !visible;
              shown[id] = visible;
              if (visible && !note) ids.push(id);
            });
            if (shownField) shownField.value = ids.join(" ");
            Array.prototype.forEach.call(form.querySelectorAll("h2.section"), function (heading) {
              heading.hidden = !heading.getAttribute("data-questions").split(" ").some(function (id) { return shown[id]; });
            });
          }
          form.addEventListener("change", apply);
          form.addEventListener("input", apply);
          apply();
        })();
        """

    /// The projector: each Server-Sent Event carries the board, rendered and escaped on the server.
    static let liveScript = """
        (function () {
          "use strict";
          var board = document.getElementById("board");
          if (!board || !window.EventSource) return;
          var source = new EventSource("/events");
          source.addEventListener("results", function (event) {
            var data = JSON.parse(event.data);
            board.innerHTML = data.board;
            document.documentElement.setAttribute("data-version", String(data.version));
          });
        })();
        """
}
