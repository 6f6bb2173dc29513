"""Drop the parts of Material's stylesheet that this site can never use.

Material's main.css (about 22 KB gzip) styles every feature Material has: blog, tags, content
tabs, code annotations, version selector and more. A child on a cheap phone downloads all of
it on the first visit. Material has no option to leave unused features out, and PurgeCSS
would bring Node.js into every municipality's build, so this module does the same job on the
built site, conservatively:

- a selector is dropped only if it requires (outside any :not(), :is() or similar) a class
  name that appears in no built page and that no script can add at run time (search
  results, tooltips): any word of the site's own scripts, and every class Material's
  scripts set, literally or from a template, unless it belongs to a Material feature the
  site does not have (MATERIAL_FEATURES: code annotations, version selector, content tabs...);
- or a text direction (`[dir=rtl]`) that no built page has: Material styles every
  direction-dependent part twice, and Swedish, Danish and Norwegian are all left to right;
- a rule goes when all its selectors went;
- a custom property goes when nothing (CSS, pages, scripts) uses it any more.

The result gets a new content-hashed name, so long-lived caches never mix the two versions.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import tinycss2

from ungsoc import buildcache
from ungsoc.security import matches_after_space

STYLESHEET = re.compile(r"assets/stylesheets/main\.[0-9a-f]{8}\.min\.css")
CLASS_ATTRIBUTE = re.compile(r'class=(?:"([^"]*)"|([^\s>"]+))')
# After white space (security.matches_after_space: see security.STYLE_OR_HANDLER for why).
DIR_ATTRIBUTE = re.compile(r'dir=["\']?(\w+)')
WORD = re.compile(r"[A-Za-z_][\w-]*")
CUSTOM_PROPERTY_USE = re.compile(r"--[\w-]+")
MATERIAL_NAME = re.compile(r"md-[\w-]+")
# How Material's bundle sets classes: literally (`class:"..."`, `classList.add("...")`,
# `className="..."`) or from a template (`md-tag--${type}`).
MATERIAL_CLASS_LITERAL = re.compile(r'(?:classList\.(?:add|remove|toggle)\(|class:|className=)"([^"]*)"')
MATERIAL_CLASS_TEMPLATE = re.compile(r"(md-[\w-]*)\$\{")
# Material's scripts set the classes of these features only where the site has the feature:
# named in theme.features or set in the page config (Material's __config), or its markup in a
# page. Without any of these markers, the feature's classes do not count as set by a script.
MATERIAL_FEATURES = [
    # (prefixes of the classes the scripts set, markers: features, config keys or page classes)
    (("md-annotation",), {"content.code.annotate", "annotate"}),  # code annotations
    (("md-code__",), {"content.code.copy", "content.code.select"}),  # code copy and selection buttons
    (("md-version",), {"version"}),  # version selector (extra.version)
    (("tabbed-",), {"tabbed-set"}),  # content tabs (pymdownx.tabbed)
    (("md-source__",), {"md-source"}),  # repository facts (repo_url)
    (("md-tag",), {"tags", "md-tag"}),  # tags plugin
    (("mermaid",), {"mermaid"}),  # diagrams
]
PAGE_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def file_usage(kind: str, text: str) -> dict[str, list[str]]:
    """What one built file uses; kind: "html" (a page), "material" (Material's scripts), "js"
    (the site's own scripts) or "css"."""
    classes: set[str] = set()
    set_by_material: set[str] = set()
    features: set[str] = set()
    if kind == "html":
        for quoted, bare in CLASS_ATTRIBUTE.findall(text):
            classes.update((quoted or bare).split())
        classes.update(f"dir={found.group(1).lower()}" for found in matches_after_space(text, DIR_ATTRIBUTE))
        for config in PAGE_CONFIG.findall(text):
            config = json.loads(config)
            features.update(config.get("features") or [])
            features.update(key for key, value in config.items() if value is not None)
    elif kind == "material":
        for value in MATERIAL_CLASS_LITERAL.findall(text):
            set_by_material.update(value.split())
        prefixes = tuple(MATERIAL_CLASS_TEMPLATE.findall(text))
        set_by_material.update(name for name in MATERIAL_NAME.findall(text) if name.startswith(prefixes))
    elif kind == "js":
        classes.update(WORD.findall(text))
    return {"classes": sorted(classes), "set_by_material": sorted(set_by_material), "features": sorted(features),
            "custom_properties": sorted(set(CUSTOM_PROPERTY_USE.findall(text)))}


def site_usage(site: Path, stylesheet: Path, cache: Path | None = None) -> tuple[set[str], set[str]]:
    """What the rest of the site uses, each file read once: the classes (every class in the
    built pages, every word of the site's own scripts, the classes Material's scripts set),
    the text directions of its pages (as `dir=ltr`, see selector_requirements) and the custom
    property names (`--name`) it mentions. With a cache (buildcache.folder), what each file
    uses is kept under its text: a rebuild looks again only at the files that changed."""
    classes: set[str] = set()
    set_by_material: set[str] = set()
    features: set[str] = set()
    custom_properties: set[str] = set()
    material = site / "assets" / "javascripts"
    for path in site.rglob("*"):
        if path.suffix not in (".html", ".js", ".css") or path == stylesheet:
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        kind = ("html" if path.suffix == ".html" else "css" if path.suffix == ".css"
                else "material" if material in path.parents else "js")
        used = buildcache.cached_json(cache, "ungsoc-usage", (kind, text), lambda: file_usage(kind, text))
        classes.update(used["classes"])
        set_by_material.update(used["set_by_material"])
        features.update(used["features"])
        custom_properties.update(used["custom_properties"])
    markers = classes | features
    absent = tuple(prefix for prefixes, switches in MATERIAL_FEATURES if not markers & switches for prefix in prefixes)
    return classes | {name for name in set_by_material if not name.startswith(absent)}, custom_properties


def selector_requirements(tokens) -> set[str]:
    """What a selector requires at the top level, not inside a function: its classes
    (`.name`) and a text direction (`[dir=rtl]`, as "dir=rtl")."""
    required, previous = set(), None
    for token in tokens:
        if token.type == "ident" and previous is not None and previous.type == "literal" and previous.value == ".":
            required.add(token.value)
        elif token.type == "[] block":
            parts = [t for t in token.content if t.type != "whitespace"]
            if len(parts) == 3 and parts[0].type == "ident" and parts[0].lower_value == "dir" \
                    and parts[1].type == "literal" and parts[1].value == "=" and parts[2].type in ("ident", "string"):
                required.add(f"dir={parts[2].value.lower()}")
        previous = token
    return required


def split_selectors(prelude) -> list[list]:
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    return selectors + [current]


def prune_rules(rules, names: set[str]) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in split_selectors(rule.prelude) if selector_requirements(s) <= names]
            if not selectors:
                continue
            rule.prelude = [token for i, s in enumerate(selectors)
                            for token in ([tinycss2.ast.LiteralToken(0, 0, ",")] if i else []) + s]
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
            inner = prune_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), names)
            if not inner:
                continue
            rule.content = [tinycss2.ast.WhitespaceToken(0, 0, "")] + inner
        kept.append(rule)
    return kept


