"""Teacher-guide lessons: the index by grade band, and each lesson's facts and timed plan,
all from the lesson's front matter (`lesson:`)."""

from __future__ import annotations

import posixpath
import re

import yaml

from ungsoc import generated
from ungsoc.errors import Problem
from ungsoc.frontmatter import split
from ungsoc.mdtext import after_first_heading

PATH = "school/lessons.md"
# Each country's own grade bands: Norway counts 1.-10. trinn, so its middle bands are 5-7 and
# 8-10; Sweden and Denmark say 4-6 and 7-9. Index order is this order.
BANDS = ("4-6", "5-7", "7-9", "8-10", "upper-secondary")
COUNTRY_BANDS = {"sv": ("4-6", "7-9", "upper-secondary"), "da": ("4-6", "7-9", "upper-secondary"),
                 "no": ("5-7", "8-10", "upper-secondary")}
# A school lesson in all three countries' timetables.
LESSON_MINUTES = 45
# The heading the timed plan goes under, marked in the page: `## Så här gör du {: .lesson-plan }`.
PLAN_HEADING = re.compile(r"^##[^\n]*\{:[^}\n]*\.lesson-plan\b[^}\n]*\}[ \t]*$", re.M)


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


def index_markdown(pages, language: str, words: dict[str, dict]) -> str:
    """pages: (src_uri, source) of the teacher-guide pages in the reader's build; words: each
    language's `lessons:` words from content/ui/<language>.yml."""
    text = words[language]
    by_band: dict[str, list[str]] = {band: [] for band in BANDS}
    for src_uri, source in sorted(pages):
        meta = lesson_meta(source)
        if meta:
            # A lesson borrowed from the default language lives in another folder.
            link = posixpath.relpath(src_uri, f"{language}/school")
            by_band[meta["grades"]].append(
                f"- [{title_of(source, link)}]({link}) ({meta['duration_minutes']} {text['minutes']})")
    lines = [generated.front_matter("school") + f"# {text['title']}", "", text["intro"], ""]
    for band in BANDS:
        if by_band[band]:
            lines += [f"## {band_name(band, language, words)}", "", *by_band[band], ""]
    return "\n".join(lines)


def band_name(band: str, language: str, words: dict[str, dict]) -> str:
    # A lesson borrowed from another country keeps its own band's words.
    return words[language]["bands"].get(band) or next(w["bands"][band] for w in words.values() if band in w["bands"])


def with_facts(markdown: str, lesson: dict, language: str, words: dict[str, dict],
               handouts: list[tuple[str, str]] = ()) -> str:
    """A lesson's grade band, duration and curriculum links under its heading, from front matter,
    and its handouts: (title, link) of each, in the order the lesson uses them."""
    text = words[language]
    curriculum = "; ".join(f"[{item['text']}]({item['source']})" for item in lesson["curriculum"])
    block = (f'!!! abstract ""\n    **{text["grades"]}:** {band_name(lesson["grades"], language, words)} · '
             f'**{text["duration"]}:** {lesson["duration_minutes"]} {text["minutes"]}  \n'
             f'    **{text["curriculum"]}:** {curriculum}\n')
    if handouts:
        links = "".join(f"    - [{title}]({link})\n" for title, link in handouts)
        block += f'\n!!! info "{text["print"]}"\n{links}'
    return after_first_heading(markdown, block)


def handout_links(lesson: dict, src_uri: str, files, file: str) -> tuple[list[tuple[str, str]], list[Problem]]:
    """Each handout the lesson names, with the title of its page; a missing page is a problem."""
    found, problems = [], []
    for link in lesson.get("handouts") or []:
        target = files.get_file_from_path(posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), link)))
        if target is None:
            problems.append(Problem(file, 2, "lesson.handouts", f"{link} does not exist; give a path relative "
                                    "to the lesson page, e.g. handouts/lesson-7-9-case.md"))
        else:
            found.append((title_of(target.content_string, link), link))
    return found, problems


def plan_table(steps: list[dict], language: str, words: dict[str, dict]) -> str:
    """The timed plan as a table: each step's minutes from the start of the lesson."""
    text, start, rows = words[language], 0, []
    for step in steps:
        end = start + step["minutes"]
        rows.append(f"| {start}–{end} | **{step['name']}.** {' '.join(step['do'].split())} |")
        start = end
    return "\n".join([f"| {text['plan_time']} | {text['plan_do']} |", "| --- | --- |", *rows])


def with_plan(markdown: str, table: str) -> str:
    """The plan table right under the heading marked `{: .lesson-plan }`."""
    match = PLAN_HEADING.search(markdown)
    return f"{markdown[:match.end()]}\n\n{table}\n{markdown[match.end():]}" if match else markdown


def check(lesson: dict, markdown: str, language: str, file: str) -> list[Problem]:
    """Rules the schema cannot say: the country's grade bands, and a plan that fills the lesson."""
    problems = []
    bands = COUNTRY_BANDS.get(language)
    if bands and lesson.get("grades") not in bands:
        problems.append(Problem(file, 2, "lesson.grades", f"{lesson.get('grades')!r} is not a grade band of this "
                                f"country's schools; use one of: {', '.join(bands)}"))
    steps = lesson.get("steps") or []
    total = sum(step.get("minutes", 0) for step in steps if isinstance(step, dict))
    if steps and total != lesson.get("duration_minutes"):
        problems.append(Problem(file, 2, "lesson.steps", f"the steps add up to {total} minutes but duration_minutes "
                                f"is {lesson.get('duration_minutes')}; make them agree"))
    if steps and not PLAN_HEADING.search(markdown):
        problems.append(Problem(file, 2, "lesson.steps", "no heading for the plan; add `{: .lesson-plan }` to the "
                                "end of the heading the timed plan goes under"))
    return problems
