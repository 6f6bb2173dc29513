"""The teacher guide: complete lesson metadata, a lesson index, and lessons that print cleanly."""

from __future__ import annotations

import io

import pytest
import yaml
from pypdf import PdfReader

from conftest import LANGUAGES, PREFIX, ROOT
from ungsoc.frontmatter import split

WORKSHEET = {"sv": "Arbetsblad", "da": "Arbejdsark", "no": "Arbeidsark"}
CHROME = {"sv": ["Lämna sidan snabbt", "Hjälp nu", "Sök"], "da": ["Forlad siden hurtigt", "Hjælp nu", "Søg"],
          "no": ["Forlat siden raskt", "Hjelp nå", "Søk"]}


def lessons(language):
    out = {}
    for path in sorted((ROOT / "docs" / language / "school").glob("*.md")):
        meta = yaml.safe_load(split(path.read_text(encoding="utf-8"))[0] or "") or {}
        if "lesson" in meta:
            out[path.stem] = meta["lesson"]
    return out


@pytest.mark.parametrize("language", LANGUAGES)
def test_three_age_bands_each_with_complete_metadata(language):
    found = lessons(language)
    # Each country's own bands: Norwegian 5.-7. and 8.-10. trinn match Swedish and Danish 4-6 and 7-9.
    bands = {"5-7", "8-10"} if language == "no" else {"4-6", "7-9"}
    assert {meta["grades"] for meta in found.values()} == bands | {"upper-secondary"}
    for name, meta in found.items():
        assert 10 <= meta["duration_minutes"] <= 240, name
        assert meta["curriculum"] and all(c["source"].startswith("https://") and c["text"] for c in meta["curriculum"]), name


@pytest.mark.parametrize("language", LANGUAGES)
def test_lesson_index_lists_every_lesson_under_its_band(site, language):
    html = (site / f"{PREFIX[language]}school/lessons/index.html").read_text(encoding="utf-8")
    for name, meta in lessons(language).items():
        assert f'href="../{name}/"' in html, name
        assert f"({meta['duration_minutes']} " in html


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_lesson_prints_without_site_chrome_and_worksheet_on_its_own_page(page, site_url, language):
    page.goto(f"{site_url}/{PREFIX[language]}school/lesson-7-9/")
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=False)))
    pages = [" ".join(p.extract_text().split()) for p in pdf.pages]
    assert 2 <= len(pages) <= 12
    text = " ".join(pages)
    for chrome in CHROME[language]:
        assert chrome not in text
    starts = [i for i, t in enumerate(pages) if t.startswith(WORKSHEET[language])]
    assert starts and starts[0] > 0, "the worksheet does not start a printed page"
    assert "https://" in text  # links are printed as text
