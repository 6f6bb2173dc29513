"""The teacher guide: complete lesson metadata, a lesson index, and lessons that print cleanly."""

from __future__ import annotations

import io
import re
import posixpath

import pytest
import yaml
from pypdf import PdfReader

from conftest import LANGUAGES, PREFIX, ROOT
from ungsoc.frontmatter import split

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


def handouts(language):
    """Each handout page of a language: its name and its front matter."""
    out = {}
    for path in sorted((ROOT / "docs" / language / "school" / "handouts").glob("*.md")):
        out[path.stem] = yaml.safe_load(split(path.read_text(encoding="utf-8"))[0] or "")
    return out


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_lesson_links_its_handouts_and_the_staff_card(site, language):
    kinds = {name: meta["handout"] for name, meta in handouts(language).items()}
    assert list(kinds.values()).count("staff-card") == 1
    for name, meta in lessons(language).items():
        linked = [posixpath.splitext(posixpath.basename(h))[0] for h in meta["handouts"]]
        assert {kinds[h] for h in linked} >= {"case", "worksheet", "staff-card"}, name
        html = (site / f"{PREFIX[language]}school/{name}/index.html").read_text(encoding="utf-8")
        for handout in linked:
            assert f'href="../handouts/{handout}/"' in html, f"{language}/{name} does not link {handout}"


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_handouts_print_on_one_a4_sheet_each_and_lessons_without_site_chrome(page, site_url, language):
    def printed(path):
        page.goto(f"{site_url}/{PREFIX[language]}school/{path}")
        page.emulate_media(media="print")
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
        assert {round(float(p.mediabox.width)) for p in pdf.pages} == {595}, "not A4"
        return [p.extract_text() for p in pdf.pages]

    for name, meta in handouts(language).items():
        pages = printed(f"handouts/{name}/")
        assert len(pages) == 1, f"{language}/handouts/{name} prints on {len(pages)} pages"
        text = " ".join(pages[0].split())
        assert not any(chrome in text for chrome in CHROME[language]), name
    for name in lessons(language):
        pages = printed(f"{name}/")
        assert 2 <= len(pages) <= 5, f"{language}/{name} prints on {len(pages)} pages"
        text = " ".join(" ".join(pages).split())
        assert not any(chrome in text for chrome in CHROME[language]), name
        assert "https://" in text  # links are printed as text
        headings = {h.strip() for h in page.locator("article h2").all_inner_texts()}
        for number, sheet in enumerate(pages[:-1], 1):
            last = [line.strip() for line in sheet.splitlines() if line.strip()][-1]
            assert last not in headings, f"{language}/{name}: page {number} ends with the heading {last!r}"


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


# The language a PDF declares: Norwegian pages are bokmål.
PDF_LANGUAGE = {"sv": "sv", "da": "da", "no": "nb"}
TASK = re.compile(r"^(?:\*\*)?\d+\.\s+(.+)$", re.M)


def words(text: str) -> str:
    return " ".join(text.split())


def worksheet_tasks(language: str, lesson: str) -> list[str]:
    """The start of each task on the lesson's worksheet, as a reader sees it."""
    source = (ROOT / "docs" / language / "school/handouts" / f"{lesson}-worksheet.md").read_text(encoding="utf-8")
    starts = []
    for task in TASK.findall(source[source.index("\n# "):]):
        plain = re.split(r"\{\{|\(|\*\*|:", task.replace("**", "", 1))[0]
        starts.append(" ".join(plain.split()[:4]))
    return starts


@pytest.fixture(scope="module")
def profile():
    from conftest import loaded_profile

    return loaded_profile()  # the profile the site fixture built with


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_lesson_has_a_pdf_pack_in_its_language_with_the_municipality_and_worksheet(site, profile, language):
    for name, meta in lessons(language).items():
        pdf_path = site / f"{PREFIX[language]}school/{name}/{name}.pdf"
        assert pdf_path.is_file(), f"no PDF for {language}/{name}"
        size = pdf_path.stat().st_size
        assert size <= 300_000, f"{language}/{name}.pdf is {size} bytes"
        html = (site / f"{PREFIX[language]}school/{name}/index.html").read_text(encoding="utf-8")
        assert f'href="{name}.pdf"' in html and f"{round(size / 1000)} kB" in html, "no link with the size"
        pdf = PdfReader(pdf_path)
        assert pdf.trailer["/Root"]["/Lang"] == PDF_LANGUAGE[language]
        assert "/StructTreeRoot" in pdf.trailer["/Root"], "the PDF is not tagged"
        text = words(" ".join(page.extract_text() for page in pdf.pages))
        source = (ROOT / "docs" / language / "school" / f"{name}.md").read_text(encoding="utf-8")
        assert words(title_of(source)) in text
        assert profile.name(language) in text
        tasks = worksheet_tasks(language, name)
        assert len(tasks) >= 4
        for task in tasks:
            assert task in text, f"{language}/{name}.pdf lacks the worksheet task {task!r}"
        # One sheet per handout after the plan.
        assert len(pdf.pages) >= 1 + len(meta["handouts"])


def title_of(source: str) -> str:
    return next(line[2:] for line in source.splitlines() if line.startswith("# "))


@pytest.mark.parametrize("language", LANGUAGES)
def test_pupil_handouts_read_as_easily_as_pages_for_young_people(language):
    from ungsoc.readability import lix

    for name, meta in handouts(language).items():
        if meta["handout"] == "staff-card":
            continue
        source = (ROOT / "docs" / language / "school/handouts" / f"{name}.md").read_text(encoding="utf-8")
        score = lix(source[source.index("\n# "):]).value
        assert score <= 35, f"{language}/handouts/{name}: LIX {score:.0f}, above the limit of 35 for young people"


def test_a_machine_without_pango_gets_what_to_install_not_a_traceback(tmp_path, monkeypatch):
    """WeasyPrint loads pango when imported: on a machine without it (python:3.11-slim) the
    build says which packages to install, or how to turn the PDFs off."""
    import sys

    from mkdocs.exceptions import PluginError

    from ungsoc import pdfpack

    class NoPango:
        def find_spec(self, name, path=None, target=None):
            if name == "weasyprint":
                raise OSError("cannot load library 'libgobject-2.0-0'")

    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(sys, "meta_path", [NoPango(), *sys.meta_path])
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    with pytest.raises(PluginError) as raised:
        pdfpack.render("<p>Lektion</p>", tmp_path.as_uri(), tmp_path / "cache", logo)
    message = str(raised.value)
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig" in message
    assert "lesson_pdfs: false" in message
