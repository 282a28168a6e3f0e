// The header's menu button is a <label> for a hidden checkbox: mouse and touch open the
// navigation drawer, the keyboard cannot reach it. Put a real <button> in its place (ARIA allows no
// role on a label): Tab reaches it, Enter or Space opens the drawer and moves focus into it, Escape
// closes it.
(function () {
  "use strict";
  // Words for the buttons made here, in the page's language (Material sets <html lang> from the site's).
  var WORDS = { en: { navigation: "Navigation", back: "Back, out of " }, es: { navigation: "Navegación", back: "Volver, salir de " } };
  var say = WORDS[(document.documentElement.lang || "en").split("-")[0]] || WORDS.en;
  var toggle = document.getElementById("__drawer");
  var label = document.querySelector("label.md-header__button[for='__drawer']");
  var drawer = document.querySelector(".md-sidebar--primary");
  if (!toggle || !label || !drawer) return;

  // A <button> that stands where a <label> for a checkbox was, with its look and its contents; the
  // label stays in the page, out of sight, so what clicking it did is what the button does.
  var asButton = function (from) {
    var made = document.createElement("button");
    made.type = "button";
    made.className = from.className;
    made.setAttribute("data-for", from.htmlFor);
    while (from.firstChild) made.appendChild(from.firstChild);
    from.parentNode.insertBefore(made, from);
    from.hidden = true;
    from.style.display = "none";
    return made;
  };

  var nav = drawer.querySelector("nav[aria-label]");
  var button = asButton(label);
  button.setAttribute("aria-label", nav ? nav.getAttribute("aria-label") : say.navigation);
  var sync = function () { button.setAttribute("aria-expanded", String(toggle.checked)); };
  sync();
  toggle.addEventListener("change", sync);

  var setOpen = function (open) {
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
    sync();
  };
  button.addEventListener("click", function (event) {
    setOpen(!toggle.checked);
    // From the keyboard (a click with no pointer behind it), focus the first link of the menu level
    // that holds the current page: Material opens the drawer at that level, with the other levels
    // slid sideways inside the drawer's box.
    if (!toggle.checked || event.detail !== 0) return;
    var box = drawer.getBoundingClientRect();
    var shown = function (el) {
      var r = el.getBoundingClientRect();
      return r.width > 0 && r.left >= box.left - 1 && r.right <= box.right + 1;
    };
    var active = drawer.querySelector(".md-nav__link--active");
    var level = (active && active.closest(".md-nav__list")) || drawer;
    var target = Array.prototype.filter.call(level.querySelectorAll("a[href], label[tabindex], button.md-nav__title"), shown)[0];
    if (target) target.focus();
  });

  // A menu <label> pressed from the keyboard: Material itself clicks a focused label on Enter, Space
  // clicks it here (not a scroll of the drawer); `then` runs once that click has toggled the level.
  var onPress = function (label, then) {
    label.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      if (event.key === " ") {
        event.preventDefault();
        label.click();
      }
      setTimeout(then, 0); // after Material's own Enter handler has clicked
    });
  };

  // Each open menu level has a title with a back arrow, a <label> for the level's checkbox: a
  // tap goes up a level. access.css hides the covered levels from Tab, so put a button the keyboard
  // can reach in each title's place. After a keyboard press, focus goes to the entry of the level just
  // left.
  Array.prototype.forEach.call(drawer.querySelectorAll("label.md-nav__title[for]"), function (title) {
    var level = document.getElementById(title.getAttribute("for"));
    if (!level || level === toggle) return; // the top title closes nothing: the drawer has Escape
    var back = asButton(title);
    back.setAttribute("aria-label", say.back + back.textContent.trim());
    back.addEventListener("click", function (event) {
      title.click();
      if (event.detail !== 0) return;
      var item = level.parentElement;
      var entry = item && item.querySelector(":scope > .md-nav__link[tabindex], :scope > .md-nav__link[href], :scope > .md-nav__container > .md-nav__link");
      if (entry && !level.checked) entry.focus();
    });
  });

  // The other way: an entry's label opens its level (the page's own table of contents too, whose
  // label had no tab stop). Focus then moves to the new level's back button, at its top.
  Array.prototype.forEach.call(drawer.querySelectorAll("label.md-nav__link[for]"), function (opener) {
    var level = document.getElementById(opener.getAttribute("for"));
    var panel = level && level.parentElement.querySelector(":scope > nav button.md-nav__title");
    if (!level || !panel) return;
    opener.setAttribute("tabindex", "0");
    onPress(opener, function () { if (level.checked) panel.focus(); });
  });

  // Tab past the menu's last entry (or Shift+Tab past its first) lands on the page under the
  // drawer's grey cover: close the drawer then, so what has focus can be seen.
  document.addEventListener("focusin", function (event) {
    if (toggle.checked && !drawer.contains(event.target) && event.target !== button) setOpen(false);
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
