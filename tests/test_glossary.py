"""Glossary terms get an explanation wherever they appear, in the forms they appear in."""

from __future__ import annotations

import re

import markdown
import yaml

from conftest import LANGUAGES, PREFIX, ROOT
from ungsoc.config import load_mkdocs_yml
from ungsoc.frontmatter import split
from ungsoc.glossary import definitions, load_terms, spellings


def test_a_term_is_explained_in_its_other_forms_and_at_the_start_of_a_sentence():
    term = {"term": "utredning", "forms": ["utredningen"], "definition": "När socialtjänsten tar reda på hur barnet har det."}
    assert spellings(term) == ["utredning", "Utredning", "utredningen", "Utredningen"]
    found = definitions([term, {"term": "LVU", "definition": "Lagen om vård av unga.\n"}])
    assert found["Utredningen"].startswith("När socialtjänsten")
    assert list(found).count("LVU") == 1 and found["LVU"] == "Lagen om vård av unga."  # an acronym is not doubled


def test_every_page_gets_the_tooltips_that_definitions_at_its_end_gave():
    """The glossary goes to the abbr extension's `glossary` option (glossary.use_for_page)
    instead of `*[term]: definition` lines at the end of each page: every page's HTML is the same."""
    config = load_mkdocs_yml(ROOT / "mkdocs.yml")[0]
    extensions, options = config.markdown_extensions, config.mdx_configs
    for language in LANGUAGES:
        terms = load_terms(ROOT / "content", language)[0]
        glossary = definitions(terms)
        assert terms and glossary
        appended = "".join(f"\n\n*[{spelling}]: {glossary[spelling]}" for spelling in sorted(glossary, key=len, reverse=True))
        pages = sorted((ROOT / "docs" / language).rglob("*.md"))
        for page in pages:
            source = page.read_text(encoding="utf-8")
            body = "\n".join(source.split("\n")[split(source)[1]:])
            before = markdown.Markdown(extensions=extensions, extension_configs=options).convert(body + appended + "\n")
            now = markdown.Markdown(extensions=extensions,
                                    extension_configs={**options, "abbr": {"glossary": glossary}}).convert(body)
            assert now == before, page
        assert any("<abbr" in markdown.Markdown(extensions=extensions, extension_configs={"abbr": {"glossary": glossary}})
                   .convert(page.read_text(encoding="utf-8")) for page in pages), language


def built_terms(site, language) -> set[str]:
    return {re.sub(r"<[^>]+>", "", match) for page in (site / PREFIX[language]).rglob("index.html")
            for match in re.findall(r"<abbr title=\"[^\"]+\">([^<]+)</abbr>", page.read_text(encoding="utf-8"))}


def test_every_language_explains_inflected_and_capitalised_terms_in_its_pages(site):
    for language in LANGUAGES:
        terms = yaml.safe_load((ROOT / f"content/glossary/{language}.yml").read_text(encoding="utf-8"))["terms"]
        found = built_terms(site, language)
        forms = {form for term in terms for form in term.get("forms", [])}
        assert found & forms, f"{language}: no inflected form gets its explanation"
        assert {word for word in found if word[:1].isupper() and word[:1].lower() + word[1:] in found}, language


def test_glossary_page_lists_every_term_in_each_language(site):
    for language in LANGUAGES:
        page = (site / PREFIX[language] / "about/glossary/index.html").read_text(encoding="utf-8")
        terms = yaml.safe_load((ROOT / f"content/glossary/{language}.yml").read_text(encoding="utf-8"))["terms"]
        for term in terms:
            assert f"<dt>{term['term']}</dt>" in page, (language, term["term"])
