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


# Each country's own grade bands (Norway counts 1.-10. trinn).
BANDS = {"sv": {"4-6", "7-9", "upper-secondary"}, "da": {"4-6", "7-9", "upper-secondary"},
         "no": {"5-7", "8-10", "upper-secondary"}}


@pytest.mark.parametrize("language", LANGUAGES)
def test_three_age_bands_each_with_complete_metadata(language):
    found = lessons(language)
    assert {meta["grades"] for meta in found.values()} == BANDS[language]
    for name, meta in found.items():
        assert meta["curriculum"] and all(c["source"].startswith("https://") and c["text"] for c in meta["curriculum"]), name


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_lesson_is_a_45_minute_plan_of_timed_steps(language):
    for name, meta in lessons(language).items():
        minutes = [step["minutes"] for step in meta["steps"]]
        assert meta["duration_minutes"] == 45, name
        assert sum(minutes) == 45, f"{language}/{name}: the steps add up to {sum(minutes)} minutes"
        # A 45-minute lesson for children: no single step of teacher talk or work runs past a third of it.
        assert max(minutes) <= 15, f"{language}/{name}: a step of {max(minutes)} minutes"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_built_lesson_shows_its_timed_plan(site, language):
    for name, meta in lessons(language).items():
        html = (site / f"{PREFIX[language]}school/{name}/index.html").read_text(encoding="utf-8")
        start = 0
        for step in meta["steps"]:
            end = start + step["minutes"]
            assert f"<td>{start}–{end}</td>" in html, f"{language}/{name}: step {step['name']!r}"
            start = end


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


def test_a_plan_that_does_not_fill_the_lesson_or_a_foreign_grade_band_is_an_error():
    from ungsoc.lessons import check

    steps = [{"minutes": 40, "name": "Start", "do": "x"}]
    problems = check({"grades": "7-9", "duration_minutes": 45, "steps": steps}, "## Plan {: .lesson-plan }",
                     "no", "docs/no/school/lesson-7-9.md")
    assert [str(p) for p in problems] == [
        "docs/no/school/lesson-7-9.md:2: lesson.grades: '7-9' is not a grade band of this country's schools; "
        "use one of: 5-7, 8-10, upper-secondary",
        "docs/no/school/lesson-7-9.md:2: lesson.steps: the steps add up to 40 minutes but duration_minutes is 45; "
        "make them agree"]
