// Quick exit, modelled on GOV.UK Frontend's "Exit this page" (progressive enhancement).
// Without this script the button is a plain link to a neutral site. With it:
// - activating the button hides the page at once, then replaces the history entry,
// - pressing Shift three times within 5 seconds does the same,
// - a polite live region announces how many more presses are needed,
// - while leaving, a visible alert overlay says so (the page under it is hidden),
// - coming Back (pageshow) removes the overlay again.
(function () {
  "use strict";
  var root = document.querySelector('[data-module="ungsoc-quick-exit"]');
  if (!root) return;
  var button = root.querySelector(".ungsoc-exit__button");
  var status = root.querySelector(".ungsoc-exit__status");
  var PRESSES = 3, WINDOW_MS = 5000;
  var presses = 0, timer = null, shiftHeldForOtherKey = false;

  function say(text) { status.textContent = text; }

  function reset() {
    presses = 0;
    if (timer) { clearTimeout(timer); timer = null; }
  }

  // The page is hidden while leaving, and hidden content is silent to screen readers, so
  // "leaving" is said by an overlay outside it (as GOV.UK's exit-this-page does): a visible
  // alert that covers the page until the neutral site has loaded.
  function showOverlay() {
    var overlay = document.querySelector(".ungsoc-exit-overlay");
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.className = "ungsoc-exit-overlay";
      overlay.setAttribute("role", "alert");
      document.body.appendChild(overlay);
    }
    overlay.textContent = root.dataset.i18nLeaving;
  }

  function exit() {
    reset();
    document.documentElement.classList.add("ungsoc-exiting");
    showOverlay();
    say("");
    // replace(): the site does not stay behind as the previous entry in history.
    window.location.replace(button.href);
  }

  button.addEventListener("click", function (event) {
    event.preventDefault();
    exit();
  });

  document.addEventListener("keydown", function (event) {
    // Shift used as a modifier (capital letters while typing) never counts.
    if (event.key !== "Shift") {
      if (event.shiftKey) shiftHeldForOtherKey = true;
      reset();
    }
  });

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") return;
    if (shiftHeldForOtherKey || event.ctrlKey || event.altKey || event.metaKey) {
      shiftHeldForOtherKey = false;
      reset();
      return;
    }
    presses += 1;
    if (presses >= PRESSES) { exit(); return; }
    var left = PRESSES - presses;
    say(left === 1 ? root.dataset.i18nCountOne : root.dataset.i18nCountMany.replace("{count}", left));
    if (!timer) {
      timer = setTimeout(function () { reset(); say(root.dataset.i18nTimeout); }, WINDOW_MS);
    }
  });

  window.addEventListener("pageshow", function () {
    document.documentElement.classList.remove("ungsoc-exiting");
    var overlay = document.querySelector(".ungsoc-exit-overlay");
    if (overlay) overlay.remove();
    reset();
    say("");
  });
})();
