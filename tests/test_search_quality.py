"""Search answers readers' questions: for each language, at least 90 % of the questions in
tests/search_questions.yml (in readers' own words) have the expected page among the first
three results of Material's own search worker, run in Node on the built per-language index."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from conftest import LANGUAGES, ROOT, prefix, require
from ungsoc import languages

sys.path.insert(0, str(ROOT / "scripts"))
import search_quality  # noqa: E402

GOAL = 0.9


@pytest.fixture(scope="module")
def node():
    found = shutil.which("node")
    return require(Path(found) if found else ROOT / "node-not-installed", "Node.js", "apt-get install nodejs")


@pytest.fixture(scope="module")
def table(site, node):
    return search_quality.measure(site)


def test_every_language_has_at_least_25_questions():
    questions = search_quality.questions()
    assert sorted(questions) == sorted(languages.LANGUAGES)  # every language a fork can publish
    assert all(len(rows) >= 25 for rows in questions.values())


@pytest.mark.parametrize("language", LANGUAGES)
def test_at_least_90_percent_of_reader_questions_find_their_page_in_the_top_three(table, language):
    rows = table[language]
    misses = [f"{r['query']!r} -> {r['top']}" for r in rows if not r["hit"]]
    assert search_quality.rate(rows) >= GOAL, "\n".join(misses)


def test_a_childs_words_rank_reader_pages_above_lessons_and_catalogue_records(site, node):
    prefix("sv")  # the words are Swedish
    found = search_quality.results(site, "sv", ["mamma slår mig", "kurator", "vad händer om jag berättar", "placerad", "BUP"])
    for pages in found:
        assert pages, "no result"
        assert pages[0].startswith(("youth/", "parents/")), pages[:3]


def test_the_search_words_are_indexed_but_not_shown(site):
    import json

    folder = prefix("sv")  # the words are Swedish; the index lists pages with their language folder
    index = json.loads((site / "search" / "search_index.sv.json").read_text(encoding="utf-8"))
    assert index["config"]["fields"]["words"]["boost"] >= index["config"]["fields"]["title"]["boost"]
    page = next(doc for doc in index["docs"] if doc["location"] == f"{folder}youth/tell-someone-at-school/")
    assert "kurator" in page["words"].split()
    html = (site / folder / "youth/tell-someone-at-school/index.html").read_text(encoding="utf-8")
    assert "skolkurator" not in html  # a search word only, never written into the page
