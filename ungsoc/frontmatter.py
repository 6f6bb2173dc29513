"""Page front matter, validated against page.schema.json in the content folder, with file:line messages."""

from __future__ import annotations

import re
from pathlib import Path

from ungsoc import schema
from ungsoc.errors import Problem
from ungsoc.yamlsource import parse

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.S)


def split(source: str) -> tuple[str | None, int]:
    """The front-matter text and the number of lines before the Markdown body."""
    match = FRONT_MATTER.match(source)
    if not match:
        return None, 0
    return match.group(1) or "", source.count("\n", 0, match.end())


def check(source: str, file: str, content_dir: Path) -> list[Problem]:
    text, _ = split(source)
    if text is None:
        return [Problem(file, 1, "", "no front matter; start the page with a --- block holding at least audience: and reviewed:")]
    doc, problems = parse(text, file, line_offset=1)
    if doc is None:
        return problems
    if not isinstance(doc.data, dict):
        return [Problem(file, 2, "", "front matter must be a mapping such as `audience: youth`")]
    # PyYAML turns an unquoted date into a date object; the schema wants the ISO text.
    doc.data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in doc.data.items()}
    return schema.validate(doc, content_dir / "page.schema.json")
