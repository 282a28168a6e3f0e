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
      var first = drawer.querySelector("a[href], label[tabindex]");
      if (first) first.focus();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked && drawer.contains(document.activeElement)) {
      setOpen(false);
      button.focus();
    }
  });
})();
