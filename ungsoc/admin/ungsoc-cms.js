/* The site's own additions to Decap CMS: a YAML format that keeps "no" a string, a JSON
 * widget for values of several shapes, and a preview with the site's stylesheet, filled
 * placeholders and a live LIX meter. Decap exposes React as the globals `h` and `createClass`
 * for exactly this (https://decapcms.org/docs/custom-widgets/). */
(function () {
  "use strict";
  var data = window.UNGSOC_CMS, Lix = window.UngsocLix, yaml = window.jsyaml;

  /* Decap's built-in YAML writer follows YAML 1.2 and writes the key `no` bare, which YAML 1.1
   * readers (PyYAML, the build) read as false. js-yaml quotes it, and every other 1.1 boolean
   * word. Read with the core schema, a date stays the text it is in the file; written with
   * the default one, such a text keeps its quotes ("2026-11-24", as the records write it).
   * Comments above the first key (the schema line for editors) are kept. */
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
      return head + yaml.dump(copy, {schema: yaml.DEFAULT_SCHEMA, quotingType: '"', lineWidth: 100, noRefs: true});
    }
  });

  /* A language nobody wrote gets no file. Decap 3.16 hands every language of a new page to
   * the backend, an empty one as "\n" (an empty page in the site). Every Decap backend
   * implements persistEntry({dataFiles}) (decap-server's local one, GitHub, GitLab): the
   * empty files are dropped there. No Decap option does this. */
  ["proxy", "github", "gitlab"].forEach(function (name) {
    var backend = CMS.getBackend(name);
    if (!backend) return;
    var init = backend.init;
    backend.init = function () {
      var implementation = init.apply(this, arguments), persist = implementation.persistEntry;
      implementation.persistEntry = function (entry, options) {
        if (entry && Array.isArray(entry.dataFiles)) {
          entry = Object.assign({}, entry, {dataFiles: entry.dataFiles.filter(function (file) {
            return typeof file.raw !== "string" || file.raw.trim() !== "";
          })});
        }
        return persist.call(this, entry, options);
      };
      return implementation;
    };
  });

  /* Pages: Markdown with YAML front matter, like Decap's own `frontmatter` format, except
   * that empty values are left out instead of written as '' or [] (the page schema requires
   * every value it names to hold something) and the keys follow the form's order. */
  var FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/;
  function emptyValue(value) {
    return value === undefined || value === null || value === "" ||
      (Array.isArray(value) && value.length === 0) ||
      (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0);
  }
  CMS.registerCustomFormat("ungsoc-md", "md", {
    fromFile: function (text) {
      var match = FRONT_MATTER.exec(text), meta = {};
      if (match) {
        meta = yaml.load(match[1], {schema: yaml.CORE_SCHEMA}) || {};
        text = text.slice(match[0].length);
      }
      return Object.assign({}, meta, {body: text});
    },
    toFile: function (value, sortedKeys) {
      var body = typeof value.body === "string" ? value.body : "", meta = {};
      var keys = (sortedKeys || []).filter(function (key) { return key in value; });
      Object.keys(value).forEach(function (key) { if (keys.indexOf(key) < 0) keys.push(key); });
      keys.forEach(function (key) { if (key !== "body" && !emptyValue(value[key])) meta[key] = value[key]; });
      if (!Object.keys(meta).length && !body.trim()) return "";  // a language nobody wrote
      if (body && !/^\r?\n/.test(body)) body = "\n" + body;
      if (body && !/\n$/.test(body)) body += "\n";
      return "---\n" + yaml.dump(meta, {schema: yaml.CORE_SCHEMA, lineWidth: 100, noRefs: true}) + "---\n" + body;
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

  /* A required field with an obvious value (`reviewed`: today; `audience`: the section) is
   * filled in once the editor has written a title or text in that language, and not before:
   * Decap writes a file for every language holding any value, and its own `default` goes
   * into every language, also those nobody translates. The field keeps its own widget
   * (field.base_widget); this only calls its onChange. ungsoc/cms.py decides which fields. */
  function isEmpty(value) {
    return value === undefined || value === null || value === "";
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  function languageWritten(props) {
    var entry = props.entry, locale = props.locale;
    if (!entry) return false;
    var path = !locale || locale === data.default_language ? ["data"] : ["i18n", locale, "data"];
    return ["title", "body"].some(function (key) {
      var value = entry.getIn(path.concat([key]));
      return typeof value === "string" && value.trim() !== "";
    });
  }
  function baseWidget(field) { return CMS.getWidget(field.get("base_widget")); }
  var DefaultControl = createClass({
    componentDidMount: function () { this.fillIn(); },
    componentDidUpdate: function () { this.fillIn(); },
    // Decap re-renders a control only when its own value changes, unless it says otherwise:
    // here also when its language has just been written.
    shouldComponentUpdate: function (next) {
      return next.value !== this.props.value || next.classNameWrapper !== this.props.classNameWrapper ||
        next.hasActiveStyle !== this.props.hasActiveStyle || next.locale !== this.props.locale ||
        (isEmpty(next.value) && languageWritten(next));
    },
    fillIn: function () {
      if (!isEmpty(this.props.value) || !languageWritten(this.props)) return;
      var wanted = this.props.field.get("default_when_written");
      this.props.onChange(wanted === "today" ? today() : wanted);
    },
    render: function () { return h(baseWidget(this.props.field).control, this.props); }
  });
  var DefaultPreview = createClass({
    render: function () { return h(baseWidget(this.props.field).preview, this.props); }
  });
  CMS.registerWidget("ungsoc-default", DefaultControl, DefaultPreview);

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

  CMS.init();  // with everything above in place (ungsoc-init.js held Decap back)
})();
