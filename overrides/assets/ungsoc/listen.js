// "Listen": reads the article aloud with the browser's own speech synthesis, in the page's
// language, for young readers and readers with dyslexia. Nothing is fetched: the voices are
// the browser's. The button stays hidden where the browser has no voice for the language.
(function () {
  "use strict";
  var button = document.querySelector(".ungsoc-listen");
  var speech = window.speechSynthesis;
  if (!button || !speech || typeof window.SpeechSynthesisUtterance !== "function") return;

  // Norwegian pages are "nb" (Material's code); voices may call bokmål nb, no or nn.
  var language = (document.documentElement.lang || "").toLowerCase().split("-")[0];
  var accepted = language === "nb" || language === "no" ? ["nb", "no", "nn"] : [language];
  var label = button.querySelector(".ungsoc-listen__label");
  var reading = false;

  function voice() {
    var voices = speech.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if (accepted.indexOf(String(voices[i].lang).toLowerCase().replace("_", "-").split("-")[0]) !== -1) return voices[i];
    }
    return null;
  }

  function show() {
    if (voice()) button.hidden = false;
  }

  // The text a reader sees in the article, without permalinks, sources and review date.
  function chunks() {
    var article = document.querySelector(".md-content article");
    if (!article) return [];
    var copy = article.cloneNode(true);
    var skip = copy.querySelectorAll(".headerlink, .ungsoc-facts, .ungsoc-listen, .md-content__button, script, style");
    for (var i = 0; i < skip.length; i++) skip[i].remove();
    var parts = [];
    copy.querySelectorAll("h1, h2, h3, h4, p, li, dt, dd, td, th, summary").forEach(function (node) {
      if (node.querySelector("p, li")) return; // read the inner block once, not twice
      var text = node.textContent.replace(/\s+/g, " ").trim();
      if (text) parts.push(text);
    });
    return parts;
  }

  function setReading(state) {
    reading = state;
    button.setAttribute("aria-pressed", state ? "true" : "false");
    label.textContent = state ? button.getAttribute("data-stop") : button.getAttribute("data-listen");
  }

  button.addEventListener("click", function () {
    if (reading) {
      speech.cancel();
      setReading(false);
      return;
    }
    var chosen = voice();
    var parts = chunks();
    if (!chosen || !parts.length) return;
    speech.cancel();
    setReading(true);
    // One utterance per block: long single utterances stop early in some browsers.
    parts.forEach(function (text, index) {
      var utterance = new window.SpeechSynthesisUtterance(text);
      utterance.voice = chosen;
      utterance.lang = chosen.lang;
      if (index === parts.length - 1) {
        utterance.onend = function () { setReading(false); };
      }
      speech.speak(utterance);
    });
  });

  // Leaving or hiding the page stops the voice (the quick exit must leave nothing behind).
  window.addEventListener("pagehide", function () { speech.cancel(); });

  show();
  if (typeof speech.addEventListener === "function") speech.addEventListener("voiceschanged", show);
})();
