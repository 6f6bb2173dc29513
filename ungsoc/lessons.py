"""The lesson index: lessons of the teacher guide grouped by grade band, from front matter."""

from __future__ import annotations

import posixpath

import yaml

from ungsoc.frontmatter import split
from ungsoc.mdtext import after_first_heading

PATH = "school/lessons.md"
# Each country's own grade bands: Swedish årskurs and Danish klassetrin 4-6 and 7-9 are
# Norwegian 5.-7. and 8.-10. trinn (Norway starts school a year earlier and counts ten grades).
BANDS = ("4-6", "5-7", "7-9", "8-10", "upper-secondary")
TEXT = {
    "sv": {"title": "Lektioner efter årskurs", "intro": "Alla lektioner i lärarhandledningen, ordnade efter årskurs.",
           "4-6": "Årskurs 4–6", "7-9": "Årskurs 7–9", "5-7": "Norska 5.–7. trinn", "8-10": "Norska 8.–10. trinn",
           "upper-secondary": "Gymnasiet",
           "minutes": "minuter", "grades": "Årskurs", "duration": "Tid", "curriculum": "Läroplan"},
    "da": {"title": "Lektioner efter klassetrin", "intro": "Alle lektioner i lærervejledningen, ordnet efter klassetrin.",
           "4-6": "4.–6. klasse", "7-9": "7.–9. klasse", "5-7": "Norsk 5.–7. trinn", "8-10": "Norsk 8.–10. trinn",
           "upper-secondary": "Ungdomsuddannelser",
           "minutes": "minutter", "grades": "Klassetrin", "duration": "Tid", "curriculum": "Læreplan"},
    "no": {"title": "Undervisningsopplegg etter trinn", "intro": "Alle opplegg i lærerveiledningen, ordnet etter trinn.",
           "4-6": "Svensk/dansk 4.–6. klasse", "7-9": "Svensk/dansk 7.–9. klasse",
           "5-7": "5.–7. trinn (10–12 år)", "8-10": "8.–10. trinn (13–15 år)", "upper-secondary": "Videregående skole",
           "minutes": "minutter", "grades": "Trinn", "duration": "Tid", "curriculum": "Læreplan"},
}


def lesson_meta(source: str) -> dict | None:
    text, _ = split(source)
    try:
        meta = yaml.safe_load(text or "") or {}
    except yaml.YAMLError:
        return None  # reported by the front-matter check
    lesson = meta.get("lesson") if isinstance(meta, dict) else None
    return lesson if isinstance(lesson, dict) and lesson.get("grades") in BANDS else None


def title_of(source: str, fallback: str) -> str:
    _, start = split(source)
    for line in source.splitlines()[start:]:
        if line.startswith("# "):
            return line[2:].strip()
    return fallback


def index_markdown(pages, language: str) -> str:
    """pages: (src_uri, source) of the teacher-guide pages in the reader's build."""
    text = TEXT[language]
    by_band: dict[str, list[str]] = {band: [] for band in BANDS}
    for src_uri, source in sorted(pages):
        meta = lesson_meta(source)
        if meta:
            # A lesson borrowed from the default language lives in another folder.
            link = posixpath.relpath(src_uri, f"{language}/school")
            by_band[meta["grades"]].append(
                f"- [{title_of(source, link)}]({link}) ({meta['duration_minutes']} {text['minutes']})")
    lines = ["---", "audience: school", "reviewed: 2026-11-24", "---", "", f"# {text['title']}", "", text["intro"], ""]
    for band in BANDS:
        if by_band[band]:
            lines += [f"## {text[band]}", "", *by_band[band], ""]
    return "\n".join(lines)


def with_facts(markdown: str, lesson: dict, language: str) -> str:
    """A lesson's grade band, duration and curriculum links under its heading, from front matter."""
    text = TEXT[language]
    curriculum = "; ".join(f"[{item['text']}]({item['source']})" for item in lesson["curriculum"])
    block = (f'!!! abstract ""\n    **{text["grades"]}:** {text[lesson["grades"]]} · '
             f'**{text["duration"]}:** {lesson["duration_minutes"]} {text["minutes"]}  \n'
             f'    **{text["curriculum"]}:** {curriculum}\n')
    return after_first_heading(markdown, block)
