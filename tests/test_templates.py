"""Markup lives in templates (overrides/), interface words in content/ui/<lang>.yml, not in Python."""

from __future__ import annotations

import ast
import json
import re

import pytest
import yaml

from conftest import LANGUAGES, ROOT

# The elements a page or form is built from; XML of other vocabularies (sitemaps) is not HTML.
# Not after a slash or a letter: docs/<lang>/<section>/ in a message is a path, not markup.
HTML_TAG = re.compile(r"(?<![/\w])</?(?:a|body|br|button|div|fieldset|form|h[1-6]|head|html|input|label|legend|li|link|meta|"
                      r"ol|option|p|script|section|select|span|style|table|tbody|td|textarea|th|thead|title|tr|ul)"
                      r"(?=[\s>/])", re.I)


def python_strings(tree: ast.AST):
    """String constants in code, skipping docstrings and the strings that read HTML (regular
    expressions, pattern tables) or name a tag in a message to the editor (Problem)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            skip.add(id(body[0].value))
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if (isinstance(node.func, ast.Attribute) and getattr(node.func.value, "id", "") == "re") or name == "Problem":
                skip.update(id(inner) for inner in ast.walk(node))
        # a row of a pattern table (re.compile(...), the name shown to the editor, the message)
        if isinstance(node, ast.Tuple) and node.elts and isinstance(node.elts[0], ast.Call) \
                and getattr(node.elts[0].func, "attr", "") == "compile":
            skip.update(id(inner) for inner in ast.walk(node))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node


def test_no_html_built_in_python():
    found = [f"{path.relative_to(ROOT)}:{node.lineno}: {HTML_TAG.search(node.value).group(0)}"
             for path in sorted((ROOT / "ungsoc").rglob("*.py"))
             for node in python_strings(ast.parse(path.read_text(encoding="utf-8")))
             if HTML_TAG.search(node.value)]
    assert found == [], "HTML belongs in a partial under overrides/partials/:\n" + "\n".join(found)


def test_the_grep_sees_an_f_string_tag():
    """The check above can fail: an f-string building a tag is caught."""
    tree = ast.parse('def f(x):\n    """<p>doc</p>"""\n    return f"<td>{x}</td>"\n')
    assert [HTML_TAG.search(n.value).group(0) for n in python_strings(tree) if HTML_TAG.search(n.value)] == ["<td", "</td"]


def ui(language: str) -> dict:
    return yaml.safe_load((ROOT / "content/ui" / f"{language}.yml").read_text(encoding="utf-8"))


# Each country's schools have their own grade bands: the one section that differs by language.
OWN_PER_LANGUAGE = {"lessons.bands"}


def keys(data: dict, prefix: str = "") -> set[str]:
    return {f"{prefix}{key}" for key in data} | {
        nested for key, value in data.items() if isinstance(value, dict) and f"{prefix}{key}" not in OWN_PER_LANGUAGE
        for nested in keys(value, f"{prefix}{key}.")}


# How templates and code name a content/ui key: ungsoc.strings.x, s.x and labels.x in templates;
# strings(language)["x"] and the sections handed to a function (labels, words, text) in Python.
USES = {
    "html": [(re.compile(r"ungsoc\.strings\.([a-z_]+)"), ""), (re.compile(r"\bs\.([a-z_]+)"), ""),
             (re.compile(r"\blabels\.([a-z_]+)"), "catalogue.")],
    "py": [(re.compile(r"strings\([a-z_]+\)\[\"([a-z_]+)\"\]"), ""),
           (re.compile(r"\blabels\[[\"']([a-z_]+)[\"']\]"), "catalogue."),

           (re.compile(r"\btext\[[\"']([a-z_-]+)[\"']\]"), "lessons.")],
}


# The glossary page gets its section as `words`.
GLOSSARY_WORDS = (re.compile(r"\bwords\[[\"']([a-z_]+)[\"']\]"), "glossary.")


def used_keys() -> set[str]:
    files = [*(ROOT / "overrides").rglob("*.html"), *(ROOT / "ungsoc").rglob("*.py")]
    return {prefix + match for path in files
            for pattern, prefix in USES[path.suffix[1:]] + ([GLOSSARY_WORDS] if path.name == "glossary.py" else [])
            for match in pattern.findall(path.read_text(encoding="utf-8"))}


def test_every_ui_key_used_is_in_every_language():
    used = used_keys()
    assert {"help_now", "glossary", "lessons", "catalogue.age_hint", "glossary.title", "lessons.minutes"} <= used
    for language in LANGUAGES:
        missing = sorted(used - keys(ui(language)))
        assert missing == [], f"content/ui/{language}.yml lacks {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_ui_files_have_the_same_keys_and_the_schema_requires_them(language):
    schema = json.loads((ROOT / "content/ui.schema.json").read_text(encoding="utf-8"))

    def required(node: dict, prefix: str = "") -> set[str]:
        return {f"{prefix}{key}" for key in node.get("required", [])} | {
            nested for key, child in node.get("properties", {}).items() for nested in required(child, f"{prefix}{key}.")}

    assert keys(ui(language)) == keys(ui("sv")) == required(schema)


def test_enums_and_audiences_come_from_the_schemas_and_the_config():
    """The catalogue's filters offer what the record schema allows; every LIX limit in the
    plugin's config names an audience of the page schema."""
    from ungsoc.catalogue import filter_choices
    from ungsoc.config import LixLimits

    record = json.loads((ROOT / "content/intervention.schema.json").read_text(encoding="utf-8"))["properties"]
    assert dict(filter_choices(ROOT / "content"))["phase"] == record["phase"]["enum"]
    assert dict(filter_choices(ROOT / "content"))["settings"] == record["settings"]["items"]["enum"]
    page = json.loads((ROOT / "content/page.schema.json").read_text(encoding="utf-8"))["properties"]
    limited = {name for name, _ in LixLimits._schema}
    assert limited and limited <= set(page["audience"]["enum"])
