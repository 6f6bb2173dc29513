"""Glossary terms per language (content/glossary/<lang>.yml): tooltips and a glossary page.

Tooltips use Python-Markdown's `abbr` extension (its glossary set for each page) with
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
    if not problems:
        problems = duplicate_problems(doc)
    return ([] if problems else doc.data["terms"]), problems


def duplicate_problems(doc) -> list[Problem]:
    """A spelling explained twice (also in another case, or as another term's form) would get
    whichever definition comes last: one explanation per spelling."""
    first: dict[str, int] = {}
    problems = []
    for index, term in enumerate(doc.data["terms"]):
        for key, spelling in [("term", term["term"]), *(("forms", form) for form in term.get("forms", []))]:
            folded = spelling.casefold()
            if folded in first:
                problems.append(doc.problem(("terms", index, key), f"'{spelling}' is already explained "
                                            f"(line {first[folded]}); keep one entry per term, whatever its case"))
            else:
                first[folded] = doc.line(("terms", index, key))
    return problems


def spellings(term: dict) -> list[str]:
    """The term, its other forms, and each with a capital first letter (a sentence may start
    with it): `abbr` matches whole words exactly as written."""
    forms = [term["term"], *term.get("forms", [])]
    return list(dict.fromkeys(form for base in forms for form in (base, base[:1].upper() + base[1:])))


def definitions(terms: list[dict]) -> dict[str, str]:
    """Each spelling and its explanation, for the abbr extension's glossary (use_for_page)."""
    return {spelling: " ".join(line.strip() for line in t["definition"].strip().splitlines())
            for t in terms for spelling in spellings(t)}


def use_for_page(config, found: dict[str, str]) -> None:
    """Give the page about to be converted these tooltips (definitions(terms); {}: none).

    MkDocs makes each page's Markdown converter from config.mdx_configs right after the
    on_page_markdown event, so the abbr extension's `glossary` option set then holds for that
    page only. The same HTML as `*[term]: definition` lines at the end of every page, which
    the block parser had to take apart on every page, one block per definition: that cost
    as much again as converting the page. abbr finds the longest spelling first either way;
    a page's own `*[...]` definition now wins over the glossary's, as a page's words should.
    mkdocs.yml gives abbr no options of its own (a glossary there would be replaced)."""
    if "abbr" in config.markdown_extensions:
        config.mdx_configs["abbr"] = {**config.mdx_configs.get("abbr", {}), "glossary": found}


def page_markdown(terms: list[dict], words: dict) -> str:
    """The glossary page; words: its title and intro in the reader's language (content/ui)."""
    entries = "\n\n".join(f"{t['term']}\n:   {t['definition']}" for t in sorted(terms, key=lambda t: t["term"].lower()))
    return (f"{generated.front_matter('youth')}# {words['title']}\n\n"
            f"{words['intro']}\n\n{entries}\n")
