"""What readers see on every page besides its text: when it was checked and its sources."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import HIDDEN_SECTIONS, LANGUAGES, PREFIX, ROOT

HEADING = {"sv": "Källor", "da": "Kilder", "no": "Kilder"}
REVIEWED = {"sv": "Granskad", "da": "Gennemgået", "no": "Gjennomgått"}


def front_matter(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_shows_its_review_date_and_its_sources_as_links(site, language):
    checked = 0
    for source in sorted((ROOT / "docs" / language).rglob("*.md")):
        meta = front_matter(source)
        relative = source.relative_to(ROOT / "docs" / language).with_suffix("")
        if relative.parts[0] in HIDDEN_SECTIONS:
            continue
        folder = relative.parent if relative.name == "index" else relative
        html = (site / PREFIX[language] / folder / "index.html").read_text(encoding="utf-8")
        facts = re.search(r'<aside class="ungsoc-facts">(.*?)</aside>', html, flags=re.S)
        assert facts, f"{source}: no review date or sources shown"
        facts = facts.group(1)
        reviewed = str(meta["reviewed"])
        time = re.search(rf'{REVIEWED[language]}:\s*<time datetime="{reviewed}">([^<]+)</time>', facts)
        assert time, f"{source}: review date {reviewed} not shown"
        year, month, day = map(int, reviewed.split("-"))
        assert str(year) in time.group(1) and str(day) in time.group(1)
        if meta.get("sources"):
            assert f">{HEADING[language]}</h2>" in facts
            links = re.findall(r'<li><a href="([^"]+)">', facts)
            assert links == [url.replace("&", "&amp;") for url in meta["sources"]], source
        checked += 1
    assert checked > 20


WRITTEN_DATE = {"sv": "{day} {month} {year}", "da": "{day}. {month} {year}", "no": "{day}. {month} {year}"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_date_is_written_in_the_readers_language(site, language):
    written = WRITTEN_DATE[language]
    reviewed = str(front_matter(ROOT / "docs" / language / "youth/rights.md")["reviewed"])
    year, month, day = map(int, reviewed.split("-"))
    months = yaml.safe_load((ROOT / "content/ui" / f"{language}.yml").read_text(encoding="utf-8"))["reader"]["months"]
    html = (site / PREFIX[language] / "youth/rights/index.html").read_text(encoding="utf-8")
    text = written.format(day=day, month=months[month - 1], year=year)
    assert f'<time datetime="{reviewed}">{text}</time>' in html
