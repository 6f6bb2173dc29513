// Runs Material's own search worker (the file the built site ships) in Node, on one
// language's built index, so search quality can be measured without a browser.
// The worker calls importScripts() for lunr's language files: the shim below reads them
// from the built site instead. Usage: node search_worker.js SITE_DIR LANGUAGE < queries.json
// (a JSON list of strings); prints a JSON list with each query's result pages, best first.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, language] = process.argv.slice(2);
const queries = JSON.parse(fs.readFileSync(0, "utf-8"));
const workers = path.join(site, "assets", "javascripts", "workers");
const workerFile = fs.readdirSync(workers).find(name => /^search\.[0-9a-f]+\.min\.js$/.test(name));
const index = JSON.parse(fs.readFileSync(path.join(site, "search", `search_index.${language}.json`), "utf-8"));

let listener = null;
let reply = null;
const context = {
  console,
  setTimeout,
  clearTimeout,
  importScripts: (...urls) => {
    for (const url of urls) {
      // "../lunr/min/lunr.sv.min.js", relative to the worker file
      const file = path.resolve(workers, url);
      vm.runInContext(fs.readFileSync(file, "utf-8"), context, { filename: file });
    }
  },
  addEventListener: (type, handler) => { if (type === "message") listener = handler; },
  postMessage: message => { const resolve = reply; reply = null; resolve(message); },
};
context.self = context;
vm.createContext(context);
vm.runInContext(fs.readFileSync(path.join(workers, workerFile), "utf-8"), context, { filename: workerFile });

function send(message) {
  return new Promise(resolve => { reply = resolve; listener({ data: message }); });
}

(async () => {
  // The same messages Material's search UI sends: set up, then one query at a time.
  await send({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } });
  const results = [];
  for (const query of queries) {
    const answer = await send({ type: 2, data: query });
    // Each item is one page's group of matching sections; the page itself is the one
    // without "#" (Material groups sections under their page).
    results.push(answer.data.items.map(group => group[0].location.split("#")[0]));
  }
  process.stdout.write(JSON.stringify(results));
})().catch(error => { console.error(error); process.exit(1); });
