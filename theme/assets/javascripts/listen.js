// "Listen to this page": the browser's own speech synthesis reads the page's title and main text aloud,
// in the page's language. Nothing is sent anywhere and no other service is used. Where the browser
// cannot speak, the buttons stay hidden (they are in the page hidden, see theme/main.html).
(function () {
  "use strict";

  // Inside the article, what is not its text: the printed masthead, the buttons, the links to the page in
  // other languages, source numbers and the list of sources, permalinks, and the symptom checker's
  // announcer (its question is read from the page).
  // Tooltips (a glossary term's definition) are never read: Material puts them outside the article today.
  var SKIP = ".print-masthead, .page-tools, .language-switch, .footnote, sup, .headerlink, .md-source-file, .md-content__button, " +
    ".flow-app__status, .flow-app__controls, .md-tooltip, .md-tooltip2, [role=tooltip], script, style, template, [hidden]";
  // The blocks read one after another, each as one utterance (long ones are cut off by some browsers).
  var BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, summary, dt, dd, th, td, figcaption";
  // The Pause button's two words, in the page's language (the buttons' first words are in theme/main.html).
  var WORDS = { en: { pause: "Pause", resume: "Resume" }, es: { pause: "Pausa", resume: "Continuar" } };

  class Listen {
    constructor(tools, article) {
      this.article = article;
      this.start = tools.querySelector('[data-listen="start"]');
      this.pause = tools.querySelector('[data-listen="pause"]');
      this.stop = tools.querySelector('[data-listen="stop"]');
      this.lang = document.documentElement.lang || "";
      this.say = WORDS[this.lang.split("-")[0]] || WORDS.en;
    }

    static supported() {
      return !!window.speechSynthesis && typeof window.SpeechSynthesisUtterance === "function";
    }

    init() {
      if (!this.start || !this.pause || !this.stop || this.start.dataset.listenReady) return;
      this.start.dataset.listenReady = "1";
      this.start.hidden = false;
      this.start.addEventListener("click", () => this.speak());
      this.pause.addEventListener("click", () => this.togglePause());
      this.stop.addEventListener("click", () => this.end(true));
      // Leaving the page stops the reading; the next page starts silent.
      window.addEventListener("pagehide", () => window.speechSynthesis.cancel());
    }

    /* The text of a block: its own words, without the blocks inside it (read on their own) or what SKIP names. */
    static words(node) {
      var out = "";
      node.childNodes.forEach(function (child) {
        if (child.nodeType === Node.TEXT_NODE) out += child.data;
        else if (child.nodeType === Node.ELEMENT_NODE && !child.matches(SKIP) && !child.matches(BLOCKS)) out += Listen.words(child);
      });
      return out;
    }

    /* Drawn on screen: not hidden by CSS, nor inside a closed <details> (whose content still has boxes). */
    static shown(element) {
      if (typeof element.checkVisibility === "function") return element.checkVisibility();
      return element.getClientRects().length > 0 && !element.closest("details:not([open]) > :not(summary)");
    }

    /* What is read, in page order: the title first (it opens the article), then every block shown on screen. */
    texts() {
      var out = [];
      this.article.querySelectorAll(BLOCKS).forEach(function (block) {
        if (block.closest(SKIP) || !Listen.shown(block)) return; // not text, or not on screen (a closed fold)
        var text = Listen.words(block).replace(/\s+/g, " ").trim();
        if (text) out.push(text);
      });
      return out;
    }

    speak() {
      var synth = window.speechSynthesis;
      var texts = this.texts();
      if (!texts.length) return;
      synth.cancel();
      var self = this;
      texts.forEach(function (text, index) {
        var utterance = new window.SpeechSynthesisUtterance(text);
        utterance.lang = self.lang;
        if (index === texts.length - 1) utterance.onend = function () { self.end(false); };
        synth.speak(utterance);
      });
      this.show(true);
      this.pause.focus();
    }

    togglePause() {
      var synth = window.speechSynthesis;
      if (this.pause.dataset.paused) {
        synth.resume();
        delete this.pause.dataset.paused;
        this.pause.textContent = this.say.pause;
      } else {
        synth.pause();
        this.pause.dataset.paused = "1";
        this.pause.textContent = this.say.resume;
      }
    }

    end(cancel) {
      var hadFocus = this.pause === document.activeElement || this.stop === document.activeElement;
      if (cancel) window.speechSynthesis.cancel();
      this.show(false);
      if (hadFocus) this.start.focus();
    }

    show(speaking) {
      this.start.hidden = speaking;
      this.pause.hidden = !speaking;
      this.stop.hidden = !speaking;
      delete this.pause.dataset.paused;
      this.pause.textContent = this.say.pause;
    }
  }

  function init() {
    var tools = document.querySelector(".page-tools");
    var article = document.querySelector("article.md-content__inner");
    if (tools && article && Listen.supported()) new Listen(tools, article).init();
  }

  // Material swaps pages in place when instant navigation is on; document$ announces each page.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else init();
})();
