"""Glossary terms per language (content/glossary/<lang>.yml): tooltips and a glossary page.

Tooltips use Python-Markdown's `abbr` extension (definitions appended to each page) with
Material's `content.tooltips`, so no code of ours runs in the reader's browser.
"""

from __future__ import annotations

from pathlib import Path

from ungsoc import generated, schema
from ungsoc.errors import Problem, shown
from ungsoc.yamlsource import load

PATH = "about/glossary.md"
def load_terms(content_dir: Path, language: str) -> tuple[list[dict], list[Problem]]:
    path = content_dir / "glossary" / f"{language}.yml"
    if not path.is_file():
        return [], []
    doc, problems = load(path, shown(path))
    if doc is None:
        return [], problems
    problems = schema.validate(doc, content_dir / "glossary.schema.json")
    return ([] if problems else doc.data["terms"]), problems


def spellings(term: dict) -> list[str]:
    """The term, its other forms, and each with a capital first letter (a sentence may start
    with it): `abbr` matches whole words exactly as written."""
    forms = [term["term"], *term.get("forms", [])]
    return list(dict.fromkeys(form for base in forms for form in (base, base[:1].upper() + base[1:])))


def abbreviations(terms: list[dict]) -> str:
    """Markdown abbreviation definitions, longest spelling first so compounds win."""
    definitions = {spelling: t["definition"] for t in terms for spelling in spellings(t)}
    ordered = sorted(definitions, key=len, reverse=True)
    # One block per definition: Markdown's abbr processor takes one definition off a block and
    # hands the rest back, which every block processor then searches again (quadratic; as one
    # block, the definitions took longer to convert than the page itself).
    return "\n\n" + "\n\n".join(f"*[{spelling}]: {definitions[spelling]}" for spelling in ordered) + "\n"


def page_markdown(terms: list[dict], words: dict) -> str:
    """The glossary page; words: its title and intro in the reader's language (content/ui)."""
    entries = "\n\n".join(f"{t['term']}\n:   {t['definition']}" for t in sorted(terms, key=lambda t: t["term"].lower()))
    return (f"{generated.front_matter('youth')}# {words['title']}\n\n"
            f"{words['intro']}\n\n{entries}\n")
