"""Page front matter: the one reader for it (check, build, report, lesson index).

Validated against page.schema.json in the content folder with file:line messages, plus what
a schema cannot say (a `reviewed` date in the future).
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from ungsoc import schema
from ungsoc.errors import Problem
from ungsoc.yamlsource import iso_dates, parse

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.S)


def split(source: str) -> tuple[str | None, int]:
    """The front-matter text and the number of lines before the Markdown body."""
    match = FRONT_MATTER.match(source)
    if not match:
        return None, 0
    return match.group(1) or "", source.count("\n", 0, match.end())


@dataclass
class FrontMatter:
    meta: dict                 # {} when missing or broken (problems say why)
    body_start: int            # lines before the Markdown body
    problems: list[Problem] = field(default_factory=list)


def read(source: str, file: str, content_dir: Path | None, today: datetime.date | None = None) -> FrontMatter:
    """The front matter; checked against the schema in content_dir (None: read only)."""
    text, body_start = split(source)
    if text is None:
        return FrontMatter({}, 0, [Problem(file, 1, "", "no front matter; start the page with a --- block "
                                                         "holding at least audience: and reviewed:")])
    doc, problems = parse(text, file, line_offset=1)
    if doc is None:
        return FrontMatter({}, body_start, problems)
    if not isinstance(doc.data, dict):
        return FrontMatter({}, body_start, [Problem(file, 2, "", "front matter must be a mapping such as `audience: youth`")])
    # PyYAML turns an unquoted date into a date object; the schema wants the ISO text.
    doc.data = iso_dates(doc.data)
    if content_dir is None:
        return FrontMatter(doc.data, body_start, list(doc.problems))
    problems = schema.validate(doc, content_dir / "page.schema.json")
    reviewed = doc.data.get("reviewed")
    if isinstance(reviewed, str) and not any(p.field == "reviewed" for p in problems):
        try:
            day = datetime.date.fromisoformat(reviewed)
        except ValueError:
            problems.append(doc.problem(("reviewed",), f"'{reviewed}' is not a valid date; expected YYYY-MM-DD"))
        else:
            if day > (today or datetime.date.today()):
                problems.append(doc.problem(("reviewed",), f"{reviewed} is in the future; "
                                                           "write the date the page was actually checked"))
    return FrontMatter(doc.data, body_start, problems)


@functools.lru_cache(maxsize=4096)
def _read_cached(source: str, file: str, content_dir: Path | None, today: datetime.date) -> FrontMatter:
    return read(source, file, content_dir, today)


def check(source: str, file: str, content_dir: Path) -> list[Problem]:
    return _read_cached(source, file, content_dir, datetime.date.today()).problems


def meta(source: str) -> dict:
    """The front matter of a page as data ({} when it is missing or broken). Cached by the
    text itself, so the lesson index, lesson facts and report read each page once."""
    return _read_cached(source, "", None, datetime.date.today()).meta
