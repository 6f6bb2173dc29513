"""Glossary terms get an explanation wherever they appear, in the forms they appear in."""

from __future__ import annotations

import re

import yaml

from conftest import LANGUAGES, PREFIX, ROOT
from ungsoc.glossary import abbreviations, spellings


def test_a_term_is_explained_in_its_other_forms_and_at_the_start_of_a_sentence():
    term = {"term": "utredning", "forms": ["utredningen"], "definition": "När socialtjänsten tar reda på hur barnet har det."}
    assert spellings(term) == ["utredning", "Utredning", "utredningen", "Utredningen"]
    definitions = abbreviations([term, {"term": "LVU", "definition": "Lagen om vård av unga."}])
    assert "*[Utredningen]: När socialtjänsten" in definitions
    assert definitions.count("*[LVU]:") == 1  # an acronym is not doubled


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
