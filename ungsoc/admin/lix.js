/* LIX, the Scandinavian readability index: a line-by-line port of ungsoc/readability.py, so
 * the CMS preview shows the number the build checks. Change both together; the test
 * tests/test_cms.py compares them on every shipped youth and parents page.
 * Python's [^\W\d_] (a letter) is [\p{L}\p{Nl}\p{No}] here, its \d is \p{Nd}. */
(function (root) {
  "use strict";
  var L = "[\\p{L}\\p{Nl}\\p{No}]";
  var WORD = new RegExp(L + "+(?:[-'\u2019]" + L + "+)*", "gu");
  var HAS_WORD = new RegExp(L, "u");
  var SENTENCE_END = /[.!?:;]+(?=\s|$)/u;
  var LONG_WORD = 6;

  var FRONT_MATTER = /^---\n[\s\S]*?\n---\n/;
  var FENCE = /^(```|~~~)[\s\S]*?^\1[ \t]*$/gmu;
  var HTML = /<[^>]+>/gu;
  var LINK = /!?\[([^\]]*)\]\([^)]*\)/gu;
  var REFDEF = /^\s*\[[^\]]+\]:\s*\S+.*$/gmu;
  var ABBR = /^\*\[[^\]]+\]:.*$/gmu;
  var CODE = /`[^`]*`/gu;
  var PLACEHOLDER = /\{\{[^}]*\}\}/gu;
  var ATTRS = /\{:?[^}]*\}/gu;
  var BLOCK_START = /^\s*(#{1,6}\s|[-*+]\s|\p{Nd}+[.)]\s|>\s?|!!!|\?\?\?|:\s)/u;
  var RULE_LINE = /^[-=*_ ]+$/u;
  var TABLE = /(?:^[ \t]*\|.*\n?)+/gmu;
  var TABLE_RULE = /^[\s|:-]+$/u;
  var NUMBER_CELL = /^[^\p{L}\p{Nl}\p{No}]*\p{Nd}[^\p{L}\p{Nl}\p{No}]*$/u;
  // Python's str.splitlines() line boundaries.
  var LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/u;

  function stripBars(row) {
    return row.trim().replace(/^\|+/, "").replace(/\|+$/, "");
  }

  function tablesToCells(text) {
    return text.replace(TABLE, function (table) {
      var rows = table.split(LINE_BREAK).filter(function (row) {
        return row.trim() && !TABLE_RULE.test(row);
      }).map(function (row) {
        return stripBars(row).split("|").map(function (cell) { return cell.trim(); });
      });
      var body = [];
      rows.slice(1).forEach(function (row) { row.forEach(function (cell) { if (cell) body.push(cell); }); });
      var numbers = body.filter(function (cell) { return NUMBER_CELL.test(cell); }).length;
      if (body.length && numbers * 2 >= body.length) return "\n";
      var out = "\n";
      rows.forEach(function (row) { row.forEach(function (cell) { if (cell) out += "\n" + cell + "\n"; }); });
      return out + "\n";
    });
  }

  function proseSentences(markdown) {
    var text = markdown.replace(FRONT_MATTER, "");
    text = text.replace(FENCE, "").replace(REFDEF, "").replace(ABBR, "").replace(CODE, "")
      .replace(PLACEHOLDER, "0").replace(LINK, "$1").replace(HTML, " ").replace(ATTRS, "");
    var blocks = [], current = [];
    tablesToCells(text).split(LINE_BREAK).forEach(function (line, index, all) {
      // splitlines() drops the empty string after a final line break
      if (index === all.length - 1 && line === "") return;
      var stripped = line.trim();
      var start = BLOCK_START.test(line);
      if (!stripped || start || RULE_LINE.test(stripped)) {
        if (current.length) blocks.push(current.join(" "));
        current = [];
        if (start) blocks.push(line.replace(BLOCK_START, "").trim());
        return;
      }
      current.push(stripped);
    });
    if (current.length) blocks.push(current.join(" "));
    var sentences = [];
    blocks.forEach(function (block) {
      block.split(SENTENCE_END).forEach(function (part) {
        if (HAS_WORD.test(part)) sentences.push(part.trim());
      });
    });
    return sentences;
  }

  function words(sentence) {
    return sentence.match(WORD) || [];
  }

  // Python's round(x, 1): the nearest tenth of the exact binary value, ties to even.
  function round1(value) {
    var fixed = Number(value.toFixed(1));
    if (Number.isInteger(value * 4) && !Number.isInteger(value * 2)) {
      var lower = Math.floor(value * 10) / 10, upper = Math.ceil(value * 10) / 10;
      return Math.round(lower * 10) % 2 === 0 ? lower : upper;
    }
    return fixed;
  }

  function lix(markdown, longest) {
    if (longest === undefined) longest = 3;
    var sentences = proseSentences(markdown);
    var all = [];
    sentences.forEach(function (s) { all = all.concat(words(s)); });
    if (!all.length) return {value: 0, raw: 0, words: 0, sentences: 0, long_words: 0, longest: []};
    // Python counts a word's length in code points; JS strings count UTF-16 units.
    var long = all.filter(function (w) { return Array.from(w).length > LONG_WORD; }).length;
    var raw = all.length / sentences.length + 100 * long / all.length;
    var ranked = sentences.map(function (s, i) { return [s, i]; }).sort(function (a, b) {
      return words(b[0]).length - words(a[0]).length || a[1] - b[1];
    }).slice(0, longest).map(function (pair) { return pair[0]; });
    return {value: round1(raw), raw: raw, words: all.length, sentences: sentences.length,
            long_words: long, longest: ranked};
  }

  function limitFor(audience, limits) {
    return typeof audience === "string" && limits[audience] !== undefined ? limits[audience] : null;
  }

  var api = {lix: lix, proseSentences: proseSentences, limitFor: limitFor};
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.UngsocLix = api;
})(this);
