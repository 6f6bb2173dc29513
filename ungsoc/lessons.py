"""The lesson index: lessons of the teacher guide grouped by grade band, from front matter."""

from __future__ import annotations

import posixpath

import yaml

from ungsoc.frontmatter import split
from ungsoc.mdtext import after_first_heading

PATH = "school/lessons.md"
BANDS = ("4-6", "7-9", "upper-secondary")
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


def index_markdown(pages, language: str, text: dict) -> str:
    """pages: (src_uri, source) of the teacher-guide pages in the reader's build; text: the
    words in the reader's language (content/ui/<language>.yml, lessons:)."""
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


def with_facts(markdown: str, lesson: dict, text: dict) -> str:
    """A lesson's grade band, duration and curriculum links under its heading, from front matter."""
    curriculum = "; ".join(f"[{item['text']}]({item['source']})" for item in lesson["curriculum"])
    block = (f'!!! abstract ""\n    **{text["grades"]}:** {text[lesson["grades"]]} · '
             f'**{text["duration"]}:** {lesson["duration_minutes"]} {text["minutes"]}  \n'
             f'    **{text["curriculum"]}:** {curriculum}\n')
    return after_first_heading(markdown, block)
