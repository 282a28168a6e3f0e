// The header's menu button is a <label> for a hidden checkbox: mouse and touch open the
// navigation drawer, the keyboard cannot reach it. Make it a real button for the keyboard:
// Tab reaches it, Enter or Space opens the drawer and moves focus into it, Escape closes it.
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var button = document.querySelector("label.md-header__button[for='__drawer']");
  var drawer = document.querySelector(".md-sidebar--primary");
  if (!toggle || !button || !drawer) return;

  var nav = drawer.querySelector("nav[aria-label]");
  button.setAttribute("role", "button");
  button.setAttribute("tabindex", "0");
  button.setAttribute("aria-label", nav ? nav.getAttribute("aria-label") : "Navigation");
  var sync = function () { button.setAttribute("aria-expanded", String(toggle.checked)); };
  sync();
  toggle.addEventListener("change", sync);

  var setOpen = function (open) {
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
    sync();
  };
  button.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    setOpen(!toggle.checked);
    if (toggle.checked) {
      // Focus the first link of the menu level that holds the current page: Material opens the
      // drawer at that level, with the other levels slid sideways inside the drawer's box.
      var box = drawer.getBoundingClientRect();
      var shown = function (el) {
        var r = el.getBoundingClientRect();
        return r.width > 0 && r.left >= box.left - 1 && r.right <= box.right + 1;
      };
      var active = drawer.querySelector(".md-nav__link--active");
      var level = (active && active.closest(".md-nav__list")) || drawer;
      var target = Array.prototype.filter.call(level.querySelectorAll("a[href], label[tabindex]"), shown)[0];
      if (target) target.focus();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked && drawer.contains(document.activeElement)) {
      setOpen(false);
      button.focus();
    }
  });
})();

// Material opens the search panel when its input gets focus, but only once its script has
// wired the input up. A keyboard user who tabs into the box in the first moments after the
// page loads would type into a panel that stays closed: results came, hidden. Open it here
// too, on focus and on typing, whenever it is still closed.
(function () {
  "use strict";
  var toggle = document.getElementById("__search");
  var input = document.querySelector(".md-search__input");
  if (!toggle || !input) return;
  var open = function () {
    if (toggle.checked) return;
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
  };
  input.addEventListener("focus", open);
  input.addEventListener("input", open);
})();
