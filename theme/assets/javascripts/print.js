// "Print this page": the button is in the page hidden, because it needs this script to work.
(function () {
  function init(scope) {
    scope.querySelectorAll("[data-print-button]").forEach(function (button) {
      if (button.dataset.printReady) return;
      button.dataset.printReady = "1";
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }
  // Material swaps pages in place when instant navigation is on; document$ announces each page.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { init(document); });
  } else {
    init(document);
  }
})();
