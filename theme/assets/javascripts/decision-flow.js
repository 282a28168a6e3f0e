/* "Check your symptoms": runs the decision flow inlined in the page as JSON.
 * One question at a time, real buttons, focus moved to each new step and announced,
 * the path kept in the URL fragment (#answers=question=answer/...), nothing stored or sent.
 * Without this script the page shows the same flow as a linked list (rendered at build). */
(function () {
  "use strict";

  var PREFIX = "#answers=";
  // The script's own words, in the page's language (Material sets <html lang> from the site's language).
  var WORDS = {
    en: { question: "Question ", result: "Result: ", answer: "Your answer to \u201c{ask}\u201d: {answer}",
          call: "Call ", readMore: "Read more:", back: "Back", startOver: "Start over" },
    es: { question: "Pregunta ", result: "Resultado: ", answer: "Su respuesta a \u201c{ask}\u201d: {answer}",
          call: "Llame al ", readMore: "Lea más:", back: "Atrás", startOver: "Empezar de nuevo" }
  };
  var SAY = WORDS[(document.documentElement.lang || "en").split("-")[0]] || WORDS.en;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function button(label, className, onClick) {
    var node = el("button", className, label);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  function DecisionFlow(root, flow) {
    this.root = root;
    this.flow = flow;
  }

  /* The answers in the fragment, replayed from the start; stops at the first that no longer fits. */
  DecisionFlow.prototype.read = function () {
    var path = [];
    var node = this.flow.start;
    var hash = window.location.hash;
    if (hash.indexOf(PREFIX) !== 0) return { path: path, node: node };
    var steps = decodeURIComponent(hash.slice(PREFIX.length)).split("/");
    for (var i = 0; i < steps.length; i++) {
      var parts = steps[i].split("=");
      var question = this.flow.questions[node];
      var answer = question && parts[0] === node ? question.answers[Number(parts[1])] : null;
      if (!answer) break;
      path.push(steps[i]);
      node = answer.next;
    }
    return { path: path, node: node };
  };

  /* The answer that led to the outcome, in words, so the result names the reader's own sign. */
  DecisionFlow.prototype.reason = function (path) {
    if (!path.length) return "";
    var parts = path[path.length - 1].split("=");
    var question = this.flow.questions[parts[0]];
    var answer = question && question.answers[Number(parts[1])];
    if (!answer) return "";
    return SAY.answer.replace("{ask}", function () { return question.ask; })
      .replace("{answer}", function () { return answer.label; });
  };

  DecisionFlow.prototype.go = function (path) {
    var url = window.location.pathname + window.location.search;
    window.history.pushState(null, "", path.length ? url + PREFIX + encodeURIComponent(path.join("/")) : url);
    this.render(true);
  };

  DecisionFlow.prototype.render = function (moveFocus) {
    var self = this;
    var state = this.read();
    this.shown = state.path;
    var question = this.flow.questions[state.node];
    var outcome = this.flow.outcomes[state.node];
    var view = el("div", "flow-app__step");
    var heading;

    if (question) {
      view.appendChild(el("p", "flow-app__count", SAY.question + (state.path.length + 1)));
      heading = view.appendChild(el("h2", "flow-app__question", question.ask));
      if (question.help) view.appendChild(el("p", "flow-app__help", question.help));
      var answers = view.appendChild(el("div", "flow-app__answers"));
      question.answers.forEach(function (answer, index) {
        answers.appendChild(button(answer.label, "md-button flow-app__answer", function () {
          self.go(state.path.concat([state.node + "=" + index]));
        }));
      });
    } else if (outcome) {
      var card = view.appendChild(el("div", "care-card care-card--" + outcome.urgency));
      card.setAttribute("data-urgency", outcome.urgency);
      heading = card.appendChild(el("h2", "care-card__action"));
      // The card's level for screen readers ("Urgent advice:"), as the same outcome's card in the page's list has it.
      var level = document.querySelector('.flow-static [data-urgency="' + outcome.urgency + '"] .care-card__level');
      if (level) heading.appendChild(level.cloneNode(true));
      heading.appendChild(document.createTextNode(outcome.title));
      var reason = this.reason(state.path);
      if (reason) card.appendChild(el("p", "flow-app__reason", reason));
      card.appendChild(el("p", "", outcome.text));
      if (outcome.urgency === "emergency") {
        var call = card.appendChild(el("p", "care-card__call"));
        var link = call.appendChild(el("a", "md-button md-button--primary", SAY.call + this.flow.emergencyNumber));
        link.href = "tel:" + this.flow.emergencyNumber;
      }
      if (outcome.steps.length) {
        var steps = card.appendChild(el("ul", "care-card__steps"));
        outcome.steps.forEach(function (step) { steps.appendChild(el("li", "", step)); });
      }
      if (outcome.comeBackIf) card.appendChild(el("p", "", outcome.comeBackIf));
      if (outcome.links.length) {
        card.appendChild(el("p", "", SAY.readMore));
        var list = card.appendChild(el("ul"));
        outcome.links.forEach(function (item) {
          var a = list.appendChild(el("li")).appendChild(el("a", "", item.title));
          a.href = item.href;
        });
      }
    }

    var controls = view.appendChild(el("div", "flow-app__controls"));
    var back = controls.appendChild(button(SAY.back, "md-button", function () {
      self.go(state.path.slice(0, -1));
    }));
    back.disabled = state.path.length === 0;
    controls.appendChild(button(SAY.startOver, "md-button", function () { self.go([]); }));

    this.root.replaceChildren(view);
    this.status.textContent = question ? SAY.question + (state.path.length + 1) + ": " + question.ask
      : SAY.result + outcome.title;
    if (moveFocus && heading) {
      heading.tabIndex = -1;
      // Focus alone scrolls only until the heading shows, which on a phone can leave it at the bottom
      // of the screen with the answers below: bring the whole step to the top instead.
      heading.focus({ preventScroll: true });
      view.scrollIntoView({ block: "start" });
    }
  };

  DecisionFlow.prototype.init = function () {
    var self = this;
    this.status = el("p", "flow-app__status");
    this.status.setAttribute("role", "status");
    this.root.parentNode.insertBefore(this.status, this.root);
    document.documentElement.classList.add("flow-enhanced");
    this.root.hidden = false;
    window.addEventListener("popstate", function () { self.render(true); });
    // A link to a place on this page (the skip link, a source number) would put its anchor where the
    // answers live and start the questions over: while there are answers, go there without it.
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest('a[href^="#"]');
      var href = link && link.getAttribute("href");
      if (!href || href.indexOf(PREFIX) === 0 || !self.shown.length) return;
      var target = document.getElementById(decodeURIComponent(href.slice(1)));
      if (!target) return;
      event.preventDefault();
      if (!target.hasAttribute("tabindex")) target.tabIndex = -1;
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "start" });
    }, true);
    this.render(window.location.hash.indexOf(PREFIX) === 0);
  };

  function start() {
    var root = document.getElementById("decision-flow");
    var data = document.getElementById("decision-flow-data");
    if (!root || !data) return;
    new DecisionFlow(root, JSON.parse(data.textContent)).init();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