def declarations(rules):
    """(rule, its declarations) for every style rule, inside @media and @supports too."""
    for rule in rules:
        if rule.type == "qualified-rule":
            yield rule, tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
        elif rule.type == "at-rule" and rule.content and any(node.type == "qualified-rule" for node in rule.content):
            yield from declarations(rule.content)  # already parsed into rules by prune_rules


def prune_custom_properties(rules, used_elsewhere: set[str]) -> str:
    """Serialize the rules without custom property declarations nothing reads any more."""
    while True:
        parsed = list(declarations(rules))
        declared = {d.name for _, ds in parsed for d in ds if d.type == "declaration" and d.name.startswith("--")}
        # Uses anywhere, @keyframes included: the whole stylesheet without the declared names.
        uses = re.sub(r"--[\w-]+\s*:", "", tinycss2.serialize(rules))
        unused = declared - set(CUSTOM_PROPERTY_USE.findall(uses)) - used_elsewhere
        if not unused:
            return tinycss2.serialize(rules)
        for rule, ds in parsed:
            kept = [d for d in ds if not (d.type == "declaration" and d.name in unused)]
            rule.content = [token for d in kept for token in tinycss2.parse_component_value_list(d.serialize() + ";")]


def pruned_css(source: str, classes: set[str], custom_properties: set[str]) -> str:
    rules = prune_rules(tinycss2.parse_stylesheet(source, skip_comments=True, skip_whitespace=True), classes)
    return prune_custom_properties(rules, custom_properties)


def prune_site(site: Path, cache: Path | None = None) -> tuple[int, int] | None:
    """Replace Material's main stylesheet by its used part; returns (bytes before, after).
    With a cache (buildcache.folder), a build that uses what the last one used reuses its result:
    parsing Material's stylesheet is most of this step's time."""
    stylesheet = next((site / "assets/stylesheets").glob("main.*.min.css"), None)
    if stylesheet is None:
        return None
    source = stylesheet.read_text(encoding="utf-8")
    classes, custom_properties = site_usage(site, stylesheet, cache)
    if cache is None:
        css = pruned_css(source, classes, custom_properties)
    else:
        key = buildcache.key(source, " ".join(sorted(classes)), " ".join(sorted(custom_properties)))
        css = buildcache.cached(cache / "ungsoc-css", key + ".css",
                                lambda: pruned_css(source, classes, custom_properties).encode("utf-8")).decode("utf-8")
    digest = hashlib.sha256(css.encode("utf-8")).hexdigest()[:8]
    pruned = stylesheet.with_name(f"main.{digest}.min.css")
    pruned.write_text(css, encoding="utf-8")
    stylesheet.unlink()
    old_map = stylesheet.with_name(stylesheet.name + ".map")
    old_map.unlink(missing_ok=True)  # the source map describes the whole stylesheet
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if STYLESHEET.search(text):
            page.write_text(STYLESHEET.sub(f"assets/stylesheets/{pruned.name}", text), encoding="utf-8")
    return len(source.encode("utf-8")), len(css.encode("utf-8"))
