"""Glossary terms per language (content/glossary/<lang>.yml): tooltips and a glossary page.

Tooltips use Python-Markdown's `abbr` extension (definitions appended to each page) with
Material's `content.tooltips`, so no code of ours runs in the reader's browser.
"""

from __future__ import annotations

from pathlib import Path

from ungsoc import schema
from ungsoc.errors import Problem
from ungsoc.yamlsource import load

PATH = "about/glossary.md"
TITLE = {"sv": "Ordlista", "da": "Ordliste", "no": "Ordliste"}
INTRO = {
    "sv": "Här förklarar vi ord som används på sidan. Orden är också understrukna i texten. Håll över eller tryck på ordet för att se vad det betyder.",
    "da": "Her forklarer vi ord, der bruges på siden. Ordene er også understreget i teksten. Hold over eller tryk på ordet for at se, hvad det betyder.",
    "no": "Her forklarer vi ord som brukes på siden. Ordene er også understreket i teksten. Hold over eller trykk på ordet for å se hva det betyr.",
}


def load_terms(content_dir: Path, language: str) -> tuple[list[dict], list[Problem]]:
    path = content_dir / "glossary" / f"{language}.yml"
    if not path.is_file():
        return [], []
    doc, problems = load(path, f"content/glossary/{language}.yml")
    if doc is None:
        return [], problems
    problems = schema.validate(doc, schema.SCHEMA_DIR / "glossary.schema.json")
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


def page_markdown(terms: list[dict], language: str) -> str:
    entries = "\n\n".join(f"{t['term']}\n:   {t['definition']}" for t in sorted(terms, key=lambda t: t["term"].lower()))
    return (f"---\naudience: youth\nreviewed: 2026-11-24\n---\n\n# {TITLE[language]}\n\n"
            f"{INTRO[language]}\n\n{entries}\n")
