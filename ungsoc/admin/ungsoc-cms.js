/* The site's own additions to Decap CMS: a YAML format that keeps "no" a string, a JSON
 * widget for values of several shapes, and a preview with the site's stylesheet, filled
 * placeholders and a live LIX meter. Decap exposes React as the globals `h` and `createClass`
 * for exactly this (https://decapcms.org/docs/custom-widgets/). */
(function () {
  "use strict";
  var data = window.UNGSOC_CMS, Lix = window.UngsocLix, yaml = window.jsyaml;

  /* Decap's built-in YAML writer follows YAML 1.2 and writes the key `no` bare, which YAML 1.1
   * readers (PyYAML, the build) read as false. js-yaml quotes it, and every other 1.1 boolean
   * word. Comments above the first key (the schema line for editors) are kept. */
  var LEADING_COMMENTS = /^(?:\s*#.*\n)+/;
  CMS.registerCustomFormat("ungsoc-yml", "yml", {
    fromFile: function (text) {
      var parsed = yaml.load(text, {schema: yaml.CORE_SCHEMA}) || {};
      var head = text.match(LEADING_COMMENTS);
      if (head) parsed.__ungsoc_comments = head[0];
      return parsed;
    },
    toFile: function (value) {
      var copy = Object.assign({}, value), head = copy.__ungsoc_comments || "";
      delete copy.__ungsoc_comments;
      return head + yaml.dump(copy, {schema: yaml.CORE_SCHEMA, lineWidth: 100, noRefs: true});
    }
  });

  /* Values that can take several shapes ("unknown" or a text per language) are edited as
   * JSON, which is also YAML; the field refuses to save until the JSON parses. */
  function plain(value) {
    return value && typeof value.toJS === "function" ? value.toJS() : value;
  }
  var JsonControl = createClass({
    getInitialState: function () {
      var value = plain(this.props.value);
      return {text: value === undefined || value === null ? "" : JSON.stringify(value, null, 2), error: null};
    },
    isValid: function () {
      return this.state.error ? {error: {message: this.state.error}} : true;
    },
    handleChange: function (event) {
      var text = event.target.value;
      try {
        var parsed = JSON.parse(text);
        this.setState({text: text, error: null});
        this.props.onChange(parsed);
      } catch (error) {
        this.setState({text: text, error: "Not valid JSON: " + error.message});
      }
    },
    render: function () {
      return h("textarea", {
        id: this.props.forID, className: this.props.classNameWrapper, value: this.state.text,
        onChange: this.handleChange, rows: Math.min(12, this.state.text.split("\n").length + 1),
        spellCheck: false, style: {fontFamily: "monospace", width: "100%"}
      });
    }
  });
  var JsonPreview = createClass({
    render: function () { return h("pre", {}, JSON.stringify(plain(this.props.value), null, 2)); }
  });
  CMS.registerWidget("ungsoc-json", JsonControl, JsonPreview);

  /* --- preview ---------------------------------------------------------------------------- */
  data.stylesheets.forEach(function (href) {
    CMS.registerPreviewStyle(new URL("../" + href, document.baseURI).href);
  });
  CMS.registerPreviewStyle(new URL("ungsoc-cms.css", document.baseURI).href);

  var PLACEHOLDER = /\{\{\s*([a-z_.]+)\s*\}\}/g;
  var WORDS = {
    sv: {lix: "Läsbarhet (LIX)", limit: "gräns för", youth: "unga", parents: "föräldrar", over: "Texten är för svår att läsa. Skriv kortare meningar och ord. Längsta meningarna:", ok: "Lagom svår.", words: "ord", sentences: "meningar", unknown: "Okänd platshållare, kommer att stoppa bygget:"},
    da: {lix: "Læsbarhed (LIX)", limit: "grænse for", youth: "unge", parents: "forældre", over: "Teksten er for svær at læse. Skriv kortere sætninger og ord. Længste sætninger:", ok: "Passende svær.", words: "ord", sentences: "sætninger", unknown: "Ukendt pladsholder, vil stoppe bygningen:"},
    no: {lix: "Lesbarhet (LIX)", limit: "grense for", youth: "unge", parents: "foreldre", over: "Teksten er for vanskelig å lese. Skriv kortere setninger og ord. Lengste setninger:", ok: "Passe vanskelig.", words: "ord", sentences: "setninger", unknown: "Ukjent plassholder, vil stoppe byggingen:"}
  };

  function fill(text, values, unknown) {
    return text.replace(PLACEHOLDER, function (match, name) {
      if (Object.prototype.hasOwnProperty.call(values, name)) return values[name];
      if (unknown && unknown.indexOf(name) < 0) unknown.push(name);
      return match;
    });
  }

  // The entry's language: Decap previews one locale at a time and says which in its path.
  function languageOf(props) {
    var entry = props.entry, path = entry.get("path") || "", locale = props.locale;
    if (locale && data.placeholders[locale]) return locale;
    var match = /(?:^|\/)docs\/(sv|da|no)\//.exec(path);
    return match ? match[1] : data.default_language;
  }

  var PagePreview = createClass({
    componentDidMount: function () { this.fillDom(); },
    componentDidUpdate: function () { this.fillDom(); },
    // Decap renders the Markdown itself; placeholders in its output are filled in place (only
    // text nodes' values change, so React keeps owning the nodes).
    fillDom: function () {
      if (!this.body) return;
      var values = data.placeholders[languageOf(this.props)];
      var walker = this.body.ownerDocument.createTreeWalker(this.body, NodeFilter.SHOW_TEXT);
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeValue.indexOf("{{") >= 0) node.nodeValue = fill(node.nodeValue, values);
      }
    },
    render: function () {
      var self = this, language = languageOf(this.props), words = WORDS[language] || WORDS.sv;
      var entry = this.props.entry, get = function (key) { return entry.getIn(["data", key]); };
      var body = get("body") || "", audience = get("audience"), title = get("title");
      var unknown = [], filled = fill(body, data.placeholders[language], unknown);
      var result = Lix.lix(filled), limit = Lix.limitFor(audience, data.lix_limits);
      var over = limit !== null && result.value > limit;
      var meter = h("div", {className: "ungsoc-lix" + (over ? " ungsoc-lix--over" : limit !== null ? " ungsoc-lix--ok" : ""),
                            "data-lix": String(result.value), role: "status"},
        h("strong", {}, words.lix + ": " + result.value),
        limit !== null ? " (" + words.limit + " " + (words[audience] || audience) + ": " + limit + ") " : " ",
        result.words + " " + words.words + ", " + result.sentences + " " + words.sentences + ". ",
        limit !== null ? (over ? words.over : words.ok) : "",
        over ? h("ul", {}, result.longest.map(function (s, i) { return h("li", {key: i}, s); })) : null);
      var warning = unknown.length ? h("div", {className: "ungsoc-unknown", role: "alert"},
        words.unknown + " " + unknown.map(function (n) { return "{{ " + n + " }}"; }).join(", ")) : null;
      var heading = /^# /m.test(body) || !title ? null : h("h1", {}, title);
      return h("div", {className: "md-main__inner md-grid"},
        h("div", {className: "md-content", "data-md-component": "content"},
          h("article", {className: "md-content__inner md-typeset", lang: language,
                        ref: function (el) { self.body = el; }},
            meter, warning, heading, this.props.widgetFor("body"))));
    }
  });
  // Each section's collection gets the page preview (records and glossary keep Decap's own).
  (data.page_collections || []).forEach(function (name) { CMS.registerPreviewTemplate(name, PagePreview); });
})();
