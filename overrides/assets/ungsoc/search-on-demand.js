/* Search on demand, in the reader's language.
   Material fetches the search index and starts its search worker (lunr) on every page load,
   and mkdocs-static-i18n builds one index for all languages (its issue #271), so every first
   visit would download every language's text. Neither has an option for this. This file runs
   before Material's bundle and holds both back until the reader opens search, and points the
   index request at the reader's own language's index (written by ungsoc/search.py). */
(() => {
  const script = document.currentScript;
  const languageIndex = new URL(script.dataset.index, location.href).href;
  // Material's search is a role="dialog" without a name; screen readers announce it by this.
  const dialog = document.querySelector(".md-search[role=dialog]");
  if (dialog) dialog.setAttribute("aria-label", script.dataset.label);
  let openSearch;
  const searchOpened = new Promise(resolve => { openSearch = resolve; });

  // Search opens by the toggle (a click, or Material's keyboard shortcuts) or by focusing
  // the search field in the header.
  document.addEventListener("change", event => {
    if (event.target.id === "__search" && event.target.checked) openSearch();
  });
  document.addEventListener("focusin", event => {
    if (event.target.matches("[data-md-component=search-query]")) openSearch();
  });

  const isSearchIndex = url => new URL(url, location.href).pathname.endsWith("/search/search_index.json");
  const open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.ungsocSearchIndex = isSearchIndex(url);
    return open.call(this, method, this.ungsocSearchIndex ? languageIndex : url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...body) {
    if (!this.ungsocSearchIndex) return send.apply(this, body);
    searchOpened.then(() => send.apply(this, body));
  };

  // A stand-in for the search worker that starts the real one when search opens and passes
  // messages both ways; Material only uses postMessage and "message" events.
  const NativeWorker = window.Worker;
  class SearchWorkerOnDemand extends EventTarget {
    constructor(url, options) {
      super();
      this.queue = [];
      searchOpened.then(() => {
        this.worker = new NativeWorker(url, options);
        this.worker.addEventListener("message", event =>
          this.dispatchEvent(new MessageEvent("message", { data: event.data })));
        this.queue.forEach(message => this.worker.postMessage(message));
      });
    }
    postMessage(message) {
      if (this.worker) this.worker.postMessage(message); else this.queue.push(message);
    }
    terminate() {
      if (this.worker) this.worker.terminate();
    }
  }
  window.Worker = function (url, options) {
    const isSearch = new URL(url, location.href).pathname.includes("/workers/search.");
    return isSearch ? new SearchWorkerOnDemand(url, options) : new NativeWorker(url, options);
  };
})();
